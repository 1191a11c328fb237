"""The staff import flow (upload → preview → correct → confirm), who may use it, forged
confirms, and the command line."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Mandate, Owner, Resolution, ResolutionImport
from tests.commitments.importer_helpers import SEED

pytestmark = pytest.mark.django_db
UPLOAD = reverse("commitments:import_upload")
PREVIEW = reverse("commitments:import_preview")
CONFIRM = reverse("commitments:import_confirm")


def upload_seed(client):
    seed = SimpleUploadedFile("cicte-doc-6-23-rev2.fr.txt", SEED.read_bytes(), content_type="text/plain")
    return client.post(UPLOAD, {"file": seed, "language": ""})


def confirm_data(client, page: int = 1, **changes) -> dict:
    """The preview form (one page of it) as the browser would send it back, with ``changes``
    applied."""
    response = client.get(PREVIEW, {"page": page})
    form = response.context["formset"]
    pending = response.context["pending"]
    data = {"token": pending.token, "revision": pending.revision, "page": page, "action": "confirm"}
    data |= {f"p-{key}": value for key, value in form.management_form.initial.items()}
    data |= {f"o-{key}": value for key, value in response.context["owners_formset"].management_form.initial.items()}
    for key, value in response.context["document_form"].initial.items():
        data[f"doc-{key}"] = "" if value is None else value
    for index, initial in enumerate(form.initial):
        for key, value in initial.items():
            data[f"p-{index}-{key}"] = "" if value is None else value
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["viewer_client", "focal_mx_client"])
def test_only_secretariat_staff_may_import(persona, request):
    client = request.getfixturevalue(persona)
    assert client.get(UPLOAD).status_code == 403
    assert upload_seed(client).status_code == 403
    assert client.get(PREVIEW).status_code == 403
    assert client.post(CONFIRM, {}).status_code == 403
    assert Resolution.objects.count() == 0


def test_staff_upload_the_seed_see_a_preview_correct_an_owner_and_confirm(staff_client):
    assert staff_client.get(UPLOAD).status_code == 200
    response = upload_seed(staff_client)
    assert response.status_code == 302 and response["Location"] == PREVIEW
    assert Resolution.objects.count() == 0  # nothing saved before the confirm

    preview = staff_client.get(PREVIEW)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "<mark>Secrétariat du CICTE</mark>" in html
    assert "<mark>SSM, par le biais du Secrétariat du CICTE</mark>" in html
    assert "Promotion de la cybersécurité" in html and "A new resolution will be created." in html

    cicte = Owner.objects.get(name_en="CICTE")
    response = staff_client.post(CONFIRM, confirm_data(staff_client, **{"p-0-owners": [str(cicte.pk)]}))

    record = ResolutionImport.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    first = Mandate.objects.get(section__position=1, number="1", parent=None)
    assert list(first.owners.values_list("name_en", flat=True)) == ["CICTE"]
    assert Mandate.objects.count() == 19 and record.imported_by.username == "staff"
    result = staff_client.get(record.get_absolute_url())
    assert result.status_code == 200 and "19" in result.content.decode()
    assert staff_client.get(PREVIEW).status_code == 302  # the pending import is gone


def test_pasted_text_can_be_imported_too(staff_client):
    response = staff_client.post(UPLOAD, {"text": SEED.read_text(encoding="utf-8"), "language": "fr"})
    assert response.status_code == 302
    assert staff_client.get(PREVIEW).context["document"].symbol == "CICTE/doc.6/23 rev. 2"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.txt", b""), "empty"),
        (SimpleUploadedFile("scan.doc", b"1. text"), ".docx"),
        (SimpleUploadedFile("broken.pdf", b"%PDF-1.7 nonsense"), "damaged"),
    ],
)
def test_a_bad_upload_shows_its_message_and_saves_nothing(staff_client, upload, message):
    response = staff_client.post(UPLOAD, {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Resolution.objects.count() == 0


def test_a_confirm_with_a_forged_token_is_refused_and_saves_nothing(staff_client):
    upload_seed(staff_client)
    response = staff_client.post(CONFIRM, confirm_data(staff_client, token="forged"))
    assert response.status_code == 400 and Resolution.objects.count() == 0


def test_a_confirm_with_more_paragraph_forms_than_the_preview_is_refused(staff_client):
    upload_seed(staff_client)
    data = confirm_data(staff_client)
    data["p-TOTAL_FORMS"] = str(int(data["p-TOTAL_FORMS"]) + 1)
    data |= {"p-19-kind": "action", "p-19-owners": []}
    assert staff_client.post(CONFIRM, data).status_code == 400
    assert Resolution.objects.count() == 0


def test_a_confirm_naming_an_owner_that_does_not_exist_is_refused(staff_client):
    upload_seed(staff_client)
    response = staff_client.post(CONFIRM, confirm_data(staff_client, **{"p-0-owners": ["999999"], "p-1-kind": "x"}))
    assert response.status_code == 400 and Resolution.objects.count() == 0
    assert "Select a valid choice" in response.content.decode()


def test_a_confirm_without_a_pending_import_is_refused(staff_client):
    assert staff_client.post(CONFIRM, {"token": "x"}).status_code == 400


def test_the_admin_resolution_list_links_to_the_importer(administrator_client):
    response = administrator_client.get(reverse("admin:commitments_resolution_changelist"))
    assert UPLOAD in response.content.decode()


def test_the_command_dry_run_prints_the_parse_as_json_and_writes_nothing(capsys):
    call_command("import_resolution", str(SEED), "--dry-run", "--json")

    data = json.loads(capsys.readouterr().out)
    assert data["document"]["symbol"] == "CICTE/doc.6/23 rev. 2"
    assert data["counts"]["total_items"] == 19
    third = data["sections"][0]["paragraphs"][2]
    assert (third["number"], third["owners"], third["conditions"]) == (
        "3",
        ["CICTE Secretariat"],
        ["on_request", "subject_to_resources"],
    )
    assert [child["number"] for child in data["sections"][0]["paragraphs"][3]["children"]] == ["a", "b", "c"]
    assert Resolution.objects.count() == 0 and Mandate.objects.count() == 0


def test_the_command_imports_and_a_second_run_duplicates_nothing(capsys):
    call_command("import_resolution", str(SEED))
    assert "added 19" in capsys.readouterr().out

    call_command("import_resolution", str(SEED), "--json")

    summary = json.loads(capsys.readouterr().out)
    assert (summary["mode"], summary["added"], summary["changed"], summary["removed"]) == ("updated", 0, 0, 0)
    assert Resolution.objects.count() == 1 and Mandate.objects.count() == 19


def test_the_command_reports_a_bad_file_as_an_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        call_command("import_resolution", str(bad))
