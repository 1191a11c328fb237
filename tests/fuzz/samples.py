"""Well-formed .txt, .docx and .pdf files of a resolution, made in memory, that the mutators
in ``tests.fuzz.mutations`` start from (shared by the suite's seeded fuzzing and
``tests/fuzz/fuzz_importer.py``)."""

from __future__ import annotations

import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "commitments" / "data" / "cicte-doc-6-23-rev2.fr.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def docx_of(text: str, *, numbered: bool = False) -> bytes:
    """A .docx with one Word paragraph per line of ``text``; with ``numbered``, the lines
    that open with "1." get Word's automatic numbering instead of a typed number."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if numbered and line[:1].isdigit() and ". " in line[:5]:
            document.add_paragraph(line.split(". ", 1)[1], style="List Number")
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_of(text: str, *, compress: bool = False) -> bytes:
    """A PDF whose text layer is ``text`` (DejaVu, so that accents survive); uncompressed by
    default, so that byte mutations land in the text operators."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.add_font("DejaVu", fname=str(ROOT / "reporting" / "fonts" / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, 5, line.replace("\t", "    ") or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_with_lone_surrogates(text: str) -> bytes:
    """A PDF whose font maps a character to the glyph name ``uniD800``: pypdf decodes it to a
    lone surrogate, as in the issue 9 fuzzing."""
    lines = [b"BT /F1 9 Tf 30 810 Td 11 TL"]
    for line in text.split("\n")[:70]:
        clean = line.replace("\\", "").replace("(", "[").replace(")", "]").replace("\t", " ")
        for start in range(0, max(len(clean), 1), 110):
            chunk = clean[start : start + 110].encode("cp1252", "replace")
            lines.append(b"(" + chunk + b") '")
        lines.append(b"(#) '")  # the glyph that decodes to a lone surrogate
    lines.append(b"ET")
    stream = b"\n".join(lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [35 /uniD800] >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
