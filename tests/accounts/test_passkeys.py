"""A passkey from start to finish through django-otp-webauthn's endpoints, with a software
authenticator standing in for the browser's: a staff member who must have a second factor
registers one and is let in; at the next sign-in the passkey's signature lets them in, and a
wrong signature does not."""

import pytest
from django.test import Client, override_settings
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import SignInEvent
from tests.accounts.conftest import signed_in
from tests.accounts.soft_authenticator import SoftAuthenticator

pytestmark = pytest.mark.django_db

SITE = "https://tracker.example.org"
ON_HTTPS = override_settings(
    MFA_REQUIRED=True,
    PASSKEYS_ENABLED=True,
    OTP_WEBAUTHN_RP_ID="tracker.example.org",
    OTP_WEBAUTHN_ALLOWED_ORIGINS=[SITE],
)


def post_json(client: Client, path: str, data: dict | None = None):
    return client.post(path, data or {}, content_type="application/json")


def register(client: Client, passkey: SoftAuthenticator):
    options = post_json(client, "/account/passkeys/registration/begin/").json()
    return post_json(client, "/account/passkeys/registration/complete/", passkey.create(options))


def authenticate(client: Client, passkey: SoftAuthenticator, *, tamper: bool = False):
    options = post_json(client, "/account/passkeys/authentication/begin/").json()
    return post_json(client, "/account/passkeys/authentication/complete/", passkey.get(options, tamper=tamper))


@ON_HTTPS
def test_a_staff_member_made_to_set_up_a_second_factor_registers_a_passkey_and_is_let_in(staff_member):
    maria = signed_in(staff_member)
    passkey = SoftAuthenticator(SITE)
    assert maria.get("/").status_code == 302  # sent to set one up

    registered = register(maria, passkey)

    assert registered.status_code == 200, registered.content
    assert WebAuthnCredential.objects.filter(user=staff_member, confirmed=True).count() == 1
    assert maria.get("/").status_code == 200
    assert recorded(staff_member, "mfa_added")


def recorded(user, kind: str) -> bool:
    return SignInEvent.objects.filter(user=user, kind=kind, detail="passkey").exists()


@pytest.fixture
def next_sign_in(staff_member) -> tuple[Client, SoftAuthenticator]:
    """A browser that has just signed in with the password, of someone who registered a passkey."""
    passkey = SoftAuthenticator(SITE)
    with ON_HTTPS:
        register(signed_in(staff_member), passkey)
        return signed_in(staff_member), passkey


@ON_HTTPS
def test_at_the_next_sign_in_the_passkeys_signature_lets_them_in(staff_member, next_sign_in):
    browser, passkey = next_sign_in
    assert browser.get("/")["Location"].startswith("/accounts/verify/")

    passed = authenticate(browser, passkey)

    assert passed.status_code == 200, passed.content
    assert browser.get("/").status_code == 200
    assert WebAuthnCredential.objects.get(user=staff_member).sign_count == 1
    assert recorded(staff_member, "mfa_passed")


@ON_HTTPS
def test_a_wrong_signature_lets_nobody_in_and_is_recorded(staff_member, next_sign_in):
    browser, passkey = next_sign_in

    refused = authenticate(browser, passkey, tamper=True)

    assert 400 <= refused.status_code < 500
    assert browser.get("/").status_code == 302
    assert recorded(staff_member, "mfa_failed")


@ON_HTTPS
def test_a_passkey_made_for_another_site_is_refused(staff_member):
    maria = signed_in(staff_member)

    refused = register(maria, SoftAuthenticator("https://phishing.example.net"))

    assert 400 <= refused.status_code < 500
    assert not WebAuthnCredential.objects.exists()
    assert maria.get("/").status_code == 302
