"""The API reads under exactly the pages' rules: a focal point's token sees its state's
requests and nothing else; internal updates never leave the Secretariat."""

import pytest
from django.test import Client

from core.choices import Audience
from states import services
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/mandates/",
    "/api/v1/resolutions/",
    "/api/v1/member-states/",
    "/api/v1/requests/",
    "/api/v1/activities/",
]


@pytest.fixture
def two_requests(staff):
    mexican = factories.make_request("MEX", by=staff, title="Mexican request")
    chilean = factories.make_request("CHL", by=staff, title="Chilean request")
    services.add_request_update(request=mexican, by=staff, note="Internal: budget is short", audience=Audience.INTERNAL)
    services.add_request_update(request=mexican, by=staff, note="Shared: expert found", audience=Audience.STATE)
    factories.make_activity(mexican, title="Workshop in Mexico City")
    factories.make_activity(chilean, title="Workshop in Santiago")
    return mexican, chilean


@pytest.mark.parametrize("url", ENDPOINTS)
def test_an_anonymous_caller_gets_401_not_a_login_page(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_made_up_or_revoked_token_is_refused(staff):
    assert Client(HTTP_AUTHORIZATION="Bearer cicte_notarealtoken").get("/api/v1/mandates/").status_code == 401
    from api import tokens

    token, key = tokens.issue_token(user=staff, name="old")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/mandates/").status_code == 200
    tokens.revoke_token(token=token, by=staff)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/mandates/").status_code == 401


def test_a_deactivated_users_token_stops_working(staff):
    client = token_client(staff)
    staff.is_active = False
    staff.save()
    assert client.get("/api/v1/mandates/").status_code == 401


def test_mexicos_token_lists_only_mexican_requests_and_activities(two_requests, mx_api):
    requests = mx_api.get("/api/v1/requests/").json()
    assert [row["title"] for row in requests["results"]] == ["Mexican request"]
    assert requests["count"] == 1
    activities = mx_api.get("/api/v1/activities/").json()["results"]
    assert [row["title"] for row in activities] == ["Workshop in Mexico City"]
    assert [row["iso3"] for row in mx_api.get("/api/v1/member-states/").json()["results"]] == ["MEX"]


def test_chiles_token_gets_404_for_a_mexican_request_and_its_parts(two_requests, cl_api):
    mexican, _chilean = two_requests
    for suffix in ("", "updates/", "attachments/"):
        assert cl_api.get(f"/api/v1/requests/{mexican.reference}/{suffix}").status_code == 404
    assert cl_api.get("/api/v1/member-states/MEX/").status_code == 404
    response = cl_api.post(
        f"/api/v1/requests/{mexican.reference}/updates/",
        {"note": "hi", "audience": "state"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_internal_updates_never_reach_a_focal_points_token(two_requests, mx_api, viewer_api):
    mexican, _chilean = two_requests
    notes = [row["note"] for row in mx_api.get(f"/api/v1/requests/{mexican.reference}/updates/").json()["results"]]
    assert "Shared: expert found" in notes
    assert "Internal: budget is short" not in notes
    secretariat = viewer_api.get(f"/api/v1/requests/{mexican.reference}/updates/").json()["results"]
    assert "Internal: budget is short" in [row["note"] for row in secretariat]


def test_the_assignee_is_shown_to_the_secretariat_and_hidden_from_the_state(two_requests, staff, viewer_api, mx_api):
    mexican, _chilean = two_requests
    services.assign_request(request=mexican, by=staff, assignee=staff)
    assert viewer_api.get(f"/api/v1/requests/{mexican.reference}/").json()["assigned_to"] == "staff"
    assert "assigned_to" not in mx_api.get(f"/api/v1/requests/{mexican.reference}/").json()


def test_internal_work_changes_nothing_a_states_token_reads(two_requests, staff, mx_api):
    mexican, _chilean = two_requests
    before = mx_api.get(f"/api/v1/requests/{mexican.reference}/").json()
    services.assign_request(request=mexican, by=staff, assignee=staff)
    services.add_request_update(request=mexican, by=staff, note="Internal only", audience=Audience.INTERNAL)
    assert mx_api.get(f"/api/v1/requests/{mexican.reference}/").json() == before


def test_the_list_filters_are_the_pages_own_and_a_bad_value_is_a_400(two_requests, staff_api):
    assert staff_api.get("/api/v1/requests/?state=999999").status_code == 400
    assert staff_api.get("/api/v1/requests/?status=no-such-status").status_code == 400
    chile = staff_api.get("/api/v1/member-states/CHL/").json()
    assert chile["iso3"] == "CHL"
    rows = staff_api.get("/api/v1/requests/?q=Chilean").json()["results"]
    assert [row["title"] for row in rows] == ["Chilean request"]


def test_a_page_number_past_the_end_is_a_404_not_a_server_error(staff_api):
    assert staff_api.get("/api/v1/mandates/?page=99999999999999999999").status_code == 404
    assert staff_api.get("/api/v1/mandates/?page=abc").status_code == 404


def test_mandates_carry_their_texts_in_every_language_held_and_their_owners(staff_api):
    mandate = factories.make_mandate(
        owners=["CICTE Secretariat"],
        text="Requests the Secretariat to act.",
        language="en",
        translations={"es": "Solicita a la Secretaría actuar."},
    )
    row = staff_api.get(f"/api/v1/mandates/{mandate.pk}/").json()
    assert row["texts"] == {"en": "Requests the Secretariat to act.", "es": "Solicita a la Secretaría actuar."}
    assert [owner["name_en"] for owner in row["owners"]] == ["CICTE Secretariat"]
    assert row["status"]["value"] == "not_started"
