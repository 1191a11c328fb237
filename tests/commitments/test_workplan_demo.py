"""The demo carries a realistic CICTE Work Plan 2023-2024, followed up: the five program areas of
2023, at least 20 commitments tied to the seed's mandates, indicators of every kind, several
periods of progress reports and some overdue; loading it twice changes nothing."""

import datetime

import pytest

from commitments.workplan import Commitment, Indicator, ProgressReport, ReportingPeriod
from reporting import demo

pytestmark = pytest.mark.django_db


def _rows() -> dict:
    return {model.__name__: model.objects.count() for model in (Commitment, Indicator, ReportingPeriod, ProgressReport)}


@pytest.fixture
def loaded(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    users = demo.create_accounts("a demo password 1234")
    demo.load_data(users)
    return users


def test_the_demo_work_plan_is_realistic(loaded):
    commitments = Commitment.objects.filter(work_plan__start_year=2023)

    assert commitments.count() >= 20
    assert set(commitments.values_list("program_area__code", flat=True)) == {
        "cybersecurity",
        "border-management",
        "cbrn",
        "terrorism-financing",
        "violent-extremism",
    }
    assert not commitments.filter(mandates__isnull=True).exists()
    assert set(commitments.values_list("mandates__resolution__symbol", flat=True)) == {"CICTE/doc.6/23 rev. 2"}
    assert set(Indicator.objects.values_list("measurement", flat=True)) == set(Indicator.Measurement.values)
    assert set(Indicator.objects.values_list("unit", flat=True)) == set(Indicator.Unit.values)
    assert ProgressReport.objects.values("period__code").distinct().count() >= 4
    assert ReportingPeriod.objects.overdue(datetime.date(2026, 1, 1)).exists()
    # Computed reports froze something delivered: activities and requests roll up.
    assert ProgressReport.objects.filter(measurement="requests_delivered", value__gt=0).exists()
    assert ProgressReport.objects.filter(measurement="participants", value_women__gt=0).exists()


def test_loading_the_demo_twice_changes_nothing(loaded):
    before = _rows()

    demo.load_data(loaded)

    assert _rows() == before
