"""With ``PRIVATE_STORAGE=s3`` the documents live in an S3-compatible bucket (here moto's server
on 127.0.0.1), written privately and still served only through the checking view; the orphan
cleanup reads the bucket. Nothing else changes for the focal point or the Secretariat."""

import io
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import StorageHandler
from django.core.management import call_command

from states.management.commands.cleanup_orphan_attachments import _file_fields
from states.models import AssistanceRequest, Attachment
from tests.states.fixtures import PDF_BYTES, pdf

ROOT = Path(__file__).resolve().parents[2]


def private_storage_settings(monkeypatch, **env) -> dict:
    """``STORAGES["private"]`` as cicte/settings.py reads it from an environment holding ``env``
    (the module run afresh, as a starting server runs it; ``ImproperlyConfigured`` if refused)."""
    with monkeypatch.context() as patched:
        for name, value in {"DEBUG": "true", **env}.items():
            patched.setenv(name, value)
        return runpy.run_path(str(ROOT / "cicte" / "settings.py"))["STORAGES"]["private"]


@pytest.fixture
def bucket_storage(bucket, monkeypatch):
    """Every document field writes to ``bucket`` through the storage the settings build from
    the environment a deployment gives (``PRIVATE_STORAGE=s3`` …)."""
    config = private_storage_settings(monkeypatch, **bucket.environment())
    storage = StorageHandler({"private": config})["private"]
    for _model, field in _file_fields():
        monkeypatch.setattr(field, "storage", storage)
    return bucket


def test_the_private_storage_is_a_folder_by_default_and_a_bucket_needs_its_name(monkeypatch, tmp_path):
    config = private_storage_settings(monkeypatch, PRIVATE_STORAGE="", PRIVATE_STORAGE_ROOT=str(tmp_path))
    assert config["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["OPTIONS"]["location"] == tmp_path

    with pytest.raises(ImproperlyConfigured, match="set AWS_STORAGE_BUCKET_NAME"):
        private_storage_settings(monkeypatch, PRIVATE_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="")
    with pytest.raises(ImproperlyConfigured, match="PRIVATE_STORAGE must be filesystem or s3"):
        private_storage_settings(monkeypatch, PRIVATE_STORAGE="nfs")


def test_a_focal_points_document_lands_privately_in_the_bucket_and_downloads_through_the_view(
    bucket_storage, focal_mx_client, focal_cl_client, staff_client
):
    response = focal_mx_client.post(
        "/requests/new/",
        {
            "title": "Training on cyber incident response",
            "request_type": AssistanceRequest.Type.CAPACITY_BUILDING,
            "description": "Our CSIRT asks for a one-week course.",
            "documents": [pdf("note-verbale.pdf")],
        },
    )

    assert response.status_code == 302
    document = Attachment.objects.get()
    assert bucket_storage.keys() == [document.file.name]
    assert bucket_storage.read(document.file.name) == PDF_BYTES
    grants = bucket_storage.client.get_object_acl(Bucket=bucket_storage.name, Key=document.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's only: private
    for client in (focal_mx_client, staff_client):
        download = client.get(f"/attachments/{document.pk}/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF_BYTES
        assert download["Content-Disposition"].startswith('attachment; filename="note-verbale.pdf"')
    assert focal_cl_client.get(f"/attachments/{document.pk}/").status_code == 404


def test_a_document_gone_from_the_bucket_answers_410_and_the_cleanup_lists_the_buckets_orphans(
    bucket_storage, focal_mx_client, staff
):
    focal_mx_client.post(
        "/requests/new/",
        {
            "title": "Kept",
            "request_type": AssistanceRequest.Type.CAPACITY_BUILDING,
            "description": "Kept.",
            "documents": [pdf("kept.pdf"), pdf("lost.pdf")],
        },
    )
    kept, lost = Attachment.objects.order_by("original_name")
    bucket_storage.client.delete_object(Bucket=bucket_storage.name, Key=lost.file.name)
    orphan = "attachments/2020/01/left-by-a-rollback"
    bucket_storage.client.put_object(Bucket=bucket_storage.name, Key=orphan, Body=b"%PDF-1.4 orphan")

    assert focal_mx_client.get(f"/attachments/{lost.pk}/").status_code == 410
    out = io.StringIO()
    call_command("cleanup_orphan_attachments", "--min-age", "0", stdout=out)
    listed = out.getvalue()
    assert f"Orphan file: s3://{bucket_storage.name}/{orphan}" in listed
    assert f"Missing file: s3://{bucket_storage.name}/{lost.file.name}" in listed
    assert "1 orphan file(s), 1 row(s) whose file is missing" in listed

    call_command("cleanup_orphan_attachments", "--min-age", "0", "--delete", stdout=io.StringIO())
    assert bucket_storage.keys() == [kept.file.name]
