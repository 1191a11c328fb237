"""API personas: each role with a token of its own, as a script would call."""

import pytest
from django.core.cache import cache
from django.test import Client

from api import tokens


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttling counts in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> Client:
    _token, key = tokens.issue_token(user=user, name="test script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def staff_api(staff):
    return token_client(staff)


@pytest.fixture
def viewer_api(viewer):
    return token_client(viewer)


@pytest.fixture
def mx_api(focal_mx):
    return token_client(focal_mx)


@pytest.fixture
def cl_api(focal_cl):
    return token_client(focal_cl)
