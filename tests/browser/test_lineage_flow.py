"""A staff member imports the second year's resolution in Chromium, keeps two proposed
predecessors and rejects one, opens an amended mandate and sees its chain and the words changed,
removes the link; then searches in Spanish for a French original that has a Spanish version."""

import pytest

from commitments.models import MandateLink
from tests import factories
from tests.browser.conftest import log_in
from tests.commitments.test_lineage import SEED_TEXT, import_text, next_year, paragraph

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


def test_staff_import_a_second_year_keep_two_predecessors_reject_one_and_see_the_chain(page, tmp_path):
    user = factories.make_staff("browser-lineage")
    user.set_password(PASSWORD)
    user.save()
    import_text(SEED_TEXT, user)  # 2023, already in the tracker
    second_year = tmp_path / "cicte-doc-9-24.fr.txt"
    second_year.write_text(next_year(), encoding="utf-8")
    log_in(page, "browser-lineage", PASSWORD)

    page.get_by_role("link", name="Import a resolution").first.click()
    page.set_input_files("#id_file", str(second_year))
    page.get_by_role("button", name="Read and preview").click()
    page.wait_for_url("**/resolutions/import/preview/")
    lineage = page.locator("#import-lineage")
    assert "CICTE/doc.6/23 rev. 2 §1 ¶3" in lineage.inner_text()
    page.get_by_label("Link of §1 ¶2").select_option("")  # rejected: no link
    page.get_by_role("button", name="Confirm and save").click()
    page.wait_for_url("**/resolutions/import/*/")

    kept = {link.from_mandate.display_number for link in MandateLink.objects.select_related("from_mandate__section")}
    assert {"§1 ¶1", "§1 ¶3"} <= kept and "§1 ¶2" not in kept
    amended = paragraph("9/24", 1, "3")
    page.goto(amended.get_absolute_url())
    chain = page.locator(".lineage-chain")
    assert "CICTE/doc.6/23 rev. 2" in chain.inner_text() and "CICTE/doc.9/24" in chain.inner_text()
    diff = page.locator(".lineage-diff").first
    assert diff.locator("del").count() >= 1 and "ateliers nationaux" in diff.locator("ins").all_inner_texts()[0]

    page.get_by_role("button", name="Remove this link").click()
    page.wait_for_url(f"**{amended.get_absolute_url()}")
    assert page.locator(".lineage-chain").count() == 0
    assert not MandateLink.objects.active().filter(from_mandate=amended).exists()


def test_staff_search_in_spanish_for_a_french_original_with_a_spanish_version(page):
    user = factories.make_staff("browser-search")
    user.set_password(PASSWORD)
    user.save()
    resolution = factories.make_resolution("CICTE/doc.6/23", original_language="fr")
    mandate = factories.make_mandate(
        factories.make_section(resolution),
        number="4",
        language="fr",
        text="Charger le Secrétariat de préparer un guide sur les barèmes de gravité des incidents.",
        translations={"es": "Encomendar a la Secretaría preparar una guía sobre esquemas de gravedad de incidentes."},
    )
    log_in(page, "browser-search", PASSWORD)
    page.get_by_label("Search mandates, requests, activities, states").fill("esquemas")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=esquemas")
    page.get_by_role("link", name="CICTE/doc.6/23 §1 ¶4").click()
    page.wait_for_url(f"**{mandate.get_absolute_url()}")
