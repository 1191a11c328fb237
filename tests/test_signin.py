"""Sign-in throttling hits whoever guesses, not the official: the client address comes from the
proxy's header only behind a proxy, a browser that signed in before is never locked out, and the
lock-out page says how long the lock lasts."""

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client, override_settings

from core import signin
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"
BEHIND_PROXY = override_settings(AXES_CLIENT_IP_CALLABLE="core.signin.client_ip")


@pytest.fixture
def official(db):
    user = factories.make_focal_point("MEX", "official")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client: Client, password: str, **headers):
    return client.post("/accounts/login/", {"username": "official", "password": password}, **headers)


def guess_until_locked(client: Client, **headers):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "wrong", **headers)
    assert response.status_code == 429
    return response


def test_a_guesser_on_the_officials_address_is_locked_out_but_the_officials_own_browser_is_not(official):
    own_browser = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(own_browser, PASSWORD).status_code == 302
    own_browser.post("/accounts/logout/")
    guesser = Client(REMOTE_ADDR="198.51.100.7")  # a colleague's machine behind the same NAT
    guess_until_locked(guesser)

    response = log_in(own_browser, PASSWORD)

    assert response.status_code == 302
    assert "_auth_user_id" in own_browser.session
    assert log_in(guesser, PASSWORD).status_code == 429


def test_a_browser_remembered_for_another_user_or_a_forged_cookie_is_locked_out_like_any_other(official):
    other = factories.make_user("other")
    other.set_password(PASSWORD)
    other.save()
    shared = Client()
    shared.post("/accounts/login/", {"username": "other", "password": PASSWORD})
    shared.post("/accounts/logout/")
    forged = Client()
    forged.cookies[signin.KNOWN_DEVICE_COOKIE] = signing.dumps("official")  # not a signed cookie

    for client in (shared, forged):
        guess_until_locked(client)
        assert log_in(client, PASSWORD).status_code == 429


@BEHIND_PROXY
def test_behind_a_proxy_officials_sharing_the_proxys_address_are_told_apart_by_the_forwarded_address(official):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    guess_until_locked(Client(**proxy), headers={"x-forwarded-for": "203.0.113.66"})

    response = log_in(Client(**proxy), PASSWORD, headers={"x-forwarded-for": "198.51.100.7"})

    assert response.status_code == 302


@BEHIND_PROXY
def test_behind_a_proxy_a_guesser_cannot_escape_the_lock_by_inventing_forwarded_addresses(official):
    client = Client(REMOTE_ADDR="10.0.0.2")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the real address; what the client wrote in front of it is ignored.
        response = log_in(client, "wrong", headers={"x-forwarded-for": f"192.0.2.{attempt}, 203.0.113.66"})

    assert response.status_code == 429
    assert log_in(client, PASSWORD, headers={"x-forwarded-for": "192.0.2.99, 203.0.113.66"}).status_code == 429


def test_the_lock_out_page_says_how_long_the_lock_lasts(official):
    response = guess_until_locked(Client())

    assert "locked for 15 minutes after the last failed attempt" in " ".join(response.content.decode().split())


@override_settings(AXES_COOLOFF_TIME=0.5)
def test_the_lock_out_page_follows_the_configured_length(official):
    response = guess_until_locked(Client())

    assert "locked for 30 minutes" in " ".join(response.content.decode().split())


def test_the_lock_out_page_is_in_the_readers_language(official):
    client = Client(headers={"accept-language": "es"})

    response = guess_until_locked(client)

    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Demasiados intentos fallidos de inicio de sesión" in html
    assert "15" in html
