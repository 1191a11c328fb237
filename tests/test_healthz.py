"""``/healthz`` tells a load balancer whether this server can answer."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from core import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_a_healthy_server_answers_200_to_anyone_without_caching():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_unapplied_migrations_take_the_server_out_of_rotation():
    with mock.patch.object(health.MigrationExecutor, "migration_plan", return_value=[("states", "0099_new")]):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "failing"


def test_an_unreachable_database_answers_503_and_says_nothing_more():
    with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("server closed the connection")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "failing", "migrations": "failing"}
    assert b"server closed" not in response.content


def test_only_get_is_answered():
    assert Client().post("/healthz").status_code == 405
