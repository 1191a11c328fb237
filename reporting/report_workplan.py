"""The implementation report's work-plan section: planned vs delivered for the commitments that
implement the report's mandates (of its work plan, when it is a work plan's report), one row
per indicator. The page, the PDF and the workbook show the same rows.

Both versions carry the figures (targets, actuals, ratings: no state is named); the
Secretariat's version also counts the progress reports overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import WorkPlan
from commitments.workplan import Commitment
from reporting.templatetags.workplan_tags import figure
from reporting.workplan import build_page


@dataclass(frozen=True)
class WorkPlanRow:
    work_plan: str
    program_area: str
    commitment: str
    indicator: str
    unit: str
    target: Decimal
    actual: Decimal | None
    percent: int | None
    rating: str
    overdue: int

    def values(self, *, internal: bool) -> list[str]:
        cells = [
            self.program_area,
            self.commitment,
            self.indicator,
            self.unit,
            figure(self.target),
            figure(self.actual),
            "–" if self.percent is None else f"{self.percent}%",
            self.rating or _("not yet reported"),
        ]
        return [*cells, str(self.overdue)] if internal else cells


def headings(*, internal: bool) -> list[str]:
    cells = [
        _("Program area"),
        _("Commitment"),
        _("Indicator"),
        _("Unit"),
        _("Target"),
        _("Actual"),
        _("% of target"),
        _("Rating"),
    ]
    return [*cells, _("Reports overdue")] if internal else cells


def work_plan_rows(scope, user) -> list[WorkPlanRow]:
    """One row per indicator of the commitments implementing the scope's mandates, measured as
    of the end of the report's period (or today)."""
    today = timezone.localdate()
    as_of = min(scope.end, today) if scope.end else today
    if scope.work_plan is not None:
        # A work plan's report: every commitment of the plan.
        plans, mandates = [scope.work_plan], None
    else:
        mandates = scope.mandates(user)
        implementing = Commitment.objects.visible_to(user).filter(mandates__in=mandates)
        plans = WorkPlan.objects.filter(pk__in=implementing.values("work_plan")).order_by("-start_year")
    rows = []
    for plan in plans:
        page = build_page(plan, user=user, today=as_of, mandates=mandates)
        for area in page.areas:
            for block in area.commitments:
                for line in block.indicators:
                    rows.append(
                        WorkPlanRow(
                            work_plan=plan.title,
                            program_area=area.area.localized_name(),
                            commitment=str(block.commitment),
                            indicator=str(line.indicator),
                            unit=line.indicator.get_unit_display(),
                            target=line.indicator.target,
                            actual=line.actual,
                            percent=line.percent,
                            rating=line.rating,
                            overdue=line.overdue,
                        )
                    )
    return rows


def as_of_label(scope) -> str:
    day = min(scope.end, timezone.localdate()) if scope.end else timezone.localdate()
    return _("Actual values as of %(date)s.") % {"date": day.isoformat()}


@dataclass(frozen=True)
class WorkPlanSection:
    """What the page, the PDF and the workbook show (the report's ``work_plan_section``)."""

    rows: list[WorkPlanRow]
    internal: bool
    as_of: str

    @property
    def headings(self) -> list[str]:
        return headings(internal=self.internal)

    @property
    def cells(self) -> list[list[str]]:
        return [row.values(internal=self.internal) for row in self.rows]


def work_plan_section(scope, user) -> WorkPlanSection:
    return WorkPlanSection(work_plan_rows(scope, user), scope.internal, as_of_label(scope))
