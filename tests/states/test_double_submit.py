"""A comment, an update or a document posted twice by a double click (the same form, the same
hidden token) is stored once and announced once; the same text posted again from a fresh form
is a new entry. Tokens are the request form's mechanism (``core.submissions``)."""

import re
import uuid

import pytest

from core.choices import Audience
from states.models import Attachment, OutgoingEmail, RequestUpdate
from tests import factories
from tests.states.fixtures import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexican_request(private_files, staff, focal_mx):
    return factories.make_request("MEX", by=staff, title="Cyber workshop")


def _token(client, request_obj, form_id: str) -> str:
    """The hidden token of a form as the page draws it."""
    page = client.get(request_obj.get_absolute_url()).content.decode()
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.S)
    return re.search(r'name="submission_token" value="([^"]+)"', form.group(0)).group(1)


def test_a_focal_point_double_clicking_send_on_a_comment_stores_it_once(focal_mx_client, mexican_request):
    token = _token(focal_mx_client, mexican_request, "update-form")
    url = f"/requests/{mexican_request.reference}/updates/"
    OutgoingEmail.objects.all().delete()

    first = focal_mx_client.post(url, {"note": "Our ministry confirms.", "submission_token": token})
    second = focal_mx_client.post(url, {"note": "Our ministry confirms.", "submission_token": token})

    assert first.status_code == second.status_code == 302
    assert RequestUpdate.objects.filter(request=mexican_request, note="Our ministry confirms.").count() == 1
    assert OutgoingEmail.objects.count() == 1  # the Secretariat hears of it once


def test_staff_double_clicking_an_update_store_it_once(staff_client, mexican_request):
    token = _token(staff_client, mexican_request, "update-form")
    url = f"/requests/{mexican_request.reference}/updates/"
    data = {"note": "Trainers confirmed.", "audience": Audience.STATE, "submission_token": token}

    staff_client.post(url, data)
    staff_client.post(url, data)

    assert RequestUpdate.objects.filter(request=mexican_request, note="Trainers confirmed.").count() == 1


def test_staff_writing_the_same_words_again_in_a_fresh_form_add_a_second_update(staff_client, mexican_request):
    url = f"/requests/{mexican_request.reference}/updates/"
    for _ in range(2):
        token = _token(staff_client, mexican_request, "update-form")
        staff_client.post(url, {"note": "Reminder sent.", "audience": Audience.INTERNAL, "submission_token": token})

    assert RequestUpdate.objects.filter(request=mexican_request, note="Reminder sent.").count() == 2


def test_a_focal_point_double_clicking_upload_stores_the_document_once(focal_mx_client, mexican_request, private_files):
    token = _token(focal_mx_client, mexican_request, "attachment-form")
    url = f"/requests/{mexican_request.reference}/documents/"

    for _ in range(2):
        response = focal_mx_client.post(url, {"file": upload("note.pdf", PDF_BYTES), "submission_token": token})
        assert response.status_code == 302

    assert Attachment.objects.filter(request=mexican_request).count() == 1
    assert len([path for path in private_files.rglob("*") if path.is_file()]) == 1


def test_someone_else_replaying_a_focal_points_token_learns_nothing_and_adds_nothing(
    focal_mx_client, staff_client, mexican_request
):
    token = str(uuid.uuid4())
    url = f"/requests/{mexican_request.reference}/updates/"
    focal_mx_client.post(url, {"note": "Ours.", "submission_token": token})

    response = staff_client.post(url, {"note": "Replayed.", "audience": Audience.STATE, "submission_token": token})

    assert response.status_code == 403
    assert not RequestUpdate.objects.filter(note="Replayed.").exists()


def _form_fields(client, request_obj, form_id: str) -> dict[str, str]:
    """The hidden fields of a form as the page draws it (its version and its token)."""
    page = client.get(request_obj.get_absolute_url()).content.decode()
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.S).group(0)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_staff_double_clicking_save_the_status_record_one_change_and_both_clicks_succeed(staff_client, mexican_request):
    data = {**_form_fields(staff_client, mexican_request, "status-form"), "new_status": "under_review", "note": ""}
    data["audience"] = Audience.STATE
    url = f"/requests/{mexican_request.reference}/status/"
    OutgoingEmail.objects.all().delete()

    first = staff_client.post(url, data)
    second = staff_client.post(url, data)

    # The second click is not told that someone else changed the request: it was this same change.
    assert first.status_code == second.status_code == 302
    assert RequestUpdate.objects.filter(request=mexican_request, new_status="under_review").count() == 1
    assert OutgoingEmail.objects.count() == 1  # Mexico hears of it once


def test_a_focal_point_double_clicking_withdraw_withdraws_once_and_both_clicks_pass(focal_mx_client, mexican_request):
    data = {**_form_fields(focal_mx_client, mexican_request, "withdraw-form"), "reason": "Covered by another donor."}
    url = f"/requests/{mexican_request.reference}/withdraw/"
    OutgoingEmail.objects.all().delete()

    first = focal_mx_client.post(url, data)
    announced = OutgoingEmail.objects.count()
    second = focal_mx_client.post(url, data)

    # Not "the request changed meanwhile" on the second click: it was this same withdrawal.
    assert first.status_code == second.status_code == 302
    assert RequestUpdate.objects.filter(request=mexican_request, new_status="withdrawn").count() == 1
    assert announced >= 1 and OutgoingEmail.objects.count() == announced  # the Secretariat hears once
