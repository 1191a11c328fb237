"""axe-core on every main page, in Chromium, as the persona who uses it; the layout on a phone.

A page passes when axe reports no serious or critical violation (moderate and minor ones are
reviewed by hand, not gated).
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.choices import Audience
from states import services
from states.models import AssistanceRequest
from tests import factories
from tests.browser.conftest import log_in, run_axe

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"
PHONE = {"width": 360, "height": 780}
SEED_RESOLUTION = Path(settings.BASE_DIR) / "commitments" / "data" / "cicte-doc-6-23-rev2.fr.txt"


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def demo():
    """A resolution with a section and two mandates, a request of Mexico under one of them with a
    status change, and an activity delivered: enough for every page to show real content."""
    staff = _with_password(factories.make_staff("a11y-staff"))
    focal = _with_password(factories.make_focal_point("MEX", "a11y-focal-mx"))
    resolution = factories.make_resolution(
        "CICTE/doc.6/23 rev. 2", adopted_on=datetime.date(2023, 3, 16), place="Washington, D.C."
    )
    section = factories.make_section(resolution, title="Promotion of cybersecurity")
    mandate = factories.make_mandate(section, owners=["CICTE Secretariat"], deadline=datetime.date(2024, 6, 30))
    factories.make_mandate(section, owners=["CICTE Secretariat"])
    request = factories.make_request("MEX", by=focal, mandates=[mandate], received_on=datetime.date(2024, 2, 12))
    services.change_request_status(
        request=request,
        new_status=AssistanceRequest.Status.UNDER_REVIEW,
        by=staff,
        note="The Secretariat is reviewing the request.",
        audience=Audience.STATE,
    )
    activity = factories.make_activity(request, mandate=mandate, participants_women=14, participants_men=18)
    return {
        "staff": staff,
        "focal": focal,
        "resolution": resolution,
        "mandate": mandate,
        "request": request,
        "activity": activity,
    }


# (page name, who looks at it, how to find its path from the demo data)
MAIN_PAGES = [
    ("login", None, lambda d: reverse("login")),
    ("dashboard", "staff", lambda d: reverse("home")),
    ("mandate list", "staff", lambda d: reverse("commitments:mandate_list")),
    ("mandate detail", "staff", lambda d: d["mandate"].get_absolute_url()),
    ("resolution detail", "staff", lambda d: d["resolution"].get_absolute_url()),
    ("request list", "staff", lambda d: reverse("states:request_list")),
    ("request detail", "staff", lambda d: d["request"].get_absolute_url()),
    ("request detail, focal point", "focal", lambda d: d["request"].get_absolute_url()),
    ("activity list", "staff", lambda d: reverse("states:activity_list")),
    ("member state page", "focal", lambda d: reverse("states:state_detail", args=["MEX"])),
    ("new request", "focal", lambda d: reverse("states:request_create")),
    ("report index", "staff", lambda d: reverse("report_index")),
    ("import page", "staff", lambda d: reverse("commitments:import_upload")),
    ("report", "staff", lambda d: f"{reverse('report_view')}?resolution={d['resolution'].pk}&language=en"),
    ("snapshots", "staff", lambda d: reverse("snapshot_list")),
    ("activity detail", "focal", lambda d: d["activity"].get_absolute_url()),
]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} -> {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "persona", "path_of"), MAIN_PAGES, ids=[p[0] for p in MAIN_PAGES])
def test_main_page_has_no_serious_accessibility_violation(page, demo, name, persona, path_of):
    if persona:
        log_in(page, demo[persona].username, PASSWORD)
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    response = page.goto(path_of(demo))

    assert response.status < 400, f"{name} answered HTTP {response.status}"
    violations = run_axe(page)
    assert not violations, f"{name}:\n{_describe(violations)}"


def test_the_import_preview_of_the_seed_resolution_has_no_serious_accessibility_violation(page, demo):
    log_in(page, demo["staff"].username, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(reverse("commitments:import_upload"))

    page.set_input_files("#id_file", str(SEED_RESOLUTION))
    page.get_by_role("button", name="Read and preview").click()
    page.wait_for_url(f"**{reverse('commitments:import_preview')}")

    violations = run_axe(page)
    assert not violations, f"import preview:\n{_describe(violations)}"


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_the_dashboard_and_the_main_pages_fit_a_360_pixel_phone_without_sideways_scrolling(
    browser, live_server, demo, language
):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto(reverse("login"))
        page.fill("#id_username", demo["staff"].username)
        page.fill("#id_password", PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        widths = {}
        for name, persona, path_of in MAIN_PAGES:
            if persona == "staff":
                page.goto(path_of(demo))
                widths[name] = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()

    assert widths["dashboard"] <= PHONE["width"]
    assert {name: width for name, width in widths.items() if width > PHONE["width"]} == {}


def test_on_a_phone_the_menu_opens_from_a_button_and_on_a_wide_screen_it_is_always_shown(browser, live_server, demo):
    for viewport, collapsed in ((PHONE, True), ({"width": 1280, "height": 900}, False)):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        page = context.new_page()
        try:
            log_in(page, demo["staff"].username, PASSWORD)
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            mandates = page.get_by_role("navigation", name="Main").get_by_role("link", name="Mandates")

            assert mandates.is_visible() is not collapsed
            if collapsed:
                page.get_by_text("Menu", exact=True).click()
                assert mandates.is_visible()
            mandates.click()
            page.wait_for_url(f"**{reverse('commitments:mandate_list')}")
        finally:
            context.close()


def test_the_first_tab_reaches_a_skip_link_that_moves_focus_to_the_content(page, demo):
    log_in(page, demo["staff"].username, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert skip.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
