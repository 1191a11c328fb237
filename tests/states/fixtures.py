"""Helpers for the request tests: private attachment storage in a temporary folder, sample
documents of every accepted type, and a request of Mexico with something of each kind on it.

Import the fixtures you use into a test module (``from tests.states.fixtures import ...``)."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField

from core.choices import Audience
from states import services
from states.models import Activity, AssistanceRequest, Attachment, RequestUpdate
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20


def office_bytes(main_part: str, *extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<document/>")
        for name in extra:
            package.writestr(name, "x")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "note-verbale.pdf") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES, "application/pdf")


@functools.cache
def _private_file_fields() -> tuple[FileField, ...]:
    """Every file field kept in the "private" storage (attachments, national reports, report
    files), found once, before any test has replaced their storage."""
    private = storages["private"]
    return tuple(
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and field.storage is private
    )


def use_private_storage(monkeypatch, location) -> None:
    """Write private documents under ``location`` for the rest of the test: every private file
    field and the "private" alias itself (code that opens it by name)."""
    storage = FileSystemStorage(location=location)
    for field in _private_file_fields():
        monkeypatch.setattr(field, "storage", storage)
    # StorageHandler keeps the instances it made in ``_storages``; the real one comes back after.
    monkeypatch.setitem(storages._storages, "private", storage)


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    """Attachments written under a temporary folder instead of var/private."""
    location = tmp_path / "private"
    use_private_storage(monkeypatch, location)
    return location


@dataclass
class MexicanRequest:
    """A Mexican request with, for each audience, an update and a document, and an activity."""

    request: AssistanceRequest
    state_update: RequestUpdate
    internal_update: RequestUpdate
    state_document: Attachment
    internal_document: Attachment
    activity: Activity


def build_mexican_request(*, staff, focal_mx) -> MexicanRequest:
    request = factories.make_request("MEX", by=focal_mx, title="Cyber incident response training")
    state_update = services.add_request_update(
        request=request, by=staff, note="We will send two trainers.", audience=Audience.STATE
    )
    internal_update = services.add_request_update(
        request=request, by=staff, note="INTERNAL: the budget line is not confirmed.", audience=Audience.INTERNAL
    )
    state_document = services.add_attachment(request=request, by=focal_mx, upload=pdf("agenda.pdf"))
    internal_document = services.add_attachment(
        request=request,
        by=staff,
        upload=upload("budget-memo.txt", b"INTERNAL budget memo\n"),
        audience=Audience.INTERNAL,
    )
    activity = services.log_activity(
        request=request,
        by=staff,
        values={
            "activity_type": Activity.Type.TRAINING,
            "title": "Incident response course",
            "start_date": request.received_on,
            "end_date": request.received_on,
            "participants_women": 5,
            "participants_men": 7,
        },
    )
    return MexicanRequest(request, state_update, internal_update, state_document, internal_document, activity)


@pytest.fixture
def mexican_request(private_files, staff, focal_mx) -> MexicanRequest:
    return build_mexican_request(staff=staff, focal_mx=focal_mx)
