"""Each dashboard figure against data counted by hand, and the list each figure links to."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from commitments import services as mandate_services
from commitments.models import Mandate, ProgramArea
from reporting import dashboard as figures
from states.models import Activity, AssistanceRequest
from tests import factories

pytestmark = pytest.mark.django_db

MS = Mandate.Status
RS = AssistanceRequest.Status
TODAY = datetime.date(2025, 6, 15)


def _query(url: str) -> tuple[str, dict]:
    parsed = urlparse(url)
    return parsed.path, {key: values[0] for key, values in parse_qs(parsed.query).items()}


@pytest.fixture
def mandates():
    """Resolution A: 2 in progress (CICTE Secretariat), 1 completed (Secretariat and Member
    States), 1 not started with no owner; resolution B: 1 superseded (Member States)."""
    section_a1 = factories.make_section(factories.make_resolution("A/1"), title="Cyber")
    section_a2 = factories.make_section(section_a1.resolution, title="Borders")
    section_b = factories.make_section(factories.make_resolution("B/1"), title="Convention")
    return {
        "a1": factories.make_mandate(section_a1, owners=["CICTE Secretariat"], status=MS.IN_PROGRESS),
        "a2": factories.make_mandate(section_a1, owners=["CICTE Secretariat"], status=MS.IN_PROGRESS),
        "a3": factories.make_mandate(section_a2, owners=["CICTE Secretariat", "Member States"], status=MS.COMPLETED),
        "a4": factories.make_mandate(section_a2, status=MS.NOT_STARTED),
        "b1": factories.make_mandate(section_b, owners=["Member States"], status=MS.SUPERSEDED),
    }


def test_mandates_by_status_counts_each_status_and_links_to_the_list_of_that_status(mandates):
    items = figures.mandates_by_status(Mandate.objects.all())

    assert [(item.key, item.value) for item in items] == [
        ("not_started", 1),
        ("in_progress", 2),
        ("completed", 1),
        ("superseded", 1),
    ]
    assert _query(items[1].url) == ("/mandates/", {"status": "in_progress"})


def test_mandates_by_owner_counts_a_shared_mandate_for_each_owner_and_puts_no_owner_last(mandates):
    rows = figures.mandates_by_owner(Mandate.objects.all())

    summary = [(row.label, row.total, {s.key: s.value for s in row.segments}) for row in rows]
    assert summary == [
        ("CICTE Secretariat", 3, {"in_progress": 2, "completed": 1}),
        ("Member States", 2, {"completed": 1, "superseded": 1}),
        ("No owner named", 1, {"not_started": 1}),
    ]
    secretariat = rows[0]
    path, params = _query(secretariat.url)
    assert path == "/mandates/" and params == {"owner": str(mandates["a1"].owners.get().pk)}
    assert _query(secretariat.segments[0].url)[1] == {"owner": params["owner"], "status": "in_progress"}
    assert _query(rows[2].url)[1] == {"no_owner": "1"}


def test_mandates_by_resolution_nests_sections_with_their_status_counts(mandates):
    rows = figures.mandates_by_resolution(Mandate.objects.all())

    by_label = {row.label: row for row in rows}
    resolution_a = by_label["A/1"]
    assert resolution_a.total == 4
    assert [(child.label, child.total) for child in resolution_a.children] == [("§1 Cyber", 2), ("§2 Borders", 2)]
    assert by_label["B/1"].total == 1
    section = mandates["a3"].section
    assert _query(resolution_a.children[1].url)[1] == {
        "resolution": str(section.resolution_id),
        "section": str(section.pk),
    }


def test_mandates_by_program_area_counts_each_area_and_links_to_it(mandates):
    cyber = ProgramArea.objects.get(code="cybersecurity")
    borders = ProgramArea.objects.get(code="border-management")
    mandates["a1"].program_areas.set([cyber])
    mandates["a2"].program_areas.set([cyber, borders])

    items = figures.mandates_by_program_area(Mandate.objects.all())

    assert [(item.label, item.value) for item in items] == [
        ("Cybersecurity", 2),
        (borders.name_en, 1),
    ]
    assert _query(items[0].url)[1] == {"program_area": str(cyber.pk)}


def test_deadlines_count_open_mandates_overdue_and_due_soon_and_stale_ones(mandates):
    now = timezone.make_aware(datetime.datetime(2025, 6, 15, 12, 0))
    Mandate.objects.filter(pk=mandates["a1"].pk).update(deadline=TODAY - datetime.timedelta(days=1))  # overdue
    Mandate.objects.filter(pk=mandates["a2"].pk).update(deadline=TODAY + datetime.timedelta(days=30))  # due soon
    Mandate.objects.filter(pk=mandates["a4"].pk).update(deadline=TODAY + datetime.timedelta(days=31))  # later
    # Completed with a past deadline: neither overdue nor due.
    Mandate.objects.filter(pk=mandates["a3"].pk).update(deadline=TODAY - datetime.timedelta(days=5))
    # a1 and a4 last heard of 100 days ago; a2 updated 10 days ago.
    Mandate.objects.update(created_at=now - datetime.timedelta(days=100))
    ten_days_before = timezone.localdate(now - datetime.timedelta(days=10))
    mandate_services.add_mandate_update(mandate=mandates["a2"], by=None, note="News", happened_on=ten_days_before)

    deadlines = figures.mandate_deadlines(Mandate.objects.all(), today=TODAY, now=now, due_soon_days=30, stale_days=90)

    assert (deadlines.overdue.value, deadlines.due_soon.value, deadlines.stale.value) == (1, 1, 2)
    assert _query(deadlines.overdue.url)[1] == {"overdue": "1"}
    assert _query(deadlines.stale.url)[1] == {"stale": "1"}
    assert _query(deadlines.due_soon.url)[1] == {
        "open": "1",
        "deadline_after": "2025-06-15",
        "deadline_before": "2025-07-15",
    }


def _request(iso3, status, received, delivered=None):
    request = factories.make_request(iso3, received_on=received)
    AssistanceRequest.objects.filter(pk=request.pk).update(status=status, delivered_on=delivered)
    return request


def test_requests_by_state_split_by_status_most_requests_first_linking_to_state_and_status():
    mexico = _request("MEX", RS.RECEIVED, TODAY)
    _request("MEX", RS.DELIVERED, TODAY, TODAY)
    _request("MEX", RS.DELIVERED, TODAY, TODAY)
    _request("CHL", RS.DECLINED, TODAY)

    rows = figures.requests_by_state(AssistanceRequest.objects.all())

    assert [(row.label, row.total) for row in rows] == [("Mexico", 3), ("Chile", 1)]
    assert {s.key: s.value for s in rows[0].segments} == {"received": 1, "delivered": 2}
    assert _query(rows[0].url) == ("/requests/", {"state": str(mexico.state_id)})
    assert _query(rows[0].segments[1].url)[1] == {"state": str(mexico.state_id), "status": "delivered"}


def test_delivery_times_are_the_median_and_90th_percentile_of_days_from_received_to_delivered():
    # 10, 20, 30, 40 and 100 days; one request not delivered is left out.
    for days in (10, 20, 30, 40, 100):
        _request("MEX", RS.DELIVERED, TODAY - datetime.timedelta(days=days), TODAY)
    _request("MEX", RS.IN_PROGRESS, TODAY - datetime.timedelta(days=500))

    times = figures.delivery_times(AssistanceRequest.objects.all())

    # Median of 5 values: the third (30). 90th percentile by linear interpolation:
    # rank 0.9 × (5 − 1) = 3.6 → 40 + 0.6 × (100 − 40) = 76.
    assert (times.count, times.median, times.p90) == (5, 30, pytest.approx(76))
    assert _query(times.url)[1] == {"delivered": "1"}


def test_delivery_times_are_empty_when_nothing_was_delivered():
    _request("MEX", RS.RECEIVED, TODAY)

    times = figures.delivery_times(AssistanceRequest.objects.all())

    assert (times.count, times.median, times.p90) == (0, None, None)


def _activity(start, *, women=0, men=0, other=0, funding="", iso3="MEX"):
    mandate = Mandate.objects.first() or factories.make_mandate()
    return factories.make_activity(
        None,
        mandate=mandate,
        state=factories.MemberState.objects.get(iso3=iso3),
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        participants_women=women,
        participants_men=men,
        participants_other=other,
        funding_source=funding,
    )


def test_activities_over_time_count_per_quarter_fill_empty_quarters_and_skip_future_ones():
    _activity(datetime.date(2024, 1, 10))
    _activity(datetime.date(2024, 3, 30))
    _activity(datetime.date(2024, 8, 1))
    _activity(TODAY + datetime.timedelta(days=10))  # planned, not delivered yet

    items = figures.activities_over_time(Activity.objects.all(), today=TODAY)

    assert [(item.label, item.value) for item in items] == [("Q1 2024", 2), ("Q2 2024", 0), ("Q3 2024", 1)]
    assert _query(items[2].url) == ("/activities/", {"date_from": "2024-07-01", "date_to": "2024-09-30"})


def test_participants_by_gender_sum_every_activity_and_give_the_share_of_women():
    _activity(TODAY, women=12, men=8)
    _activity(TODAY, women=3, men=5, other=2)

    participants = figures.participants_by_gender(Activity.objects.all())

    assert (participants.women, participants.men, participants.other, participants.participants) == (15, 13, 2, 30)
    assert participants.women_share == pytest.approx(0.5)
    assert figures.participants_by_gender(Activity.objects.none()).women_share is None


def test_funding_sources_count_activities_per_source_with_unrecorded_last():
    _activity(TODAY, funding="Canada")
    _activity(TODAY, funding="Canada")
    _activity(TODAY, funding="Spain")
    _activity(TODAY, funding="")

    items = figures.funding_sources(Activity.objects.all())

    assert [(item.label, item.value) for item in items] == [("Canada", 2), ("Spain", 1), ("Not recorded", 1)]
    assert _query(items[0].url)[1] == {"funding_source": "Canada"}
    assert _query(items[2].url)[1] == {"funding_unrecorded": "1"}


def test_a_focal_points_figures_count_only_its_own_states_requests_and_activities(focal_mx):
    _request("MEX", RS.DELIVERED, TODAY - datetime.timedelta(days=10), TODAY)
    _request("CHL", RS.DELIVERED, TODAY - datetime.timedelta(days=90), TODAY)
    _activity(TODAY, women=4, men=4, iso3="MEX")
    _activity(TODAY, women=50, men=1, iso3="CHL")

    requests = AssistanceRequest.objects.visible_to(focal_mx)
    activities = Activity.objects.visible_to(focal_mx)

    assert [row.label for row in figures.requests_by_state(requests)] == ["Mexico"]
    assert figures.delivery_times(requests).median == 10
    assert figures.participants_by_gender(activities).participants == 8
