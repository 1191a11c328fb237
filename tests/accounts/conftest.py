"""Account tests: signed-in personas with real passwords, and a clean cache (the reset-email
and token-use limits live there)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import TOTP

from tests import factories

PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def signed_in(user) -> Client:
    """A browser that signed in with the password, as a person does (not force_login)."""
    client = Client()
    response = client.post("/accounts/login/", {"username": user.get_username(), "password": PASSWORD})
    assert response.status_code == 302, response
    return client


def current_code(device) -> str:
    """What the authenticator app shows now for ``device``."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def staff_member(db):
    return with_password(factories.make_staff("maria"))


@pytest.fixture
def mexican_focal_point(db):
    return with_password(factories.make_focal_point("MEX", "juan"))
