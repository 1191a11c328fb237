"""The dashboard's activity figures: over time, participants by gender, funding sources."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils.translation import gettext as _

from reporting.dashboard.base import Item, links


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
