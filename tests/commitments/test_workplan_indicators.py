"""Computed indicators count exactly the work linked to their commitment, against figures
worked out by hand; a progress report freezes the value it was filed with; a period takes one
report and corrections chain; overdue reports are the unfiled periods past their due date."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from commitments.workplan import Commitment, Indicator, ProgressReport, ReportingPeriod, periods_between, schedule
from states.indicators import file_progress_report, measure
from states.models import AssistanceRequest, MemberState
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, make_indicator, period

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 30)
H2_2023 = (datetime.date(2023, 7, 1), datetime.date(2023, 12, 31))
H1_2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
WHOLE = (datetime.date(2023, 7, 1), TODAY)

M = Indicator.Measurement


def _activity(commitment, iso3, ends, women=0, men=0, other=0):
    mandate = commitment.mandates.first() if commitment else factories.make_mandate()
    return factories.make_activity(
        mandate=mandate,
        commitment=commitment,
        state=MemberState.objects.get(iso3=iso3) if iso3 else None,
        start_date=ends - datetime.timedelta(days=2),
        end_date=ends,
        participants_women=women,
        participants_men=men,
        participants_other=other,
    )


def _delivered_request(commitment, iso3, delivered_on):
    request = factories.make_request(iso3, received_on=datetime.date(2023, 1, 10))
    fields = {"commitment": commitment}
    if delivered_on:
        fields.update(status=AssistanceRequest.Status.DELIVERED, delivered_on=delivered_on)
    AssistanceRequest.objects.filter(pk=request.pk).update(**fields)
    return request


@pytest.fixture
def plan_work():
    """One commitment with, worked out by hand (today 30 June 2024):

    - 2023-H2: Mexico (10 women, 5 men, 1 other) and Chile (3 women, 7 men): 2 activities,
      26 participants, 2 states; one request delivered (Mexico, October).
    - 2024-H1: Mexico (4, 4, 0) and a regional one (2, 2, 2): 2 activities, 14 participants,
      1 state; one request delivered (Chile, May).
    - not counted: a Mexican activity ending after today, one of another commitment, a request
      linked but not delivered, one delivered under no commitment.
    """
    commitment = make_commitment()
    other = make_commitment()
    _activity(commitment, "MEX", datetime.date(2023, 8, 10), 10, 5, 1)
    _activity(commitment, "CHL", datetime.date(2023, 11, 20), 3, 7)
    _activity(commitment, "MEX", datetime.date(2024, 2, 15), 4, 4)
    _activity(commitment, None, datetime.date(2024, 3, 1), 2, 2, 2)
    _activity(commitment, "MEX", datetime.date(2024, 9, 1), 50, 50)
    _activity(other, "BRA", datetime.date(2023, 9, 1), 9, 9)
    _delivered_request(commitment, "MEX", datetime.date(2023, 10, 5))
    _delivered_request(commitment, "CHL", datetime.date(2024, 5, 1))
    _delivered_request(commitment, "ARG", None)
    _delivered_request(None, "BRA", datetime.date(2023, 10, 5))
    return commitment


@pytest.mark.parametrize(
    ("measurement", "unit", "expected"),
    [
        (M.ACTIVITY_COUNT, "count", {H2_2023: 2, H1_2024: 2, WHOLE: 4}),
        (M.PARTICIPANTS, "participants", {H2_2023: 26, H1_2024: 14, WHOLE: 40}),
        (M.STATES_REACHED, "member_states", {H2_2023: 2, H1_2024: 1, WHOLE: 2}),
        (M.REQUESTS_DELIVERED, "count", {H2_2023: 1, H1_2024: 1, WHOLE: 2}),
    ],
)
def test_each_computed_indicator_counts_what_was_delivered_under_its_commitment(plan_work, measurement, unit, expected):
    indicator = make_indicator(plan_work, measurement=measurement, unit=unit)

    got = {span: measure(indicator, *span, today=TODAY).value for span in expected}

    assert got == {span: Decimal(value) for span, value in expected.items()}


def test_participants_are_split_by_gender(plan_work):
    indicator = make_indicator(plan_work, measurement=M.PARTICIPANTS, unit="participants", by_gender=True)

    result = measure(indicator, *WHOLE, today=TODAY)

    assert (result.women, result.men, result.other) == (19, 18, 3)


def test_reporting_periods_follow_the_frequency_and_fall_due_a_month_after_they_end():
    quarters = periods_between(datetime.date(2023, 5, 18), datetime.date(2024, 1, 10), "quarterly")

    assert [p.code for p in quarters] == ["2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"]
    assert quarters[0].due_on == datetime.date(2023, 7, 30)
    assert [p.code for p in periods_between(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31), "yearly")] == [
        "2023",
        "2024",
    ]


def test_filing_freezes_the_computed_value_later_activities_do_not_change_it(plan_work, staff):
    indicator = make_indicator(plan_work)
    h2 = period(indicator, "2023-H2")

    report = file_progress_report(period=h2, by=staff, rating="on_track", today=TODAY, value=99)
    _activity(plan_work, "PER", datetime.date(2023, 12, 1))

    report.refresh_from_db()
    assert report.value == 2  # not the 99 given, and not the 3 measured now
    assert report.measurement == M.ACTIVITY_COUNT
    assert report.author == staff
    assert measure(indicator, *H2_2023, today=TODAY).value == 3


def test_a_computed_participants_report_freezes_the_gender_split(plan_work, staff):
    indicator = make_indicator(plan_work, measurement=M.PARTICIPANTS, unit="participants", by_gender=True)

    report = file_progress_report(period=period(indicator, "2023-H2"), by=staff, rating="at_risk", today=TODAY)

    assert (report.value, report.value_women, report.value_men, report.value_other) == (26, 13, 12, 1)


def test_a_second_report_for_the_same_period_is_refused_and_the_first_kept(plan_work, staff):
    indicator = make_indicator(plan_work, measurement=M.REPORTED, unit="percentage", target=80)
    h2 = period(indicator, "2023-H2")
    first = file_progress_report(period=h2, by=staff, rating="on_track", value=40, today=TODAY)

    with pytest.raises(ValidationError) as refused:
        file_progress_report(period=h2, by=staff, rating="off_track", value=10, today=TODAY)

    assert refused.value.code == "already_filed"
    assert list(h2.reports.all()) == [first]


def test_a_correction_stands_for_the_period_and_the_corrected_report_stays(plan_work, staff):
    indicator = make_indicator(plan_work, measurement=M.REPORTED, unit="percentage", target=80)
    h2 = period(indicator, "2023-H2")
    first = file_progress_report(period=h2, by=staff, rating="on_track", value=40, today=TODAY)

    correction = file_progress_report(period=h2, by=staff, rating="at_risk", value=35, corrects=first, today=TODAY)

    assert list(h2.reports.current()) == [correction]
    assert h2.reports.count() == 2
    with pytest.raises(ValidationError) as refused:  # the corrected one is no longer current
        file_progress_report(period=h2, by=staff, rating="at_risk", value=30, corrects=first, today=TODAY)
    assert refused.value.code == "not_current"


def test_the_database_refuses_a_second_original_report_for_a_period(plan_work, staff):
    indicator = make_indicator(plan_work, measurement=M.REPORTED, unit="count")
    h2 = period(indicator, "2023-H2")
    ProgressReport.objects.create(period=h2, value=1, measurement="reported", rating="on_track")

    with pytest.raises(IntegrityError):
        ProgressReport.objects.create(period=h2, value=2, measurement="reported", rating="on_track")


@pytest.mark.parametrize(
    ("unit", "value", "code"),
    [("percentage", 120, "percentage_over_100"), ("yes_no", 2, "yes_no"), ("count", None, "value_required")],
)
def test_a_reported_value_that_cannot_be_is_refused(plan_work, staff, unit, value, code):
    indicator = make_indicator(plan_work, measurement=M.REPORTED, unit=unit, target=1)

    with pytest.raises(ValidationError) as refused:
        file_progress_report(period=period(indicator, "2023-H2"), by=staff, rating="on_track", value=value, today=TODAY)

    assert code in str(refused.value.error_dict["value"][0].code)
    assert not ProgressReport.objects.exists()


def test_a_future_period_cannot_be_reported_on(plan_work, staff):
    indicator = make_indicator(plan_work)

    with pytest.raises(ValidationError) as refused:
        file_progress_report(period=period(indicator, "2024-H2"), by=staff, rating="on_track", today=TODAY)

    assert refused.value.code == "future"


def test_a_viewer_cannot_file_a_report(plan_work):
    indicator = make_indicator(plan_work)

    with pytest.raises(PermissionDenied):
        file_progress_report(
            period=period(indicator, "2023-H2"), by=factories.make_viewer(), rating="on_track", today=TODAY
        )


def test_overdue_reports_are_the_unfiled_periods_past_their_due_date(plan_work, staff):
    first = make_indicator(plan_work, code="A")
    make_indicator(plan_work, code="B", frequency="quarterly")
    cancelled = make_commitment(status=Commitment.Status.CANCELLED)
    make_indicator(cancelled)
    file_progress_report(period=period(first, "2023-H2"), by=staff, rating="on_track", today=TODAY)

    overdue = ReportingPeriod.objects.overdue(TODAY)

    # 2023-H2 of the first is filed; its 2024-H1 falls due on 30 July. The quarterly one owes
    # Q3 and Q4 2023 and Q1 2024 (due 30 April); Q2 2024 falls due on 30 July.
    assert sorted(str(p) for p in overdue) == ["B 2023-Q3", "B 2023-Q4", "B 2024-Q1"]
    assert ReportingPeriod.objects.overdue(datetime.date(2024, 7, 31)).count() == 5
    assert ReportingPeriod.objects.overdue(datetime.date(2024, 1, 30)).count() == 1  # due that very day


def test_changing_a_commitments_dates_reschedules_but_keeps_reported_periods(plan_work, staff):
    indicator = make_indicator(plan_work, measurement=M.REPORTED, unit="count")
    file_progress_report(period=period(indicator, "2023-H2"), by=staff, rating="on_track", value=1, today=TODAY)
    Commitment.objects.filter(pk=plan_work.pk).update(starts_on=datetime.date(2024, 1, 1))
    indicator.refresh_from_db()

    schedule(indicator=indicator)

    assert list(indicator.periods.values_list("code", flat=True)) == ["2023-H2", "2024-H1", "2024-H2"]
    Commitment.objects.filter(pk=plan_work.pk).update(ends_on=datetime.date(2024, 6, 30))
    indicator.refresh_from_db()
    schedule(indicator=indicator)
    assert list(indicator.periods.values_list("code", flat=True)) == ["2023-H2", "2024-H1"]


def test_the_database_refuses_a_computed_indicator_in_the_wrong_unit():
    commitment = make_commitment()

    with pytest.raises(IntegrityError):
        Indicator.objects.create(
            commitment=commitment, code="X", name="States", measurement=M.STATES_REACHED, unit="percentage", target=5
        )
