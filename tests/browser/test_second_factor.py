"""Two-factor sign-in in a real browser, under the site's Content Security Policy: a staff
member sets up an authenticator app at the first sign-in, and the passkey button appears
(django-otp-webauthn's script ran: no inline script was needed)."""

import base64

from django.test import override_settings
from django_otp.oath import TOTP

from tests import factories
from tests.browser.conftest import log_in

PASSWORD = "correct-horse-battery-staple"


@override_settings(MFA_REQUIRED=True, PASSKEYS_ENABLED=True, OTP_WEBAUTHN_RP_ID="localhost")
def test_staff_set_up_an_authenticator_app_at_first_sign_in_then_reach_the_dashboard(page, artifacts_dir):
    user = factories.make_staff("browser-staff")
    user.set_password(PASSWORD)
    user.save()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )

    log_in(page, "browser-staff", PASSWORD)
    page.wait_for_url("**/account/security/**")
    page.locator("#passkey-register-button").wait_for()
    page.screenshot(path=str(artifacts_dir / "second-factor-required.png"), full_page=True)
    page.click("text=Set up an authenticator app")
    secret = page.locator("code.token-key").inner_text()
    code = TOTP(base64.b32decode(secret)).token()
    page.fill("#id_code", f"{code:06d}")
    page.click("button:has-text('Confirm')")
    codes = page.locator(".recovery-codes li").all_inner_texts()
    page.screenshot(path=str(artifacts_dir / "second-factor-recovery-codes.png"), full_page=True)
    page.click("text=I have kept them")
    page.goto("/")

    assert len(codes) == 10
    assert page.locator("h1").first.inner_text() != ""
    assert "/account/security/" not in page.url and "/accounts/verify/" not in page.url
    assert refused == []
