"""Status changes made in the admin go through the services; a stale save is refused."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Mandate, MandateUpdate
from commitments.services import change_mandate_status
from states.models import AssistanceRequest, MemberState, RequestUpdate
from states.services import change_request_status
from tests import factories
from tests.admin.forms import admin_form_data

pytestmark = pytest.mark.django_db


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _post_change(client, obj, **changes):
    page = client.get(_change_url(obj))
    return client.post(_change_url(obj), admin_form_data(page, **changes))


@pytest.fixture
def mandate(db):
    return factories.make_mandate(owners=["CICTE Secretariat"])


def test_a_status_changed_in_the_admin_is_recorded_as_an_update(mandate, staff, staff_client):
    response = _post_change(staff_client, mandate, new_status="in_progress", status_note="Course scheduled.")

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "in_progress"
    update = MandateUpdate.objects.get(mandate=mandate)
    assert (update.old_status, update.new_status, update.note, update.author) == (
        "not_started",
        "in_progress",
        "Course scheduled.",
        staff,
    )


def test_a_refused_transition_shows_the_services_reason_and_changes_nothing(mandate, staff_client):
    Mandate.objects.filter(pk=mandate.pk).update(status="superseded")

    response = _post_change(staff_client, mandate, new_status="in_progress", text="Edited text.")

    assert response.status_code == 200
    assert "cannot go from “Superseded” to “In progress”" in str(response.context["adminform"].form.errors)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.version) == ("superseded", 1)
    assert mandate.text != "Edited text."
    assert not MandateUpdate.objects.exists()


def test_editing_a_mandate_without_a_new_status_bumps_its_version_only(mandate, staff_client):
    response = _post_change(staff_client, mandate, text="To strengthen port security.")

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert (mandate.text, mandate.status, mandate.version) == ("To strengthen port security.", "not_started", 2)
    assert not MandateUpdate.objects.exclude(new_status="").exists()


def test_a_mandate_corrected_in_the_admin_keeps_a_trace_of_who_changed_what(mandate, staff, staff_client):
    old_text = mandate.text

    _post_change(staff_client, mandate, text="To strengthen port security.", deadline="2025-06-30")

    trace = MandateUpdate.objects.get(mandate=mandate)
    assert trace.author == staff and trace.audience == "internal" and trace.new_status == ""
    assert f"{old_text} → To strengthen port security." in trace.note
    assert "— → 2025-06-30" in trace.note


def test_a_save_from_a_stale_page_is_refused_with_a_clear_message(mandate, staff, staff_client):
    page = staff_client.get(_change_url(mandate))
    # Someone else moves the mandate while the page is open.
    change_mandate_status(mandate=Mandate.objects.get(pk=mandate.pk), new_status="ongoing", by=staff)

    response = staff_client.post(_change_url(mandate), admin_form_data(page, text="My stale edit."))

    assert response.status_code == 200
    assert "Someone else changed this mandate" in str(response.context["adminform"].form.non_field_errors())
    mandate.refresh_from_db()
    assert mandate.status == "ongoing"
    assert mandate.text != "My stale edit."


def test_the_status_itself_cannot_be_posted_past_the_service(mandate, staff_client):
    response = _post_change(staff_client, mandate, status="completed")

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "not_started"


def _add_request(client, iso3: str, **fields):
    url = reverse("admin:states_assistancerequest_add")
    state = MemberState.objects.get(iso3=iso3)
    defaults = {"description": "Two-week course.", "request_type": "capacity_building", "priority": "normal"}
    data = admin_form_data(client.get(url), state=str(state.pk), received_on="2026-02-03", **{**defaults, **fields})
    return client.post(url, data)


def test_a_request_created_in_the_admin_is_submitted_through_the_service(staff, staff_client):
    response = _add_request(staff_client, "MEX", title="Training on border controls", channel="note_verbale")

    assert response.status_code == 302
    request = AssistanceRequest.objects.get()
    assert request.reference == "REQ-2026-0001"
    assert (request.status, request.submitted_by, request.channel) == ("received", staff, "note_verbale")
    assert RequestUpdate.objects.get(request=request).new_status == "received"


def test_a_state_that_left_cannot_file_a_request_through_the_admin(staff_client):
    response = _add_request(staff_client, "NIC", title="Training", channel="letter")

    assert response.status_code == 200
    assert "cannot file new requests" in str(response.context["adminform"].form.errors)
    assert not AssistanceRequest.objects.exists()


def test_a_request_status_change_needing_a_reason_is_refused_without_one(staff, staff_client):
    request = factories.make_request("MEX", by=staff)

    response = _post_change(staff_client, request, new_status="declined", status_note="")

    assert response.status_code == 200
    assert "Please give a reason" in str(response.context["adminform"].form.errors)
    request.refresh_from_db()
    assert request.status == "received"


def test_a_request_moved_and_corrected_in_the_admin_records_both(staff, staff_client):
    request = factories.make_request("MEX", by=staff, received_on=datetime.date(2026, 1, 5))

    response = _post_change(
        staff_client,
        request,
        priority="urgent",
        new_status="accepted",
        status_note="Funds found.",
        status_audience="state",
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.priority) == ("accepted", "urgent")
    entries = list(RequestUpdate.objects.filter(request=request).order_by("pk"))
    assert [entry.new_status for entry in entries] == ["received", "", "accepted"]
    assert entries[1].changes == {"priority": ["normal", "urgent"]}
    assert (entries[2].note, entries[2].audience) == ("Funds found.", "state")


def test_a_stale_request_save_is_refused(staff, staff_client):
    request = factories.make_request("MEX", by=staff)
    page = staff_client.get(_change_url(request))
    change_request_status(request=AssistanceRequest.objects.get(pk=request.pk), new_status="under_review", by=staff)

    response = staff_client.post(_change_url(request), admin_form_data(page, priority="low"))

    assert response.status_code == 200
    request.refresh_from_db()
    assert (request.status, request.priority) == ("under_review", "normal")
