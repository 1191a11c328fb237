"""The dashboard's figures: each a small function over a QuerySet the caller has already
narrowed with ``visible_to(user)``, so every number counts only what the viewer may see.

Each function issues one aggregate query (``values().annotate(Count)``), whatever the number of
rows behind it, and returns plain data with, for every figure, the URL of the filtered list
that shows the rows behind it. The list pages' filter parameter names live in ``links`` below,
in one place, so that a renamed filter is one edit.
"""

from __future__ import annotations

import datetime
import functools
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from django.db import connections
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import TruncMonth, TruncQuarter
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments.models import Mandate, Owner, ProgramArea, Resolution, Section
from commitments.workplan import Commitment
from states.models import AssistanceRequest, MemberState

MandateStatus = Mandate.Status
RequestStatus = AssistanceRequest.Status


def list_url(name: str, **params) -> str:
    """The URL of a list page with its filters; ``None`` values are left out. The list's own
    URL is reversed once per URL prefix, not once per figure (a dashboard links thousands)."""
    # What ``urlencode`` makes of these plain keys and values, at a third of its cost.
    query = "&".join(f"{key}={quote_plus(str(value))}" for key, value in params.items() if value is not None)
    url = _list_path(name, get_script_prefix())
    return f"{url}?{query}" if query else url


@functools.lru_cache(maxsize=64)
def _list_path(name: str, prefix: str) -> str:
    return reverse(name)


class links:
    """The filtered lists behind the figures (parameter names of ``commitments/filters.py`` and
    ``states/filters.py``)."""

    @staticmethod
    def mandates(**params) -> str:
        return list_url("commitments:mandate_list", **params)

    @staticmethod
    def requests(**params) -> str:
        return list_url("states:request_list", **params)

    @staticmethod
    def activities(**params) -> str:
        return list_url("states:activity_list", **params)


@dataclass(frozen=True)
class Item:
    """One bar, slice or point: a label, a number and the list behind it. ``key`` is the
    stored value (a status) that picks its colour."""

    label: str
    value: int
    url: str
    key: str = ""


@dataclass
class Row:
    """One bar of a stacked chart (an owner, a state) made of segments (its statuses)."""

    label: str
    url: str
    segments: list[Item] = field(default_factory=list)
    children: list[Row] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(segment.value for segment in self.segments)


def _names(model, ids) -> dict[int, str]:
    """{id: name in the reader's language} of the rows of ``model`` (owners, program areas,
    member states) with these ids."""
    return {obj.pk: obj.localized_name() for obj in model.objects.filter(pk__in=[pk for pk in ids if pk is not None])}


def _language() -> str:
    return (get_language() or "en")[:2]


# --- Mandates -----------------------------------------------------------------------------


def status_counts(rows: QuerySet) -> list[tuple[str, int]]:
    """(status, rows) of mandates or requests, for ``mandates_by_status``, ``requests_by_status``."""
    return list(rows.values_list("status").annotate(n=Count("id")).order_by())


def mandates_by_status(mandates: QuerySet, *, counted=None) -> list[Item]:
    counts = dict(status_counts(mandates) if counted is None else counted)
    return [
        Item(status.label, counts[status.value], links.mandates(status=status.value), status.value)
        for status in MandateStatus
        if counts.get(status.value)
    ]


def _status_segments(counts: dict[str, int], choices, url_for) -> list[Item]:
    labels = _labels(choices, get_language() or "")
    return [
        Item(labels[status.value], counts[status.value], url_for(status.value), status.value)
        for status in choices
        if counts.get(status.value)
    ]


@functools.lru_cache(maxsize=64)
def _labels(choices, language: str) -> dict[str, str]:
    """The statuses' labels in ``language``, translated once rather than once per segment (a
    dashboard draws hundreds: a fifth of its time went to translating the same few words)."""
    return {status.value: str(status.label) for status in choices}


def owner_counts(mandates: QuerySet) -> list[tuple[int | None, str, int]]:
    """(owner id or None, status, mandates) for ``mandates_by_owner``."""
    # Grouped by ids only; the few names are read apart (grouping by four name columns too
    # made the database carry them through the whole aggregate).
    return list(mandates.values_list("owners", "status").annotate(n=Count("id")).order_by())


def mandates_by_owner(mandates: QuerySet, *, counted=None) -> list[Row]:
    """One stacked bar per owner, split by status; a mandate with two owners counts for each.
    Mandates with no owner come last. ``counted``: ``owner_counts`` already made (the
    precomputed figures, ``reporting.precomputed``)."""
    counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    for owner, status, n in owner_counts(mandates) if counted is None else counted:
        counts[owner][status] = n
    names: dict[int | None, str] = {None: _("No owner named"), **_names(Owner, counts)}

    def owner_filter(owner: int | None) -> dict:
        return {"owner": owner} if owner is not None else {"no_owner": 1}

    rows = [
        Row(
            names[owner],
            links.mandates(**owner_filter(owner)),
            _status_segments(
                by_status,
                MandateStatus,
                lambda status, owner=owner: links.mandates(**owner_filter(owner), status=status),
            ),
        )
        for owner, by_status in counts.items()
    ]
    rows.sort(key=lambda row: (row.label == names[None], -row.total, row.label))
    return rows


# The dashboard shows this many resolutions, newest first, each with its sections; the older
# ones are one bar linking to the list (300 resolutions x sections x statuses was 20,000 links
# and 3 MB of page).
RESOLUTIONS_SHOWN = 4


def resolution_counts(mandates: QuerySet, *, limit: int = RESOLUTIONS_SHOWN) -> dict:
    """For ``mandates_by_resolution``: {"shown": [(id, symbol)] of the ``limit`` newest
    resolutions, "older": whether there are more, "counts": [(resolution, section, status, n)]}."""
    shown = list(
        Resolution.objects.filter(Exists(mandates.filter(resolution=OuterRef("pk"))))
        .order_by(F("adopted_on").desc(nulls_last=True), "symbol")
        .values_list("pk", "symbol")[: limit + 1]
    )
    ids = [pk for pk, _symbol in shown[:limit]]
    rows = mandates.filter(resolution__in=ids).values_list("resolution", "section", "status").annotate(n=Count("id"))
    return {"shown": shown[:limit], "older": len(shown) > limit, "counts": list(rows.order_by())}


def mandates_by_resolution(
    mandates: QuerySet,
    *,
    limit: int = RESOLUTIONS_SHOWN,
    totals: dict[str, int] | None = None,
    counted: dict | None = None,
) -> list[Row]:
    """One stacked bar per resolution (the ``limit`` newest) with, as children, one per
    section; then, when there are more, one bar for all the older ones. Counts are grouped by
    ids (``resolution_counts``, or ``counted``: those already made); names and titles are read
    for the rows shown only."""
    counted = resolution_counts(mandates, limit=limit) if counted is None else counted
    shown, older = counted["shown"], counted["older"]
    ids = [pk for pk, _symbol in shown]
    counts: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for resolution_id, section_id, status, n in counted["counts"]:
        counts[resolution_id][section_id][status] = n
    language = _language()
    sections = {
        pk: (position, (translations or {}).get(language) or title)
        for pk, position, title, translations in Section.objects.filter(resolution__in=ids).values_list(
            "pk", "position", "title", "translations"
        )
    }
    result = []
    for resolution_id, symbol in shown:
        # Not ``totals``: that is the caller's count of every mandate, for the older ones below.
        in_resolution: dict[str, int] = defaultdict(int)
        children = []
        for section_id, by_status in sorted(counts[resolution_id].items(), key=lambda kv: sections[kv[0]][0]):
            for status, n in by_status.items():
                in_resolution[status] += n
            position, title = sections[section_id]
            children.append(
                Row(
                    f"§{position} {title}".strip(),
                    links.mandates(resolution=resolution_id, section=section_id),
                    _status_segments(
                        by_status,
                        MandateStatus,
                        lambda status, r=resolution_id, s=section_id: links.mandates(
                            resolution=r, section=s, status=status
                        ),
                    ),
                )
            )
        result.append(
            Row(
                symbol,
                links.mandates(resolution=resolution_id),
                _status_segments(
                    in_resolution,
                    MandateStatus,
                    lambda status, r=resolution_id: links.mandates(resolution=r, status=status),
                ),
                children,
            )
        )
    if older:
        if totals is None:
            totals = dict(mandates.values_list("status").annotate(n=Count("id")).order_by())
        # The older ones are everything else: the totals (which the caller has counted
        # already) less the resolutions shown.
        rest = dict(totals)
        for resolution_id, _symbol in shown:
            for by_status in counts[resolution_id].values():
                for status, n in by_status.items():
                    rest[status] = rest.get(status, 0) - n
        result.append(
            Row(
                # The list holds these after the resolutions above (its default order).
                _("Older resolutions"),
                links.mandates(),
                _status_segments(rest, MandateStatus, lambda status: links.mandates(status=status)),
            )
        )
    return result


def program_area_counts(mandates: QuerySet) -> list[tuple[int, int]]:
    """(program area id, mandates) for ``mandates_by_program_area``: a mandate is in an area
    when tagged with it or when a Work Plan commitment of that area implements it (imported
    mandates carry no area of their own; their commitments do). One query, a count per area;
    the mandate list's ``program_area`` filter reads the same rule."""
    tagged = Mandate.program_areas.through.objects.filter(mandate=OuterRef("pk"), programarea=OuterRef(OuterRef("pk")))
    implemented = Commitment.mandates.through.objects.filter(
        mandate=OuterRef("pk"), commitment__program_area=OuterRef(OuterRef("pk"))
    )
    count = (
        mandates.filter(Exists(tagged) | Exists(implemented))
        .order_by()
        .values(group=Value(1))
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    areas = ProgramArea.objects.annotate(n=Subquery(count, output_field=IntegerField())).filter(n__gt=0)
    return list(areas.values_list("pk", "n"))


def mandates_by_program_area(mandates: QuerySet, *, counted=None) -> list[Item]:
    """Mandates per program area (a mandate in two areas counts in each), largest first;
    ``counted``: ``program_area_counts`` already made."""
    counts = dict(program_area_counts(mandates) if counted is None else counted)
    names = _names(ProgramArea, counts)
    items = [Item(names[area], n, links.mandates(program_area=area)) for area, n in counts.items()]
    return sorted(items, key=lambda item: (-item.value, item.label))


@dataclass(frozen=True)
class Deadlines:
    overdue: Item
    due_soon: Item
    stale: Item


def deadline_counts(
    mandates: QuerySet,
    *,
    today: datetime.date,
    now: datetime.datetime,
    due_soon_days: int,
    stale_days: int,
    reader=None,
) -> dict[str, int]:
    """{"overdue", "due_soon", "stale"} for ``mandate_deadlines``; stale counted from the
    updates ``reader`` may read (all when no reader is named)."""
    open_q = ~Q(status__in=MandateStatus.closed_values())
    soon = today + datetime.timedelta(days=due_soon_days)
    counts = mandates.aggregate(
        overdue=Count("id", filter=open_q & Q(deadline__lt=today)),
        due_soon=Count("id", filter=open_q & Q(deadline__gte=today, deadline__lte=soon)),
    )
    return {**counts, "stale": mandates.stale(now, stale_days, user=reader).count()}


def mandate_deadlines(
    mandates: QuerySet,
    *,
    today: datetime.date,
    now: datetime.datetime,
    due_soon_days: int,
    stale_days: int,
    counted: dict | None = None,
) -> Deadlines:
    """Open mandates overdue, due within ``due_soon_days``, and stale (no update for
    ``stale_days``): one query for the first two, one for stale (``deadline_counts``; none when
    ``counted`` holds them already: the precomputed figures).

    The "due soon" link narrows the list by deadline only (the list has no "open" filter), so
    it also shows the closed mandates whose deadline falls in the window."""
    soon = today + datetime.timedelta(days=due_soon_days)
    if counted is None:
        counted = deadline_counts(mandates, today=today, now=now, due_soon_days=due_soon_days, stale_days=stale_days)
    counts, stale = counted, counted["stale"]
    return Deadlines(
        overdue=Item(_("Overdue"), counts["overdue"], links.mandates(overdue=1)),
        due_soon=Item(
            _("Due within %(days)s days") % {"days": due_soon_days},
            counts["due_soon"],
            links.mandates(open=1, deadline_after=today.isoformat(), deadline_before=soon.isoformat()),
        ),
        stale=Item(
            _("No update for %(days)s days") % {"days": stale_days},
            stale,
            links.mandates(stale=1),
        ),
    )


# --- Requests -----------------------------------------------------------------------------


def state_counts(requests: QuerySet) -> list[tuple[int, str, int]]:
    """(member state id, status, requests) for ``requests_by_state``."""
    # By ids, which the (state, status) index holds; the 35 names are read apart.
    return list(requests.values_list("state", "status").annotate(n=Count("id")).order_by())


def requests_by_state(requests: QuerySet, *, counted=None) -> list[Row]:
    """One stacked bar per member state, split by status, most requests first; ``counted``:
    ``state_counts`` already made."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for state, status, n in state_counts(requests) if counted is None else counted:
        counts[state][status] = n
    names = _names(MemberState, counts)
    result = [
        Row(
            names[state],
            links.requests(state=state),
            _status_segments(
                by_status, RequestStatus, lambda status, state=state: links.requests(state=state, status=status)
            ),
        )
        for state, by_status in counts.items()
    ]
    return sorted(result, key=lambda row: (-row.total, row.label))


def requests_by_status(requests: QuerySet, *, counted=None) -> list[Item]:
    counts = dict(status_counts(requests) if counted is None else counted)
    return _status_segments(counts, RequestStatus, lambda status: links.requests(status=status))


@dataclass(frozen=True)
class DeliveryTimes:
    """Days from received to delivered over the delivered requests (median, 90th percentile)."""

    count: int
    median: float | None
    p90: float | None
    url: str


def percentile(values: list[int], fraction: float) -> float:
    """Linear interpolation between closest ranks (the "inclusive" method of spreadsheets and
    of ``statistics.quantiles(method="inclusive")``)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def delivery_figures(requests: QuerySet) -> dict:
    """{"count", "median", "p90"} of the days from received to delivered over the delivered
    requests. On PostgreSQL the percentiles are computed by the database (``percentile_cont``:
    the same interpolation); elsewhere, where date arithmetic differs, in Python from the two
    dates of each row."""
    delivered = requests.filter(delivered_on__isnull=False)
    if connections[delivered.db].vendor == "postgresql":
        days = DaysBetween("delivered_on", "received_on")
        figures = delivered.aggregate(
            count=Count("id"), median=PercentileCont(days, fraction=0.5), p90=PercentileCont(days, fraction=0.9)
        )
        if not figures["count"]:
            return {"count": 0, "median": None, "p90": None}
        return figures
    days = [(d - r).days for r, d in delivered.values_list("received_on", "delivered_on")]
    if not days:
        return {"count": 0, "median": None, "p90": None}
    return {"count": len(days), "median": statistics.median(days), "p90": percentile(days, 0.9)}


def delivery_times(requests: QuerySet, *, counted: dict | None = None) -> DeliveryTimes:
    """Days from received to delivered over the delivered requests (``delivery_figures``, or
    ``counted``: those already made).

    The link opens every request delivered at some point, closed or reopened since included."""
    figures = delivery_figures(requests) if counted is None else counted
    return DeliveryTimes(figures["count"], figures["median"], figures["p90"], links.requests(delivered=1))


class DaysBetween(Func):
    """Whole days from the second date to the first (PostgreSQL: date - date is an integer)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


# --- Activities ---------------------------------------------------------------------------


def _period_label(start: datetime.date, by: str) -> str:
    if by == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
    return f"{start:%Y-%m}"


def _period_end(start: datetime.date, by: str) -> datetime.date:
    months = 3 if by == "quarter" else 1
    year, month = divmod(start.month - 1 + months, 12)
    return datetime.date(start.year + year, month + 1, 1) - datetime.timedelta(days=1)


def period_counts(activities: QuerySet, *, today: datetime.date, by: str = "quarter") -> list[tuple[str, int]]:
    """(first day of the period, ISO, activities) for ``activities_over_time``."""
    trunc = TruncQuarter if by == "quarter" else TruncMonth
    rows = (
        activities.filter(end_date__lte=today)
        .annotate(period=trunc("start_date"))
        .values_list("period")
        .annotate(n=Count("id"))
        .order_by("period")
    )
    return [
        ((period.date() if isinstance(period, datetime.datetime) else period).isoformat(), n)
        for period, n in rows
        if period
    ]


def activities_over_time(
    activities: QuerySet, *, today: datetime.date, by: str = "quarter", counted=None
) -> list[Item]:
    """Activities delivered (ended by ``today``) per quarter or month of their start, with
    empty periods between the first and the last filled in so that the line does not skip
    time. The link opens the activities held in the period (any of their days in it).
    ``counted``: ``period_counts`` already made."""
    rows = period_counts(activities, today=today, by=by) if counted is None else counted
    counts = {datetime.date.fromisoformat(period): n for period, n in rows}
    if not counts:
        return []
    items = []
    start, last = min(counts), max(counts)
    while start <= last:
        end = _period_end(start, by)
        items.append(
            Item(
                _period_label(start, by),
                counts.get(start, 0),
                links.activities(date_from=start.isoformat(), date_to=end.isoformat()),
                start.isoformat(),
            )
        )
        start = end + datetime.timedelta(days=1)
    return items


class ParticipantCounts:
    """For rows with ``women``, ``men`` and ``other`` participant counts."""

    women: int
    men: int
    other: int

    @property
    def participants(self) -> int:
        return self.women + self.men + self.other

    @property
    def women_share(self) -> float | None:
        """Women among all participants (0–1), or None when nobody was counted."""
        return self.women / self.participants if self.participants else None


@dataclass(frozen=True)
class Participants(ParticipantCounts):
    women: int
    men: int
    other: int
    url: str

    def items(self) -> list[Item]:
        return [
            Item(_("Women"), self.women, self.url, "women"),
            Item(_("Men"), self.men, self.url, "men"),
            Item(_("Other or undisclosed"), self.other, self.url, "other"),
        ]


def participant_sums(activities: QuerySet) -> dict:
    return activities.aggregate(
        women=Sum("participants_women"), men=Sum("participants_men"), other=Sum("participants_other")
    )


def participants_by_gender(activities: QuerySet, *, counted: dict | None = None) -> Participants:
    sums = participant_sums(activities) if counted is None else counted
    return Participants(sums["women"] or 0, sums["men"] or 0, sums["other"] or 0, links.activities())


def funding_counts(activities: QuerySet) -> list[tuple[str, int]]:
    return list(activities.values_list("funding_source").annotate(n=Count("id")).order_by())


def funding_sources(activities: QuerySet, *, counted=None) -> list[Item]:
    """Activities per funding source as written, largest first; unrecorded sources last
    (``funding_counts``, or ``counted``: those already made)."""
    rows = funding_counts(activities) if counted is None else counted
    items = [
        Item(
            source or _("Not recorded"),
            n,
            links.activities(funding_source=source) if source else links.activities(funding_unrecorded=1),
            source,
        )
        for source, n in rows
    ]
    return sorted(items, key=lambda item: (not item.key, -item.value, item.label))
