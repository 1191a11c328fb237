"""The site search (/search/?q=): one box for every kind of record, each reader over what it may
see. Personas: staff, a viewer, the focal points of Mexico and Chile, an anonymous visitor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Owner
from tests import factories

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


def search(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def french_mandate():
    """A French original with a Spanish and an English version held."""
    resolution = factories.make_resolution("CICTE/doc.6/23", original_language="fr")
    section = factories.make_section(resolution)
    return factories.make_mandate(
        section,
        number="4",
        language="fr",
        text="Charger le Secrétariat de préparer un guide sur les barèmes de gravité des incidents.",
        translations={
            "es": "Encomendar a la Secretaría preparar una guía sobre esquemas de gravedad de incidentes.",
            "en": "To instruct the Secretariat to prepare a guide on incident severity schemes.",
        },
    )


def test_staff_find_a_french_original_by_a_word_of_its_spanish_version(staff_client, french_mandate):
    page = search(staff_client, "esquemas gravedad")
    assert french_mandate.get_absolute_url() in page
    assert "CICTE/doc.6/23 §1 ¶4" in page


@pytest.mark.parametrize("word", ["barèmes", "esquemas", "severity"])
def test_a_word_of_any_language_version_finds_the_mandate(staff_client, french_mandate, word):
    assert french_mandate.get_absolute_url() in search(staff_client, word)


def test_a_portuguese_version_is_searched_too(staff_client):
    mandate = factories.make_mandate(text="To promote the exchange.", translations={"pt": "Promover o intercâmbio."})
    assert mandate.get_absolute_url() in search(staff_client, "intercâmbio")


def test_the_context_is_in_the_readers_language_when_held(staff_client, french_mandate):
    page = search(staff_client, "doc.6/23 4")
    assert "incident severity schemes" in page
    assert "Charger le Secrétariat" not in page


def test_a_word_found_only_in_another_version_shows_that_version_and_says_so(staff_client, french_mandate):
    page = search(staff_client, "barèmes")
    assert "barèmes de gravité" in page
    assert "text in French" in page


def test_a_symbol_and_a_sub_item_find_that_sub_item(staff_client, french_mandate):
    sub_item = factories.make_mandate(french_mandate.section, parent=french_mandate, number="a", text="Sub-item one.")
    other = factories.make_mandate(french_mandate.section, number="5", text="Another paragraph.")
    page = search(staff_client, "doc.6/23 4.a")
    assert sub_item.get_absolute_url() in page
    assert other.get_absolute_url() not in page


def test_section_and_paragraph_labels_find_that_paragraph(staff_client):
    resolution = factories.make_resolution()
    factories.make_section(resolution)
    second = factories.make_section(resolution)
    wanted = factories.make_mandate(second, number="3")
    same_number_elsewhere = factories.make_mandate(resolution.sections.get(position=1), number="3")
    page = search(staff_client, f"{resolution.symbol} §2 ¶3")
    assert wanted.get_absolute_url() in page
    assert same_number_elsewhere.get_absolute_url() not in page


def test_a_request_is_found_by_reference_title_and_description(staff_client):
    request = factories.make_request(title="Cyber incident response plan", description="Drafting a CSIRT charter.")
    for q in (request.reference, "incident response", "CSIRT charter"):
        assert request.get_absolute_url() in search(staff_client, q)


def test_a_focal_point_finds_its_own_states_request(focal_mx_client):
    request = factories.make_request("MEX", title="Cyber incident response plan")
    assert request.get_absolute_url() in search(focal_mx_client, "incident")


def test_a_focal_point_never_finds_another_states_request_nor_its_activities(focal_cl_client):
    request = factories.make_request("MEX", title="Cyber incident response plan")
    factories.make_activity(request, title="Incident response workshop")
    page = search(focal_cl_client, request.reference)
    assert request.get_absolute_url() not in page
    assert "Nothing you may see matches" in page
    page = search(focal_cl_client, "incident")
    assert "Cyber incident response plan" not in page
    assert "Incident response workshop" not in page


def test_a_focal_point_finds_only_its_own_state_page(focal_cl_client):
    page = search(focal_cl_client, "Mexico")
    assert reverse("states:state_detail", args=["MEX"]) not in page
    assert reverse("states:state_detail", args=["CHL"]) in search(focal_cl_client, "Chile")


def test_staff_find_activities_states_and_owners(staff_client):
    activity = factories.make_activity(factories.make_request("MEX"), title="Workshop on crisis simulation")
    assert activity.get_absolute_url() in search(staff_client, "crisis simulation")
    assert reverse("states:state_detail", args=["MEX"]) in search(staff_client, "México")
    owner = Owner.objects.get(name_en="CICTE Secretariat")
    assert f"{reverse('commitments:mandate_list')}?owner={owner.pk}" in search(staff_client, "Secretariat")


def test_each_kind_shows_five_and_links_to_the_whole_filtered_list(staff_client):
    for _ in range(7):
        factories.make_mandate(text="To strengthen port security cooperation.")
    page = search(staff_client, "port security")
    assert page.count("To strengthen port security cooperation.") == 5
    assert f"{reverse('commitments:mandate_list')}?q=port+security" in page
    listing = staff_client.get(reverse("commitments:mandate_list"), {"q": "port security"}).content.decode()
    assert listing.count("To strengthen port security cooperation.") == 7


def test_the_mandate_list_finds_a_word_of_a_translation_too(staff_client, french_mandate):
    listing = staff_client.get(reverse("commitments:mandate_list"), {"q": "esquemas"}).content.decode()
    assert french_mandate.get_absolute_url() in listing


def test_the_number_of_queries_does_not_grow_with_the_results(staff_client):
    def queries_for_a_search() -> int:
        with CaptureQueriesContext(connection) as queries:
            search(staff_client, "aviation")
        return len(queries)

    request = factories.make_request("MEX", title="Aviation security review")
    factories.make_activity(request, title="Aviation security course")
    factories.make_mandate(text="To promote aviation security.")
    few = queries_for_a_search()
    for number in range(12):
        request = factories.make_request("CHL", title=f"Aviation security review {number}")
        factories.make_activity(request, title=f"Aviation security course {number}")
        factories.make_mandate(text=f"To promote aviation security ({number}).")
    assert queries_for_a_search() == few


def test_the_header_of_every_page_holds_the_search_box(viewer_client):
    page = viewer_client.get(reverse("commitments:mandate_list")).content.decode()
    assert f'action="{SEARCH}"' in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(SEARCH, {"q": "security"})
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("q", ["", "   ", "§", "§abc", "§99999999999", "¶", "¶.", "x" * 5000, "%_\\", "'"])
def test_odd_queries_answer_a_page_and_never_an_error(staff_client, q):
    assert staff_client.get(SEARCH, {"q": q}).status_code == 200


def test_nothing_found_says_so(staff_client):
    assert "Nothing you may see matches" in search(staff_client, "zzzqqq")
