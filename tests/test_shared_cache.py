"""With CACHE_URL set, every app server shares one Redis: the API's throttling counts a token's
calls across servers, not per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from rest_framework.throttling import UserRateThrottle

from tests.api.conftest import token_client

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, emptied by these tests
REDIS_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "t"}
}


def settings_in_a_fresh_process(**env) -> str:
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cicte.settings", "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout + result.stderr


def test_cache_url_selects_redis_and_a_bad_one_stops_the_start():
    assert "RedisCache" in settings_in_a_fresh_process(CACHE_URL="redis://127.0.0.1:6379/1")
    assert "LocMemCache" in settings_in_a_fresh_process(CACHE_URL="")
    assert "CACHE_URL must be a redis://" in settings_in_a_fresh_process(CACHE_URL="memcached://x")


@pytest.fixture
def shared_redis():
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    with override_settings(CACHES=REDIS_CACHE):
        yield server
    server.flushdb()


@pytest.mark.django_db
def test_a_tokens_calls_are_counted_in_the_shared_redis(shared_redis, staff, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute", "anon": "2/minute"})
    client = token_client(staff)
    assert [client.get("/api/v1/member-states/").status_code for _ in range(2)] == [200, 200]
    assert any(b"throttle_user" in key for key in shared_redis.keys("*"))
    # Another app server reads the same count: emptying this process's connection changes nothing.
    caches["default"].close()
    assert client.get("/api/v1/member-states/").status_code == 429
