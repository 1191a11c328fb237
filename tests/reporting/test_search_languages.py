"""The site search reads every language version with its own language's rules: on PostgreSQL
each version is indexed with its dictionary (stems, accents ignored) and the matches are ranked;
on SQLite the same words still find the same mandates (substrings, accents and case ignored). The
mandate list's own text filter, where the site search's "all results" link leads, reads the texts
the same way."""

import pytest
from django.db import connection
from django.urls import reverse

from tests import factories
from tests.listing_helpers import listed

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
MANDATE_LIST = reverse("commitments:mandate_list")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")

VERSIONS = {
    "en": "To strengthen cooperation among national incident response teams.",
    "es": "Fortalecer la cooperación entre los equipos nacionales de respuesta a incidentes.",
    "fr": "Renforcer la coopération entre les équipes nationales de réponse aux incidents.",
    "pt": "Fortalecer a cooperação entre as equipes nacionais de resposta a incidentes.",
}


def search(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def mandate_in(language, text=None, **fields):
    section = factories.make_section(factories.make_resolution(original_language=language))
    translations = {code: each for code, each in VERSIONS.items() if code != language}
    fields.setdefault("translations", translations)
    return factories.make_mandate(section, language=language, text=text or VERSIONS[language], **fields)


@pytest.mark.parametrize(
    ("original", "query"),
    [("en", "cooperation"), ("es", "cooperación"), ("fr", "coopération"), ("pt", "cooperação")],
)
def test_a_word_of_each_language_finds_the_mandate_whatever_its_original(staff_client, original, query):
    for language in VERSIONS:
        mandate = mandate_in(language)
        assert mandate.get_absolute_url() in search(staff_client, query), (original, language)


def test_a_spanish_word_finds_a_french_original_through_its_spanish_version(staff_client):
    mandate = mandate_in("fr")
    page = search(staff_client, "nacionales respuesta")
    assert mandate.get_absolute_url() in page
    assert "Fortalecer la cooperación" in page


@pytest.mark.parametrize("query", ["cooperacion", "cooperacao", "COOPERACIÓN", "equipes nacionais"])
def test_accents_and_case_are_ignored(staff_client, query):
    mandate = mandate_in("es", translations={"pt": VERSIONS["pt"]})
    assert mandate.get_absolute_url() in search(staff_client, query)
    assert mandate in listed(staff_client.get(MANDATE_LIST, {"q": query}))


def test_capitals_without_accents_find_the_accented_word(staff_client):
    mandate = mandate_in("fr", text="Inviter les États membres à renforcer la coopération.", translations={})
    other = factories.make_mandate(text="To invite the member states to report.")
    for query in ("ÉTATS", "ETATS", "etats cooperation"):
        assert mandate.get_absolute_url() in search(staff_client, query), query
        assert other.get_absolute_url() not in search(staff_client, query), query
        assert set(listed(staff_client.get(MANDATE_LIST, {"q": query}))) == {mandate}, query


def test_a_short_word_the_language_drops_still_counts_with_the_others(staff_client):
    mandate = mandate_in("es", translations={})
    other = mandate_in("es", text="Fortalecer el diálogo entre los equipos.", translations={})
    for query in ("la cooperacion", "LA COOPERACIÓN", "la"):
        assert mandate.get_absolute_url() in search(staff_client, query), query
        assert other.get_absolute_url() not in search(staff_client, query), query
        assert set(listed(staff_client.get(MANDATE_LIST, {"q": query}))) == {mandate}, query


@pytest.mark.parametrize(
    "query",
    ["cooperacion", "coopération", "COOPERAÇÃO", "nacionales respuesta", "incident", "cyber", "ransomware"],
)
def test_the_mandate_list_shows_the_mandates_the_site_search_found(staff_client, query):
    mandates = [
        mandate_in("es"),
        mandate_in("fr", translations={}),
        factories.make_mandate(text="To update the national cybersecurity strategies."),
        factories.make_mandate(text="To prepare a ransomware guide after each incident."),
        factories.make_mandate(text="To hold a ransomware workshop."),
    ]
    page = search(staff_client, query)
    found = {mandate for mandate in mandates if mandate.get_absolute_url() in page}
    assert found, query
    assert set(listed(staff_client.get(MANDATE_LIST, {"q": query}))) == found


@postgresql_only
def test_a_word_finds_its_other_forms(staff_client):
    mandate = factories.make_mandate(text="To publish a guide on each cyber incident and its severity.")
    assert mandate.get_absolute_url() in search(staff_client, "incidents")
    assert mandate.get_absolute_url() in search(staff_client, "publishing guides")


@postgresql_only
def test_the_mandate_about_the_words_comes_before_the_one_that_mentions_them(staff_client):
    mentions = factories.make_mandate(
        text="To request the Secretariat to report on ransomware, aviation security, border controls, "
        "port facilities, customs cooperation and the financing of terrorism."
    )
    about = factories.make_mandate(text="To prepare a ransomware guide: ransomware prevention and ransomware response.")
    page = search(staff_client, "ransomware")
    assert page.index(about.get_absolute_url()) < page.index(mentions.get_absolute_url())
    newer = factories.make_mandate(text="To hold a workshop on ransomware.")
    page = search(staff_client, "ransomware prevention")
    assert about.get_absolute_url() in page
    assert newer.get_absolute_url() not in page


@postgresql_only
def test_web_search_syntax_excludes_and_quotes(staff_client):
    guide = factories.make_mandate(text="To prepare a guide on incident severity schemes.")
    workshop = factories.make_mandate(text="To hold a workshop on incident severity.")
    page = search(staff_client, "incident -workshop")
    assert guide.get_absolute_url() in page
    assert workshop.get_absolute_url() not in page
    page = search(staff_client, '"severity schemes"')
    assert guide.get_absolute_url() in page
    assert workshop.get_absolute_url() not in page


def test_a_symbol_word_and_a_text_word_together_find_that_resolutions_paragraph(staff_client):
    mandate = mandate_in("en")
    other = factories.make_mandate(text=VERSIONS["en"])
    page = search(staff_client, f"{mandate.resolution.symbol} cooperation")
    assert mandate.get_absolute_url() in page
    assert other.get_absolute_url() not in page


def test_a_focal_point_finds_mandates_but_never_another_states_request_by_its_words(focal_cl_client):
    mandate = mandate_in("es")
    request = factories.make_request("MEX", title="Cooperación en respuesta a incidentes")
    page = search(focal_cl_client, "cooperación incidentes")
    assert mandate.get_absolute_url() in page
    assert request.get_absolute_url() not in page
    assert request.reference not in page


@postgresql_only
def test_the_start_of_a_word_finds_the_longer_word(staff_client):
    mandate = factories.make_mandate(text="To update the national cybersecurity strategies.")
    assert mandate.get_absolute_url() in search(staff_client, "cyber")
    assert mandate.get_absolute_url() in search(staff_client, "cyber strateg")


@pytest.mark.parametrize("query", ['"', "-", "&|!", "cyber:* & (", "'", "%_", '-"or" OR', "§x ¶", "ÉTATS -"])
def test_query_syntax_typed_by_mistake_answers_a_page_on_both_searches(staff_client, query):
    mandate_in("fr")
    search(staff_client, query)
    assert staff_client.get(MANDATE_LIST, {"q": query}).status_code == 200
