"""National implementation reports: what one member state says it has done about a mandate
addressed to member states.

Each entry is history (append-only, written by ``states.implementation_services``); a state's
current position on a mandate is its latest entry. A state's entries are its own business:
``visible_to`` is the one place that decides who reads them, and ``status_counts`` is the only
view of other states' positions anyone else gets (counts, never who).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate, Owner
from core import roles
from core.choices import check_in_choices
from states.models import MemberState, attachment_path, private_storage


def addressed_mandates(mandates: models.QuerySet | None = None) -> models.QuerySet:
    """Those of ``mandates`` (all by default) that ask member states to act: owned by the body
    that stands for them, and not merely declaratory (a thanks or a welcome asks nothing to
    report on)."""
    asks_states = Owner.objects.filter(is_member_states=True, mandates=OuterRef("pk"))
    mandates = Mandate.objects.all() if mandates is None else mandates
    return mandates.filter(Exists(asks_states)).exclude(kind=Mandate.Kind.DECLARATORY)


def reporting_states() -> models.QuerySet:
    """The states a mandate's counts are out of ("12 of 34"): members taking part today."""
    return MemberState.objects.filter(membership=MemberState.Membership.ACTIVE)


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# The matrix's cells are one character wide (35 states across); its legend spells them out.
STATUS_SYMBOLS = {
    ImplementationStatus.NOT_STARTED: "○",
    ImplementationStatus.IN_PROGRESS: "◐",
    ImplementationStatus.IMPLEMENTED: "●",
    ImplementationStatus.NOT_APPLICABLE: "∅",
}


class NationalImplementationReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> NationalImplementationReportQuerySet:
        """The Secretariat reads every state's reports; a focal point its own state's; anyone
        who may read the mandate also reads the entries a state chose to make public."""
        if roles.is_secretariat(user):
            return self
        public = Q(public=True, mandate__in=Mandate.objects.visible_to(user))
        state_id = roles.focal_state_id(user)
        return self.filter(public | Q(state_id=state_id)) if state_id is not None else self.filter(public)

    def latest_positions(self) -> NationalImplementationReportQuerySet:
        """Each (state, mandate)'s latest entry among these rows: the state's current position.
        Latest by the date the state gives, then by when it was recorded (served by the index
        ``states_nir_latest``)."""
        rank = Window(
            RowNumber(),
            partition_by=[F("state_id"), F("mandate_id")],
            order_by=[F("reported_on").desc(), F("created_at").desc(), F("pk").desc()],
        )
        return self.annotate(position_rank=rank).filter(position_rank=1)


class NationalImplementationReport(models.Model):
    """One entry of a member state's record on one mandate addressed to member states."""

    Status = ImplementationStatus

    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="implementation_reports", verbose_name=_("member state")
    )
    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, related_name="implementation_reports", verbose_name=_("mandate")
    )
    status = models.CharField(_("implementation status"), max_length=20, choices=Status.choices)
    narrative = models.TextField(_("what was done"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    # Stored like request attachments: private storage, a random name, served by a checking view.
    document = models.FileField(
        _("document"), storage=private_storage, upload_to=attachment_path, max_length=200, blank=True
    )
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    document_type = models.CharField(_("content type"), max_length=100, blank=True)
    document_size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    reported_on = models.DateField(_("date"), help_text=_("When this was done or reported (a note verbale's date)."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    on_behalf = models.BooleanField(
        _("recorded by the Secretariat on the state's behalf"),
        default=False,
        help_text=_("From a note verbale or a letter of the state."),
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("The state lets everyone who reads the mandate see this entry.")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = NationalImplementationReportQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-created_at", "-pk"]
        verbose_name = _("national implementation report")
        verbose_name_plural = _("national implementation reports")
        constraints = [
            check_in_choices("status", ImplementationStatus, "states_nationalimplementationreport_status_valid"),
            # A document is never stored without the name and type it is served with.
            models.CheckConstraint(
                condition=Q(document="") | (~Q(document_name="") & ~Q(document_type="")),
                name="states_nationalimplementationreport_document_described",
            ),
        ]
        indexes = [
            # A state's current position on each mandate (the state page, the matrix, the
            # mandate's counts): the latest entry per (state, mandate).
            models.Index(
                F("state"), F("mandate"), F("reported_on").desc(), F("created_at").desc(), name="states_nir_latest"
            ),
            # The mandate page's counts and the matrix's columns: every state's entries on a mandate.
            models.Index(fields=["mandate", "state"], name="states_nir_mandate_state"),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} · {self.mandate} · {self.get_status_display()} ({self.reported_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("states:implementation_history", args=[self.state.iso3, self.mandate_id]) + f"#nir-{self.pk}"

    @property
    def status_symbol(self) -> str:
        return STATUS_SYMBOLS.get(self.status, "?")

    def get_document_url(self) -> str:
        return reverse("states:implementation_document", args=[self.pk]) if self.document else ""


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class MandateCounts:
    """How many states report each status on a mandate, out of how many: never which ones."""

    rows: list[StatusCount]
    reported: int
    total: int

    @property
    def not_reported(self) -> int:
        return max(self.total - self.reported, 0)


def _counts(counted: dict[str, int], total: int) -> MandateCounts:
    rows = [StatusCount(value, label, counted.get(value, 0)) for value, label in ImplementationStatus.choices]
    return MandateCounts(rows=rows, reported=sum(counted.values()), total=total)


def status_counts(mandate: Mandate) -> MandateCounts:
    """The states' current positions on ``mandate``, counted by status. Only states that take
    part today count, so that "x of y" always adds up; the result names no state."""
    states = reporting_states()
    latest = NationalImplementationReport.objects.filter(mandate=mandate, state__in=states).latest_positions()
    counted = dict(
        NationalImplementationReport.objects.filter(pk__in=latest.values("pk"))
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _counts(counted, states.count())


@dataclass(frozen=True)
class StatePosition:
    """One state's latest entry, as the Secretariat's version of a report lists it."""

    state: MemberState
    status: str
    label: str
    reported_on: datetime.date
    on_behalf: bool

    def cells(self) -> list:
        """The state, its status, the date and who recorded it: one row of a report's table."""
        recorded = _("the Secretariat, on the state's behalf") if self.on_behalf else _("the state")
        return [self.state.localized_name(), self.label, self.reported_on, recorded]


@dataclass(frozen=True)
class NationalSummary:
    """A report's view of one mandate addressed to member states: the counts for everyone,
    and, only when asked for (the Secretariat's version), each state's position."""

    mandate: Mandate
    counts: MandateCounts
    positions: list[StatePosition]

    def counts_line(self) -> str:
        """ "Implemented: 12 of 34 · In progress: 5 of 34 · … · Not reported yet: 9 of 34"."""
        total = self.counts.total
        parts = [(row.label, row.count) for row in self.counts.rows] + [
            (_("Not reported yet"), self.counts.not_reported)
        ]
        return " · ".join(
            _("%(status)s: %(count)s of %(total)s") % {"status": label, "count": count, "total": total}
            for label, count in parts
        )


def national_summaries(
    mandates: list[Mandate], *, with_states: bool, as_of: datetime.date | None = None
) -> list[NationalSummary]:
    """For those of ``mandates`` addressed to member states (in the order given), how many
    states report each status, as of ``as_of`` (the report's end) or today. Two queries
    whatever the number of mandates; states are named only ``with_states``."""
    addressed = set(addressed_mandates().filter(pk__in=[m.pk for m in mandates]).values_list("pk", flat=True))
    states = {state.pk: state for state in reporting_states()}
    reports = NationalImplementationReport.objects.filter(mandate_id__in=addressed, state_id__in=list(states))
    if as_of is not None:
        reports = reports.filter(reported_on__lte=as_of)
    positions: dict[int, list[StatePosition]] = {pk: [] for pk in addressed}
    labels = dict(ImplementationStatus.choices)
    for row in reports.latest_positions().values("mandate_id", "state_id", "status", "reported_on", "on_behalf"):
        state = states[row["state_id"]]
        positions[row["mandate_id"]].append(
            StatePosition(state, row["status"], labels[row["status"]], row["reported_on"], row["on_behalf"])
        )
    summaries = []
    for mandate in mandates:
        if mandate.pk not in addressed:
            continue
        found = sorted(positions[mandate.pk], key=lambda position: position.state.localized_name())
        counted = Counter(position.status for position in found)
        summaries.append(NationalSummary(mandate, _counts(counted, len(states)), found if with_states else []))
    return summaries
