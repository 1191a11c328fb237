"""The dashboard's request figures: by member state and status, and delivery times."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Aggregate,
    Count,
    FloatField,
    Func,
    IntegerField,
    QuerySet,
)

from reporting.dashboard.base import Item, Row, links, localized_names, status_counts, status_segments
from states.models import AssistanceRequest, MemberState

RequestStatus = AssistanceRequest.Status


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
    names = localized_names(MemberState, counts)
    result = [
        Row(
            names[state],
            links.requests(state=state),
            status_segments(
                by_status, RequestStatus, lambda status, state=state: links.requests(state=state, status=status)
            ),
        )
        for state, by_status in counts.items()
    ]
    return sorted(result, key=lambda row: (-row.total, row.label))


def requests_by_status(requests: QuerySet, *, counted=None) -> list[Item]:
    counts = dict(status_counts(requests) if counted is None else counted)
    return status_segments(counts, RequestStatus, lambda status: links.requests(status=status))


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
