"""Text out of a .txt, .docx or .pdf upload, without calling anything outside the process.

Each reader returns ``Extracted``: the text, and whether its lines are hard-wrapped (PDF)
so that ``normalize`` knows to rejoin them. Pages are separated by form feeds (``\\f``)
so that running headers and footers can be recognised per page.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from commitments.importer import limits
from commitments.importer.errors import ResolutionImportError
from commitments.importer.sanitize import clean_extracted
from commitments.importer.text import to_roman

logger = logging.getLogger(__name__)

TEXT_EXTENSIONS = {".txt", ".text"}
EXTENSIONS = TEXT_EXTENSIONS | {".docx", ".pdf"}


@dataclass(frozen=True)
class Extracted:
    text: str
    wrapped: bool = False
    source: str = "text"


def read_upload(data: bytes, filename: str) -> Extracted:
    """Dispatch on the extension, then check the content really is of that type."""
    extension = Path(filename or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ResolutionImportError(
            _("“%(name)s” is not a file the importer reads: upload a .txt, .docx or .pdf file.")
            % {"name": filename or "?"},
            code="unsupported_type",
        )
    if len(data) > limits.max_upload_bytes():
        raise ResolutionImportError(
            _("The file is larger than %(mb)d MB.") % {"mb": limits.max_upload_bytes() // (1024 * 1024)},
            code="too_large",
        )
    if not data.strip():
        raise ResolutionImportError(_("The file is empty."), code="empty")
    if extension == ".pdf":
        return clean_extracted(read_pdf(data))
    if extension == ".docx":
        return clean_extracted(read_docx(data))
    return clean_extracted(Extracted(decode_text(data)))


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; refuse binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ResolutionImportError(
            _("This file is a PDF or Word document saved with a .txt name: upload it with its real extension."),
            code="binary",
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    check_not_binary(text)
    return text


def check_not_binary(text: str) -> None:
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if "\x00" in sample or controls > max(8, len(sample) // 50):
        raise ResolutionImportError(
            _("This file holds binary data, not text. Upload the resolution as .txt, .docx or .pdf."),
            code="binary",
        )


def read_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ResolutionImportError(_("This file is not a PDF, or it is damaged."), code="corrupt")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ResolutionImportError(
                _("This PDF is protected by a password: save an unprotected copy and upload that."), code="encrypted"
            )
        if len(reader.pages) > limits.MAX_PDF_PAGES:
            raise ResolutionImportError(
                _("This PDF has more than %(n)d pages.") % {"n": limits.MAX_PDF_PAGES}, code="too_many_pages"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ResolutionImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        logger.info("unreadable PDF: %r", error)
        raise ResolutionImportError(_("This PDF is damaged and cannot be read."), code="corrupt") from error
    except Exception as error:  # noqa: BLE001 - pypdf raises many internal types on broken files
        logger.warning("PDF reader failed: %r", error)
        raise ResolutionImportError(_("This PDF is damaged and cannot be read."), code="corrupt") from error
    text = "\f".join(pages)
    if sum(c.isalpha() for c in text) < 40:
        raise ResolutionImportError(
            _("This PDF has no text layer (it is probably a scan). Run it through OCR, or paste the text instead."),
            code="no_text",
        )
    return Extracted(text, wrapped=True, source="pdf")


def read_docx(data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > limits.MAX_DOCX_UNPACKED_BYTES:
                raise ResolutionImportError(_("This Word file unpacks to far too much data."), code="too_large")
            if "word/document.xml" not in archive.namelist():
                raise ResolutionImportError(_("This file is not a Word (.docx) document."), code="corrupt")
        document = docx.Document(io.BytesIO(data))
        return Extracted(_docx_text(document), source="docx")
    except ResolutionImportError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise ResolutionImportError(
            _("This Word file is damaged or is not a .docx document (an old .doc must be saved as .docx)."),
            code="corrupt",
        ) from error
    except Exception as error:  # noqa: BLE001 - lxml and python-docx raise many types on broken XML
        logger.warning("docx reader failed: %r", error)
        raise ResolutionImportError(_("This Word file is damaged and cannot be read."), code="corrupt") from error


def _docx_text(document) -> str:
    """Body paragraphs and tables in document order, with Word's automatic numbering written
    out ("1.", "a.", "ii."), since python-docx gives a paragraph's text without its number."""
    from docx.oxml.ns import qn

    numbering = _DocxNumbering(document)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            lines.append(numbering.label(element) + _element_text(element))
        elif element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                cells = ["\n".join(_element_text(p) for p in cell.iter(qn("w:p"))) for cell in row.iter(qn("w:tc"))]
                # Header blocks are laid out as two-column tables: keep the columns on one line.
                lines.append("\t".join(cell.strip() for cell in cells))
    # A blank line between Word paragraphs: each is a paragraph whatever its length, so that a
    # short resolution is never taken for hard-wrapped PDF lines and run together.
    return "\n\n".join(lines)


def _element_text(paragraph) -> str:
    from docx.oxml.ns import qn

    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:noBreakHyphen"):
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


class _DocxNumbering:
    """Just enough of Word's list numbering: decimal, letter and roman formats per level."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract = {}
            for node in root.iter(qn("w:abstractNum")):
                levels = {}
                for level in node.iter(qn("w:lvl")):
                    levels[int(level.get(qn("w:ilvl"), "0"))] = (
                        self._val(level, "w:numFmt", "decimal"),
                        self._val(level, "w:lvlText", "%1."),
                        int(self._val(level, "w:start", "1") or 1),
                    )
                abstract[node.get(qn("w:abstractNumId"))] = levels
            for num in root.iter(qn("w:num")):
                levels = abstract.get(self._val(num, "w:abstractNumId", ""), {})
                for ilvl, spec in levels.items():
                    self.formats[(num.get(qn("w:numId")), ilvl)] = spec
        for style in document.styles.element.iter(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                self.style_numbering[style.get(qn("w:styleId"))] = (
                    self._val(num_pr, "w:numId", ""),
                    int(self._val(num_pr, "w:ilvl", "0") or 0),
                )

    def _val(self, node, tag: str, default: str) -> str:
        child = node.find(self.qn(tag))
        return child.get(self.qn("w:val"), default) if child is not None else default

    def label(self, paragraph) -> str:
        qn = self.qn
        ppr = paragraph.find(qn("w:pPr"))
        num_id, ilvl = "", 0
        if ppr is not None:
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id, ilvl = self._val(num_pr, "w:numId", ""), int(self._val(num_pr, "w:ilvl", "0") or 0)
            elif ppr.find(qn("w:pStyle")) is not None:
                num_id, ilvl = self.style_numbering.get(self._val(ppr, "w:pStyle", ""), ("", 0))
        spec = self.formats.get((num_id, ilvl))
        if not num_id or num_id == "0" or spec is None or spec[0] in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, spec[2] - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        label = spec[1]
        for level in range(ilvl + 1):
            fmt = self.formats.get((num_id, level), ("decimal", "", 1))[0]
            label = label.replace(f"%{level + 1}", _format_number(counters.get(level, 1), fmt))
        return f"{label} " if label else ""


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "bullet":
        return ""
    return str(value)
