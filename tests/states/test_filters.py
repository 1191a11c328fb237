"""Each filter of the request list and of the activity list, on hand-made rows, and the
choices each filter offers to whom."""

import datetime

import pytest

from states import services
from states.models import Activity, AssistanceRequest, MemberState
from tests import factories
from tests.listing_helpers import listed

pytestmark = pytest.mark.django_db

R = AssistanceRequest


def titles(response) -> set[str]:
    return {row.title for row in listed(response)}


@pytest.fixture
def requests_(staff):
    cyber = factories.make_mandate(text="To support national cybersecurity strategies.")
    borders = factories.make_mandate(text="To train border officials.", number="12")
    other_staff = factories.make_staff("other-staff")
    return {
        "mx_law": factories.make_request(
            "MEX",
            by=staff,
            title="Counter-terrorism financing law",
            received_on=datetime.date(2024, 1, 15),
            assigned_to=staff,
            mandates=[borders],
        ),
        "mx_cyber": factories.make_request(
            "MEX",
            by=staff,
            title="Cyber incident response team",
            request_type=R.Type.TECHNICAL,
            received_on=datetime.date(2024, 3, 1),
            assigned_to=other_staff,
            mandates=[cyber],
        ),
        "cl_training": factories.make_request(
            "CHL",
            by=staff,
            title="Training for border police",
            request_type=R.Type.CAPACITY_BUILDING,
            received_on=datetime.date(2024, 6, 30),
            mandates=[borders, cyber],
        ),
    }


def test_state_filter_lists_only_that_states_requests(staff_client, requests_):
    chile = MemberState.objects.get(iso3="CHL")

    assert titles(staff_client.get("/requests/", {"state": chile.pk})) == {"Training for border police"}


def test_status_filter_lists_only_requests_in_that_status(staff_client, staff, requests_):
    services.change_request_status(request=requests_["mx_law"], new_status=R.Status.UNDER_REVIEW, by=staff)

    response = staff_client.get("/requests/", {"status": R.Status.UNDER_REVIEW})

    assert titles(response) == {"Counter-terrorism financing law"}


def test_type_filter_lists_only_requests_of_that_type(staff_client, requests_):
    response = staff_client.get("/requests/", {"request_type": R.Type.TECHNICAL})

    assert titles(response) == {"Cyber incident response team"}


def test_assignee_filter_lists_only_that_persons_requests(staff_client, staff, requests_):
    assert titles(staff_client.get("/requests/", {"assigned_to": staff.pk})) == {"Counter-terrorism financing law"}


def test_assignee_filter_offers_staff_only(staff_client, staff, viewer, focal_mx, requests_):
    offered = set(staff_client.get("/requests/").context["filter"].form.fields["assigned_to"].queryset)

    assert staff in offered
    assert viewer not in offered
    assert focal_mx not in offered


def test_mandate_filter_matches_words_of_the_mandates_text(staff_client, requests_):
    response = staff_client.get("/requests/", {"mandate": "cybersecurity"})

    assert titles(response) == {"Cyber incident response team", "Training for border police"}


def test_mandate_filter_matches_a_paragraph_number_and_lists_each_request_once(staff_client, requests_):
    response = staff_client.get("/requests/", {"mandate": "12"})

    assert [row.title for row in listed(response)] == ["Training for border police", "Counter-terrorism financing law"]


def test_mandate_filter_is_a_search_box_suggesting_resolution_symbols(staff_client, requests_):
    html = staff_client.get("/requests/").content.decode()

    assert 'list="id_mandate_options"' in html
    assert f'<option value="{requests_["mx_law"].mandates.get().resolution.symbol}">' in html


def test_delivered_lists_requests_delivered_at_some_point_even_if_closed_since(staff_client, staff, requests_):
    for request in (requests_["mx_law"], requests_["cl_training"]):
        for status in ("accepted", "in_progress", "delivered"):
            services.change_request_status(request=request, new_status=status, by=staff)
    services.change_request_status(request=requests_["cl_training"], new_status="closed", by=staff)

    assert titles(staff_client.get("/requests/", {"delivered": "on"})) == {
        "Counter-terrorism financing law",
        "Training for border police",
    }
    assert len(titles(staff_client.get("/requests/"))) == 3


def test_received_date_range_includes_both_ends(staff_client, requests_):
    response = staff_client.get("/requests/", {"received_after": "2024-03-01", "received_before": "2024-06-30"})

    assert titles(response) == {"Cyber incident response team", "Training for border police"}


def test_free_text_matches_reference_or_title(staff_client, requests_):
    reference = requests_["cl_training"].reference

    assert titles(staff_client.get("/requests/", {"q": reference})) == {"Training for border police"}
    assert titles(staff_client.get("/requests/", {"q": "incident TEAM"})) == {"Cyber incident response team"}


def test_focal_points_state_filter_offers_its_own_state_only(focal_mx_client):
    offered = list(focal_mx_client.get("/requests/").context["filter"].form.fields["state"].queryset)

    assert offered == [MemberState.objects.get(iso3="MEX")]


def test_focal_point_cannot_filter_its_way_to_another_states_requests(focal_mx_client, requests_):
    chile = MemberState.objects.get(iso3="CHL")

    response = focal_mx_client.get("/requests/", {"state": chile.pk})

    assert "state" in response.context["filter"].form.errors
    assert titles(response) == {"Counter-terrorism financing law", "Cyber incident response team"}


def test_focal_point_has_no_assignee_filter(focal_mx_client):
    assert "assigned_to" not in focal_mx_client.get("/requests/").context["filter"].form.fields


# --- activities -----------------------------------------------------------------------------


@pytest.fixture
def activities(requests_):
    mexican, chilean = requests_["mx_law"], requests_["cl_training"]
    return [
        factories.make_activity(
            mexican,
            title="Workshop on the draft law",
            start_date=datetime.date(2024, 3, 4),
            end_date=datetime.date(2024, 3, 6),
            funding_source="Canada",
        ),
        factories.make_activity(
            chilean,
            title="Border police course",
            activity_type=Activity.Type.TRAINING,
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 5, 31),
            funding_source="United States",
        ),
        factories.make_activity(
            chilean,
            title="Follow-up mission",
            activity_type=Activity.Type.TECHNICAL_MISSION,
            start_date=datetime.date(2024, 9, 2),
            end_date=datetime.date(2024, 9, 3),
        ),
    ]


def test_activity_type_filter(staff_client, activities):
    response = staff_client.get("/activities/", {"activity_type": Activity.Type.TRAINING})

    assert titles(response) == {"Border police course"}


def test_activity_state_filter(staff_client, activities):
    mexico = MemberState.objects.get(iso3="MEX")

    assert titles(staff_client.get("/activities/", {"state": mexico.pk})) == {"Workshop on the draft law"}


def test_activity_date_range_keeps_activities_that_overlap_it(staff_client, activities):
    # The course runs through May: it overlaps a range that starts mid-May.
    response = staff_client.get("/activities/", {"date_from": "2024-05-15", "date_to": "2024-09-02"})

    assert titles(response) == {"Border police course", "Follow-up mission"}


def test_activity_funding_source_filter_matches_part_of_the_name(staff_client, activities):
    assert titles(staff_client.get("/activities/", {"funding_source": "united"})) == {"Border police course"}


def test_activities_with_no_funding_source_recorded_can_be_listed_alone(staff_client, activities):
    assert titles(staff_client.get("/activities/", {"funding_unrecorded": "on"})) == {"Follow-up mission"}


def test_funding_sources_are_suggested_from_what_the_user_may_see(focal_mx_client, activities):
    html = focal_mx_client.get("/activities/").content.decode()

    assert '<option value="Canada">' in html
    assert "United States" not in html
