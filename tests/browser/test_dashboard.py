"""The dashboard and the implementation report in a real browser: a figure leads to its list,
the pages pass the accessibility check, and full-page screenshots land in test-artifacts/."""

import pytest

from reporting import demo
from tests.browser.conftest import log_in, run_axe
from tests.reporting import sample

# serialized_rollback: the groups, member states, owners and work plan of the data migrations
# survive the flush that follows each transactional test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery-staple"


def _assert_accessible(page):
    violations = run_axe(page)
    assert violations == [], [(v["id"], [node["html"][:160] for node in v["nodes"][:3]]) for v in violations]


def _demo_users():
    """The demo accounts and, when the resolution importer is there, the demo data; then the
    sample rows, so that every chart has something to draw."""
    users = demo.create_accounts(PASSWORD)
    try:
        demo.load_data(users)
    except ImportError:  # the seed importer is not built yet
        pass
    sample.build(users["staff"])
    return users


def test_staff_follows_a_dashboard_figure_to_its_list_and_screenshots_the_dashboard(page, artifacts_dir):
    _demo_users()
    log_in(page, "staff", PASSWORD)

    page.goto("/")
    assert page.locator("h1").inner_text() == "Implementation dashboard"
    page.screenshot(path=str(artifacts_dir / "dashboard.png"), full_page=True)
    _assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=str(artifacts_dir / "dashboard-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator(".kpi a", has_text="Overdue mandates").click()
    page.wait_for_url("**/mandates/?overdue=1")
    assert page.locator("h1").count() == 1


def test_staff_reads_the_implementation_report_and_screenshots_it(page, artifacts_dir):
    _demo_users()
    log_in(page, "staff", PASSWORD)

    page.goto("/reports/")
    _assert_accessible(page)
    page.select_option("#id_resolution", label="CICTE/RES. 1/24")
    page.click("button:has-text('Show the report')")
    page.wait_for_url("**/reports/view/**")
    assert "CICTE/RES. 1/24" in page.locator("h1").inner_text()
    page.screenshot(path=str(artifacts_dir / "report.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts_dir / "report-print.png"), full_page=True)
    page.emulate_media(media="screen")
    _assert_accessible(page)


def test_staff_take_a_snapshot_and_compare_it_with_today(page, artifacts_dir):
    _demo_users()
    log_in(page, "staff", PASSWORD)

    page.goto("/snapshots/")
    _assert_accessible(page)
    page.fill("#id_name", "Twenty-fourth regular session")
    page.click("button:has-text('Take the snapshot')")
    page.wait_for_url("**/snapshots/*/")
    assert page.locator("h1").inner_text() == "Twenty-fourth regular session"
    page.click("button:has-text('Show what changed')")
    page.wait_for_url("**/snapshots/compare/**")
    assert "No mandate or request changed status." in page.locator("main").inner_text()
    _assert_accessible(page)
