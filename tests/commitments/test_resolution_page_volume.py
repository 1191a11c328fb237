"""A resolution's page shows its paragraphs 60 at a time, whatever their number: a resolution
of 300 paragraphs no longer makes a page of 250 KB, and the pages cost the same queries."""

import re

import pytest

from tests.test_query_counts import World, queries

pytestmark = pytest.mark.django_db

PARAGRAPH = re.compile(r'<th scope="row"><a href="/mandates/\d+/">')


def test_a_resolution_of_90_paragraphs_shows_60_then_the_other_30(staff, staff_client):
    world = World(staff)
    world.grow(89)  # and the hub: 90 paragraphs
    url = f"/resolutions/{world.section.resolution_id}/"

    first = staff_client.get(url).content.decode()
    second = staff_client.get(url + "?page=2").content.decode()

    assert len(PARAGRAPH.findall(first)) == 60
    assert 'href="?page=2#page"' in first
    assert len(PARAGRAPH.findall(second)) == 30
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert "Filter and export these mandates" in first


def test_a_resolution_page_weighs_and_queries_the_same_with_300_paragraphs_as_with_70(staff, staff_client):
    world = World(staff)
    world.grow(69)
    url = f"/resolutions/{world.section.resolution_id}/"
    few_queries, few_bytes = queries(staff_client, url), len(staff_client.get(url).content)

    world.grow(230)

    assert queries(staff_client, url) == few_queries
    assert len(staff_client.get(url).content) < few_bytes * 1.02
