"""Factories for the Work Plan's commitments, indicators and reports (plain functions)."""

from __future__ import annotations

import datetime
import itertools

from commitments.models import ProgramArea, WorkPlan
from commitments.workplan import Commitment, Indicator, schedule
from tests import factories

_counter = itertools.count(1)


def work_plan_2023() -> WorkPlan:
    """The CICTE Work Plan 2023-2024 of the reference data, with its program areas."""
    return WorkPlan.objects.get(start_year=2023, end_year=2024)


def make_commitment(*, area_code: str = "cybersecurity", mandates=None, **fields) -> Commitment:
    plan = work_plan_2023()
    fields.setdefault("code", f"T-{next(_counter)}")
    fields.setdefault("title", "National cybersecurity strategies")
    fields.setdefault("starts_on", datetime.date(2023, 7, 1))
    fields.setdefault("ends_on", datetime.date(2024, 12, 31))
    fields.setdefault("status", Commitment.Status.IN_PROGRESS)
    commitment = Commitment.objects.create(
        work_plan=plan, program_area=ProgramArea.objects.get(work_plan=plan, code=area_code), **fields
    )
    commitment.mandates.set(mandates if mandates is not None else [factories.make_mandate()])
    return commitment


def make_indicator(commitment: Commitment | None = None, **fields) -> Indicator:
    commitment = commitment or make_commitment()
    fields.setdefault("code", f"I-{next(_counter)}")
    fields.setdefault("name", "Activities delivered")
    fields.setdefault("measurement", Indicator.Measurement.ACTIVITY_COUNT)
    fields.setdefault("unit", Indicator.Unit.COUNT)
    fields.setdefault("frequency", Indicator.Frequency.HALF_YEARLY)
    fields.setdefault("target", 10)
    indicator = Indicator.objects.create(commitment=commitment, **fields)
    schedule(indicator=indicator)
    return indicator


def period(indicator: Indicator, code: str):
    return indicator.periods.get(code=code)
