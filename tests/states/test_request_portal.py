"""Filing a request: focal points for their own state, staff on a state's behalf, once per form."""

import uuid

import pytest
from django.test import Client

from states.models import AssistanceRequest, Attachment, OutgoingEmail
from tests import factories
from tests.states.fixtures import pdf, upload

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "Training on terrorist financing investigations",
        "request_type": AssistanceRequest.Type.CAPACITY_BUILDING,
        "description": "Our financial intelligence unit asks for a one-week course.",
        "submission_token": str(uuid.uuid4()),
    }
    return data | overrides


def test_a_focal_point_files_a_request_for_its_state_with_a_document(focal_mx_client, focal_mx, private_files):
    mandate = factories.make_mandate()

    response = focal_mx_client.post("/requests/new/", form_data(mandates=[mandate.pk], documents=[pdf()]))

    request = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert response.url == request.get_absolute_url()
    assert request.state.iso3 == "MEX"
    assert request.reference.startswith("REQ-")
    assert request.submitted_by == focal_mx
    assert list(request.mandates.all()) == [mandate]
    document = request.attachments.get()
    assert (document.original_name, document.content_type) == ("note-verbale.pdf", "application/pdf")


def test_a_focal_point_cannot_file_for_another_state(focal_mx_client):
    chile = factories.MemberState.objects.get(iso3="CHL")

    focal_mx_client.post("/requests/new/", form_data(state=chile.pk))

    assert AssistanceRequest.objects.get().state.iso3 == "MEX"


def test_submitting_the_same_form_twice_files_one_request(focal_mx_client):
    data = form_data()

    first = focal_mx_client.post("/requests/new/", data)
    second = focal_mx_client.post("/requests/new/", data)

    assert AssistanceRequest.objects.count() == 1
    assert first.url == second.url == AssistanceRequest.objects.get().get_absolute_url()


def test_a_repeated_submission_adds_its_documents_only_once(focal_mx_client, private_files):
    token = str(uuid.uuid4())

    focal_mx_client.post("/requests/new/", form_data(submission_token=token, documents=[pdf()]))
    focal_mx_client.post("/requests/new/", form_data(submission_token=token, documents=[pdf()]))

    assert Attachment.objects.count() == 1


def test_each_rendering_of_the_form_carries_a_new_token(focal_mx_client):
    first = focal_mx_client.get("/requests/new/").context["form"].initial["submission_token"]
    second = focal_mx_client.get("/requests/new/").context["form"].initial["submission_token"]

    assert first != second


def test_a_forged_document_refuses_the_whole_request(focal_mx_client, private_files):
    forged = upload("report.pdf", b"MZ\x90\x00 this is a Windows program")

    response = focal_mx_client.post("/requests/new/", form_data(documents=[forged]))

    assert response.status_code == 200
    assert "is not a .pdf file" in response.content.decode()
    assert not AssistanceRequest.objects.exists()
    assert not Attachment.objects.exists()


def test_staff_record_a_request_on_a_states_behalf_and_the_state_is_told(staff_client, staff, focal_cl):
    chile = factories.MemberState.objects.get(iso3="CHL")

    staff_client.post(
        "/requests/new/",
        form_data(
            state=chile.pk,
            channel=AssistanceRequest.Channel.NOTE_VERBALE,
            received_on="2025-01-15",
            priority=AssistanceRequest.Priority.HIGH,
            assigned_to=staff.pk,
        ),
    )

    request = AssistanceRequest.objects.get()
    assert (request.state, request.channel, str(request.received_on)) == (chile, "note_verbale", "2025-01-15")
    assert request.reference.startswith("REQ-2025-")
    assert request.assigned_to == staff
    assert OutgoingEmail.objects.filter(to=focal_cl.email).exists()


def test_a_viewer_cannot_file_a_request(viewer_client):
    assert viewer_client.get("/requests/new/").status_code == 403
    assert viewer_client.post("/requests/new/", form_data()).status_code == 403
    assert not AssistanceRequest.objects.exists()


def test_a_state_that_does_not_participate_cannot_file(focal_mx_client):
    factories.MemberState.objects.filter(iso3="MEX").update(membership="not_participating")

    response = focal_mx_client.post("/requests/new/", form_data())

    assert "cannot file new requests" in response.content.decode()
    assert not AssistanceRequest.objects.exists()


def test_the_mandate_list_offers_action_paragraphs_not_declaratory_ones(focal_mx_client):
    action = factories.make_mandate()
    declaratory = factories.make_mandate(kind="declaratory")

    choices = focal_mx_client.get("/requests/new/").context["form"].fields["mandates"].queryset

    assert action in choices
    assert declaratory not in choices


def test_a_focal_point_comments_and_uploads_on_its_request_and_they_reach_the_state(
    focal_mx_client, focal_mx, private_files
):
    request = factories.make_request("MEX", by=focal_mx)

    focal_mx_client.post(
        f"/requests/{request.reference}/updates/", {"note": "Dates proposed: May.", "audience": "internal"}
    )
    focal_mx_client.post(
        f"/requests/{request.reference}/documents/", {"file": pdf("dates.pdf"), "audience": "internal"}
    )

    # A state's own words are never hidden from the state, whatever was posted.
    assert request.updates.get(note="Dates proposed: May.").audience == "state"
    assert request.attachments.get().audience == "state"


def test_a_colleague_replaying_a_focal_points_request_form_token_is_refused_and_files_nothing(
    focal_mx_client, private_files
):
    token = str(uuid.uuid4())
    focal_mx_client.post("/requests/new/", form_data(submission_token=token))
    colleague = factories.make_focal_point("MEX", "mx.colleague")
    colleague_client = Client()
    colleague_client.force_login(colleague)

    response = colleague_client.post("/requests/new/", form_data(submission_token=token, title="Our own request"))

    # Not sent to the first one's request as if it were theirs: a token names one form of one user.
    assert response.status_code == 403
    assert not AssistanceRequest.objects.filter(title="Our own request").exists()
    assert AssistanceRequest.objects.count() == 1
