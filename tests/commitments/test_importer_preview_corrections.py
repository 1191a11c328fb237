"""Staff merge, split and drop paragraphs in the preview before saving; what they corrected
is made again when the same text is imported again (issue 8, point 4)."""

import pytest
from django.urls import reverse

from commitments.importer import import_resolution_file
from commitments.models import Mandate, Resolution, ResolutionImport, Section
from tests.commitments.importer_helpers import SEED
from tests.commitments.test_importer_web import CONFIRM, PREVIEW, confirm_data, upload_seed

pytestmark = pytest.mark.django_db
SEED_ROWS = 19  # the seed's paragraphs and sub-items, in reading order: §1 ¶1 is row 0
FIRST_5 = 7  # §1 ¶5, below §1 ¶4.c
SECOND_4 = 11  # §2 ¶4
FOURTH = 18  # §4's one unnumbered paragraph


def act(client, action, **changes):
    """Press a row's button on the first page of the preview; returns the response."""
    return client.post(CONFIRM, confirm_data(client, action=action, **changes))


def confirm(client):
    response = client.post(CONFIRM, confirm_data(client))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def mandate(section, number, parent=None):
    query = Mandate.objects.filter(section__position=section, number=number)
    return query.get(parent__number=parent) if parent else query.get(parent=None)


def test_merging_a_paragraph_into_the_one_above_joins_their_texts_before_anything_is_saved(staff_client):
    upload_seed(staff_client)

    response = act(staff_client, f"merge-{FIRST_5}")

    assert response.status_code == 302 and response["Location"].endswith(f"open={FIRST_5 - 1}#row-{FIRST_5 - 1}")
    assert Resolution.objects.count() == 0
    preview = staff_client.get(response["Location"])
    assert preview.context["counts"]["total_items"] == SEED_ROWS - 1
    html = preview.content.decode()
    assert "merged into the paragraph above" in html
    confirm(staff_client)
    merged = mandate(1, "c", parent="4")
    assert merged.text.startswith("la résilience") and "De remercier le gouvernement du Mexique" in merged.text
    assert not Mandate.objects.filter(section__position=1, number="5").exists()


def test_splitting_a_paragraph_makes_a_new_one_after_it_with_the_number_given(staff_client):
    upload_seed(staff_client)

    response = act(
        staff_client,
        f"split-{SECOND_4}",
        **{f"p-{SECOND_4}-split_at": "de convoquer", f"p-{SECOND_4}-split_number": "5"},
    )

    assert response.status_code == 302
    confirm(staff_client)
    first, second = mandate(2, "4"), mandate(2, "5")
    assert first.text.endswith("par l'intermédiaire du CICTE,")
    assert second.text.startswith("de convoquer en 2024") and second.position == first.position + 1
    assert Mandate.objects.count() == SEED_ROWS + 1


def test_dropping_the_only_paragraph_of_a_section_drops_the_section(staff_client):
    upload_seed(staff_client)

    assert act(staff_client, f"drop-{FOURTH}").status_code == 302

    response = confirm(staff_client)
    assert Section.objects.count() == 3 and Mandate.objects.count() == SEED_ROWS - 1
    report = staff_client.get(response["Location"]).content.decode()
    assert "Corrections made in the preview" in report and "dropped:" in report and "{&#x27;op" not in report


def test_corrections_are_made_again_when_the_same_text_is_imported_again(staff_client, staff):
    upload_seed(staff_client)
    act(staff_client, f"drop-{FOURTH}")
    act(staff_client, f"merge-{FIRST_5}")
    confirm(staff_client)
    before = list(Mandate.objects.order_by("pk").values_list("pk", "text"))
    assert ResolutionImport.objects.get().summary["corrections"][0]["op"] == "drop"

    report = import_resolution_file(SEED, by=staff)  # the command line keeps them too

    assert (report.added, report.removed, report.changed) == ([], [], [])
    assert list(Mandate.objects.order_by("pk").values_list("pk", "text")) == before
    upload_seed(staff_client)  # and the preview says so
    html = staff_client.get(PREVIEW).content.decode()
    assert "Corrections made when this text was imported before, made again" in html
    assert staff_client.get(PREVIEW).context["counts"]["total_items"] == SEED_ROWS - 2


@pytest.mark.parametrize(
    ("action", "changes", "message"),
    [
        ("merge-0", {}, "no paragraph above"),
        (f"split-{SECOND_4}", {f"p-{SECOND_4}-split_at": "words that are nowhere"}, "is not in the paragraph"),
        (f"split-{SECOND_4}", {f"p-{SECOND_4}-split_at": ""}, "is not in the paragraph"),
        ("drop-999999", {}, "no longer in the preview"),
        ("merge-99999999", {}, ""),  # not an action the form has: the corrections are only kept
        ("explode-3", {}, ""),
    ],
)
def test_a_correction_that_cannot_be_made_says_why_and_changes_nothing(staff_client, action, changes, message):
    upload_seed(staff_client)

    response = act(staff_client, action, **changes)

    assert response.status_code == 302
    preview = staff_client.get(response["Location"])
    assert preview.context["counts"]["total_items"] == SEED_ROWS
    if message:
        assert message in preview.content.decode()
    assert Resolution.objects.count() == 0


def test_a_post_from_an_older_rendering_of_the_preview_is_refused(staff_client):
    upload_seed(staff_client)
    stale = confirm_data(staff_client, action=f"drop-{FOURTH}")
    act(staff_client, f"merge-{FIRST_5}")  # the preview changed since ``stale`` was rendered

    response = staff_client.post(CONFIRM, stale)

    assert response.status_code == 400 and Resolution.objects.count() == 0
    assert staff_client.get(PREVIEW).context["counts"]["total_items"] == SEED_ROWS - 1


def test_the_corrections_of_a_page_are_kept_when_moving_to_another(staff_client):
    upload_seed(staff_client)
    cicte = str(Mandate._meta.get_field("owners").related_model.objects.get(name_en="CICTE").pk)

    response = act(staff_client, "page-1", **{"p-0-owners": [cicte], "p-0-deadline_text": "en 2030"})

    assert response.status_code == 302 and response["Location"] == reverse("commitments:import_preview") + "?page=1"
    initial = staff_client.get(PREVIEW).context["formset"].initial[0]
    assert initial["owners"] == [cicte] and initial["deadline_text"] == "en 2030"
