"""Bounds that keep one import from exhausting the server; each has its own clear error."""

from django.conf import settings


def max_upload_bytes() -> int:
    return settings.RESOLUTION_UPLOAD_MAX_BYTES


# A real resolution has tens of paragraphs; the largest GA omnibus texts a few hundred.
MAX_PARAGRAPHS = 2000
# About 1,000 characters a paragraph at the paragraph limit.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 400
# A .docx is a zip: refuse archives that would unpack to more than this (zip bombs).
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024
