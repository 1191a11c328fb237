"""A signed-in official's pages do not write the session on every request (issue 10: a write
and a commit per page), yet a session still ends after hours of inactivity: its expiry moves
forward at most every SESSION_REFRESH_SECONDS."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _session_writes(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(1 for query in captured if "django_session" in query["sql"] and query["sql"].startswith("UPDATE"))


def test_a_staff_members_pages_do_not_write_the_session(staff_client):
    assert _session_writes(staff_client, "/") == 0
    assert _session_writes(staff_client, "/mandates/") == 0
    assert _session_writes(staff_client, "/requests/") == 0


def test_a_session_idle_past_the_refresh_interval_gets_its_expiry_moved_forward(focal_mx_client, settings):
    focal_mx_client.get("/requests/")
    key = focal_mx_client.session.session_key
    # Last saved hours ago: a minute of life left.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + datetime.timedelta(minutes=1))

    assert _session_writes(focal_mx_client, "/requests/") == 1
    expires = Session.objects.get(pk=key).expire_date
    assert expires > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
