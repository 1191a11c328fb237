"""Recording national implementation reports: a focal point for its own state only, the
Secretariat on a state's behalf (marked as such), every entry kept as history, documents
checked like request attachments, and the Secretariat told by email of what a state reports."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from states.implementation import NationalImplementationReport
from states.models import MemberState, OutgoingEmail
from tests import factories
from tests.states.fixtures import pdf, upload
from tests.states.implementation_fixtures import Status, addressed_mandate, report

pytestmark = pytest.mark.django_db


def add_url(iso3: str = "MEX") -> str:
    return reverse("states:implementation_add", args=[iso3])


def form_data(chosen, **fields) -> dict:
    data = {
        "mandate": chosen.pk,
        "status": Status.IN_PROGRESS,
        "reported_on": "2026-03-02",
        "narrative": "A draft law is before Congress.",
    }
    return {**data, **fields}


@pytest.fixture
def mandate():
    return addressed_mandate()


def test_a_focal_point_records_its_states_report_and_sees_it_on_its_page(
    focal_mx_client, focal_mx, mandate, report_files
):
    response = focal_mx_client.post(add_url(), form_data(mandate, document=pdf("strategy.pdf")))

    entry = NationalImplementationReport.objects.get()
    assert response.status_code == 302
    assert (entry.state.iso3, entry.author, entry.on_behalf, entry.document_name) == (
        "MEX",
        focal_mx,
        False,
        "strategy.pdf",
    )
    page = focal_mx_client.get("/states/MEX/").content.decode()
    assert "Mandates addressed to member states" in page
    assert "In progress" in page and "recorded by the Secretariat" not in page


def test_the_secretariat_is_emailed_when_a_state_reports(focal_mx, staff, mandate):
    report("MEX", mandate, by=focal_mx, status=Status.IMPLEMENTED)

    message = OutgoingEmail.objects.get(to=staff.email)
    assert "Mexico" in message.subject and "Implemented" in message.subject


def test_a_forged_post_for_another_state_is_404_and_writes_nothing(focal_cl_client, mandate):
    response = focal_cl_client.post(add_url("MEX"), form_data(mandate))

    assert response.status_code == 404
    assert not NationalImplementationReport.objects.exists()


def test_the_service_refuses_a_focal_point_writing_for_another_state(focal_cl, mandate):
    with pytest.raises(PermissionDenied):
        report("MEX", mandate, by=focal_cl)

    assert not NationalImplementationReport.objects.exists()


def test_a_viewer_reads_but_may_not_record(viewer_client, viewer, mandate):
    assert viewer_client.post(add_url(), form_data(mandate)).status_code == 403
    with pytest.raises(PermissionDenied):
        report("MEX", mandate, by=viewer)
    assert not NationalImplementationReport.objects.exists()


def test_staff_entries_are_marked_as_recorded_on_the_states_behalf_and_email_nobody(staff_client, staff, mandate):
    staff_client.post(add_url(), form_data(mandate))

    entry = NationalImplementationReport.objects.get()
    assert entry.on_behalf and entry.author == staff
    assert not OutgoingEmail.objects.exists()
    assert "recorded by the Secretariat" in staff_client.get(entry.get_absolute_url()).content.decode()


def test_a_focal_point_cannot_pass_its_entry_off_as_the_secretariats(focal_mx, mandate):
    entry = report("MEX", mandate, by=focal_mx, on_behalf=True)

    assert entry.on_behalf is False


def test_only_mandates_addressed_to_member_states_take_reports(focal_mx, focal_mx_client):
    secretariat_mandate = factories.make_mandate(owners=["CICTE Secretariat"])

    with pytest.raises(ValidationError) as refused:
        report("MEX", secretariat_mandate, by=focal_mx)
    response = focal_mx_client.post(add_url(), form_data(secretariat_mandate))

    assert refused.value.code == "not_addressed_to_states"
    assert response.status_code == 400
    assert not NationalImplementationReport.objects.exists()


def test_history_is_append_only_and_the_latest_entry_is_the_current_position(focal_mx, focal_mx_client, mandate):
    first = report("MEX", mandate, by=focal_mx, status=Status.IN_PROGRESS, reported_on=datetime.date(2025, 5, 1))
    report("MEX", mandate, by=focal_mx, status=Status.IMPLEMENTED, narrative="Law enacted.")

    history = focal_mx_client.get(reverse("states:implementation_history", args=["MEX", mandate.pk]))
    current = NationalImplementationReport.objects.filter(state__iso3="MEX", mandate=mandate).latest_positions()

    assert NationalImplementationReport.objects.count() == 2
    assert NationalImplementationReport.objects.get(pk=first.pk).status == Status.IN_PROGRESS
    assert [entry.status for entry in current] == [Status.IMPLEMENTED]
    assert [entry.status for entry in history.context["reports"]] == [Status.IMPLEMENTED, Status.IN_PROGRESS]


def test_a_backdated_note_verbale_does_not_replace_a_newer_position(focal_mx, staff, mandate):
    report("MEX", mandate, by=focal_mx, status=Status.IMPLEMENTED, reported_on=datetime.date(2026, 2, 1))
    report("MEX", mandate, by=staff, status=Status.NOT_STARTED, reported_on=datetime.date(2025, 1, 10))

    current = NationalImplementationReport.objects.filter(mandate=mandate).latest_positions().get()

    assert current.status == Status.IMPLEMENTED


def test_the_admin_shows_the_history_and_lets_nobody_add_change_or_delete_it(administrator_client, focal_mx, mandate):
    entry = report("MEX", mandate, by=focal_mx)
    base = "/admin/states/nationalimplementationreport/"

    assert administrator_client.get(base).status_code == 200
    assert administrator_client.get(f"{base}add/").status_code == 403
    assert administrator_client.post(f"{base}{entry.pk}/change/", {"status": Status.IMPLEMENTED}).status_code == 403
    assert administrator_client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert NationalImplementationReport.objects.get().status == Status.IN_PROGRESS


def test_a_document_that_is_not_what_it_claims_is_refused_and_nothing_is_written(
    focal_mx_client, mandate, report_files
):
    disguised = upload("strategy.pdf", b"MZ\x90\x00 not a pdf")

    response = focal_mx_client.post(add_url(), form_data(mandate, document=disguised))

    assert response.status_code == 400
    assert "is not a .pdf file" in response.content.decode()
    assert not NationalImplementationReport.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"reported_on": "2999-01-01"},
        {"reported_on": "yesterday"},
        {"evidence_url": "javascript:alert(1)"},
        {"status": "done"},
        {"mandate": "99999999999999999999999"},
        {"mandate": "\x00"},
    ],
)
def test_bad_input_is_a_clear_400_and_writes_nothing(focal_mx_client, mandate, fields):
    response = focal_mx_client.post(add_url(), form_data(mandate, **fields))

    assert response.status_code == 400
    assert not NationalImplementationReport.objects.exists()


def test_a_state_that_left_the_organisation_reports_nothing_new(staff, mandate):
    MemberState.objects.filter(iso3="MEX").update(
        membership=MemberState.Membership.WITHDRAWN, membership_ended_on=datetime.date(2020, 1, 1)
    )

    with pytest.raises(ValidationError):
        report("MEX", mandate, by=staff)


def test_the_database_refuses_a_status_outside_the_choices(focal_mx, mandate):
    entry = report("MEX", mandate, by=focal_mx)

    with pytest.raises(IntegrityError), transaction.atomic():
        NationalImplementationReport.objects.filter(pk=entry.pk).update(status="done")
