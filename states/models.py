"""Member states, their focal points, the assistance requests they file, the history of those
requests, the activities delivered, attachments and the email outbox.

Who may see a row is decided by each model's ``visible_to`` QuerySet method and nowhere else.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import LocalizedNameMixin, Mandate, ProgramArea
from commitments.workplan import Commitment
from core import roles
from core.choices import Audience, Language, check_in_choices
from core.models import UpdateBase, update_constraints


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NOT_PARTICIPATING = "not_participating", _("Member, not participating")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CONTESTED = "contested", _("Representation contested")


class MemberStateQuerySet(models.QuerySet):
    def visible_to(self, user) -> MemberStateQuerySet:
        """The states whose requests and page ``user`` may see: all for the Secretariat, its own
        for a focal point, none otherwise (names of states are public; their portals are not)."""
        if roles.is_secretariat(user):
            return self
        state_id = roles.focal_state_id(user)
        return self.none() if state_id is None else self.filter(pk=state_id)


class MemberState(LocalizedNameMixin, models.Model):
    Membership = MembershipStatus

    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_es = models.CharField(_("name (Spanish)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=100)
    membership = models.CharField(_("membership"), max_length=20, choices=Membership.choices, default=Membership.ACTIVE)
    membership_ended_on = models.DateField(_("membership ended on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = MemberStateQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        constraints = [
            check_in_choices("membership", MembershipStatus, "states_memberstate_membership_valid"),
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="states_memberstate_iso2_format"),
            models.CheckConstraint(condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="states_memberstate_iso3_format"),
            models.CheckConstraint(
                condition=Q(membership="withdrawn", membership_ended_on__isnull=False) | ~Q(membership="withdrawn"),
                name="states_memberstate_withdrawn_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.localized_name()

    def get_absolute_url(self) -> str:
        return reverse("states:state_detail", args=[self.iso3])

    def can_file_requests(self, on: datetime.date | None = None) -> bool:
        """A state that has left keeps its history but files nothing new; nor does one that
        does not participate."""
        on = on or datetime.date.today()
        if self.membership == self.Membership.NOT_PARTICIPATING:
            return False
        if self.membership == self.Membership.WITHDRAWN:
            return self.membership_ended_on is not None and on < self.membership_ended_on
        return True


class FocalPoint(models.Model):
    """A user who speaks for one member state; every focal point of a state shares its portal."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point", verbose_name=_("user")
    )
    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="focal_points", verbose_name=_("member state")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    # Reminders and digests are written in this language (blank: the site's default).
    language = models.CharField(_("language for emails"), max_length=2, choices=Language.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["state__name_en", "user__username"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=[*Language.values, ""]), name="states_focalpoint_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.state.iso3})"


class RequestCounter(models.Model):
    """The last reference number given out in a year (REQ-2026-0007), incremented under lock."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("request counter")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ON_HOLD = "on_hold", _("On hold (lack of funds)")

    @classmethod
    def closed_values(cls) -> list[str]:
        return [cls.CLOSED, cls.DECLINED, cls.WITHDRAWN]


class RequestType(models.TextChoices):
    TECHNICAL = "technical", _("Technical assistance")
    LEGISLATIVE = "legislative", _("Legislative assistance")
    CAPACITY_BUILDING = "capacity_building", _("Capacity building / training")
    INFORMATION_EXCHANGE = "information_exchange", _("Information exchange")
    EQUIPMENT = "equipment", _("Equipment")
    OTHER = "other", _("Other")


class RequestChannel(models.TextChoices):
    PORTAL = "portal", _("This portal")
    NOTE_VERBALE = "note_verbale", _("Note verbale")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")


class RequestPriority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class AssistanceRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> AssistanceRequestQuerySet:
        """The Secretariat sees every request; a focal point its own state's; nobody else any."""
        if roles.is_secretariat(user):
            return self
        state_id = roles.focal_state_id(user)
        if state_id is None:
            return self.none()
        return self.filter(state_id=state_id)

    def open(self) -> AssistanceRequestQuerySet:
        return self.exclude(status__in=AssistanceRequest.Status.closed_values())

    def stale(self, now: datetime.datetime, days: int) -> AssistanceRequestQuerySet:
        """Open requests nobody has touched for ``days`` days (every service write bumps
        ``updated_at``: updates, status changes, activities, documents)."""
        return self.open().filter(updated_at__lt=now - datetime.timedelta(days=days))


class AssistanceRequest(models.Model):
    Status = RequestStatus
    Type = RequestType
    Channel = RequestChannel
    Priority = RequestPriority

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="requests", verbose_name=_("member state")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    mandates = models.ManyToManyField(Mandate, related_name="requests", blank=True, verbose_name=_("mandates"))
    program_area = models.ForeignKey(
        ProgramArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("program area"),
    )
    # The Work Plan commitment this request is delivered under: delivered requests count in its
    # "requests delivered" indicators (states.indicators).
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("Work Plan commitment"),
    )
    request_type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PORTAL)
    received_on = models.DateField(_("received on"))
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssistanceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        constraints = [
            check_in_choices("status", RequestStatus, "states_assistancerequest_status_valid"),
            check_in_choices("request_type", RequestType, "states_assistancerequest_type_valid"),
            check_in_choices("channel", RequestChannel, "states_assistancerequest_channel_valid"),
            check_in_choices("priority", RequestPriority, "states_assistancerequest_priority_valid"),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True) | Q(delivered_on__gte=F("received_on")),
                name="states_assistancerequest_delivered_after_received",
            ),
            models.CheckConstraint(
                condition=Q(reference__regex=r"^REQ-[0-9]{4}-[0-9]{4,}$"),
                name="states_assistancerequest_reference_format",
            ),
        ]
        indexes = [
            # A focal point's portal and the dashboard: requests of a state by status.
            models.Index(fields=["state", "status"], name="states_request_state_status"),
            # The request list in its default order (newest received first, ``-pk`` breaking
            # ties): reads the first page off the index instead of sorting every request.
            models.Index(fields=["-received_on", "-id"], name="states_request_received"),
            # The same list for a focal point (and the state page's requests): one state's,
            # newest first.
            models.Index(fields=["state", "-received_on", "-id"], name="states_request_state_recv"),
            # The request list filtered by status (the dashboard's status links), newest first.
            models.Index(fields=["status", "-received_on", "-id"], name="states_request_status_recv"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("states:request_detail", args=[self.reference])


class AudienceQuerySet(models.QuerySet):
    """Rows under a request that carry an audience (updates, attachments)."""

    request_path = "request__state_id"

    def visible_to(self, user):
        if roles.is_secretariat(user):
            return self
        state_id = roles.focal_state_id(user)
        if state_id is None:
            return self.none()
        return self.filter(**{self.request_path: state_id}, audience=Audience.STATE)


class RequestUpdate(UpdateBase):
    """An append-only entry in a request's history, written by ``states.services`` (author,
    dates, note and audience: ``core.models.UpdateBase``)."""

    AUDIENCES = [Audience.INTERNAL, Audience.STATE]

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="updates", verbose_name=_("request")
    )
    old_status = models.CharField(
        _("previous status"), max_length=20, choices=AssistanceRequest.Status.choices, blank=True
    )
    new_status = models.CharField(_("new status"), max_length=20, choices=AssistanceRequest.Status.choices, blank=True)
    # Every service names the audience; the model's default stays what it always was.
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.STATE)
    # What an edit changed, {"field": [old, new]} in display form, so that a refused stale save
    # can tell the user what happened since they read the request.
    changes = models.JSONField(_("changes"), default=dict, blank=True, editable=False)
    # The request's version once this entry was written (blank for entries that left it alone).
    request_version = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = AudienceQuerySet.as_manager()

    class Meta(UpdateBase.Meta):
        verbose_name = _("request update")
        verbose_name_plural = _("request updates")
        constraints = update_constraints(
            "states_requestupdate",
            statuses=AssistanceRequest.Status.values,
            audiences=[Audience.INTERNAL, Audience.STATE],
        )

    def __str__(self) -> str:
        return f"{self.request.reference} @ {self.created_at:%Y-%m-%d %H:%M}"

    def change_lines(self) -> list[str]:
        """“Priority: Normal → High”, one per field this entry changed, in the reader's language."""
        lines = []
        if self.changes_status:
            lines.append(_change_line(_("status"), self.get_old_status_display() or "—", self.get_new_status_display()))
        for name, (old, new) in self.changes.items():
            field = AssistanceRequest._meta.get_field(name)
            lines.append(_change_line(field.verbose_name, _display(field, old), _display(field, new)))
        return lines

    def describe_changes(self) -> list[str]:
        """The change lines, each signed with who and when (for a refused stale save)."""
        who = self.author.get_username() if self.author else _("someone")
        when = timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")
        return [f"{line} ({who}, {when})" for line in self.change_lines()]


def _change_line(label, old: str, new: str) -> str:
    return f"{str(label).capitalize()}: {old} → {new}"


def _display(field, value) -> str:
    """A stored history value as a reader sees it: choice labels, mandate lists, dashes for blanks."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return "; ".join(value)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user) -> ActivityQuerySet:
        """The Secretariat sees every activity; a focal point those delivered to its state.

        An activity under a request belongs to that request's state (``Activity.clean`` refuses
        anything else); asking for both keeps a row saved wrongly before that rule out of
        another state's portal and exports. The request's state is asked as "among the state's
        requests" (one lookup table of their ids, read from an index) rather than by a join
        per activity: the state page's participant totals over 2,000 activities took twice
        as long through the join."""
        if roles.is_secretariat(user):
            return self
        state_id = roles.focal_state_id(user)
        if state_id is None:
            return self.none()
        own_requests = AssistanceRequest.objects.filter(state_id=state_id).values("pk")
        return self.filter(Q(request__isnull=True) | Q(request__in=own_requests), state_id=state_id)


class ActivityType(models.TextChoices):
    TRAINING = "training", _("Training course")
    WORKSHOP = "workshop", _("Workshop")
    TECHNICAL_MISSION = "technical_mission", _("Technical mission")
    LEGISLATIVE_REVIEW = "legislative_review", _("Legislative review")
    EXERCISE = "exercise", _("Exercise / simulation")
    CONFERENCE = "conference", _("Conference / meeting")
    EQUIPMENT = "equipment", _("Equipment delivery")
    OTHER = "other", _("Other")


class Activity(models.Model):
    """Something delivered under a request and/or a mandate."""

    Type = ActivityType

    request = models.ForeignKey(
        AssistanceRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("request"),
    )
    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("mandate")
    )
    # The beneficiary state: the request's state when under a request; blank for a regional activity.
    state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("member state"),
    )
    activity_type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    participants_women = models.IntegerField(_("women participants"), default=0)
    participants_men = models.IntegerField(_("men participants"), default=0)
    participants_other = models.IntegerField(_("other or undisclosed participants"), default=0)
    institutions = models.TextField(_("institutions"), blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    # The Work Plan commitment it delivers: its count, participants and state roll up into the
    # commitment's computed indicators (states.indicators) without a second entry.
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("Work Plan commitment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            check_in_choices("activity_type", ActivityType, "states_activity_type_valid"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="states_activity_end_after_start"),
            models.CheckConstraint(
                condition=Q(participants_women__gte=0) & Q(participants_men__gte=0) & Q(participants_other__gte=0),
                name="states_activity_participants_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(request__isnull=False) | Q(mandate__isnull=False),
                name="states_activity_under_request_or_mandate",
            ),
        ]
        indexes = [
            # The activity list in its default order (latest start first, then end, ``-pk``).
            models.Index(fields=["-start_date", "-end_date", "-id"], name="states_activity_start"),
            # The same list for a focal point: the activities delivered to one state.
            models.Index(fields=["state", "-start_date", "-end_date", "-id"], name="states_activity_state_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("states:activity_detail", args=[self.pk])

    def clean(self):
        # The beneficiary of an activity under a request is that request's state: derived when
        # left blank, refused when it names another (the admin, the import and the service
        # all validate through here).
        if self.request_id is None:
            return
        request_state_id = self.request.state_id
        if self.state_id is None:
            self.state_id = request_state_id
        elif self.state_id != request_state_id:
            raise ValidationError(
                {
                    "state": ValidationError(
                        _("An activity under request %(reference)s is delivered to %(state)s, the requesting state."),
                        code="state_not_request_state",
                        params={"reference": self.request.reference, "state": self.request.state},
                    )
                }
            )

    @property
    def participants_total(self) -> int:
        return self.participants_women + self.participants_men + self.participants_other


def private_storage() -> Storage:
    """The "private" storage of ``settings.STORAGES``: a folder under ``PRIVATE_STORAGE_ROOT``,
    outside every web root, or an S3-compatible bucket (``PRIVATE_STORAGE=s3``); no public URL
    either way, documents are served by the checking views only.

    A callable, so that migrations record a reference to it rather than a machine's path or a
    bucket."""
    return storages["private"]


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the stored path reveals neither the state nor the original file name.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A document on a request, stored privately and served only through a checking view."""

    AUDIENCES = [Audience.INTERNAL, Audience.STATE]

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("request")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.STATE)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = AudienceQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__in=[Audience.INTERNAL, Audience.STATE]), name="states_attachment_audience_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("states:attachment_download", args=[self.pk])


class EmailMessageQuerySet(models.QuerySet):
    def pending(self) -> EmailMessageQuerySet:
        return self.filter(sent_at__isnull=True)


class OutgoingEmail(models.Model):
    """An email written in the same transaction as the change it reports; sent after commit
    and retried by ``manage.py send_pending_emails`` until it goes."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = EmailMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            # send_pending_emails (sent_at IS NULL) and prune_audit's sent emails older than the
            # retention (sent_at < …): neither scans years of sent mail.
            models.Index(fields=["sent_at"], name="states_email_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


# National implementation reports live in their own module; importing it here registers them.
from states.implementation import NationalImplementationReport  # noqa: E402, F401
