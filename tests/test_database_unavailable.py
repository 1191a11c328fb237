"""While the database restarts, the site answers 503 with Retry-After (try again shortly), not a
bare 500, whichever layer first finds the connection gone: the session, the sign-in check or
the view."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def _lost(error_class):
    def execute(self, *args, **kwargs):
        raise error_class("server closed the connection unexpectedly")

    return mock.patch.object(CursorWrapper, "execute", execute)


def _signed_in_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("error_class", [OperationalError, InterfaceError])
def test_staff_opening_a_list_while_the_database_restarts_are_asked_to_retry(staff, error_class):
    client = _signed_in_client(staff)

    with _lost(error_class):
        response = client.get("/mandates/")

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert b"try again" in response.content
    assert client.get("/mandates/").status_code == 200  # and normally again once it is back


def test_a_focal_point_whose_session_cannot_be_read_is_asked_to_retry(focal_mx):
    client = _signed_in_client(focal_mx)

    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/requests/")

    assert response.status_code == 503
    assert "Retry-After" in response


def test_an_anonymous_visitor_is_asked_to_retry_when_the_view_loses_the_connection():
    client = Client(raise_request_exception=False)

    with mock.patch("django.contrib.auth.views.LoginView.get", side_effect=InterfaceError("connection already closed")):
        response = client.get("/accounts/login/")

    assert response.status_code == 503
    assert "Retry-After" in response
