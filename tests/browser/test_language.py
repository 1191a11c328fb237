"""Switching the interface language with the switcher in the header, in Chromium."""

import pytest

from tests import factories
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def staff_member():
    user = factories.make_staff("language-staff")
    user.set_password(PASSWORD)
    user.save()
    return user


def _switch_to(page, language_name: str) -> None:
    page.select_option("#language-select", label=language_name)
    page.locator(".language-switcher button[type=submit]").click()
    page.wait_for_load_state()


def test_staff_member_switches_to_spanish_and_the_next_page_stays_in_spanish(page, staff_member):
    log_in(page, staff_member.username, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Mandates").is_visible()

    _switch_to(page, "Español")

    navigation = page.get_by_role("navigation", name="Principal")
    assert page.locator("html").get_attribute("lang") == "es"
    assert navigation.get_by_role("link", name="Mandatos").is_visible()
    assert page.get_by_role("button", name="Cerrar sesión").is_visible()

    navigation.get_by_role("link", name="Solicitudes").click()
    page.wait_for_url("**/requests/")

    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Actividades").is_visible()
    assert page.locator("#language-select").input_value() == "es"


def test_the_switcher_returns_to_the_page_it_was_used_on(page, staff_member):
    log_in(page, staff_member.username, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/activities/")

    _switch_to(page, "Português")

    assert page.url.endswith("/activities/")
    assert page.get_by_role("navigation", name="Principal").get_by_role("link", name="Atividades").is_visible()


def test_a_visitor_chooses_french_on_the_login_page_and_keeps_it_after_logging_in(page, staff_member):
    page.goto("/accounts/login/")

    _switch_to(page, "Français")
    assert page.get_by_label("Nom d'utilisateur").is_visible()
    page.fill("#id_username", staff_member.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    assert page.get_by_role("navigation", name="Principale").get_by_role("link", name="Mandats").is_visible()
