"""Resolutions, their sections and mandates, the bodies that own them, work plans, and
the append-only history of mandate updates."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import roles
from core.choices import Audience, Language, check_in_choices
from core.models import UpdateBase, update_constraints


class LocalizedNameMixin:
    """Models with ``name_en``/``name_es``/``name_fr``/``name_pt`` show the user's language."""

    def localized_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en


class OwnerQuerySet(models.QuerySet):
    def visible_to(self, user) -> OwnerQuerySet:
        """Owners are named on mandates: whoever may read the mandates may read who they name."""
        return self.none() if Mandate.objects.visible_to(user).query.is_empty() else self


class Owner(LocalizedNameMixin, models.Model):
    """A body a mandate asks to act (CICTE Secretariat, Member States, …)."""

    name_en = models.CharField(_("name (English)"), max_length=200, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    is_member_states = models.BooleanField(
        _("stands for the member states"),
        default=False,
        help_text=_("The owner the importer gives to paragraphs that call on states to act without naming a body."),
    )
    notify_email = models.EmailField(_("email for reminders"), blank=True)

    objects = OwnerQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("owner")
        verbose_name_plural = _("owners")

    def __str__(self) -> str:
        return self.name_en


class OwnerAlias(models.Model):
    """A phrase that names an owner in one language; the importer matches owners through these."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("owner"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.CharField(_("alias"), max_length=200)

    class Meta:
        ordering = ["owner__name_en", "language", "text"]
        verbose_name = _("owner alias")
        verbose_name_plural = _("owner aliases")
        constraints = [
            models.UniqueConstraint(fields=["language", "text"], name="commitments_owneralias_unique_text"),
            check_in_choices("language", Language, "commitments_owneralias_language_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"


class WorkPlan(models.Model):
    """The CICTE Work Plan of a period, e.g. 2023-2024."""

    title = models.CharField(_("title"), max_length=200)
    symbol = models.CharField(_("symbol"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(fields=["start_year", "end_year"], name="commitments_workplan_unique_period"),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="commitments_workplan_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgramArea(LocalizedNameMixin, models.Model):
    """A program area of a work plan (cybersecurity, border management, …)."""

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="program_areas", verbose_name=_("work plan")
    )
    code = models.SlugField(_("code"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=200, blank=True)

    class Meta:
        ordering = ["work_plan", "name_en"]
        verbose_name = _("program area")
        verbose_name_plural = _("program areas")
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "code"], name="commitments_programarea_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name_en


class Resolution(models.Model):
    """An adopted document whose operative paragraphs are mandates."""

    symbol = models.CharField(_("symbol"), max_length=100, unique=True, help_text=_("e.g. CICTE/doc.6/23 rev. 2"))
    series = models.CharField(_("series"), max_length=100, blank=True, help_text=_("e.g. OEA/Ser.L/X.2.23"))
    body = models.CharField(_("body"), max_length=100, blank=True, help_text=_("e.g. CICTE, General Assembly"))
    session = models.PositiveSmallIntegerField(_("session"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    adopted_on = models.DateField(_("date of adoption"), null=True, blank=True)
    original_language = models.CharField(_("original language"), max_length=2, choices=Language.choices, blank=True)
    title = models.TextField(_("title"), blank=True)
    preamble = models.TextField(_("preamble"), blank=True)
    work_plan = models.ForeignKey(
        WorkPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("work plan"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-adopted_on", "symbol"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(original_language__in=[*Language.values, ""]),
                name="commitments_resolution_original_language_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("commitments:resolution_detail", args=[self.pk])


class ResolutionText(models.Model):
    """One language version of a resolution, as imported (the languages of the text held)."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.TextField(_("title"), blank=True)
    preamble = models.TextField(_("preamble"), blank=True)
    text = models.TextField(_("text as imported"), blank=True, help_text=_("The cleaned text the importer read."))
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["resolution", "language"]
        verbose_name = _("resolution text")
        verbose_name_plural = _("resolution texts")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "language"], name="commitments_resolutiontext_unique_language"
            ),
            check_in_choices("language", Language, "commitments_resolutiontext_language_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.resolution} ({self.language})"


class ResolutionImportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ResolutionImportQuerySet:
        """Import reports are the Secretariat's working records."""
        return self if roles.is_secretariat(user) else self.none()


class ResolutionImport(models.Model):
    """One run of the importer on a resolution: an append-only record of what it changed."""

    class Mode(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated in place")
        TRANSLATION = "translation", _("Text in another language attached")

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="imports", verbose_name=_("resolution")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    # {"added": [...], "removed": [...], "changed": [...], "unmatched": [...], "warnings": [...]}:
    # paragraph labels ("§2 ¶4.a"), so the report reads the same after later edits.
    summary = models.JSONField(_("what changed"), default=dict)

    objects = ResolutionImportQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("resolution import")
        verbose_name_plural = _("resolution imports")
        constraints = [
            check_in_choices("language", Language, "commitments_resolutionimport_language_valid"),
            models.CheckConstraint(
                condition=Q(mode__in=["created", "updated", "translation"]),
                name="commitments_resolutionimport_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution} ({self.language}) @ {self.imported_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:import_result", args=[self.pk])


class Section(models.Model):
    """A heading inside a resolution; a resolution without headings has one untitled section."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="sections", verbose_name=_("resolution")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    translations = models.JSONField(
        _("titles in other languages"), default=dict, blank=True, help_text=_('{"es": "…", "en": "…"}')
    )

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "position"], name="commitments_section_unique_position"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.resolution} §{self.position}"

    def title_in(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return self.translations.get(language) or self.title


class MandateKind(models.TextChoices):
    ACTION = "action", _("Action")
    DECLARATORY = "declaratory", _("Declaratory")


class MandateStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    ONGOING = "ongoing", _("Ongoing (continuous)")
    NO_ACTION_REQUIRED = "no_action_required", _("No action required")
    SUPERSEDED = "superseded", _("Superseded")

    @classmethod
    def closed_values(cls) -> list[str]:
        return [cls.COMPLETED, cls.NO_ACTION_REQUIRED, cls.SUPERSEDED]


class MandateQuerySet(models.QuerySet):
    def visible_to(self, user) -> MandateQuerySet:
        """Mandates are public to every signed-in user, and to anonymous visitors when
        ``PUBLIC_MANDATES`` is on."""
        if user.is_authenticated and user.is_active:
            return self
        return self if settings.PUBLIC_MANDATES else self.none()

    def top_level(self) -> MandateQuerySet:
        return self.filter(parent__isnull=True)

    def open(self) -> MandateQuerySet:
        return self.exclude(status__in=Mandate.Status.closed_values())

    def overdue(self, today: datetime.date) -> MandateQuerySet:
        return self.filter(self.overdue_condition(today))

    @staticmethod
    def overdue_condition(today: datetime.date) -> Q:
        """What "overdue" means, as a condition a list can also show per row (a flag computed
        from the row's own columns, not a subquery per row)."""
        return ~Q(status__in=Mandate.Status.closed_values()) & Q(deadline__lt=today)

    @staticmethod
    def stale_condition(now: datetime.datetime, days: int, last_update: str = "last_update_on") -> Q:
        """What "stale" means, over an annotation ``last_update`` holding the day the latest
        update happened (see ``with_last_update_on``).

        The days count from the later of the last update and the resolution's adoption: a
        mandate adopted in 2023 and imported yesterday, untouched since, is stale; one adopted
        last week is not. Only with neither date do they count from the import. An update counts
        on the day it happened, not the day it was written: a mission of last spring recorded
        today does not make the mandate look worked on this week."""
        cutoff = now - datetime.timedelta(days=days)
        cutoff_day = timezone.localdate(cutoff)
        last = Q(**{f"{last_update}__isnull": True}) | Q(**{f"{last_update}__lt": cutoff_day})
        adopted = Q(resolution__adopted_on__isnull=True) | Q(resolution__adopted_on__lt=cutoff_day)
        some_date = (
            Q(**{f"{last_update}__isnull": False}) | Q(resolution__adopted_on__isnull=False) | Q(created_at__lt=cutoff)
        )
        return (
            ~Q(status__in=Mandate.Status.closed_values())
            & ~Q(kind=Mandate.Kind.DECLARATORY)
            & last
            & adopted
            & some_date
        )

    def due_within(self, today: datetime.date, days: int) -> MandateQuerySet:
        return self.open().filter(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days))

    def with_last_update_on(self, user=None) -> MandateQuerySet:
        """``last_update_on``: the day the latest update ``user`` may read happened, or the
        latest of all when no reader is named. A date or flag shown to a reader is computed from
        what it may read, so a Secretariat-only note moves nothing it sees.

        Read from the mandate's own columns (kept by ``refresh_latest_updates``), chosen by
        the audiences ``user`` may read: a subquery per mandate cost the stale filter 3 s over
        100,000 mandates."""
        audiences = None if user is None else MandateUpdate.objects.audiences_for(user)
        if audiences is None:
            return self.annotate(last_update_on=F("latest_update_on"))
        if audiences == [Audience.PUBLIC]:
            return self.annotate(last_update_on=F("latest_public_update_on"))
        return self.annotate(last_update_on=Value(None, output_field=models.DateField()))

    def note_update(self, happened_on: datetime.date, audience: str) -> int:
        """Move these mandates' latest-update days to ``happened_on`` where it is later (a
        public update moves both days, any other only ``latest_update_on``). One UPDATE that
        compares with the row as it stands when it writes, so two updates written at once both
        count; what ``commitments.services`` calls with each update it writes."""

        def later(field: str) -> Case:
            is_later = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": happened_on})
            return Case(When(is_later, then=Value(happened_on)), default=F(field))

        changes = {"latest_update_on": later("latest_update_on")}
        if audience == Audience.PUBLIC:
            changes["latest_public_update_on"] = later("latest_public_update_on")
        return self.update(**changes)

    def refresh_latest_updates(self) -> int:
        """Set these mandates' ``latest_update_on`` and ``latest_public_update_on`` from all
        their updates: for the writers of many updates at once (the importer, ``generate_scale``),
        in the same transaction."""
        updates = MandateUpdate.objects.filter(mandate=OuterRef("pk")).order_by("-happened_on")
        return self.update(
            latest_update_on=Subquery(updates.values("happened_on")[:1]),
            latest_public_update_on=Subquery(updates.filter(audience=Audience.PUBLIC).values("happened_on")[:1]),
        )

    def stale(self, now: datetime.datetime, days: int, user=None) -> MandateQuerySet:
        """Open mandates without an update for ``days`` days (see ``stale_condition``); with
        ``user``, counting only the updates that user may read."""
        return self.with_last_update_on(user).filter(self.stale_condition(now, days))

    def in_document_order(self) -> MandateQuerySet:
        return self.order_by("resolution_id", "section__position", "tree_position")


class Mandate(models.Model):
    """One operative paragraph: what it asks, of whom, under which conditions, by when."""

    Kind = MandateKind
    Status = MandateStatus

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("resolution")
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("section"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    number = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_("“4”, “a”, “iii”; blank when unnumbered")
    )
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("Order among its siblings."))
    # Sorts a mandate after its parent and siblings in document order ("0003.0001").
    tree_position = models.CharField(max_length=60, editable=False, default="")
    text = models.TextField(_("text"))
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices)
    translations = models.JSONField(_("text in other languages"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTION)
    owners = models.ManyToManyField(Owner, related_name="mandates", blank=True, verbose_name=_("owners"))
    owner_phrase = models.CharField(
        _("owner phrase"), max_length=300, blank=True, help_text=_("The words that name the owner in the text.")
    )
    on_request = models.BooleanField(_("upon request of member states"), default=False)
    subject_to_resources = models.BooleanField(_("subject to available resources"), default=False)
    voluntary = models.BooleanField(_("voluntary"), default=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(
        _("deadline as written"), max_length=200, blank=True, help_text=_("e.g. “at its next regular session”")
    )
    program_areas = models.ManyToManyField(
        ProgramArea, related_name="mandates", blank=True, verbose_name=_("program areas")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    # Optimistic locking: a save carries the version it read; a stale version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The day the latest update happened: of any audience (what the Secretariat reads) and of
    # the public ones (what everyone else reads). Kept by ``refresh_latest_updates``; the list's
    # "last update" column, its sort and the stale filter read them through
    # ``with_last_update_on``, which picks the one its reader may see.
    latest_update_on = models.DateField(_("latest update"), null=True, blank=True, editable=False)
    latest_public_update_on = models.DateField(_("latest public update"), null=True, blank=True, editable=False)

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["resolution", "section__position", "tree_position"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            check_in_choices("kind", MandateKind, "commitments_mandate_kind_valid"),
            check_in_choices("status", MandateStatus, "commitments_mandate_status_valid"),
            check_in_choices("language", Language, "commitments_mandate_language_valid"),
            # A paragraph number is unique inside its section (top level) or its parent (sub-items).
            models.UniqueConstraint(
                fields=["section", "number"],
                condition=Q(parent__isnull=True) & ~Q(number=""),
                name="commitments_mandate_unique_number_in_section",
            ),
            models.UniqueConstraint(
                fields=["parent", "number"],
                condition=Q(parent__isnull=False) & ~Q(number=""),
                name="commitments_mandate_unique_number_in_parent",
            ),
        ]
        indexes = [
            # Dashboard and list filters: mandates by status and by deadline.
            models.Index(fields=["status", "deadline"], name="commitments_mandate_status_dl"),
            # The mandate list's text search matches a paragraph number ("4", "iii") exactly.
            # Two more indexes exist on PostgreSQL only (migration 0007; SQLite can build
            # neither): the full-text index of the text, and the resolutions' newest-first
            # order (the mandate list's default) with its NULLS LAST.
            models.Index(fields=["number"], name="commitments_mandate_number"),
            # The open action mandates with what their document order needs (a state's page
            # lists those addressed to member states, 11,000 of 100,000 at ten years' volume):
            # read from this narrow index, not from the table and its texts.
            models.Index(
                fields=["id", "resolution", "section", "tree_position"],
                condition=~Q(kind=MandateKind.DECLARATORY) & ~Q(status__in=MandateStatus.closed_values()),
                name="commitments_mandate_open",
            ),
            # The stale filter (its count, and its page's ids in the list's orders): the open
            # action mandates with the columns ``stale_condition`` reads and the document
            # order's, so that neither reads the table and its texts (a scan of 240 MB at ten
            # years' volume).
            models.Index(
                fields=[
                    "resolution",
                    "latest_update_on",
                    "latest_public_update_on",
                    "created_at",
                    "section",
                    "tree_position",
                    "id",
                ],
                condition=~Q(kind=MandateKind.DECLARATORY) & ~Q(status__in=MandateStatus.closed_values()),
                name="commitments_mandate_stale",
            ),
            # The list sorted by last update, for the Secretariat (``latest_update_on``) and for
            # everyone else (``latest_public_update_on``): the sort's columns read from these
            # narrow indexes, not from the table.
            models.Index(
                fields=["latest_update_on", "resolution", "section", "tree_position", "id"],
                name="commitments_mandate_updated",
            ),
            models.Index(
                fields=["latest_public_update_on", "resolution", "section", "tree_position", "id"],
                name="commitments_mandate_pub_upd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution.symbol} · {self.display_number}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:mandate_detail", args=[self.pk])

    @property
    def display_number(self) -> str:
        """ "§2 ¶4.a": the section position, then the paragraph path."""
        path = [self.number or "–"]
        if self.parent_id:
            path.insert(0, self.parent.number or "–")
        return f"§{self.section.position} ¶{'.'.join(path)}"

    def text_in(self, language: str | None = None) -> tuple[str, str]:
        """The text in ``language`` when held, else the original; returns (text, language)."""
        language = (language or get_language() or "en")[:2]
        if language != self.language and self.translations.get(language):
            return self.translations[language], language
        return self.text, self.language

    @property
    def conditions(self) -> list[str]:
        names = ("on_request", "subject_to_resources", "voluntary")
        return [name for name in names if getattr(self, name)]


class MandateUpdateQuerySet(models.QuerySet):
    def visible_to(self, user) -> MandateUpdateQuerySet:
        """The Secretariat reads every update; everyone else only public ones."""
        audiences = self.audiences_for(user)
        if audiences is None:
            return self
        return self.filter(audience__in=audiences) if audiences else self.none()

    @staticmethod
    def audiences_for(user) -> list[str] | None:
        """The audiences of the updates ``user`` may read: None for all of them (the
        Secretariat), [public] for other readers, [] for nobody. ``visible_to`` and the
        mandates' ``with_last_update_on`` both follow it."""
        if roles.is_secretariat(user):
            return None
        if (user.is_authenticated and user.is_active) or settings.PUBLIC_MANDATES:
            return [Audience.PUBLIC]
        return []


class MandateUpdate(UpdateBase):
    """An append-only entry in a mandate's history, written by ``commitments.services``
    (author, dates, note and audience: ``core.models.UpdateBase``)."""

    AUDIENCES = [Audience.INTERNAL, Audience.PUBLIC]

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="updates", verbose_name=_("mandate"))
    old_status = models.CharField(_("previous status"), max_length=20, choices=Mandate.Status.choices, blank=True)
    new_status = models.CharField(_("new status"), max_length=20, choices=Mandate.Status.choices, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)

    objects = MandateUpdateQuerySet.as_manager()

    class Meta(UpdateBase.Meta):
        verbose_name = _("mandate update")
        verbose_name_plural = _("mandate updates")
        indexes = [
            # A mandate's latest update (the list's "last update" column and the stale flag)
            # and its timeline, newest first.
            models.Index(fields=["mandate", "-created_at"], name="commitments_mupdate_latest"),
            # The day a mandate's latest update happened (the list's "last update" column, the
            # stale flag and filter, the reminders): one index entry per mandate read, whatever
            # order the updates were written in.
            models.Index(fields=["mandate", "-happened_on"], name="commitments_mupdate_happened"),
        ]
        constraints = update_constraints(
            "commitments_mandateupdate", statuses=Mandate.Status.values, audiences=[Audience.INTERNAL, Audience.PUBLIC]
        )

    def __str__(self) -> str:
        return f"{self.mandate} @ {self.created_at:%Y-%m-%d}"


from commitments.lineage import MandateLink  # noqa: E402, F401 - its own module, registered here
from commitments.models_imports import PendingImport  # noqa: E402, F401 - its own module, registered here
from commitments.overlap import MandatePairReview  # noqa: E402, F401 - its own module, registered here
from commitments.workplan import (  # noqa: E402,F401 - its own module, registered here
    Commitment,
    Indicator,
    ProgressReport,
    ReportingPeriod,
)
