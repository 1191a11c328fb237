"""The resolution importer: text, .docx or PDF in; sections, mandates, owners, deadlines and
conditions out, through a preview staff can correct.

``read_upload`` → ``parse_text`` (pure) → ``prefill_from_existing`` → ``save_parsed`` (the one
write, in a transaction). ``import_resolution_file`` chains them for the command line and the
demo data.
"""

from __future__ import annotations

from pathlib import Path

from commitments.importer.errors import ResolutionImportError
from commitments.importer.owners import AliasTable
from commitments.importer.parse import ParsedDocument, parse_text
from commitments.importer.readers import read_upload
from commitments.importer.save import ImportReport, plan_import, prefill_from_existing, save_parsed

__all__ = [
    "ImportReport",
    "ParsedDocument",
    "ResolutionImportError",
    "import_resolution_file",
    "parse_file",
    "parse_upload",
    "plan_import",
    "save_parsed",
]


def parse_upload(data: bytes, filename: str, *, language: str | None = None) -> ParsedDocument:
    """Read and parse an uploaded file with the owner aliases held in the database."""
    extracted = read_upload(data, filename)
    return parse_text(
        extracted.text, aliases=AliasTable.from_db(), language=language, wrapped=extracted.wrapped or None
    )


def parse_file(path: str | Path, *, language: str | None = None) -> ParsedDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ResolutionImportError(f"{path}: {error.strerror}", code="unreadable") from error
    return parse_upload(data, path.name, language=language)


def import_resolution_file(path: str | Path, *, by, language: str | None = None) -> ImportReport:
    """Parse and save a file in one go (no preview): staff corrections already on the mandates
    of an earlier import of the same text are kept."""
    document = prefill_from_existing(parse_file(path, language=language))
    return save_parsed(document, by=by, source_name=Path(path).name)
