"""A renewed mandate's page carries its predecessors' requests and activities (read-only,
labelled with the older symbol), a page of 25 at a time like the rest, each through its own
visibility; the older mandate's page does not take the newer one's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def renewed(staff):
    older = factories.make_mandate(factories.make_section(factories.make_resolution("CICTE/RES. 1 (XXI-21)")))
    newer = factories.make_mandate(factories.make_section(factories.make_resolution("CICTE/RES. 1 (XXII-22)")))
    services.confirm_mandate_link(newer=newer, older=older, kind="renews", by=staff)
    return older, newer


def requests_section(page: str) -> str:
    return page[page.index("requests-heading") : page.index("</table>", page.index("requests-heading"))]


def activities_section(page: str) -> str:
    return page[page.index("activities-heading") : page.index("</table>", page.index("activities-heading"))]


def test_a_renewed_mandates_page_lists_the_predecessors_requests_and_activities_under_the_older_symbol(
    renewed, staff, viewer_client
):
    older, newer = renewed
    old_request = factories.make_request(by=staff, mandates=[older], title="Review of the 2021 strategy")
    new_request = factories.make_request(by=staff, mandates=[newer], title="Review of the 2022 strategy")
    both = factories.make_request(by=staff, mandates=[older, newer], title="Cited twice")
    factories.make_activity(old_request, mandate=older, title="Workshop under the old mandate")
    page = viewer_client.get(newer.get_absolute_url()).content.decode()
    requests = requests_section(page)
    assert old_request.reference in requests and new_request.reference in requests
    assert requests.count(f">{both.reference}</a>") == 1  # once, and under this mandate: no label
    row = requests[requests.index(old_request.reference) :].split("</tr>")[0]
    assert "under CICTE/RES. 1 (XXI-21)" in row
    assert requests.count("under CICTE/RES. 1 (XXI-21)") == 1
    activities = activities_section(page)
    assert "Workshop under the old mandate" in activities and "under CICTE/RES. 1 (XXI-21)" in activities


def test_the_older_mandates_page_does_not_take_the_newer_ones_requests(renewed, staff, viewer_client):
    older, newer = renewed
    new_request = factories.make_request(by=staff, mandates=[newer])
    assert new_request.reference not in viewer_client.get(older.get_absolute_url()).content.decode()


def test_a_focal_point_sees_only_their_states_predecessor_requests(renewed, staff, focal_cl_client):
    older, newer = renewed
    mexican = factories.make_request("MEX", by=staff, mandates=[older])
    chilean = factories.make_request("CHL", by=staff, mandates=[older])
    page = focal_cl_client.get(newer.get_absolute_url()).content.decode()
    assert chilean.reference in page and mexican.reference not in page


def test_the_predecessors_requests_come_25_a_page_at_the_same_cost(renewed, staff, viewer_client):
    older, newer = renewed
    for number in range(30):
        factories.make_request(by=staff, mandates=[older], title=f"Request {number}")

    def get(url):
        with CaptureQueriesContext(connection) as captured:
            page = viewer_client.get(url).content.decode()
        return requests_section(page).count("under CICTE/RES. 1 (XXI-21)"), len(captured)

    (first_rows, first_cost), (second_rows, second_cost) = (
        get(newer.get_absolute_url()),
        get(newer.get_absolute_url() + "?requests_page=2"),
    )
    assert (first_rows, second_rows) == (25, 5)
    assert first_cost == second_cost
