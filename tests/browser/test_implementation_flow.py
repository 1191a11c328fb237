"""National implementation reports end to end in Chromium: Mexico's focal point records a
report with a document from its state's page and sees it there; Chile's focal point sees only
the counts on the mandate page; staff read the matrix."""

import pytest

from states.implementation import NationalImplementationReport
from tests import factories
from tests.browser.conftest import log_in, run_axe
from tests.states.fixtures import PDF_BYTES
from tests.states.implementation_fixtures import addressed_mandate, use_report_storage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery-staple"
NARRATIVE = "The national cybersecurity strategy was adopted by decree in March."


def person(make, *args):
    user = make(*args)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def signed_in(browser, live_server):
    contexts = []

    def open_as(username: str):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, username, PASSWORD)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_mexico_reports_with_a_document_and_chile_sees_only_the_counts(signed_in, tmp_path, monkeypatch, artifacts_dir):
    use_report_storage(monkeypatch, tmp_path / "reports")
    person(factories.make_staff, "nir-staff")
    person(factories.make_focal_point, "MEX", "nir-mx")
    person(factories.make_focal_point, "CHL", "nir-cl")
    mandate = addressed_mandate(text="Member states are urged to adopt national cybersecurity strategies.")
    strategy = tmp_path / "strategy.pdf"
    strategy.write_bytes(PDF_BYTES)

    # Mexico's focal point records its report from its state's page, with the decree attached.
    mexico = signed_in("nir-mx")
    mexico.goto("/states/MEX/")
    section = mexico.locator("section[aria-labelledby=implementation-heading]")
    assert section.get_by_text("Not reported yet").first.is_visible()
    mexico.select_option("#id_mandate", str(mandate.pk))
    mexico.check("input[name=status][value=implemented]")
    mexico.fill("#id_narrative", NARRATIVE)
    mexico.set_input_files("#id_document", str(strategy))
    mexico.click("button:has-text('Record this report')")
    mexico.wait_for_url(f"**/states/MEX/implementation/{mandate.pk}/**")
    assert mexico.get_by_text(NARRATIVE).is_visible()
    assert mexico.get_by_role("link", name="strategy.pdf").is_visible()
    mexico.goto("/states/MEX/")
    assert section.get_by_text("Implemented").first.is_visible()
    assert run_axe(mexico) == []
    section.screenshot(path=str(artifacts_dir / "implementation-state-page.png"))
    report = NationalImplementationReport.objects.get()
    assert (report.state.iso3, report.on_behalf, report.document_name) == ("MEX", False, "strategy.pdf")

    # Chile's focal point reads the mandate: a count, never Mexico's words or name.
    chile = signed_in("nir-cl")
    chile.goto(mandate.get_absolute_url())
    counts = chile.locator("section[aria-labelledby=implementation-counts-heading]")
    assert counts.get_by_role("row", name="Implemented").is_visible()
    body = chile.locator("#main").inner_text()
    assert NARRATIVE not in body and "Mexico" not in body
    assert chile.goto(f"/states/MEX/implementation/{mandate.pk}/").status == 404

    # Staff read every state's position in the matrix.
    staff = signed_in("nir-staff")
    staff.click("text=National reports")
    staff.wait_for_url("**/implementation/matrix/")
    assert staff.locator("table.implementation-matrix a[title^='Mexico: Implemented']").count() == 1
    assert run_axe(staff) == []
    staff.screenshot(path=str(artifacts_dir / "implementation-matrix.png"), full_page=True)
