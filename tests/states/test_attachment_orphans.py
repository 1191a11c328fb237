"""An upload whose row or notification cannot be written leaves no file on disk; and
``cleanup_orphan_attachments`` finds the files no row names (deleting them only when asked) and
the rows whose file is missing."""

import io
import os
import time
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError

from states import services
from states.management.commands.cleanup_orphan_attachments import _file_fields
from states.models import Attachment
from tests import factories
from tests.states.fixtures import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage_root(tmp_path, monkeypatch):
    """Every stored-file field writes under one temporary folder (never var/private)."""
    root = tmp_path / "private"
    for _model, field in _file_fields():
        monkeypatch.setattr(field, "storage", FileSystemStorage(location=root))
    return root


def _files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_document_whose_notification_cannot_be_written_leaves_no_file(storage_root, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)

    with (
        mock.patch("states.notifications.attachment_added", side_effect=DatabaseError("outbox full")),
        pytest.raises(DatabaseError),
    ):
        services.add_attachment(request=request, by=focal_mx, upload=pdf())

    assert not Attachment.objects.exists()
    assert _files(storage_root) == []


def test_a_document_whose_row_cannot_be_written_leaves_no_file(storage_root, staff):
    request = factories.make_request("MEX", by=staff)

    with mock.patch.object(Attachment, "save", side_effect=IntegrityError("refused")), pytest.raises(IntegrityError):
        services.add_attachment(request=request, by=staff, upload=pdf())

    assert _files(storage_root) == []


def _cleanup(*args) -> str:
    out = io.StringIO()
    call_command("cleanup_orphan_attachments", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def orphaned(storage_root, staff):
    """A kept document, a document whose file is gone, an old orphan file and a fresh one."""
    request = factories.make_request("MEX", by=staff)
    kept = services.add_attachment(request=request, by=staff, upload=pdf("kept.pdf"))
    lost = services.add_attachment(request=request, by=staff, upload=pdf("lost.pdf"))
    (storage_root / lost.file.name).unlink()
    old = storage_root / "attachments" / "2020" / "01" / "left-by-a-rollback"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 orphan")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    fresh = storage_root / "attachments" / "uploading-right-now"
    fresh.write_bytes(b"%PDF-1.4 in flight")
    return kept, lost, old, fresh


def test_an_administrator_sees_orphans_and_missing_files_and_nothing_is_deleted_by_default(orphaned):
    kept, lost, old, fresh = orphaned

    output = _cleanup()

    assert f"Orphan file: {old}" in output
    assert f"Missing file: {old.parent.parent.parent.parent / lost.file.name}" in output
    assert "uploading-right-now" not in output and kept.file.name not in output
    assert "1 orphan file(s), 1 row(s) whose file is missing" in output
    assert old.exists() and fresh.exists()


def test_an_administrator_deleting_orphans_removes_only_the_old_files_no_row_names(orphaned):
    kept, _lost, old, fresh = orphaned

    output = _cleanup("--delete")

    assert "1 file(s) deleted" in output
    assert not old.exists()
    assert fresh.exists() and kept.file.storage.exists(kept.file.name)
