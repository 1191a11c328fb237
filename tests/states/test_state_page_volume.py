"""A state's page and its implementation pages at a Secretariat's ten-year volume: thousands of
mandates are addressed to member states, so each page shows one page of them and a link to the
rest, its form's select offers only those shown (any addressed mandate is still accepted), and
its size does not grow with the number of mandates."""

import re

import pytest

from states.implementation import NationalImplementationReport
from tests.states.test_implementation_queries import World
from tests.test_query_counts import queries

pytestmark = pytest.mark.django_db

MANDATE_LINK = re.compile(r'<th scope="row" class="nowrap"><a href="/mandates/\d+/">')


def mandate_options(html: str) -> int:
    select = re.search(r'<select name="mandate".*?</select>', html, re.S)
    assert select, "the page has no mandate select"
    return select.group(0).count("<option value=") - 1  # the empty choice "---------"


@pytest.fixture
def world():
    return World()


def test_the_state_page_lists_25_addressed_mandates_and_links_to_all_60(focal_mx_client, world):
    world.grow(60)

    html = focal_mx_client.get("/states/MEX/").content.decode()

    assert len(MANDATE_LINK.findall(html)) == 25
    assert "See all 60 mandates" in html
    assert 'href="/states/MEX/implementation/"' in html
    assert mandate_options(html) == 25


def test_the_state_page_weighs_the_same_with_300_addressed_mandates_as_with_60(focal_mx_client, world):
    world.grow(60)
    few_bytes = len(focal_mx_client.get("/states/MEX/").content)
    few_queries = queries(focal_mx_client, "/states/MEX/")

    world.grow(240)
    many_bytes = len(focal_mx_client.get("/states/MEX/").content)

    assert queries(focal_mx_client, "/states/MEX/") == few_queries
    # Only numbers get longer ("60" → "300", paragraph numbers): no row, no option more.
    assert many_bytes < few_bytes * 1.02, (few_bytes, many_bytes)


def test_the_implementation_page_shows_a_page_at_a_time_and_a_page_past_the_end_shows_the_last(focal_mx_client, world):
    world.grow(60)

    second = focal_mx_client.get("/states/MEX/implementation/?page=2").content.decode()
    past_the_end = focal_mx_client.get("/states/MEX/implementation/?page=40").content.decode()
    nonsense = focal_mx_client.get("/states/MEX/implementation/?page=x99").content.decode()

    assert len(MANDATE_LINK.findall(second)) == 25
    assert "Page 2 of 3" in second
    assert len(MANDATE_LINK.findall(past_the_end)) == 10
    assert "Page 3 of 3" in past_the_end
    assert "Page 1 of 3" in nonsense


def test_the_add_page_offers_the_first_50_mandates_and_a_search_finds_the_others(focal_mx_client, world):
    world.grow(60)
    last = world.section.mandates.order_by("-position").first()

    first = focal_mx_client.get("/states/MEX/implementation/new/").content.decode()
    found = focal_mx_client.get(f"/states/MEX/implementation/new/?q=item+{last.number}").content.decode()

    assert mandate_options(first) == 50
    assert "offers the first 50 matches: search to find another" in first
    assert f'value="{last.pk}"' not in first
    assert mandate_options(found) == 1
    assert f'<option value="{last.pk}">' in found


def test_a_mandate_outside_the_offered_ones_is_accepted_and_stays_chosen_when_the_form_is_refused(
    focal_mx_client, world
):
    world.grow(60)
    last = world.section.mandates.order_by("-position").first()

    refused = focal_mx_client.post("/states/MEX/implementation/new/", {"mandate": last.pk, "status": "nonsense"})
    recorded = focal_mx_client.post(
        "/states/MEX/implementation/new/",
        {"mandate": last.pk, "status": NationalImplementationReport.Status.IN_PROGRESS, "reported_on": "2026-03-02"},
    )

    assert refused.status_code == 400
    assert f'<option value="{last.pk}" selected>' in refused.content.decode()
    assert recorded.status_code == 302
    assert NationalImplementationReport.objects.filter(mandate=last, state__iso3="MEX", narrative="").exists()
