"""What an uploaded document may be: its size, and its type judged by its content.

A browser's declared content type and the file's extension are both chosen by the uploader,
so neither is trusted alone: the first bytes (and, for Office files, the zip's table of
contents) must say the same thing as the extension. Whatever is accepted is served later as a
download with ``nosniff``, never rendered inline.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseGone
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"
CSV = "text/csv"

# Extension → the type its content must show.
ALLOWED_EXTENSIONS: dict[str, str] = {
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".txt": TEXT,
    ".csv": CSV,
}

# The part an Office Open XML package must hold to be a document (resp. a workbook).
_OFFICE_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
# Text may hold tabs, line breaks and form feeds, but no other control character: a NUL or
# an escape byte in a ".txt" is a binary in disguise.
_TEXT_CONTROLS_ALLOWED = {"\t", "\n", "\r", "\f"}
_TEXT_SNIFF_BYTES = 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str


def max_megabytes() -> str:
    return f"{settings.ATTACHMENT_MAX_BYTES / (1024 * 1024):g}"


def clean_file_name(name: str) -> str:
    """The last path component, without control characters, at most 255 characters."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > 255:
        stem, suffix = PurePath(name).stem, PurePath(name).suffix[:20]
        name = stem[: 255 - len(suffix)] + suffix
    return name or "document"


def _read_all(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    return data


def _content_is(expected: str, data: bytes, upload: UploadedFile) -> bool:
    if expected == PDF:
        return data.startswith(b"%PDF-")
    if expected == PNG:
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if expected == JPEG:
        return data.startswith(b"\xff\xd8\xff")
    if expected in (DOCX, XLSX):
        return _is_office_package(expected, upload)
    return _is_utf8_text(data)


def _is_office_package(expected: str, upload: UploadedFile) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    # Macro-enabled documents carry a VBA project; they are refused whatever their extension.
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return False
    return "[Content_Types].xml" in names and _OFFICE_MAIN_PART[expected] in names


def _is_utf8_text(data: bytes) -> bool:
    sample = data[:_TEXT_SNIFF_BYTES]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sample's end is fine; anything else is not UTF-8.
        if len(data) <= _TEXT_SNIFF_BYTES or error.start < len(sample) - 3:
            return False
        text = sample[: error.start].decode("utf-8")
    return not any(unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS_ALLOWED for ch in text)


def _too_large(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("This file is %(size)s; the limit is %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="too_large",
    )


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Accept ``upload`` or raise ``ValidationError`` saying why not."""
    max_bytes = settings.ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise _too_large(upload.size, max_bytes)
    name = clean_file_name(upload.name or "")
    extension = PurePath(name).suffix.lower()
    expected = ALLOWED_EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(sorted(ALLOWED_EXTENSIONS))},
            code="type_not_allowed",
        )
    data = _read_all(upload)
    if len(data) > max_bytes:  # the declared size can lie
        raise _too_large(len(data), max_bytes)
    if not data:
        raise ValidationError(_("This file is empty."), code="empty")
    if not _content_is(expected, data, upload):
        raise ValidationError(
            _("The content of “%(name)s” is not a %(extension)s file.") % {"name": name, "extension": extension},
            code="content_mismatch",
        )
    return CheckedUpload(name=name, content_type=expected, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def store_file(file: FieldFile, upload: UploadedFile) -> None:
    """Write ``upload`` under the name ``file`` (a row already saved) holds. Should the storage
    pick another name (it never reuses one), the write is refused so that no row points at a
    file that is not there."""
    stored = file.storage.save(file.name, upload, max_length=file.field.max_length)
    if stored != file.name:
        file.storage.delete(stored)
        raise OSError(f"Storage refused the name {file.name!r}")


def download_response(file: FieldFile, name: str, content_type: str) -> HttpResponse:
    """A stored document as a download, for whoever the caller's ``visible_to`` let through.

    A database restored without its private storage (README, "Backup and restore") holds rows
    whose files are gone: that document answers 410 Gone, saying so, and the missing path is
    logged for the administrators; every other page and document keeps working."""
    try:
        handle = file.open("rb")
    except OSError:
        logger.error("Document file missing from private storage: %s (%s)", file.name, name)
        return HttpResponseGone(
            format_html(
                '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
                "<body><h1>{}</h1><p>{}</p></body></html>",
                get_language(),
                _("Document unavailable"),
                _("Document unavailable"),
                _("The file of “%(name)s” is missing from the tracker's storage. The administrators have been told.")
                % {"name": name},
            ),
            headers={"Cache-Control": "private, no-store", "Content-Security-Policy": "default-src 'none'"},
        )
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    # Never rendered by the browser, never guessed into HTML, never kept in a shared cache.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
