"""Writes through the API go through the same services as the pages: same rules, same errors,
same version check."""

import uuid

import pytest

from states.models import AssistanceRequest
from tests import factories

pytestmark = pytest.mark.django_db
JSON = "application/json"


def file_request(client, **fields):
    body = {
        "state": "MEX",
        "title": "Cyber incident response training",
        "description": "For our CSIRT.",
        "request_type": "capacity_building",
        **fields,
    }
    return client.post("/api/v1/requests/", body, content_type=JSON)


def test_mexicos_token_files_a_request_for_mexico_and_it_starts_received(mx_api, focal_mx):
    response = file_request(mx_api)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "MEX" and body["status"]["value"] == "received"
    filed = AssistanceRequest.objects.get(reference=body["reference"])
    assert filed.submitted_by == focal_mx
    assert filed.updates.count() == 1  # its history starts, as from the page


def test_mexicos_token_cannot_file_for_chile(mx_api):
    response = file_request(mx_api, state="CHL")
    assert response.status_code == 400
    assert "state" in response.json()
    assert not AssistanceRequest.objects.exists()


def test_a_retried_post_with_the_same_submission_token_files_one_request(mx_api):
    token = str(uuid.uuid4())
    first = file_request(mx_api, submission_token=token).json()
    second = file_request(mx_api, submission_token=token).json()
    assert first["reference"] == second["reference"]
    assert AssistanceRequest.objects.count() == 1


def test_a_viewers_token_reads_but_cannot_write(viewer_api, staff):
    request = factories.make_request("MEX", by=staff)
    assert viewer_api.get(f"/api/v1/requests/{request.reference}/").status_code == 200
    assert file_request(viewer_api).status_code == 403
    response = viewer_api.post(
        f"/api/v1/requests/{request.reference}/updates/", {"note": "x", "audience": "state"}, content_type=JSON
    )
    assert response.status_code == 403
    assert request.updates.count() == 1


def test_staff_move_a_request_with_the_version_they_read(staff_api, staff):
    request = factories.make_request("MEX", by=staff)
    body = {"status": "under_review", "note": "", "audience": "state", "expected_version": request.version}
    response = staff_api.post(f"/api/v1/requests/{request.reference}/status/", body, content_type=JSON)
    assert response.status_code == 201, response.content
    request.refresh_from_db()
    assert request.status == "under_review"


def test_a_stale_version_is_refused_with_409_and_changes_nothing(staff_api, staff):
    request = factories.make_request("MEX", by=staff)
    read_version = request.version
    factories_update = {"status": "under_review", "audience": "state", "expected_version": read_version}
    assert (
        staff_api.post(f"/api/v1/requests/{request.reference}/status/", factories_update, content_type=JSON).status_code
        == 201
    )
    stale = {"status": "declined", "note": "No budget", "audience": "state", "expected_version": read_version}
    response = staff_api.post(f"/api/v1/requests/{request.reference}/status/", stale, content_type=JSON)
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    request.refresh_from_db()
    assert request.status == "under_review"


def test_a_transition_the_workflow_refuses_is_a_400_with_its_code(staff_api, staff):
    request = factories.make_request("MEX", by=staff)
    body = {"status": "closed", "audience": "state", "expected_version": request.version}
    response = staff_api.post(f"/api/v1/requests/{request.reference}/status/", body, content_type=JSON)
    assert response.status_code == 400
    assert "transition_refused" in response.json()["codes"]
    request.refresh_from_db()
    assert request.status == "received"


def test_a_focal_points_note_always_goes_to_its_state_even_if_it_asks_internal(mx_api, staff):
    request = factories.make_request("MEX", by=staff)
    body = {"note": "We have a venue.", "audience": "internal"}
    response = mx_api.post(f"/api/v1/requests/{request.reference}/updates/", body, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["audience"]["value"] == "state"


def test_malformed_json_is_a_400(mx_api):
    response = mx_api.post("/api/v1/requests/", "{not json", content_type=JSON)
    assert response.status_code == 400
