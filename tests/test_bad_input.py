"""Hostile query strings and paths: a huge number, a negative one, a NUL byte, digits from
another script. Whatever a visitor puts in a list's parameters or in a URL, the answer is a
normal page (the filter form says what is wrong), a 400 or a 404, never a server error."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 30
HOSTILE = [HUGE, "-" + HUGE, "9223372036854775808", "99999999999", "-1", "0", "1e9", "١٢", "1\x00", "\x00", "%00"]

# Every list (and its export) with every parameter its form reads.
LISTS = {
    "/mandates/": [
        "resolution",
        "section",
        "owner",
        "program_area",
        "status",
        "kind",
        "deadline_after",
        "deadline_before",
        "page",
        "sort",
        "q",
        "overdue",
    ],
    "/mandates/export/csv/": ["resolution", "section", "owner", "program_area"],
    "/requests/": [
        "state",
        "status",
        "request_type",
        "assigned_to",
        "mandate",
        "received_after",
        "page",
        "sort",
        "q",
    ],
    "/requests/export/json/": ["state", "assigned_to"],
    "/activities/": ["state", "activity_type", "date_from", "date_to", "funding_source", "page", "sort", "q"],
    "/activities/export/csv/": ["state"],
    "/reports/view/": ["resolution", "work_plan", "since", "start", "end"],
    "/snapshots/compare/": ["before", "after"],
}
CASES = [(url, name, value) for url, names in LISTS.items() for name in names for value in HOSTILE]


@pytest.fixture
def populated(staff):
    resolution = factories.make_resolution("CICTE/doc.7/24")
    factories.make_mandate(factories.make_section(resolution), text="To hold a regional exercise.")
    factories.make_activity(factories.make_request("MEX", by=staff))


@pytest.mark.parametrize(("url", "name", "value"), CASES)
def test_staff_filtering_a_list_with_a_hostile_value_gets_a_page_not_a_server_error(
    staff_client, populated, url, name, value
):
    response = staff_client.get(url, {name: value})

    assert response.status_code in (200, 400), response.status_code


def test_a_focal_point_paging_past_a_huge_number_sees_the_last_page(focal_mx_client, populated):
    response = focal_mx_client.get("/requests/", {"page": HUGE})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_staff_naming_a_huge_resolution_are_told_it_is_not_a_valid_choice(staff_client, populated):
    response = staff_client.get("/mandates/", {"resolution": HUGE, "section": HUGE})

    assert response.status_code == 200
    assert "resolution" in response.context["filter"].errors
    assert "section" in response.context["filter"].errors


@pytest.mark.parametrize(
    "path",
    [
        f"/mandates/{HUGE}/",
        f"/mandates/{HUGE}/update/",
        f"/resolutions/{HUGE}/",
        f"/resolutions/import/{HUGE}/",
        f"/activities/{HUGE}/",
        f"/attachments/{HUGE}/",
        f"/updates/{HUGE}/",
        f"/snapshots/{HUGE}/",
        "/states/MEX%00/",
        "/states/MEX\x00/",
        "/states/%00/",
        "/requests/REQ-2024-0001%00/",
        "/requests/REQ-2024-0001\x00/edit/",
        "/requests/REQ-2024-0001%00/updates/",
    ],
)
def test_staff_following_a_hostile_link_get_not_found(staff_client, populated, path):
    assert staff_client.get(path).status_code == 404


def test_anonymous_visitor_with_a_nul_in_a_parameter_gets_a_clean_refusal():
    response = Client().get("/mandates/", {"q": "cyber\x00"})

    assert response.status_code == 400


def test_staff_with_a_nul_in_a_filter_parameter_get_a_bad_request(staff_client):
    assert staff_client.get("/requests/", {"sort": "reference\x00"}).status_code == 400
