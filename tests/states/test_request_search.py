"""The request list's text search (full-text on PostgreSQL, substrings elsewhere) and the
capped count of every text search: past the cap a list says "more than" instead of counting a
common word's every match."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from core import listing
from tests import factories
from tests.listing_helpers import listed

pytestmark = pytest.mark.django_db


def titles(response) -> set[str]:
    return {row.title for row in listed(response)}


@pytest.fixture
def requests_(staff):
    return {
        "ports": factories.make_request(
            "MEX", by=staff, title="Maritime security of ports", description="Assessment of the port facilities."
        ),
        "customs": factories.make_request(
            "CHL", by=staff, title="Customs training", description="Course for customs officers at the ports of entry."
        ),
        "law": factories.make_request(
            "MEX", by=staff, title="Counter-terrorism financing law", description="Review of the draft law."
        ),
    }


def test_every_word_must_appear_in_the_title_or_the_description_in_any_case(staff_client, requests_):
    assert titles(staff_client.get("/requests/", {"q": "MARITIME ports"})) == {"Maritime security of ports"}
    assert titles(staff_client.get("/requests/", {"q": "customs officers"})) == {"Customs training"}
    assert titles(staff_client.get("/requests/", {"q": "ports"})) == {"Maritime security of ports", "Customs training"}


def test_the_start_of_a_word_finds_the_longer_word(staff_client, requests_):
    assert titles(staff_client.get("/requests/", {"q": "financ"})) == {"Counter-terrorism financing law"}


def test_a_request_is_found_by_its_reference(staff_client, requests_):
    reference = requests_["customs"].reference

    assert titles(staff_client.get("/requests/", {"q": reference})) == {"Customs training"}


def test_a_focal_point_finds_only_its_own_states_requests(focal_mx_client, requests_):
    assert titles(focal_mx_client.get("/requests/", {"q": "ports"})) == {"Maritime security of ports"}


@pytest.mark.parametrize("text", ["'&|!", "ports:* | law", "(((", "\\", "port's & !law", "-"])
def test_query_syntax_in_the_search_is_read_as_plain_text(staff_client, requests_, text):
    response = staff_client.get("/requests/", {"q": text})

    assert response.status_code == 200


def test_a_search_matching_more_than_the_cap_says_more_than_and_pages_up_to_it(staff_client, staff, monkeypatch):
    monkeypatch.setattr(listing, "SEARCH_COUNT_CAP", 3)
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for number in range(5):
        factories.make_request("MEX", by=staff, title=f"Port assessment {number}")

    response = staff_client.get("/requests/", {"q": "port"})

    assert "Showing 1–2 of more than 3" in response.content.decode()
    assert response.context["page_obj"].paginator.num_pages == 2


def test_a_search_within_the_cap_shows_its_exact_count(staff_client, staff, monkeypatch):
    monkeypatch.setattr(listing, "SEARCH_COUNT_CAP", 3)
    for number in range(3):
        factories.make_request("MEX", by=staff, title=f"Port assessment {number}")

    html = staff_client.get("/requests/", {"q": "port"}).content.decode()

    assert "Showing 1–3 of 3" in html
    assert "more than" not in html


def test_the_mandate_search_is_capped_too(staff_client, monkeypatch):
    monkeypatch.setattr(listing, "SEARCH_COUNT_CAP", 1_000)
    section = factories.make_section()
    for number in range(1, 4):
        factories.make_mandate(section, text=f"To strengthen maritime security, step {number}.")

    assert "of 3" in staff_client.get("/mandates/", {"q": "maritime"}).content.decode()
    monkeypatch.setattr(listing, "SEARCH_COUNT_CAP", 2)
    assert "of more than 2" in staff_client.get("/mandates/", {"q": "maritime"}).content.decode()


def test_the_cap_is_written_as_the_reader_writes_numbers():
    paginator = SimpleNamespace(count=1_000, capped=True, estimated=False)
    page = SimpleNamespace(paginator=paginator, start_index=1, end_index=25)

    html = render_to_string("includes/list_summary.html", {"page_obj": page})

    assert "Showing 1–25 of more than 1,000" in html


def test_a_search_runs_the_same_queries_for_three_matches_as_for_thirty(staff_client, staff):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get("/requests/", {"q": "port"}).status_code == 200
        return len(captured)

    for number in range(3):
        factories.make_request("MEX", by=staff, title=f"Port assessment {number}")
    few = queries()
    for number in range(27):
        factories.make_request("CHL", by=staff, title=f"Port visit {number}")

    assert queries() == few
