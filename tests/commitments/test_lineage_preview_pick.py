"""The import preview lets staff pick another predecessor among a paragraph's best candidates
(not only the kind of link), the newest of equal ones proposed first."""

import pytest
from django.urls import reverse

from commitments.models import Mandate, MandateLink
from tests.commitments.test_importer_web import confirm_data
from tests.commitments.test_lineage import SEED_TEXT, import_text, next_year, paragraph, upload

pytestmark = pytest.mark.django_db


def year_before(text: str = SEED_TEXT) -> str:
    """The 2023 resolution as the 2022 session had adopted it: the same paragraphs."""
    text = text.replace("CICTE/doc.6/23 rev. 2", "CICTE/doc.3/22").replace("18 mai 2023", "18 mai 2022")
    return text.replace("OEA/Ser.L/X.2.23", "OEA/Ser.L/X.2.22")


@pytest.fixture
def three_years(staff, staff_client):
    import_text(year_before(), staff)
    import_text(SEED_TEXT, staff)
    upload(staff_client, next_year())


def newest_first_paragraph() -> Mandate:
    return paragraph("9/24", 1, "1")


def test_the_preview_offers_the_best_candidates_as_a_choice_of_predecessor(three_years, staff_client):
    page = staff_client.get(reverse("commitments:import_preview")).content.decode()
    proposals = page[page.index('id="import-lineage"') :]
    select = proposals[proposals.index('name="predecessor-§1 ¶1"') :].split("</select>")[0]
    assert "CICTE/doc.6/23 rev. 2 §1 ¶1" in select and "CICTE/doc.3/22 §1 ¶1" in select


def test_the_newest_of_equal_candidates_is_proposed_first(three_years, staff_client):
    page = staff_client.get(reverse("commitments:import_preview")).content.decode()
    select = page[page.index('name="predecessor-§1 ¶1"') :].split("</select>")[0]
    assert f'<option value="{paragraph("6/23", 1, "1").pk}" selected>' in select


def test_staff_link_a_paragraph_to_the_predecessor_they_picked(three_years, staff_client):
    picked = paragraph("3/22", 1, "1")
    data = confirm_data(staff_client)
    data |= {"lineage-shown": "1", "lineage-§1 ¶1": "renews", "predecessor-§1 ¶1": str(picked.pk)}
    assert staff_client.post(reverse("commitments:import_confirm"), data).status_code == 302
    link = MandateLink.objects.get(from_mandate=newest_first_paragraph())
    assert (link.to_mandate, link.kind) == (picked, "renews")
