"""The implementation report: for a resolution, a work plan or a period, each mandate with its
status, owners, latest update and the requests and activities under it; a summary per member
state; totals; optionally what changed since a snapshot.

``build_report`` gathers everything in a fixed number of queries (one per kind of row) through
the ``visible_to`` methods, so the page, the PDF and the workbook show the same rows and only
what the viewer may see. Text is resolved in the report's language by the caller
(``translation.override``), not here.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from commitments.models import Mandate, MandateUpdate, Resolution, WorkPlan
from core import roles
from core.choices import Audience, Language
from core.exports import choice_labels, long_read
from reporting import report_rows, snapshots
from reporting.dashboard import ParticipantCounts
from reporting.models import Snapshot
from reporting.report_workplan import WorkPlanSection, work_plan_section
from states.implementation import NationalSummary, addressed_mandates, national_summaries
from states.models import Activity, AssistanceRequest


class ReportAudience(models.TextChoices):
    """Who the report is written for. The report is what is handed to the Committee and the
    member states, so their version is the default; the Secretariat's own version, with its
    internal notes, is chosen explicitly and marked as internal wherever it is printed."""

    MEMBER_STATES = "states", gettext_lazy("Member states: only what a state may read")
    SECRETARIAT = "secretariat", gettext_lazy("Secretariat only: includes internal notes")


def may_choose_audience(user, audience: str) -> bool:
    """Only the Secretariat (staff, viewers, administrators) may have the internal version."""
    return audience == ReportAudience.MEMBER_STATES or roles.is_secretariat(user)


@dataclass(frozen=True)
class Scope:
    """What the report covers: a resolution, a work plan, or every resolution adopted by the end
    of the period; ``start``/``end`` also narrow requests (received) and activities (started)
    to the period and take each mandate's latest update as of ``end``."""

    resolution: Resolution | None = None
    work_plan: WorkPlan | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    language: str = "en"
    since: Snapshot | None = None
    audience: str = ReportAudience.MEMBER_STATES
    # One part of a report split into files (``report_split``): these resolutions' mandates only.
    resolution_ids: tuple[int, ...] | None = None

    @property
    def internal(self) -> bool:
        return self.audience == ReportAudience.SECRETARIAT

    def title(self) -> str:
        if self.resolution is not None:
            return _("Implementation report: resolution %(symbol)s") % {"symbol": self.resolution.symbol}
        if self.work_plan is not None:
            return _("Implementation report: %(work_plan)s") % {"work_plan": self.work_plan}
        return _("Implementation report")

    def period_label(self) -> str:
        if self.start and self.end:
            return _("%(start)s to %(end)s") % {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.start:
            return _("since %(start)s") % {"start": self.start.isoformat()}
        if self.end:
            return _("until %(end)s") % {"end": self.end.isoformat()}
        return ""

    def mandates(self, user) -> QuerySet:
        mandates = self._mandates(user)
        if self.resolution_ids is not None:
            return mandates.filter(resolution_id__in=self.resolution_ids)
        return mandates

    def _mandates(self, user) -> QuerySet:
        mandates = Mandate.objects.visible_to(user)
        if self.resolution is not None:
            return mandates.filter(resolution=self.resolution)
        if self.work_plan is not None:
            in_plan = (
                Q(resolution__work_plan=self.work_plan)
                | Q(program_areas__work_plan=self.work_plan)
                | Q(commitments__work_plan=self.work_plan)  # implemented by one of its commitments
            )
            return mandates.filter(pk__in=Mandate.objects.filter(in_plan).values("pk"))
        if self.end is not None:
            return mandates.filter(Q(resolution__adopted_on__lte=self.end) | Q(resolution__adopted_on__isnull=True))
        return mandates

    def _in_period(self, rows: QuerySet, field: str) -> QuerySet:
        if self.start:
            rows = rows.filter(**{f"{field}__gte": self.start})
        if self.end:
            rows = rows.filter(**{f"{field}__lte": self.end})
        return rows

    def requests(self, user) -> QuerySet:
        return self._in_period(AssistanceRequest.objects.visible_to(user), "received_on")

    def activities(self, user) -> QuerySet:
        return self._in_period(Activity.objects.visible_to(user), "start_date")

    def updates(self, user) -> QuerySet:
        updates = MandateUpdate.objects.visible_to(user)
        if not self.internal:
            # The member states' version holds what a state may read, whoever prints it: the
            # latest update shown is the latest public one, never a Secretariat-only note.
            updates = updates.filter(audience=Audience.PUBLIC)
        if self.end:
            # What had happened by the end of the period, even if recorded after it (as snapshots).
            updates = updates.filter(happened_on__lte=self.end)
        return updates


@dataclass
class MandateEntry:
    mandate: Mandate
    number: str
    text: str
    text_language: str
    owners: list[str]
    latest_update: MandateUpdate | None
    requests: list[AssistanceRequest]
    activities: list[Activity]

    @property
    def status(self) -> str:
        return self.mandate.status

    @property
    def text_language_label(self) -> str:
        """The language of the text shown, named in the report's language."""
        return choice_labels(Language).get(self.text_language, self.text_language)

    @property
    def status_label(self) -> str:
        return self.mandate.get_status_display()


@dataclass
class SectionEntry:
    title: str
    mandates: list[MandateEntry] = field(default_factory=list)


@dataclass
class ResolutionEntry:
    resolution: Resolution
    sections: list[SectionEntry] = field(default_factory=list)


@dataclass
class StateSummary(ParticipantCounts):
    name: str
    iso3: str
    requests: int = 0
    open_requests: int = 0
    delivered_requests: int = 0
    activities: int = 0
    women: int = 0
    men: int = 0
    other: int = 0

    @staticmethod
    def headings() -> list[str]:
        """The columns of the summary per member state, in the PDF and the workbook."""
        return [
            _("Member state"),
            _("Requests"),
            _("Open"),
            _("Delivered"),
            _("Activities"),
            _("Participants"),
            _("Women"),
        ]

    def values(self) -> list:
        return [
            self.name,
            self.requests,
            self.open_requests,
            self.delivered_requests,
            self.activities,
            self.participants,
            self.women,
        ]


@dataclass
class Totals(ParticipantCounts):
    mandates: int
    by_status: list[tuple[str, str, int]]  # (value, label, count) in workflow order
    requests: int
    open_requests: int
    delivered_requests: int
    activities: int
    women: int
    men: int
    other: int

    def rows(self) -> list[tuple[str, int | str]]:
        """The totals as (label, value) lines, in the PDF and the workbook."""
        return [
            (_("Mandates"), self.mandates),
            *[(label, count) for _value, label, count in self.by_status],
            (_("Assistance requests"), self.requests),
            (_("Requests still open"), self.open_requests),
            (_("Requests delivered"), self.delivered_requests),
            (_("Activities delivered"), self.activities),
            (_("Participants"), self.participants),
            (_("Women"), self.women),
            (_("Share of women among participants"), percent(self.women_share)),
        ]


@dataclass
class Report:
    scope: Scope
    title: str
    generated_at: datetime.datetime
    resolutions: list[ResolutionEntry]
    requests: list[AssistanceRequest]
    activities: list[Activity]
    states: list[StateSummary]
    totals: Totals
    changes: snapshots.Comparison | None = None
    work_plan_section: WorkPlanSection | None = None
    # Member states' own reports on the mandates addressed to them (states.implementation).
    national: list[NationalSummary] = field(default_factory=list)
    # The page of a large scope shows its first mandates only (build_report's ``limit``): how
    # many the scope holds in all, when it was cut; its totals are in the file.
    truncated_from: int | None = None

    @property
    def internal(self) -> bool:
        return self.scope.internal

    @property
    def internal_marking(self) -> str:
        """The words printed on every page of the Secretariat's version (empty otherwise)."""
        if not self.internal:
            return ""
        return _("INTERNAL: Secretariat only. Includes internal notes; not for member states.")

    def entries(self):
        for resolution in self.resolutions:
            for section in resolution.sections:
                yield from section.mandates


# Requests no longer waiting for the Secretariat: delivered, or ended without delivery.
SETTLED = {AssistanceRequest.Status.DELIVERED, *AssistanceRequest.Status.closed_values()}


def _delivered(request: AssistanceRequest) -> bool:
    return request.delivered_on is not None


def _open(request: AssistanceRequest) -> bool:
    """Still to be delivered (received, under review, accepted, in progress, on hold)."""
    return request.status not in SETTLED


def _entries(scope: Scope, user, limit: int | None = None) -> tuple[list[MandateEntry], list[ResolutionEntry]]:
    """The report's mandates with their owners, requests, activities and latest visible
    update, read as plain values (``report_rows``): one query per kind of row whatever the
    number of mandates, no model instance per row. ``limit`` keeps the first mandates only
    (the page of a large scope)."""
    scope_mandates = _scope_mandates(scope, user, limit)
    mandate_rows = report_rows.mandates(scope_mandates, scope.language)
    ids = scope_mandates.values("pk")
    state_rows = report_rows.states()
    owners = report_rows.owners(ids, scope.language)
    updates = report_rows.latest_updates(scope.updates(user), ids)
    requests = report_rows.requests(scope.requests(user), ids, state_rows)
    request_ids = {row.pk for rows in requests.values() for row in rows}
    by_mandate, by_request = report_rows.activities(scope.activities(user), ids, request_ids, state_rows)
    entries = []
    for mandate in mandate_rows:
        text, text_language = mandate.text_in(scope.language)
        mandate_requests = requests.get(mandate.pk, [])
        activities = {a.pk: a for a in by_mandate.get(mandate.pk, ())}
        for request in mandate_requests:
            activities.update({a.pk: a for a in by_request.get(request.pk, ())})
        entries.append(
            MandateEntry(
                mandate=mandate,
                number=mandate.display_number,
                text=text,
                text_language=text_language,
                owners=owners.get(mandate.pk, []),
                latest_update=updates.get(mandate.pk),
                requests=mandate_requests,
                activities=sorted(activities.values(), key=lambda a: (a.start_date, a.pk)),
            )
        )
    resolutions = report_rows.resolutions({row.resolution_id for row in mandate_rows})
    for mandate in mandate_rows:
        mandate.resolution = resolutions[mandate.resolution_id]
    sections = report_rows.section_titles(mandate_rows, scope.language)
    return entries, _group(entries, resolutions, sections)


def _scope_mandates(scope: Scope, user, limit: int | None) -> QuerySet:
    mandates = scope.mandates(user)
    if limit is None:
        return mandates
    return Mandate.objects.filter(pk__in=mandates.in_document_order().values("pk")[:limit])


def _group(entries: list[MandateEntry], resolutions: dict, sections: dict) -> list[ResolutionEntry]:
    grouped: list[ResolutionEntry] = []
    for entry in entries:
        mandate = entry.mandate
        if not grouped or grouped[-1].resolution.pk != mandate.resolution_id:
            grouped.append(ResolutionEntry(resolutions[mandate.resolution_id]))
        in_resolution = grouped[-1].sections
        position, title = sections[mandate.section_id]
        title = title or _("Section %(position)s") % {"position": position}
        if not in_resolution or in_resolution[-1].title != title:
            in_resolution.append(SectionEntry(title))
        in_resolution[-1].mandates.append(entry)
    return grouped


def _summaries(requests: list[AssistanceRequest], activities: list[Activity], language: str) -> list[StateSummary]:
    states: dict[str, StateSummary] = {}

    def summary(state) -> StateSummary:
        if state.iso3 not in states:
            states[state.iso3] = StateSummary(state.localized_name(language), state.iso3)
        return states[state.iso3]

    for request in requests:
        row = summary(request.state)
        row.requests += 1
        row.open_requests += _open(request)
        row.delivered_requests += _delivered(request)
    for activity in activities:
        if activity.state is None:
            continue  # a regional activity: counted in the totals, under no single state
        row = summary(activity.state)
        row.activities += 1
        row.women += activity.participants_women
        row.men += activity.participants_men
        row.other += activity.participants_other
    return sorted(states.values(), key=lambda s: s.name)


def _totals(counts: Counter, requests, activities) -> Totals:
    """The totals from the mandates' ``counts`` by status and their requests and activities."""
    return Totals(
        mandates=sum(counts.values()),
        by_status=[(s.value, s.label, counts[s.value]) for s in Mandate.Status if counts[s.value]],
        requests=len(requests),
        open_requests=sum(_open(r) for r in requests),
        delivered_requests=sum(_delivered(r) for r in requests),
        activities=len(activities),
        women=sum(a.participants_women for a in activities),
        men=sum(a.participants_men for a in activities),
        other=sum(a.participants_other for a in activities),
    )


def _unique(rows) -> list:
    """Rows met under several mandates, once each, in the order first met."""
    return list({row.pk: row for row in rows}.values())


def build_report(*, scope: Scope, user, limit: int | None = None) -> Report:
    """The report's rows for ``user``; call inside ``translation.override(scope.language)``.

    The Secretariat's version asked for by anyone else is refused, not quietly downgraded:
    a caller that let it through has a bug to show."""
    if not may_choose_audience(user, scope.audience):
        raise PermissionDenied
    with long_read():
        return _build(scope, user, limit)


# Above this many mandates, those addressed to member states are found first (one query that
# costs half a second at 100,000 mandates, and more than it saves on a page's 200).
NATIONAL_PREFILTER_ABOVE = 5000


def _build(scope: Scope, user, limit: int | None) -> Report:
    entries, resolutions = _entries(scope, user, limit)
    requests = _unique(request for entry in entries for request in entry.requests)
    activities = _unique(activity for entry in entries for activity in entry.activities)
    report = Report(
        scope=scope,
        title=scope.title(),
        generated_at=timezone.now(),
        resolutions=resolutions,
        requests=requests,
        activities=activities,
        states=_summaries(requests, activities, scope.language),
        totals=_totals(Counter(entry.status for entry in entries), requests, activities),
    )
    # Counts for everyone; each state's position in the Secretariat's version only.
    mandates = [entry.mandate for entry in entries]
    if len(mandates) > NATIONAL_PREFILTER_ABOVE:
        # Only the mandates addressed to member states (a sixth of them) go by their ids into
        # national_summaries' query: the ids of all 100,000 of everything's report took it 11 s.
        in_scope = addressed_mandates().filter(pk__in=_scope_mandates(scope, user, limit).values("pk"))
        addressed = set(in_scope.values_list("pk", flat=True))
        mandates = [mandate for mandate in mandates if mandate.pk in addressed]
    report.national = national_summaries(mandates, with_states=scope.internal, as_of=scope.end)
    finish(report, user, [entry.mandate.pk for entry in entries])
    return report


def finish(report: Report, user, mandate_ids: list[int]) -> None:
    """The parts of ``report`` read for its whole scope: the work plan's table and what changed
    since its snapshot (``mandate_ids``: the report's mandates)."""
    scope = report.scope
    report.work_plan_section = work_plan_section(scope, user)
    if scope.since is not None:
        narrowed = scope.resolution is not None or scope.work_plan is not None
        report.changes = snapshots.compare(
            snapshots.StatusMap.of(scope.since),
            snapshots.today_map(),
            user=user,
            mandate_ids=mandate_ids,
            # A resolution's or work plan's report follows the requests filed under its mandates.
            requests=AssistanceRequest.objects.filter(mandates__in=scope.mandates(user).values("pk"))
            if narrowed
            else None,
        )


# --- One-line texts shared by the PDF and the workbook -----------------------------------


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A date in the active language's format (e.g. "12 février 2024")."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return _day(value, get_language())


@functools.lru_cache(maxsize=8192)
def _day(value: datetime.date, language: str | None) -> str:
    # A large report prints the same few thousand days a hundred thousand times.
    return date_format(value, "DATE_FORMAT")


def update_line(update: MandateUpdate | None) -> str:
    if update is None:
        return ""
    parts = [day(update.happened_on)]
    if update.changes_status:
        parts.append(_("status → %(status)s") % {"status": update.get_new_status_display()})
    if update.note:
        parts.append(update.note)
    return " · ".join(parts)


def request_line(request: AssistanceRequest) -> str:
    return f"{request.reference} · {request.state.localized_name()} · {request.get_status_display()} · {request.title}"


def activity_line(activity: Activity) -> str:
    parts = [day(activity.start_date), activity.title]
    if activity.state is not None:
        parts.append(activity.state.localized_name())
    if activity.participants_total:
        parts.append(
            _("%(total)s participants (%(women)s women)")
            % {"total": activity.participants_total, "women": activity.participants_women}
        )
    return " · ".join(parts)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"
