"""The mandate list (sorting, pagination), a mandate's page (language of the text, owners,
timeline, linked requests), the staff update form, a resolution's page, and who may see them."""

import datetime
import re

import pytest
from django.test import Client, override_settings

from commitments import services
from commitments.models import Mandate, MandateUpdate
from core.choices import Audience
from tests import factories
from tests.listing_helpers import listed

pytestmark = pytest.mark.django_db

S = Mandate.Status


def numbers(response) -> list[str]:
    return [mandate.number for mandate in listed(response)]


# --- the list: sorting and pagination -------------------------------------------------------


@pytest.fixture
def dated():
    section = factories.make_section()
    return [
        factories.make_mandate(section, number="1", deadline=datetime.date(2025, 5, 1)),
        factories.make_mandate(section, number="2"),
        factories.make_mandate(section, number="3", deadline=datetime.date(2024, 1, 1), status=S.COMPLETED),
    ]


def test_mandates_sort_by_deadline_both_ways_with_undated_ones_last(staff_client, dated):
    assert numbers(staff_client.get("/mandates/", {"sort": "deadline"})) == ["3", "1", "2"]
    assert numbers(staff_client.get("/mandates/", {"sort": "-deadline"})) == ["1", "3", "2"]


def test_mandates_sort_by_status_in_the_workflows_order(staff_client, dated):
    # Not started comes before completed, although "c" sorts before "n".
    assert numbers(staff_client.get("/mandates/", {"sort": "status"})) == ["1", "2", "3"]


def test_an_unknown_sort_falls_back_to_document_order(staff_client, dated):
    assert numbers(staff_client.get("/mandates/", {"sort": "text; drop table"})) == ["1", "2", "3"]


def test_the_sorted_column_header_says_so_and_links_to_the_reverse_order(staff_client, dated):
    html = staff_client.get("/mandates/", {"sort": "deadline", "status": S.NOT_STARTED}).content.decode()

    assert 'aria-sort="ascending"' in html
    assert 'href="?status=not_started&amp;sort=-deadline"' in html


def test_the_list_shows_25_mandates_a_page_and_page_links_keep_the_filters(staff_client):
    section = factories.make_section()
    for number in range(1, 31):
        factories.make_mandate(section, number=str(number), position=number)

    first = staff_client.get("/mandates/", {"status": S.NOT_STARTED})
    second = staff_client.get("/mandates/", {"status": S.NOT_STARTED, "page": 2})

    assert len(listed(first)) == 25
    assert numbers(second) == ["26", "27", "28", "29", "30"]
    assert 'href="?status=not_started&amp;page=2"' in first.content.decode()


def test_list_names_owners_in_the_users_language(staff_client):
    factories.make_mandate(owners=["CICTE Secretariat"])

    html = staff_client.get("/mandates/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Secretaría del CICTE" in html


# --- a mandate's page -----------------------------------------------------------------------


@pytest.fixture
def bilingual():
    return factories.make_mandate(
        text="To request the CICTE Secretariat to support national strategies.",
        language="en",
        translations={"es": "Solicitar a la Secretaría del CICTE que apoye las estrategias nacionales."},
        owners=["CICTE Secretariat"],
        on_request=True,
        deadline_text="before the next regular session",
    )


def test_detail_shows_the_text_in_the_users_language_when_held(viewer_client, bilingual):
    html = viewer_client.get(bilingual.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert 'lang="es"><p>Solicitar a la Secretaría del CICTE' in html
    assert "To request the CICTE Secretariat" not in html


def test_detail_shows_the_original_with_a_note_when_the_language_is_not_held(viewer_client, bilingual):
    response = viewer_client.get(bilingual.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()

    assert 'lang="en"><p>To request the CICTE Secretariat' in html
    assert "text-language-note" in html


def test_detail_in_the_original_language_has_no_note(viewer_client, bilingual):
    html = viewer_client.get(bilingual.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "text-language-note" not in html


def test_detail_shows_owners_conditions_and_deadline_as_written(viewer_client, bilingual):
    html = viewer_client.get(bilingual.get_absolute_url()).content.decode()

    assert "CICTE Secretariat" in html
    assert "Upon request of member states" in html
    assert "before the next regular session" in html


def test_focal_point_reads_public_updates_only(focal_mx_client, staff, bilingual):
    services.add_mandate_update(mandate=bilingual, by=staff, note="Shared with everyone.", audience=Audience.PUBLIC)
    services.add_mandate_update(mandate=bilingual, by=staff, note="Budget still unclear.", audience=Audience.INTERNAL)

    html = focal_mx_client.get(bilingual.get_absolute_url()).content.decode()

    assert "Shared with everyone." in html
    assert "Budget still unclear." not in html


def test_staff_reads_every_update_on_the_timeline(staff_client, staff, bilingual):
    services.add_mandate_update(mandate=bilingual, by=staff, note="Budget still unclear.", audience=Audience.INTERNAL)

    assert "Budget still unclear." in staff_client.get(bilingual.get_absolute_url()).content.decode()


def test_focal_point_sees_only_its_own_states_requests_under_a_mandate(focal_cl_client, bilingual):
    factories.make_request("MEX", mandates=[bilingual], title="Mexican request")
    factories.make_request("CHL", mandates=[bilingual], title="Chilean request")

    html = focal_cl_client.get(bilingual.get_absolute_url()).content.decode()

    assert "Chilean request" in html
    assert "Mexican request" not in html


def test_resolution_page_lists_its_mandates_by_section(viewer_client):
    resolution = factories.make_resolution("CICTE/doc.9/24")
    first = factories.make_section(resolution, title="Cybersecurity")
    second = factories.make_section(resolution, title="Border controls")
    factories.make_mandate(second, text="Train border guards.")
    factories.make_mandate(first, text="Hold a cyber exercise.")

    html = viewer_client.get(resolution.get_absolute_url()).content.decode()

    assert html.index("Cybersecurity") < html.index("Hold a cyber exercise.") < html.index("Border controls")
    assert html.index("Border controls") < html.index("Train border guards.")


# --- who may read ---------------------------------------------------------------------------

PUBLIC_PAGES = ["list", "detail", "resolution", "export"]


def _url(page: str, mandate: Mandate) -> str:
    return {
        "list": "/mandates/",
        "detail": mandate.get_absolute_url(),
        "resolution": mandate.resolution.get_absolute_url(),
        "export": "/mandates/export/csv/",
    }[page]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
@override_settings(PUBLIC_MANDATES=False)
def test_anonymous_visitors_are_sent_to_log_in_when_mandates_are_not_public(page):
    mandate = factories.make_mandate()

    response = Client().get(_url(page, mandate))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("page", PUBLIC_PAGES)
@override_settings(PUBLIC_MANDATES=True)
def test_anonymous_visitors_read_mandates_when_they_are_public(page):
    mandate = factories.make_mandate()

    assert Client().get(_url(page, mandate)).status_code == 200


@override_settings(PUBLIC_MANDATES=True)
def test_anonymous_visitors_never_see_requests_or_internal_updates(staff):
    mandate = factories.make_mandate()
    factories.make_request("MEX", mandates=[mandate], title="Mexican request")
    services.add_mandate_update(mandate=mandate, by=staff, note="Internal remark.", audience=Audience.INTERNAL)

    html = Client().get(mandate.get_absolute_url()).content.decode()

    assert "Mexican request" not in html
    assert "Internal remark." not in html
    assert "Record an update" not in html


# --- the staff update form ------------------------------------------------------------------


def _post(client, mandate: Mandate, **data):
    data.setdefault("version", mandate.version)
    data.setdefault("audience", Audience.INTERNAL)
    return client.post(f"/mandates/{mandate.pk}/update/", data)


def test_staff_see_the_update_form_and_others_do_not(staff_client, viewer_client, focal_mx_client):
    mandate = factories.make_mandate()

    assert "Record an update" in staff_client.get(mandate.get_absolute_url()).content.decode()
    assert "Record an update" not in viewer_client.get(mandate.get_absolute_url()).content.decode()
    assert "Record an update" not in focal_mx_client.get(mandate.get_absolute_url()).content.decode()


def test_staff_change_a_mandates_status_and_the_timeline_shows_it(staff_client):
    mandate = factories.make_mandate()

    response = _post(staff_client, mandate, new_status=S.IN_PROGRESS, note="Work started.")

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == S.IN_PROGRESS
    assert mandate.version == 2
    html = staff_client.get(mandate.get_absolute_url()).content.decode()
    assert "Work started." in html
    assert "The update was recorded." in html


def test_staff_add_a_note_without_changing_the_status(staff_client):
    mandate = factories.make_mandate()

    _post(staff_client, mandate, note="Consultations held.", audience=Audience.PUBLIC)

    update = MandateUpdate.objects.get(mandate=mandate)
    assert (update.note, update.audience, update.new_status) == ("Consultations held.", Audience.PUBLIC, "")
    mandate.refresh_from_db()
    assert mandate.status == S.NOT_STARTED


def test_an_empty_update_is_refused(staff_client):
    mandate = factories.make_mandate()

    response = _post(staff_client, mandate)

    assert "Choose a new status or write a note." in response.content.decode()
    assert not MandateUpdate.objects.exists()


def test_a_refused_transition_shows_why_and_changes_nothing(staff_client):
    mandate = factories.make_mandate(status=S.SUPERSEDED)

    response = _post(staff_client, mandate, new_status=S.IN_PROGRESS, note="Reopen.")

    assert response.status_code == 200
    assert "A mandate cannot go from “Superseded” to “In progress”." in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.status == S.SUPERSEDED
    assert not MandateUpdate.objects.exists()


def test_a_stale_version_is_refused(staff_client, staff):
    mandate = factories.make_mandate()
    read_version = mandate.version
    services.change_mandate_status(mandate=mandate, new_status=S.IN_PROGRESS, by=staff)

    response = _post(staff_client, mandate, new_status=S.COMPLETED, version=read_version)

    assert "changed by someone else" in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.status == S.IN_PROGRESS


@pytest.mark.parametrize("persona", ["viewer_client", "focal_mx_client"])
def test_viewers_and_focal_points_may_not_update_a_mandate(persona, request):
    mandate = factories.make_mandate()

    response = _post(request.getfixturevalue(persona), mandate, new_status=S.IN_PROGRESS)

    assert response.status_code == 403
    assert not MandateUpdate.objects.exists()


@override_settings(PUBLIC_MANDATES=True)
def test_anonymous_visitors_are_sent_to_log_in_to_update_a_mandate():
    mandate = factories.make_mandate()

    response = _post(Client(), mandate, new_status=S.IN_PROGRESS)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _drawn_form(client, mandate: Mandate) -> dict[str, str]:
    """The update form's hidden fields as the page draws them (its version and its token)."""
    page = client.get(mandate.get_absolute_url()).content.decode()
    form = re.search(r"<form[^>]*mandate-update-form.*?</form>", page, re.S).group(0)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_staff_double_clicking_save_on_a_note_record_it_once(staff_client):
    mandate = factories.make_mandate()
    data = {**_drawn_form(staff_client, mandate), "note": "Donor call held.", "audience": Audience.INTERNAL}

    for _ in range(2):
        assert staff_client.post(f"/mandates/{mandate.pk}/update/", data).status_code == 302

    assert MandateUpdate.objects.filter(mandate=mandate, note="Donor call held.").count() == 1


def test_staff_double_clicking_a_status_change_record_it_once_and_the_second_click_is_not_refused(staff_client):
    mandate = factories.make_mandate()
    data = {**_drawn_form(staff_client, mandate), "new_status": "in_progress", "audience": Audience.INTERNAL}

    first = staff_client.post(f"/mandates/{mandate.pk}/update/", data)
    second = staff_client.post(f"/mandates/{mandate.pk}/update/", data)

    assert first.status_code == second.status_code == 302  # not "changed by someone else"
    assert MandateUpdate.objects.filter(mandate=mandate, new_status="in_progress").count() == 1
