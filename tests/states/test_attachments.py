"""Documents: accepted by content, refused when forged or too large, stored privately and only
ever downloaded through the visibility check."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings

from states import attachments, services
from states.models import Attachment
from tests import factories
from tests.states.fixtures import JPEG_BYTES, PDF_BYTES, PNG_BYTES, office_bytes, upload

pytestmark = pytest.mark.django_db

DOCX_MAIN = "word/document.xml"
XLSX_MAIN = "xl/workbook.xml"

ACCEPTED = [
    ("note.pdf", PDF_BYTES, attachments.PDF),
    ("map.png", PNG_BYTES, attachments.PNG),
    ("photo.JPG", JPEG_BYTES, attachments.JPEG),
    ("photo.jpeg", JPEG_BYTES, attachments.JPEG),
    ("draft-law.docx", office_bytes(DOCX_MAIN), attachments.DOCX),
    ("participants.xlsx", office_bytes(XLSX_MAIN), attachments.XLSX),
    ("minutes.txt", "Acta de la reunión — señales\n".encode(), attachments.TEXT),
    ("participants.csv", b"name,institution\nAna,Police\n", attachments.CSV),
]

FORGED = [
    ("a Windows program named .pdf", "report.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
    ("an HTML page named .png", "image.png", b"<html><script>alert(1)</script></html>"),
    ("a PDF named .docx", "law.docx", PDF_BYTES),
    ("a plain zip named .docx", "law.docx", b"PK\x03\x04" + b"\x00" * 30),
    ("a workbook named .docx", "law.docx", office_bytes(XLSX_MAIN)),
    ("a macro-enabled document named .docx", "law.docx", office_bytes(DOCX_MAIN, "word/vbaProject.bin")),
    ("a binary named .txt", "notes.txt", b"ELF\x7f\x00\x01\x02binary"),
    ("Latin-1 text named .csv", "list.csv", "año,país\n".encode("latin-1")),
    ("a JPEG named .pdf", "scan.pdf", JPEG_BYTES),
]

REFUSED_TYPES = ["page.html", "script.js", "image.svg", "program.exe", "archive.zip", "macro.docm", "noextension"]


@pytest.mark.parametrize(("name", "content", "content_type"), ACCEPTED)
def test_accepted_documents_are_stored_with_the_type_their_content_shows(
    private_files, staff, name, content, content_type
):
    request = factories.make_request("MEX")

    attachment = services.add_attachment(request=request, by=staff, upload=upload(name, content, "text/html"))

    assert attachment.content_type == content_type  # not what the browser claimed
    assert attachment.size == len(content)
    assert attachment.file.read() == content


@pytest.mark.parametrize(("what", "name", "content"), FORGED, ids=[case[0] for case in FORGED])
def test_a_forged_upload_is_refused(private_files, staff, what, name, content):
    request = factories.make_request("MEX")

    with pytest.raises(ValidationError) as refused:
        services.add_attachment(request=request, by=staff, upload=upload(name, content))

    assert refused.value.code == "content_mismatch"
    assert not Attachment.objects.exists()
    assert not [path for path in private_files.rglob("*") if path.is_file()]


@pytest.mark.parametrize("name", REFUSED_TYPES)
def test_types_outside_the_list_are_refused_whatever_their_content(private_files, staff, name):
    request = factories.make_request("MEX")

    with pytest.raises(ValidationError) as refused:
        services.add_attachment(request=request, by=staff, upload=upload(name, b"hello\n"))

    assert refused.value.code == "type_not_allowed"


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_a_document_over_the_size_limit_is_refused_with_the_limit_in_the_message(private_files, staff):
    request = factories.make_request("MEX")

    with pytest.raises(ValidationError) as refused:
        services.add_attachment(request=request, by=staff, upload=upload("big.pdf", PDF_BYTES + b"0" * 1024))

    assert refused.value.code == "too_large"
    assert "1.0\xa0KB" in refused.value.message


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_the_upload_form_shows_why_a_document_was_refused(private_files, focal_mx, focal_mx_client):
    request = factories.make_request("MEX", by=focal_mx)

    response = focal_mx_client.post(
        f"/requests/{request.reference}/documents/", {"file": upload("big.pdf", PDF_BYTES + b"0" * 2048)}
    )

    assert response.status_code == 400
    assert "the limit is 1.0" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_empty_document_is_refused(private_files, staff):
    request = factories.make_request("MEX")

    with pytest.raises(ValidationError):
        services.add_attachment(request=request, by=staff, upload=upload("empty.txt", b""))


def test_a_path_in_the_uploaded_name_is_dropped(private_files, staff):
    request = factories.make_request("MEX")

    attachment = services.add_attachment(request=request, by=staff, upload=upload("../../etc/passwd.txt", b"x\n"))

    assert attachment.original_name == "passwd.txt"


def test_documents_are_stored_outside_every_web_root_under_a_random_name(private_files, staff):
    request = factories.make_request("MEX")

    attachment = services.add_attachment(request=request, by=staff, upload=upload("mexico-request.pdf", PDF_BYTES))

    stored = private_files / attachment.file.name
    assert stored.is_file()
    assert "mexico" not in attachment.file.name and "MEX" not in attachment.file.name
    assert not str(settings.PRIVATE_STORAGE_ROOT).startswith(str(settings.STATIC_ROOT))
    for folder in settings.STATICFILES_DIRS:
        assert not str(settings.PRIVATE_STORAGE_ROOT).startswith(str(folder))


def test_a_download_is_an_attachment_with_nosniff_and_the_checked_type(mexican_request, focal_mx_client):
    response = focal_mx_client.get(mexican_request.state_document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="agenda.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_download_link_grants_nothing_to_another_state_or_to_anonymous(mexican_request, focal_cl_client, client):
    url = mexican_request.state_document.get_absolute_url()

    assert focal_cl_client.get(url).status_code == 404
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(settings.LOGIN_URL) or "/accounts/login/" in anonymous.url


def test_a_viewer_cannot_upload(private_files, viewer_client):
    request = factories.make_request("MEX")

    response = viewer_client.post(f"/requests/{request.reference}/documents/", {"file": upload("a.pdf", PDF_BYTES)})

    assert response.status_code == 403
    assert not Attachment.objects.exists()
