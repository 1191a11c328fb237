"""The request and activity lists: sorting, pagination, what a focal point sees, and exports
that hold exactly the rows the list shows."""

import datetime

import pytest

from states.models import Activity, MemberState
from tests import factories
from tests.listing_helpers import export_column, listed

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx", "json"]


def references(response) -> list[str]:
    return [row.reference for row in listed(response)]


@pytest.fixture
def three(staff):
    return [
        factories.make_request("MEX", by=staff, title="B law", received_on=datetime.date(2024, 2, 1)),
        factories.make_request("CHL", by=staff, title="A cyber", received_on=datetime.date(2024, 1, 1)),
        factories.make_request("ARG", by=staff, title="C borders", received_on=datetime.date(2024, 3, 1)),
    ]


def test_requests_are_listed_newest_first(staff_client, three):
    assert references(staff_client.get("/requests/")) == [three[2].reference, three[0].reference, three[1].reference]


def test_requests_sort_by_title_both_ways(staff_client, three):
    ascending = [row.title for row in listed(staff_client.get("/requests/", {"sort": "title"}))]
    descending = [row.title for row in listed(staff_client.get("/requests/", {"sort": "-title"}))]

    assert ascending == ["A cyber", "B law", "C borders"]
    assert descending == ["C borders", "B law", "A cyber"]


def test_requests_sort_by_state_name_in_the_users_language(staff_client, staff):
    # In English "Brazil" < "Chile" < "Mexico"; in Spanish "Brasil" < "Chile" < "México" too, but
    # the United States sorts last in English and before México in Spanish ("Estados Unidos").
    factories.make_request("USA", by=staff)
    factories.make_request("MEX", by=staff)

    english = [row.state.iso3 for row in listed(staff_client.get("/requests/", {"sort": "state"}))]
    spanish = [
        row.state.iso3 for row in listed(staff_client.get("/requests/", {"sort": "state"}, HTTP_ACCEPT_LANGUAGE="es"))
    ]

    assert english == ["MEX", "USA"]
    assert spanish == ["USA", "MEX"]


def test_request_list_has_25_rows_a_page(staff_client, staff):
    for number in range(27):
        factories.make_request("MEX", by=staff, title=f"Request {number}")

    assert len(listed(staff_client.get("/requests/"))) == 25
    assert len(listed(staff_client.get("/requests/", {"page": 2}))) == 2
    # A page past the end shows the last page rather than an error.
    assert len(listed(staff_client.get("/requests/", {"page": 99}))) == 2


def test_focal_point_lists_only_its_own_states_requests(focal_mx_client, three):
    assert references(focal_mx_client.get("/requests/")) == [three[0].reference]


@pytest.mark.parametrize("fmt", FORMATS)
def test_focal_points_export_holds_only_its_own_states_requests(focal_mx_client, three, fmt):
    response = focal_mx_client.get(f"/requests/export/{fmt}/")

    assert export_column(response, "reference" if fmt == "json" else "Reference") == [three[0].reference]


@pytest.mark.parametrize("fmt", FORMATS)
def test_request_export_holds_the_filtered_rows_of_every_page_in_the_lists_order(staff_client, staff, fmt):
    for number in range(45):
        factories.make_request("MEX" if number % 3 else "CHL", by=staff, title=f"Request {number:02d}")
    query = {"state": MemberState.objects.get(iso3="MEX").pk, "sort": "title"}

    shown = references(staff_client.get("/requests/", query)) + references(
        staff_client.get("/requests/", {**query, "page": 2})
    )
    exported = export_column(
        staff_client.get(f"/requests/export/{fmt}/", query), "reference" if fmt == "json" else "Reference"
    )

    assert len(shown) == 30  # two pages
    assert exported == shown


def test_the_list_links_to_exports_of_the_same_filters(staff_client, three):
    html = staff_client.get("/requests/", {"q": "law", "page": 1}).content.decode()

    assert 'href="/requests/export/csv/?q=law"' in html
    assert 'href="/requests/export/xlsx/?q=law"' in html
    assert 'href="/requests/export/json/?q=law"' in html


def test_an_unknown_export_format_is_not_found(staff_client):
    assert staff_client.get("/requests/export/pdf/").status_code == 404


@pytest.fixture
def delivered(three):
    mexican, chilean, _argentine = three
    return [
        factories.make_activity(mexican, title="Mexican workshop", participants_women=5, participants_men=5),
        factories.make_activity(
            chilean, title="Chilean course", start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 2)
        ),
        factories.make_activity(
            None,
            mandate=factories.make_mandate(),
            title="Regional conference",
            activity_type=Activity.Type.CONFERENCE,
            participants_women=40,
        ),
    ]


def test_activities_are_listed_latest_first(staff_client, delivered):
    titles = [row.title for row in listed(staff_client.get("/activities/"))]

    assert titles[0] == "Chilean course"


def test_activities_sort_by_participants(staff_client, delivered):
    titles = [row.title for row in listed(staff_client.get("/activities/", {"sort": "-participants"}))]

    assert titles == ["Regional conference", "Mexican workshop", "Chilean course"]


def test_focal_point_lists_only_activities_delivered_to_its_state(focal_mx_client, delivered):
    assert [row.title for row in listed(focal_mx_client.get("/activities/"))] == ["Mexican workshop"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_activity_export_matches_the_list_and_counts_participants(focal_cl_client, delivered, fmt):
    response = focal_cl_client.get(f"/activities/export/{fmt}/")

    assert export_column(response, "title" if fmt == "json" else "Title") == ["Chilean course"]
