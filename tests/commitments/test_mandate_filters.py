"""Each filter of the mandate list, on hand-made mandates: which rows come back."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from commitments import services
from commitments.models import Mandate, ProgramArea
from tests import factories
from tests.listing_helpers import listed

pytestmark = pytest.mark.django_db

S = Mandate.Status
URL = "/mandates/"


def texts(response) -> set[str]:
    return {mandate.text for mandate in listed(response)}


@pytest.fixture
def mandates():
    """Two resolutions, three sections, five mandates that differ in one way each."""
    older = factories.make_resolution("CICTE/doc.5/22", adopted_on=datetime.date(2022, 3, 1))
    newer = factories.make_resolution("CICTE/doc.6/23 rev. 2", adopted_on=datetime.date(2023, 3, 1))
    cyber = factories.make_section(newer, title="Cybersecurity")
    borders = factories.make_section(newer, title="Border management")
    old_section = factories.make_section(older, title="General")
    cyber_area = ProgramArea.objects.get(code="cybersecurity")
    made = {
        "alpha": factories.make_mandate(
            cyber,
            text="Alpha: to assist member states with national cybersecurity strategies.",
            owners=["CICTE Secretariat"],
            deadline=datetime.date(2024, 6, 30),
        ),
        "beta": factories.make_mandate(
            cyber,
            text="Beta: to hold a cyber exercise.",
            owners=["Member States"],
            status=S.IN_PROGRESS,
            deadline=datetime.date(2024, 12, 31),
        ),
        "gamma": factories.make_mandate(
            borders,
            text="Gamma: to thank the host country.",
            kind=Mandate.Kind.DECLARATORY,
            status=S.NO_ACTION_REQUIRED,
        ),
        "delta": factories.make_mandate(
            borders,
            text="Delta: to train border officials.",
            status=S.COMPLETED,
            deadline=datetime.date(2023, 1, 31),
        ),
        "epsilon": factories.make_mandate(old_section, text="Epsilon: to report on progress.", number="7"),
    }
    made["alpha"].program_areas.add(cyber_area)
    return made


def test_without_filters_every_mandate_is_listed(staff_client, mandates):
    assert len(listed(staff_client.get(URL))) == 5


def test_status_filter_lists_only_mandates_in_that_status(staff_client, mandates):
    assert texts(staff_client.get(URL, {"status": S.IN_PROGRESS})) == {mandates["beta"].text}


def test_resolution_filter_lists_only_that_resolutions_mandates(staff_client, mandates):
    older = mandates["epsilon"].resolution

    assert texts(staff_client.get(URL, {"resolution": older.pk})) == {mandates["epsilon"].text}


def test_section_filter_offers_only_the_chosen_resolutions_sections(staff_client, mandates):
    newer = mandates["alpha"].resolution

    response = staff_client.get(URL, {"resolution": newer.pk})

    offered = list(response.context["filter"].form.fields["section"].queryset)
    assert offered == list(newer.sections.order_by("position"))


def test_section_filter_lists_only_that_sections_mandates(staff_client, mandates):
    borders = mandates["gamma"].section

    response = staff_client.get(URL, {"resolution": borders.resolution_id, "section": borders.pk})

    assert texts(response) == {mandates["gamma"].text, mandates["delta"].text}


def test_a_section_named_alone_by_a_link_still_filters(staff_client, mandates):
    borders = mandates["gamma"].section

    assert texts(staff_client.get(URL, {"section": borders.pk})) == {mandates["gamma"].text, mandates["delta"].text}


def test_owner_filter_lists_only_that_owners_mandates(staff_client, mandates):
    member_states = mandates["beta"].owners.get()

    assert texts(staff_client.get(URL, {"owner": member_states.pk})) == {mandates["beta"].text}


def test_kind_filter_lists_only_declaratory_paragraphs(staff_client, mandates):
    assert texts(staff_client.get(URL, {"kind": Mandate.Kind.DECLARATORY})) == {mandates["gamma"].text}


def test_program_area_filter_lists_only_that_areas_mandates(staff_client, mandates):
    area = ProgramArea.objects.get(code="cybersecurity")

    assert texts(staff_client.get(URL, {"program_area": area.pk})) == {mandates["alpha"].text}


def test_deadline_range_includes_both_ends(staff_client, mandates):
    response = staff_client.get(URL, {"deadline_after": "2024-06-30", "deadline_before": "2024-12-31"})

    assert texts(response) == {mandates["alpha"].text, mandates["beta"].text}


def test_overdue_lists_open_mandates_past_their_deadline_only(staff_client, mandates):
    # Delta's deadline has passed too, but it is completed: not overdue.
    response = staff_client.get(URL, {"overdue": "on"})

    assert texts(response) == {mandates["alpha"].text, mandates["beta"].text}


def test_no_owner_lists_only_mandates_naming_nobody(staff_client, mandates):
    # Alpha and Beta name owners; the other three were made without any.
    response = staff_client.get(URL, {"no_owner": "on"})

    assert texts(response) == {mandates["gamma"].text, mandates["delta"].text, mandates["epsilon"].text}


def test_open_only_leaves_out_completed_and_declaratory_mandates(staff_client, mandates):
    response = staff_client.get(URL, {"open": "on"})

    assert texts(response) == {mandates["alpha"].text, mandates["beta"].text, mandates["epsilon"].text}


@override_settings(STALE_AFTER_DAYS=30)
def test_stale_lists_open_action_mandates_without_a_recent_update(staff_client, staff, mandates):
    long_ago = timezone.now() - datetime.timedelta(days=45)
    Mandate.objects.update(created_at=long_ago)
    # Beta was updated last week: not stale. Alpha and Epsilon were never touched since.
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    services.add_mandate_update(mandate=mandates["beta"], by=staff, note="Exercise planned.", happened_on=last_week)

    response = staff_client.get(URL, {"stale": "on"})

    assert texts(response) == {mandates["alpha"].text, mandates["epsilon"].text}


def test_free_text_matches_every_word_of_the_text(staff_client, mandates):
    assert texts(staff_client.get(URL, {"q": "national STRATEGIES"})) == {mandates["alpha"].text}


def test_free_text_matches_a_paragraph_number(staff_client, mandates):
    assert texts(staff_client.get(URL, {"q": "7."})) == {mandates["epsilon"].text}


def test_free_text_matches_a_resolution_symbol(staff_client, mandates):
    assert texts(staff_client.get(URL, {"q": "doc.5/22"})) == {mandates["epsilon"].text}


def test_filters_combine(staff_client, mandates):
    response = staff_client.get(URL, {"q": "to", "status": S.NOT_STARTED, "deadline_before": "2024-12-31"})

    assert texts(response) == {mandates["alpha"].text}


def test_an_invalid_value_is_reported_and_filters_nothing(staff_client, mandates):
    response = staff_client.get(URL, {"status": "finished", "deadline_after": "someday"})

    assert "status" in response.context["filter"].form.errors
    assert "deadline_after" in response.context["filter"].form.errors
    assert len(listed(response)) == 5


def test_filter_form_labels_every_field(staff_client, mandates):
    html = staff_client.get(URL).content.decode()

    for name in ("q", "resolution", "section", "owner", "status", "kind", "program_area", "overdue", "stale"):
        assert f'for="id_{name}"' in html, name
