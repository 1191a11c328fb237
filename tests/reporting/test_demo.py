"""The demo shows a believable year of CICTE work: two resolutions, 30 to 60 requests from a
dozen states over two years in every status, activities with participants, updates for both
audiences, a snapshot at the 2024 session read back from the history; quick, and loading it
twice changes nothing."""

import datetime
import time

import pytest
from django.db.models import Count

from commitments.models import Mandate, MandateUpdate, Resolution
from core.choices import Audience
from reporting import demo, demo_history
from reporting.models import Snapshot
from states.implementation import ImplementationStatus, NationalImplementationReport
from states.models import Activity, AssistanceRequest, OutgoingEmail, RequestUpdate

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    models = (
        Resolution,
        Mandate,
        MandateUpdate,
        AssistanceRequest,
        RequestUpdate,
        Activity,
        Snapshot,
        OutgoingEmail,
        NationalImplementationReport,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def loaded(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    users = demo.create_accounts("a demo password 1234")
    started = time.perf_counter()
    demo.load_data(users)
    return {"users": users, "seconds": time.perf_counter() - started}


def test_the_demo_holds_the_seed_and_the_2024_session_resolutions(loaded):
    symbols = set(Resolution.objects.values_list("symbol", flat=True))

    assert {"CICTE/doc.6/23 rev. 2", "CICTE/doc.5/24 rev. 1"} <= symbols
    assert Resolution.objects.get(symbol="CICTE/doc.5/24 rev. 1").adopted_on == datetime.date(2024, 4, 12)


def test_the_demo_has_30_to_60_requests_from_a_dozen_states_over_two_years_in_every_status(loaded):
    requests = AssistanceRequest.objects.all()
    received = sorted(requests.values_list("received_on", flat=True))

    assert 30 <= requests.count() <= 60
    assert requests.values("state").distinct().count() >= 12
    assert set(requests.values_list("status", flat=True)) == set(AssistanceRequest.Status.values)
    assert (received[-1] - received[0]).days >= 365 * 2 - 31


def test_the_demo_has_activities_with_participants_and_updates_for_both_audiences(loaded):
    activities = Activity.objects.all()

    assert activities.count() >= 20
    assert all(a.participants_women > 0 and a.participants_men > 0 for a in activities)
    assert set(RequestUpdate.objects.values_list("audience", flat=True)) == {Audience.STATE, Audience.INTERNAL}
    assert set(MandateUpdate.objects.values_list("audience", flat=True)) == {Audience.PUBLIC, Audience.INTERNAL}
    statuses = set(Mandate.objects.values_list("status", flat=True))
    assert statuses >= {"not_started", "in_progress", "ongoing", "completed"}


def test_the_demos_history_is_dated_when_it_happened_and_delivery_takes_weeks_not_years(loaded):
    titles = [title for title, _type, _activity in demo_history.TOPICS]
    delivered = AssistanceRequest.objects.filter(delivered_on__isnull=False, title__in=titles)

    assert RequestUpdate.objects.filter(happened_on__year=2024).exists()
    assert delivered.count() >= 10
    assert all(0 < (r.delivered_on - r.received_on).days <= 120 for r in delivered)


def test_the_demo_snapshot_at_the_2024_session_reads_the_statuses_of_that_day(loaded):
    session = Snapshot.objects.get(taken_on=datetime.date(2024, 4, 12))
    on_that_day = AssistanceRequest.objects.filter(received_on__lte=datetime.date(2024, 4, 12))

    assert "Twenty-fourth regular session" in session.name
    assert set(session.request_statuses) == {str(pk) for pk in on_that_day.values_list("pk", flat=True)}
    assert session.request_statuses != {str(r.pk): r.status for r in on_that_day}  # they moved on since
    assert "in_progress" in session.mandate_statuses.values()


def test_the_demo_has_national_reports_from_several_states_in_every_status_with_a_revised_position(loaded):
    reports = NationalImplementationReport.objects.all()
    by_state_and_mandate = reports.values("state", "mandate").annotate(n=Count("pk"))

    assert reports.values("state").distinct().count() >= 6
    assert set(reports.values_list("status", flat=True)) == set(ImplementationStatus.values)
    assert reports.filter(on_behalf=False, state__iso3="MEX").exists()  # Mexico's own focal point
    assert reports.filter(on_behalf=True).exists()  # recorded by the Secretariat from a note verbale
    assert any(row["n"] > 1 for row in by_state_and_mandate)  # a position with its history


def test_the_demo_sends_no_email_about_its_invented_past(loaded):
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == []


def test_loading_the_demo_twice_changes_nothing_and_takes_seconds(loaded):
    before = _counts()

    demo.load_data(demo.create_accounts("a demo password 1234"))

    assert _counts() == before
    assert loaded["seconds"] < 10
