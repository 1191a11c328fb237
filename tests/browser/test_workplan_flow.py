"""The work plan in a real browser, on the demo's CICTE Work Plan 2023-2024: staff open it,
follow an indicator's actual to the activities it counts, and file a progress report; the page
passes the accessibility check; full-page screenshots land in test-artifacts/."""

import pytest

from commitments.workplan import Commitment, Indicator, ProgressReport, ReportingPeriod
from reporting import demo
from tests.browser.conftest import log_in, run_axe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery-staple"


def test_staff_follow_an_indicator_to_its_activities_and_file_a_progress_report(page, artifacts_dir):
    demo.load_data(demo.create_accounts(PASSWORD))
    log_in(page, "staff", PASSWORD)

    page.click("nav >> text=Work Plan")
    page.wait_for_url("**/work-plan/")
    assert page.locator("h1").inner_text() == "CICTE Work Plan 2023-2024"
    page.screenshot(path=str(artifacts_dir / "workplan.png"), full_page=True)
    violations = run_axe(page)
    assert violations == [], [(v["id"], [n["html"][:160] for n in v["nodes"][:3]]) for v in violations]

    # CYB-1.a counts the technical missions linked to CYB-1: its actual opens exactly them.
    indicator = Indicator.objects.get(code="CYB-1.a")
    actual = page.locator(f"#indicator-{indicator.pk} td.num a").first
    shown = int(actual.inner_text())
    actual.click()
    page.wait_for_url("**/activities/?commitment=*")
    commitment = Commitment.objects.get(code="CYB-1")
    assert shown == commitment.activities.count() > 0
    assert page.locator("tbody tr").count() == shown

    # Staff file the report left overdue on CYB-2.a (2024-Q4).
    page.go_back()
    overdue = Indicator.objects.get(code="CYB-2.a")
    period = ReportingPeriod.objects.get(indicator=overdue, code="2024-Q4")
    details = page.locator(f"#indicator-{overdue.pk}-reports")
    details.locator("summary").click()
    details.locator("a", has_text="File a progress report for CYB-2.a").click()
    page.wait_for_url(f"**?file={overdue.pk}*")
    prefix = f"#id_indicator-{overdue.pk}"
    page.select_option(f"{prefix}-period", str(period.pk))
    page.select_option(f"{prefix}-rating", "at_risk")
    page.fill(f"{prefix}-narrative", "Two trainings moved to 2025 for lack of funds.")
    details.locator("button:has-text('File the report')").click()
    page.wait_for_url(f"**#indicator-{overdue.pk}")

    assert "filed" in page.locator(".messages").inner_text()
    page.locator(f"#indicator-{overdue.pk}-reports summary").click()
    page.locator(f"#commitment-{overdue.commitment_id}").locator("xpath=..").screenshot(
        path=str(artifacts_dir / "workplan-commitment.png")
    )
    report = ProgressReport.objects.get(period=period)
    assert report.rating == "at_risk" and report.author.username == "staff"
