"""What is written for the Secretariat stays there: pages, links, downloads and emails."""

import pytest

from core.choices import Audience
from states import services
from states.models import OutgoingEmail
from tests import factories
from tests.states.fixtures import upload

pytestmark = pytest.mark.django_db


def test_a_focal_point_sees_the_updates_documents_and_activities_addressed_to_its_state(
    mexican_request, focal_mx_client
):
    page = focal_mx_client.get(mexican_request.request.get_absolute_url()).content.decode()

    assert "We will send two trainers." in page
    assert "agenda.pdf" in page
    assert "Incident response course" in page


def test_a_focal_point_never_sees_an_internal_note_or_document_on_the_request_page(mexican_request, focal_mx_client):
    response = focal_mx_client.get(mexican_request.request.get_absolute_url())

    page = response.content.decode()
    assert "INTERNAL" not in page
    assert "budget-memo.txt" not in page
    kinds = {(entry.kind, entry.item.pk) for entry in response.context["timeline"]}
    assert ("update", mexican_request.internal_update.pk) not in kinds
    assert ("document", mexican_request.internal_document.pk) not in kinds


@pytest.mark.parametrize("client_name", ["staff_client", "viewer_client", "administrator_client"])
def test_the_secretariat_sees_internal_notes_marked_as_such(mexican_request, client_name, request):
    client = request.getfixturevalue(client_name)

    page = client.get(mexican_request.request.get_absolute_url()).content.decode()

    assert "INTERNAL: the budget line is not confirmed." in page
    assert "budget-memo.txt" in page
    assert "Secretariat only" in page


def test_an_internal_documents_link_answers_404_to_the_state(mexican_request, focal_mx_client):
    assert focal_mx_client.get(mexican_request.internal_document.get_absolute_url()).status_code == 404
    assert focal_mx_client.get(mexican_request.state_document.get_absolute_url()).status_code == 200


def test_an_internal_updates_permalink_answers_404_to_the_state(mexican_request, focal_mx_client, staff_client):
    internal = f"/updates/{mexican_request.internal_update.pk}/"
    shared = f"/updates/{mexican_request.state_update.pk}/"

    assert focal_mx_client.get(internal).status_code == 404
    assert focal_mx_client.get(shared).url.endswith(f"#update-{mexican_request.state_update.pk}")
    assert staff_client.get(internal).status_code == 302


def test_a_viewer_reads_but_is_offered_no_form(mexican_request, viewer_client):
    response = viewer_client.get(mexican_request.request.get_absolute_url())

    assert not {"status_form", "assign_form", "update_form", "attachment_form"} & set(response.context.keys())
    assert b'<form class="card' not in response.content


def test_an_internal_note_is_never_emailed_to_the_state(private_files, staff, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)
    OutgoingEmail.objects.all().delete()

    services.add_request_update(request=request, by=staff, note="Secret budget talk", audience=Audience.INTERNAL)
    services.change_request_status(
        request=request, new_status="on_hold", by=staff, note="Donor withdrew", audience=Audience.INTERNAL
    )
    services.add_attachment(
        request=request,
        by=staff,
        upload=upload("memo.txt", b"internal memo"),
        audience=Audience.INTERNAL,
    )

    assert not OutgoingEmail.objects.filter(to=focal_mx.email).exists()
    assert not OutgoingEmail.objects.filter(body__contains="Secret budget talk").exists()
