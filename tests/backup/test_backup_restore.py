"""The README's "Backup and restore", done for real: pg_dump of the database and a copy of the
private storage, restored into a fresh database and a fresh folder, give the same exports,
reports and documents, byte for byte (the generation time inside XLSX and PDF files aside)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import uuid
import zipfile

import pytest
from django.db import connection
from django.test import Client

from commitments.models import Mandate
from core.choices import Audience
from states import services
from states.models import Attachment
from tests import factories
from tests.states.fixtures import PDF_BYTES, office_bytes, upload, use_private_storage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOWNLOADS = [
    "/mandates/export/csv/",
    "/mandates/export/json/",
    "/mandates/export/xlsx/",
    "/requests/export/csv/",
    "/requests/export/json/",
    "/activities/export/json/",
    "/activities/export/xlsx/",
]


def _pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(PGHOST=db["HOST"] or "127.0.0.1", PGPORT=str(db["PORT"] or 5432), PGUSER=db["USER"] or "postgres")
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(*command: str) -> None:
    subprocess.run(command, check=True, env=_pg_env(), capture_output=True, timeout=120)


def _timeless(content: bytes) -> bytes:
    """XLSX and PDF record when they were generated; everything else must match exactly."""
    if content.startswith(b"PK"):
        parts = zipfile.ZipFile(io.BytesIO(content))
        return b"".join(
            name.encode() + parts.read(name) for name in sorted(parts.namelist()) if name != "docProps/core.xml"
        )
    if content.startswith(b"%PDF"):
        # The creation time, and the file identifier fpdf2 derives from it.
        return re.sub(rb"/CreationDate \(D:[^)]*\)|/ID \[<[0-9A-Fa-f]*> ?<[0-9A-Fa-f]*>\]", b"", content)
    return content


def _everything(client: Client, resolution_pk: int) -> dict[str, bytes]:
    seen = {}
    for url in DOWNLOADS:
        seen[url] = _timeless(client.get(url).getvalue())
    for fmt in ("xlsx", "pdf"):
        response = client.get(f"/reports/download.{fmt}", {"resolution": resolution_pk, "language": "en"})
        assert response.status_code == 200, response.content[:300]
        seen[f"report.{fmt}"] = _timeless(response.content)
    for attachment in Attachment.objects.order_by("pk"):
        response = client.get(f"/attachments/{attachment.pk}/")
        assert response.status_code == 200
        seen[f"attachment {attachment.original_name}"] = b"".join(response.streaming_content)
    return seen


def test_a_database_and_storage_restored_from_backup_give_byte_identical_exports_reports_and_documents(
    tmp_path, monkeypatch
):
    storage = tmp_path / "private"
    use_private_storage(monkeypatch, storage)
    staff = factories.make_staff("backup-staff")
    focal = factories.make_focal_point("MEX", "backup-focal")
    resolution = factories.make_resolution("CICTE/doc.7/24")
    mandate = factories.make_mandate(factories.make_section(resolution), text="To hold a regional exercise.")
    factories.make_mandate(factories.make_section(resolution), text="Acción — señales", status=Mandate.Status.ONGOING)
    request = factories.make_request("MEX", by=focal, mandates=[mandate], title="Revisión de la ley")
    services.add_request_update(request=request, by=staff, note="Internal note", audience=Audience.INTERNAL)
    services.add_attachment(request=request, by=focal, upload=upload("nota.pdf", PDF_BYTES))
    services.add_attachment(request=request, by=staff, upload=upload("law.docx", office_bytes("word/document.xml")))
    factories.make_activity(request, participants_women=12, participants_men=9)
    client = Client()
    client.force_login(staff)
    before = _everything(client, resolution.pk)

    dump = tmp_path / "cicte.dump"
    original = connection.settings_dict["NAME"]
    restored = f"{original}_restored_{uuid.uuid4().hex[:8]}"
    _run("pg_dump", "--format=custom", f"--file={dump}", original)
    _run("createdb", restored)
    try:
        _run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump))
        restored_storage = tmp_path / "restored-private"
        shutil.copytree(storage, restored_storage)
        use_private_storage(monkeypatch, restored_storage)
        connection.close()
        connection.settings_dict["NAME"] = restored
        after = _everything(client, resolution.pk)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        _run("dropdb", "--if-exists", restored)

    assert after.keys() == before.keys()
    assert [key for key in before if after[key] != before[key]] == []
    assert before["attachment nota.pdf"] == PDF_BYTES
