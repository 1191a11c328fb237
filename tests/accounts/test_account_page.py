"""A user's own account page: email for notifications, language, and the ways in to tokens,
second factor and password."""

import re

import pytest
from django.test import Client, override_settings

from accounts.models import SignInEvent
from core.preferences import UserPreferences
from tests.accounts.conftest import PASSWORD, signed_in

pytestmark = pytest.mark.django_db


def test_the_username_in_the_header_opens_the_account_page_which_links_to_tokens_security_and_password(staff_member):
    maria = signed_in(staff_member)

    header = maria.get("/mandates/").content.decode()
    page = maria.get("/account/").content.decode()

    assert 'href="/account/" title="Your account">maria</a>' in header
    for link in ('href="/account/tokens/"', 'href="/account/security/"', 'href="/account/password/"'):
        assert link in page


def test_a_focal_point_chooses_spanish_and_a_new_address_and_reads_the_site_and_digests_in_spanish(
    mexican_focal_point,
):
    juan = signed_in(mexican_focal_point)

    response = juan.post("/account/", {"email": "juan.perez@sre.example", "language": "es"})

    assert response.status_code == 302
    mexican_focal_point.refresh_from_db()
    assert mexican_focal_point.email == "juan.perez@sre.example"
    assert mexican_focal_point.focal_point.language == "es"  # reminders and digests follow
    assert "Seguimiento de mandatos del CICTE" in juan.get("/account/").content.decode()


def test_a_bad_address_is_refused_with_the_form_and_nothing_changes(mexican_focal_point):
    juan = signed_in(mexican_focal_point)

    response = juan.post("/account/", {"email": "not an address", "language": "fr"})

    assert response.status_code == 400
    mexican_focal_point.refresh_from_db()
    assert mexican_focal_point.email == "juan@example.org"
    assert mexican_focal_point.focal_point.language == ""


def test_changing_the_password_needs_the_old_one_and_is_recorded(staff_member):
    maria = signed_in(staff_member)

    wrong = maria.post(
        "/account/password/",
        {
            "old_password": "guess",
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
    )
    right = maria.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
    )

    assert wrong.status_code == 400
    assert right.status_code == 302 and maria.get("/account/").status_code == 200  # still signed in
    staff_member.refresh_from_db()
    assert staff_member.check_password("another-long-passphrase")
    assert SignInEvent.objects.filter(user=staff_member, kind="password_changed").count() == 1


@override_settings(PASSKEYS_ENABLED=True)
def test_the_account_pages_run_no_inline_script_under_the_sites_content_security_policy(staff_member):
    maria = signed_in(staff_member)
    pages = ["/account/", "/account/security/", "/account/security/authenticator/", "/account/password/"]
    anonymous = ["/accounts/password-reset/", "/accounts/password-reset/sent/", "/accounts/reset/MA/x-y/"]

    responses = [maria.get(path) for path in pages] + [Client().get(path, follow=True) for path in anonymous]

    for response in responses:
        assert response.status_code == 200
        assert "script-src 'self'" in response["Content-Security-Policy"]
        for tag in re.findall(r"<script[^>]*>", response.content.decode()):
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_signing_in_switches_the_site_to_the_language_chosen_on_the_account_page(mexican_focal_point):
    UserPreferences.objects.create(user=mexican_focal_point, language="fr")
    browser = Client()

    browser.post("/accounts/login/", {"username": "juan", "password": PASSWORD})

    assert "Suivi des mandats du CICTE" in browser.get("/account/").content.decode()
