"""A pending import waits in its own table, not in the session; it expires; it belongs to the
user who uploaded it; a large preview is cut into pages of reasonable size (issue 9)."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from commitments.models import Mandate, PendingImport, Resolution
from tests import factories
from tests.benchmarks.bench_preview import generated
from tests.commitments.test_importer_web import CONFIRM, PREVIEW, UPLOAD, confirm_data, upload_seed

pytestmark = pytest.mark.django_db


def session_bytes() -> int:
    return max(len(row.session_data) for row in Session.objects.all())


def test_the_session_holds_only_the_token_of_the_pending_import(staff_client):
    staff_client.post(UPLOAD, {"text": generated(600), "language": "fr"})

    pending = PendingImport.objects.get()
    assert staff_client.session["commitments.pending_import"] == pending.token
    assert session_bytes() < 2000
    assert pending.payload["document"]["counts"]["total_items"] == 600


def test_a_new_upload_replaces_the_users_pending_import_and_sweeps_expired_ones(staff_client, viewer):
    old = PendingImport.objects.create(token="old", user=viewer, payload={})
    PendingImport.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=2))
    upload_seed(staff_client)
    first = PendingImport.objects.get()

    upload_seed(staff_client)

    assert list(PendingImport.objects.values_list("user__username", flat=True)) == ["staff"]
    assert PendingImport.objects.get().token != first.token


def test_a_confirmed_import_leaves_no_pending_row(staff_client):
    upload_seed(staff_client)
    staff_client.post(CONFIRM, confirm_data(staff_client))
    assert PendingImport.objects.count() == 0 and Mandate.objects.count() == 19


def test_an_expired_pending_import_is_not_previewed_nor_confirmed(staff_client):
    upload_seed(staff_client)
    data = confirm_data(staff_client)
    PendingImport.objects.update(updated_at=timezone.now() - datetime.timedelta(days=2))
    PendingImport.objects.expired().delete()

    assert staff_client.get(PREVIEW).status_code == 302
    assert staff_client.post(CONFIRM, data).status_code == 400 and Resolution.objects.count() == 0


def test_another_staff_member_cannot_confirm_someone_elses_pending_import(staff_client, client):
    upload_seed(staff_client)
    data = confirm_data(staff_client)
    other = factories.make_staff("other-staff")
    client.force_login(other)
    session = client.session
    session["commitments.pending_import"] = data["token"]  # even knowing the token
    session.save()

    assert client.post(CONFIRM, data).status_code == 400
    assert client.get(PREVIEW).status_code == 302 and Resolution.objects.count() == 0


def test_a_session_from_before_pending_imports_is_treated_as_nothing_pending(staff_client):
    session = staff_client.session
    session["commitments.pending_import"] = {"token": "x", "document": {}}
    session.save()
    assert staff_client.get(PREVIEW).status_code == 302
    assert staff_client.post(CONFIRM, {"token": "x"}).status_code == 400


def test_a_2000_paragraph_preview_is_cut_into_pages_of_reasonable_size(staff_client):
    staff_client.post(UPLOAD, {"text": generated(1989), "language": "fr"})

    first = staff_client.get(PREVIEW)
    last = staff_client.get(PREVIEW, {"page": 99})  # out of range: the last page

    assert first.status_code == 200 and len(first.context["pages"]) >= 10
    assert len(first.content) < 600_000 and len(last.content) < 600_000
    assert first.context["formset"].total_form_count() <= 200
    assert last.context["page_number"] == len(first.context["pages"])
    assert first.context["counts"]["total_items"] == 1989


def test_confirming_from_the_last_page_keeps_the_first_pages_corrections(staff_client):
    staff_client.post(UPLOAD, {"text": generated(400), "language": "fr"})
    response = staff_client.post(
        CONFIRM, confirm_data(staff_client, page=1, action="page-3", **{"p-0-deadline_text": "vite"})
    )
    assert response["Location"].endswith("?page=3")

    response = staff_client.post(CONFIRM, confirm_data(staff_client, page=3))

    assert response.status_code == 302
    assert Mandate.objects.count() == 400
    assert Mandate.objects.get(section__position=1, number="1", parent=None).deadline_text == "vite"


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1" * 30, "2"])
def test_any_page_parameter_gives_a_page(staff_client, page):
    upload_seed(staff_client)
    assert staff_client.get(PREVIEW, {"page": page, "open": page}).status_code == 200
