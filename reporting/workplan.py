"""Planned vs delivered: a work plan by program area → commitment → indicator, with each
indicator's target, actual, % of target, trend over its periods and rating.

Built in a fixed number of queries whatever the size of the plan and of the work behind it
(the page's query count is pinned in ``tests/reporting/test_workplan_page.py``). Every figure
carries the URL of the list behind it: for a computed indicator the activities or requests it
counts (filtered by commitment and by end or delivery date, exactly as ``states.indicators``
counts them); for a reported one, the indicator's reports on this page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from commitments.models import Mandate, WorkPlan
from commitments.workplan import (
    Commitment,
    Indicator,
    IndicatorMeasurement,
    IndicatorUnit,
    ProgressReport,
    ReportingPeriod,
)
from reporting import charts
from reporting.dashboard import Item, links
from states.indicators import DeliveredWork
from states.models import Activity, AssistanceRequest

# Reported values of these units add up over periods (so many more this period); the others
# are levels (the share reached, yes or no, how many states so far): the latest stands.
SUMMED_UNITS = {IndicatorUnit.COUNT, IndicatorUnit.PARTICIPANTS}

# A bar takes the colour of its indicator's latest rating (the chart palette's green, orange
# and red-orange; grey when not yet reported); the rating is also written in the table.
RATING_COLOURS = {"on_track": "completed", "at_risk": "under_review", "off_track": "declined"}


@dataclass
class PeriodCell:
    period: ReportingPeriod
    value: Decimal | None
    report: ProgressReport | None  # the one standing for the period (original or latest correction)
    history: list[ProgressReport]  # every report filed for the period, newest first
    live: bool  # a computed value measured now, not yet frozen in a report
    overdue: bool
    url: str

    @property
    def started(self) -> bool:
        return self.value is not None or self.report is not None


@dataclass
class IndicatorLine:
    indicator: Indicator
    periods: list[PeriodCell]
    actual: Decimal | None
    url: str
    women: int | None = None
    men: int | None = None
    other: int | None = None
    trend_chart: str = ""

    @property
    def percent(self) -> int | None:
        target = self.indicator.target
        if self.actual is None or not target:
            return None
        return round(self.actual / target * 100)

    @property
    def rating(self) -> str:
        """The rating of the latest report filed: how the indicator stands now."""
        filed = [cell.report for cell in self.periods if cell.report is not None]
        return filed[-1].get_rating_display() if filed else ""

    @property
    def rating_key(self) -> str:
        filed = [cell.report for cell in self.periods if cell.report is not None]
        return filed[-1].rating if filed else ""

    @property
    def overdue(self) -> int:
        return sum(cell.overdue for cell in self.periods)

    @property
    def reports(self) -> list[ProgressReport]:
        return [report for cell in reversed(self.periods) for report in cell.history]


@dataclass
class CommitmentBlock:
    commitment: Commitment
    indicators: list[IndicatorLine]
    activities_url: str
    requests_url: str


@dataclass
class AreaBlock:
    area: object
    commitments: list[CommitmentBlock] = field(default_factory=list)
    chart: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class WorkPlanPage:
    work_plan: WorkPlan
    areas: list[AreaBlock]
    today: datetime.date

    @property
    def overdue(self) -> int:
        return sum(line.overdue for line in self.lines())

    def lines(self):
        for area in self.areas:
            for block in area.commitments:
                yield from block.indicators


def _list_url(indicator: Indicator, starts_on: datetime.date, ends_on: datetime.date, today: datetime.date) -> str:
    """The list of what ``indicator`` counts over the range (its reports for a reported one)."""
    until = min(ends_on, today).isoformat()
    commitment = indicator.commitment_id
    if indicator.measurement == IndicatorMeasurement.REPORTED:
        return f"#indicator-{indicator.pk}-reports"
    if indicator.measurement == IndicatorMeasurement.REQUESTS_DELIVERED:
        return links.requests(commitment=commitment, delivered_from=starts_on.isoformat(), delivered_until=until)
    return links.activities(commitment=commitment, ended_from=starts_on.isoformat(), ended_until=until)


def _reported_actual(indicator: Indicator, cells: list[PeriodCell]) -> Decimal | None:
    values = [cell.report.value for cell in cells if cell.report is not None]
    if not values:
        return None
    return sum(values, Decimal(0)) if indicator.unit in SUMMED_UNITS else values[-1]


def _line(indicator: Indicator, commitment: Commitment, work: DeliveredWork, today: datetime.date) -> IndicatorLine:
    cells = []
    for period in indicator.periods.all():
        history = sorted(period.reports.all(), key=lambda r: (r.created_at, r.pk), reverse=True)
        corrected = {report.corrects_id for report in history}
        current = next((report for report in history if report.pk not in corrected), None)
        live = current is None and indicator.is_computed and period.starts_on <= today
        if current is not None:
            value = current.value
        elif live:
            value = work.measure(indicator, period.starts_on, min(period.ends_on, today)).value
        else:
            value = None
        cells.append(
            PeriodCell(
                period=period,
                value=value,
                report=current,
                history=history,
                live=live,
                overdue=current is None and period.due_on < today and commitment.status not in _EXCUSED,
                url=_list_url(indicator, period.starts_on, period.ends_on, today),
            )
        )
    line = IndicatorLine(indicator, cells, None, _list_url(indicator, commitment.starts_on, commitment.ends_on, today))
    if indicator.is_computed:
        if commitment.starts_on <= today:
            measured = work.measure(indicator, commitment.starts_on, min(commitment.ends_on, today))
            line.actual, line.women, line.men, line.other = measured.value, measured.women, measured.men, measured.other
    else:
        line.actual = _reported_actual(indicator, cells)
    started = [cell for cell in cells if cell.value is not None]
    if started:
        line.trend_chart = charts.line_chart(
            [Item(cell.period.code, float(cell.value), cell.url) for cell in started],
            title=_("%(indicator)s over its periods") % {"indicator": indicator.code},
            width=480,
            height=170,
        )
    return line


_EXCUSED = {Commitment.Status.CANCELLED, Commitment.Status.POSTPONED}


def build_page(work_plan: WorkPlan, *, user, today: datetime.date, mandates=None) -> WorkPlanPage:
    """The whole plan as ``user`` may see it (the page is the Secretariat's; the counts read
    only the activities and requests ``user`` may see all the same). ``mandates`` (a QuerySet)
    keeps only the commitments implementing one of them (the implementation report's scope)."""
    reports = ProgressReport.objects.visible_to(user).select_related("author")
    periods = ReportingPeriod.objects.visible_to(user).prefetch_related(Prefetch("reports", queryset=reports))
    indicators = Indicator.objects.visible_to(user).prefetch_related(Prefetch("periods", queryset=periods))
    shown_mandates = Mandate.objects.visible_to(user).select_related("resolution", "section", "parent")
    chosen = Commitment.objects.visible_to(user).filter(work_plan=work_plan)
    if mandates is not None:
        chosen = chosen.filter(pk__in=Commitment.objects.filter(mandates__in=mandates).values("pk"))
    commitments = list(
        chosen.select_related("responsible")
        .prefetch_related(Prefetch("indicators", queryset=indicators), Prefetch("mandates", queryset=shown_mandates))
        .order_by("code")
    )
    work = DeliveredWork(
        commitment_ids=[c.pk for c in commitments],
        today=today,
        activities=Activity.objects.visible_to(user),
        requests=AssistanceRequest.objects.visible_to(user),
    )
    # In the plan's own order (as entered), not alphabetically.
    areas = {area.pk: AreaBlock(area) for area in work_plan.program_areas.order_by("pk")}
    for commitment in commitments:
        lines = [_line(indicator, commitment, work, today) for indicator in commitment.indicators.all()]
        areas[commitment.program_area_id].commitments.append(
            CommitmentBlock(
                commitment,
                lines,
                links.activities(commitment=commitment.pk),
                links.requests(commitment=commitment.pk),
            )
        )
    for area in areas.values():
        area.items = [
            Item(line.indicator.code, line.percent or 0, line.url, RATING_COLOURS.get(line.rating_key, "not_started"))
            for block in area.commitments
            for line in block.indicators
            if line.percent is not None
        ]
        if area.items:
            area.chart = charts.bar_chart(
                area.items,
                title=_("%(area)s: %% of target reached, by indicator") % {"area": area.area.localized_name()},
            )
    return WorkPlanPage(work_plan, [area for area in areas.values() if area.commitments], today)


def overdue_reports(user, today: datetime.date):
    """Reporting periods whose report is overdue, as ``user`` may see them (the dashboard's
    count, the reminder digest)."""
    return ReportingPeriod.objects.visible_to(user).overdue(today)
