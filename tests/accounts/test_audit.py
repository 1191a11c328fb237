"""The sign-in audit trail: every sign-in, failure, lock-out, token use and second-factor
change leaves a row that the administrator, and only the administrator, reads."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from accounts.models import SignInEvent
from api.tokens import issue_token
from tests import factories
from tests.accounts.conftest import PASSWORD, signed_in
from tests.accounts.test_second_factor import enrol

pytestmark = pytest.mark.django_db


def kinds(**filters) -> list[str]:
    return list(SignInEvent.objects.filter(**filters).order_by("pk").values_list("kind", flat=True))


def test_a_sign_in_and_a_sign_out_are_recorded_with_the_address_and_browser(staff_member):
    browser = Client(REMOTE_ADDR="198.51.100.20", HTTP_USER_AGENT="Firefox/140")
    browser.post("/accounts/login/", {"username": "maria", "password": PASSWORD})
    browser.post("/accounts/logout/")

    signed, out = SignInEvent.objects.filter(user=staff_member).order_by("pk")
    assert (signed.kind, signed.ip_address, signed.user_agent) == ("signed_in", "198.51.100.20", "Firefox/140")
    assert out.kind == "signed_out"


def test_a_failed_sign_in_is_recorded_with_the_username_typed_even_when_no_such_user_exists(db):
    Client().post("/accounts/login/", {"username": "ghost", "password": "wrong"})

    assert kinds(username="ghost") == ["sign_in_failed"]


def test_a_lock_out_is_recorded(staff_member):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        guesser.post("/accounts/login/", {"username": "maria", "password": "wrong"})

    assert "locked_out" in kinds(username="maria")
    assert kinds(username="maria").count("sign_in_failed") == settings.AXES_FAILURE_LIMIT


def test_api_token_use_is_recorded_at_most_once_a_minute_per_token(staff_member):
    token, key = issue_token(user=staff_member, name="reporting script")
    script = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    for _call in range(3):
        assert script.get("/api/v1/mandates/").status_code == 200
    once = kinds(kind="token_used")
    cache.clear()  # a minute later
    script.get("/api/v1/mandates/")

    assert once == ["token_used"]
    assert kinds(kind="token_used") == ["token_used", "token_used"]
    assert SignInEvent.objects.filter(kind="token_used").first().detail == f"reporting script ({token.prefix}…)"


def test_setting_up_using_and_failing_a_second_factor_are_recorded(staff_member):
    codes = enrol(signed_in(staff_member))
    browser = signed_in(staff_member)
    browser.post("/accounts/verify/", {"code": "000000"})  # a wrong code from the app
    browser.post("/accounts/verify/", {"code": codes[0]})
    browser.post("/account/security/recovery-codes/")

    assert kinds(user=staff_member) == [
        "signed_in",
        "mfa_added",
        "recovery_codes_made",
        "signed_in",
        "mfa_failed",
        "recovery_code_used",
        "recovery_codes_made",
    ]


@override_settings(MFA_REQUIRED=False)
def test_only_the_administrator_reads_the_trail_in_the_admin_and_nobody_edits_it(staff_member):
    Client().post("/accounts/login/", {"username": "ghost", "password": "wrong"})
    event = SignInEvent.objects.get()
    administrator, staff = Client(), Client()
    administrator.force_login(factories.make_admin())
    staff.force_login(staff_member)

    listing = administrator.get("/admin/accounts/signinevent/")

    assert listing.status_code == 200 and "ghost" in listing.content.decode()
    assert staff.get("/admin/accounts/signinevent/").status_code == 403
    assert administrator.get("/admin/accounts/signinevent/add/").status_code == 403
    assert administrator.post(f"/admin/accounts/signinevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert SignInEvent.objects.filter(pk=event.pk).exists()
