"""A staff member imports the seed in Chromium: upload, correct one owner, confirm, and find
the mandates on the resolution's page."""

import pytest

from commitments.models import Mandate, Resolution
from tests import factories
from tests.browser.conftest import log_in, run_axe
from tests.commitments.importer_helpers import SEED

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


def test_staff_import_the_seed_correcting_one_owner_in_the_preview(page, artifacts_dir):
    user = factories.make_staff("browser-importer")
    user.set_password(PASSWORD)
    user.save()
    log_in(page, "browser-importer", PASSWORD)

    page.get_by_role("link", name="Import a resolution").first.click()
    page.set_input_files("#id_file", str(SEED))
    page.get_by_role("button", name="Read and preview").click()

    page.wait_for_url("**/resolutions/import/preview/")
    assert page.locator("mark", has_text="SSM, par le biais du Secrétariat du CICTE").count() == 1
    assert run_axe(page) == []
    first = page.locator("#row-0")
    first.locator("summary").click()  # rows are compact until opened
    first.get_by_label("Member States", exact=True).uncheck()
    first.get_by_label("CICTE", exact=True).check()
    page.screenshot(path=str(artifacts_dir / "import-preview.png"), full_page=False)
    page.get_by_role("button", name="Confirm and save").click()

    page.wait_for_url("**/resolutions/import/*/")
    assert page.locator("#import-added").inner_text() == "19"
    page.get_by_role("link", name="See the resolution's mandates").click()

    resolution = Resolution.objects.get()
    page.wait_for_url(f"**{resolution.get_absolute_url()}")
    assert page.get_by_role("heading", name="CICTE/doc.6/23 rev. 2").is_visible()
    assert page.locator("table tbody tr").count() == 19
    assert "Promotion de la cybersécurité" in page.content()
    first_mandate = Mandate.objects.get(section__position=1, number="1", parent=None)
    assert list(first_mandate.owners.values_list("name_en", flat=True)) == ["CICTE"]
