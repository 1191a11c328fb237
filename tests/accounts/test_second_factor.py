"""Two-factor sign-in: required of the Secretariat when MFA_REQUIRED is on, offered to everyone;
an authenticator app with recovery codes, and passkeys where the site runs on https."""

import re

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SignInEvent
from tests.accounts.conftest import PASSWORD, current_code, signed_in

pytestmark = pytest.mark.django_db

MFA_ON = override_settings(MFA_REQUIRED=True)


def forget_failures(device) -> None:
    """A wrong code makes the next try wait (1 s, then 2, 4…); a person would wait, the test resets it."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def enrol(client: Client) -> list[str]:
    """Set up an authenticator app through the pages; return the recovery codes shown."""
    client.get("/account/security/authenticator/")
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post("/account/security/authenticator/", {"code": current_code(device)})
    assert page.status_code == 200, page
    return re.findall(r"<li><code>(\w+)</code></li>", page.content.decode())


@MFA_ON
def test_staff_without_a_second_factor_are_sent_to_set_one_up_and_reach_no_page_until_they_do(staff_member):
    maria = signed_in(staff_member)

    pages = {path: maria.get(path) for path in ("/", "/mandates/", "/admin/", "/account/tokens/")}

    for path, response in pages.items():
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/security/?next="), path
    security = maria.get("/account/security/").content.decode()
    assert "Set up an authenticator app" in security
    assert "set up a second factor to continue" in security


@MFA_ON
def test_staff_reach_their_pages_once_the_authenticator_app_is_confirmed(staff_member):
    maria = signed_in(staff_member)

    setup = maria.get("/account/security/authenticator/")
    wrong = maria.post("/account/security/authenticator/", {"code": "000000"})
    forget_failures(TOTPDevice.objects.get(user=staff_member))
    codes = enrol(maria)

    assert 'src="data:image/svg+xml' in setup.content.decode()  # the QR code, under the site's CSP
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert maria.get("/").status_code == 200
    assert maria.get("/admin/").status_code == 200


@MFA_ON
def test_the_next_sign_in_asks_for_the_code_and_a_wrong_code_lets_nobody_in(staff_member):
    enrol(signed_in(staff_member))
    device = TOTPDevice.objects.get(user=staff_member, confirmed=True)
    device.last_t = -1  # the code used to enrol may be typed again in this test's same 30 seconds
    device.save()
    browser = signed_in(staff_member)

    sent = browser.get("/mandates/")
    wrong = browser.post("/accounts/verify/", {"code": "123456", "next": "/mandates/"})
    still_out = browser.get("/mandates/")
    forget_failures(device)
    right = browser.post("/accounts/verify/", {"code": current_code(device), "next": "/mandates/"})

    assert sent["Location"] == "/accounts/verify/?next=%2Fmandates%2F"
    assert wrong.status_code == 400
    assert still_out.status_code == 302
    assert right.status_code == 302 and right["Location"] == "/mandates/"
    assert browser.get("/mandates/").status_code == 200


@MFA_ON
def test_a_recovery_code_signs_in_once_only(staff_member):
    codes = enrol(signed_in(staff_member))
    first, second = signed_in(staff_member), signed_in(staff_member)

    used = first.post("/accounts/verify/", {"code": codes[0]})
    reused = second.post("/accounts/verify/", {"code": codes[0]})

    assert used.status_code == 302 and first.get("/").status_code == 200
    assert reused.status_code == 400 and second.get("/").status_code == 302
    assert "9 recovery codes left" in first.get("/account/security/").content.decode()


@MFA_ON
def test_the_admin_login_asks_for_the_second_factor_too(staff_member):
    enrol(signed_in(staff_member))
    browser = Client()

    browser.post("/admin/login/?next=/admin/", {"username": "maria", "password": PASSWORD})
    response = browser.get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/verify/")


@MFA_ON
def test_focal_points_are_offered_a_second_factor_but_not_forced(mexican_focal_point):
    juan = signed_in(mexican_focal_point)

    home = juan.get("/")
    account = juan.get("/account/").content.decode()

    assert home.status_code == 302 and home["Location"] == "/states/MEX/"
    assert juan.get("/states/MEX/").status_code == 200
    assert "not set up (recommended)" in account
    assert "/account/security/" in account


@MFA_ON
def test_a_focal_point_who_set_up_an_app_is_asked_for_it_at_every_sign_in(mexican_focal_point):
    enrol(signed_in(mexican_focal_point))

    response = signed_in(mexican_focal_point).get("/states/MEX/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/verify/")


def test_with_mfa_off_staff_are_not_forced_but_may_set_one_up(staff_member):
    maria = signed_in(staff_member)

    assert maria.get("/").status_code == 200
    assert len(enrol(maria)) == 10


@MFA_ON
def test_staff_cannot_remove_their_only_second_factor(staff_member):
    maria = signed_in(staff_member)
    enrol(maria)
    device = TOTPDevice.objects.get(user=staff_member)

    response = maria.post(f"/account/security/authenticator/{device.pk}/remove/", follow=True)

    assert "must keep a second factor" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_focal_point_may_remove_the_app_they_set_up(mexican_focal_point):
    juan = signed_in(mexican_focal_point)
    enrol(juan)
    device = TOTPDevice.objects.get(user=mexican_focal_point)

    juan.post(f"/account/security/authenticator/{device.pk}/remove/")

    assert not TOTPDevice.objects.filter(user=mexican_focal_point).exists()
    assert SignInEvent.objects.filter(user=mexican_focal_point, kind="mfa_removed").exists()
    assert signed_in(mexican_focal_point).get("/states/MEX/").status_code == 200  # no code asked any more


@MFA_ON
def test_a_session_that_has_not_passed_the_second_factor_gets_403_from_the_api(staff_member):
    enrol(signed_in(staff_member))

    response = signed_in(staff_member).get("/api/v1/mandates/")

    assert response.status_code == 403


@override_settings(PASSKEYS_ENABLED=True, OTP_WEBAUTHN_RP_ID="tracker.example.org")
def test_the_security_page_offers_passkeys_when_the_site_runs_on_https(staff_member):
    maria = signed_in(staff_member)

    page = maria.get("/account/security/").content.decode()
    options = maria.post("/account/passkeys/registration/begin/")

    assert 'id="passkey-register-button"' in page
    assert "django_otp_webauthn/otp_webauthn_register.js" in page
    assert 'id="otp_webauthn_config" type="application/json"' in page  # data, not an inline script
    assert options.status_code == 200 and options.json()["rp"]["id"] == "tracker.example.org"


def test_passkeys_are_not_offered_on_a_plain_http_site(staff_member):
    page = signed_in(staff_member).get("/account/security/").content.decode()

    assert "passkey-register-button" not in page


@MFA_ON
def test_after_a_wrong_code_even_the_right_one_must_wait_and_the_page_says_so(staff_member):
    enrol(signed_in(staff_member))
    device = TOTPDevice.objects.get(user=staff_member)
    device.last_t = -1
    device.save()
    browser = signed_in(staff_member)

    browser.post("/accounts/verify/", {"code": "000000"})
    hurried = browser.post("/accounts/verify/", {"code": current_code(device)})

    assert hurried.status_code == 400
    assert "Too many wrong codes" in hurried.content.decode()
    assert browser.get("/").status_code == 302


@MFA_ON
def test_staff_who_must_set_up_a_second_factor_see_no_menu_leading_back_to_it_until_they_have(staff_member):
    maria = signed_in(staff_member)

    during = maria.get("/account/security/").content.decode()
    enrol(maria)
    after = maria.get("/account/security/").content.decode()

    assert 'class="main-nav"' not in during and 'class="site-search"' not in during
    assert "Log out" in during  # signing out stays open
    assert 'class="main-nav"' in after and 'class="site-search"' in after


@MFA_ON
def test_the_page_asking_for_the_code_shows_no_menu_either(staff_member):
    enrol(signed_in(staff_member))

    page = signed_in(staff_member).get("/accounts/verify/").content.decode()

    assert 'class="main-nav"' not in page and "Log out" in page
