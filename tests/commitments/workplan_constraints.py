"""Bad rows for the Work Plan's named constraints (merged into ``test_constraints.BAD_ROWS``):
each write breaks one constraint and nothing else."""

import datetime

from commitments.workplan import Commitment, Indicator, ProgressReport, ReportingPeriod
from tests.commitments.workplan_helpers import make_commitment, make_indicator


def _commitment_field(**values):
    def write():
        Commitment.objects.filter(pk=make_commitment().pk).update(**values)

    return write


def _commitment_code_twice():
    make_commitment(code="CYB-1")
    make_commitment(code="CYB-1")


def _indicator_field(**values):
    def write():
        Indicator.objects.filter(pk=make_indicator(measurement="reported").pk).update(**values)

    return write


def _indicator_code_twice():
    first = make_indicator(code="A")
    make_indicator(first.commitment, code="A")


def _period_field(**values):
    def write():
        ReportingPeriod.objects.filter(pk=make_indicator().periods.first().pk).update(**values)

    return write


def _period_code_twice():
    period = make_indicator().periods.first()
    ReportingPeriod.objects.create(
        indicator=period.indicator,
        code=period.code,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        due_on=period.due_on,
    )


def _report(**values):
    def write():
        period = make_indicator().periods.first()
        fields = {"period": period, "value": 1, "measurement": "activity_count", "rating": "on_track"}
        ProgressReport.objects.create(**{**fields, **values})

    return write


def _second_original_report():
    period = make_indicator().periods.first()
    ProgressReport.objects.create(period=period, value=1, measurement="activity_count", rating="on_track")
    ProgressReport.objects.create(period=period, value=2, measurement="activity_count", rating="on_track")


WORKPLAN_BAD_ROWS = {
    "commitments_commitment_unique_code": _commitment_code_twice,
    "commitments_commitment_status_valid": _commitment_field(status="forgotten"),
    "commitments_commitment_end_after_start": _commitment_field(ends_on=datetime.date(2023, 1, 1)),
    "commitments_indicator_unique_code": _indicator_code_twice,
    "commitments_indicator_unit_valid": _indicator_field(unit="kilograms"),
    "commitments_indicator_measurement_valid": _indicator_field(measurement="guessed"),
    "commitments_indicator_frequency_valid": _indicator_field(frequency="weekly"),
    "commitments_indicator_measurement_fits_unit": _indicator_field(measurement="states_reached", unit="percentage"),
    "commitments_indicator_gender_only_for_people": _indicator_field(by_gender=True, unit="count"),
    "commitments_indicator_not_negative": _indicator_field(target=-1),
    "commitments_indicator_percentage_at_most_100": _indicator_field(unit="percentage", target=120),
    "commitments_indicator_yes_no_is_0_or_1": _indicator_field(unit="yes_no", target=2),
    "commitments_reportingperiod_unique_code": _period_code_twice,
    "commitments_reportingperiod_dates_in_order": _period_field(due_on=datetime.date(2020, 1, 1)),
    "commitments_reportingperiod_target_valid": _period_field(target=-5),
    "commitments_progressreport_rating_valid": _report(rating="splendid"),
    "commitments_progressreport_measurement_valid": _report(measurement="guessed"),
    "commitments_progressreport_one_per_period": _second_original_report,
    "commitments_progressreport_value_not_negative": _report(value=-1),
}
