"""The mandate list in a real browser: filter by status, download the CSV of what is shown,
open a mandate; the list and the mandate's page pass the accessibility check."""

import csv

import pytest

from commitments.models import Mandate
from tests import factories
from tests.browser.conftest import log_in, run_axe

# serialized_rollback: the groups, member states and owners of the data migrations survive the
# flush that follows each transactional test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery-staple"


def _assert_accessible(page):
    violations = run_axe(page)
    assert violations == [], [(v["id"], [node["html"][:160] for node in v["nodes"][:3]]) for v in violations]


def test_staff_filters_mandates_exports_what_is_shown_and_opens_one(page):
    user = factories.make_staff("browser-lists")
    user.set_password(PASSWORD)
    user.save()
    section = factories.make_section(factories.make_resolution("CICTE/doc.3/24"), title="Cybersecurity")
    factories.make_mandate(section, text="To hold a regional cyber exercise.", status=Mandate.Status.IN_PROGRESS)
    factories.make_mandate(section, text="To publish a guide.", status=Mandate.Status.IN_PROGRESS)
    factories.make_mandate(section, text="To thank the host country.", status=Mandate.Status.NO_ACTION_REQUIRED)

    log_in(page, "browser-lists", PASSWORD)
    page.goto("/mandates/")
    assert page.locator("table.table tbody tr").count() == 3
    _assert_accessible(page)

    page.click("summary:has-text('Filters')")  # the filters are folded until one is applied
    page.select_option("#id_status", "in_progress")
    page.click("button:has-text('Apply filters')")
    page.wait_for_url("**/mandates/?*status=in_progress*")
    assert page.locator("table.table tbody tr").count() == 2

    with page.expect_download() as download_info:
        page.click(".export-links a:has-text('CSV')")
    with open(download_info.value.path(), encoding="utf-8-sig", newline="") as export:
        rows = list(csv.DictReader(export))
    assert sorted(row["Text"] for row in rows) == ["To hold a regional cyber exercise.", "To publish a guide."]
    assert {row["Status"] for row in rows} == {"In progress"}

    page.click("table.table tbody th a >> nth=0")
    page.wait_for_url("**/mandates/*/")
    assert "CICTE/doc.3/24" in page.locator("h1").inner_text()
    assert page.locator("blockquote.mandate-text").inner_text() == "To hold a regional cyber exercise."
    _assert_accessible(page)
