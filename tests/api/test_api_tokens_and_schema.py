"""Tokens a user makes and revokes from their account page, stored hashed; the published
schema; throttling."""

import hashlib
import json

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.throttling import UserRateThrottle

from api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_user_makes_a_token_sees_its_key_once_and_only_its_digest_is_stored(focal_mx_client, focal_mx):
    response = focal_mx_client.post("/account/tokens/new/", {"name": "Ministry dashboard"})
    assert response.status_code == 201
    key = response.context["new_key"]
    assert key.startswith("cicte_") and key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=focal_mx)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in json.dumps(list(ApiToken.objects.values()), default=str)
    page = focal_mx_client.get("/account/tokens/").content.decode()
    assert "Ministry dashboard" in page and key not in page
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/mandates/").status_code == 200


def test_revoking_from_the_account_page_stops_the_token_and_keeps_its_trace(focal_mx_client, focal_mx):
    key = focal_mx_client.post("/account/tokens/new/", {"name": "old script"}).context["new_key"]
    token = ApiToken.objects.get(user=focal_mx)
    assert focal_mx_client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/mandates/").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_another_users_token(focal_mx_client, focal_cl_client, focal_cl):
    focal_cl_client.post("/account/tokens/new/", {"name": "Chile's"})
    token = ApiToken.objects.get(user=focal_cl)
    assert focal_mx_client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_empty_token_name_is_refused_with_a_message(staff_client):
    response = staff_client.post("/account/tokens/new/", {"name": "   "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_account_page_asks_anonymous_visitors_to_log_in():
    response = Client().get("/account/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_published_schema_is_valid_openapi_3_with_every_endpoint(staff_client, tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    response = staff_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in (
        "/api/v1/mandates/",
        "/api/v1/requests/",
        "/api/v1/requests/{reference}/status/",
        "/api/v1/requests/{reference}/updates/",
        "/api/v1/member-states/{iso3}/",
        "/api/v1/activities/",
    ):
        assert path in paths


def test_the_documentation_is_served_by_the_app_under_the_sites_csp(staff_client):
    response = staff_client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "cdn" not in page.lower()
    assert "<script>" not in page  # start-up code is a file of its own (?script)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert staff_client.get("/api/docs/?script").status_code == 200


def test_a_token_past_its_rate_is_throttled_with_429(staff_api, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})
    codes = [staff_api.get("/api/v1/member-states/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
