"""The phone layout (375 px wide) in a real browser: charts fit their cards instead of clipping
in sideways-scrolling frames, and a list comes before its folded filters, which open when a
filter is applied."""

import pytest

from commitments.models import Mandate
from tests import factories
from tests.browser.conftest import log_in
from tests.reporting import sample

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery-staple"
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _staff(username: str):
    user = factories.make_staff(username)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_on_a_phone_every_dashboard_chart_fits_its_card_and_nothing_scrolls_sideways(phone, artifacts_dir):
    sample.build(_staff("phone-staff"))
    log_in(phone, "phone-staff", PASSWORD)

    phone.goto("/")
    phone.screenshot(path=str(artifacts_dir / "dashboard-phone.png"), full_page=True)

    overflowing = phone.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].filter(chart => {
            const frame = chart.closest('.chart-frame, .card') || chart.parentElement;
            const box = chart.getBoundingClientRect(), outer = frame.getBoundingClientRect();
            return box.right > outer.right + 1 || box.left < outer.left - 1
                || frame.scrollWidth > frame.clientWidth + 1;
        }).length"""
    )
    assert phone.locator("svg.chart").count() > 0
    assert overflowing == 0
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_the_list_comes_before_its_folded_filters_which_open_once_applied(phone):
    _staff("phone-lists")
    section = factories.make_section(factories.make_resolution("CICTE/doc.3/24"), title="Cybersecurity")
    factories.make_mandate(section, text="To hold a regional cyber exercise.", status=Mandate.Status.IN_PROGRESS)
    factories.make_mandate(section, text="To thank the host country.", status=Mandate.Status.NO_ACTION_REQUIRED)
    log_in(phone, "phone-lists", PASSWORD)

    phone.goto("/mandates/")
    assert not phone.locator("#id_status").is_visible()
    first_row = phone.locator("table.table tbody tr").first.bounding_box()
    assert first_row["y"] < PHONE["height"]  # the list is in sight without scrolling past the filters

    phone.click("summary:has-text('Filters')")
    phone.select_option("#id_status", "in_progress")
    phone.click("button:has-text('Apply filters')")
    phone.wait_for_url("**/mandates/?*status=in_progress*")

    assert phone.locator("#id_status").is_visible()
    assert phone.locator("table.table tbody tr").count() == 1
    assert "1 applied" in phone.locator("summary:has-text('Filters')").inner_text()
