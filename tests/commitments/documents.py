"""Build .docx and PDF files in tests, from the sample texts, the way word processors lay
them out: header blocks in a table, Word's automatic numbering, running headers and page
numbers, a footnote, words hyphenated across lines."""

from __future__ import annotations

import io
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def build_docx(text: str, *, auto_number_section: int = 1) -> bytes:
    """Header lines with a tab become a two-column table; the numbered paragraphs of section
    ``auto_number_section`` use Word's "List Number" style (their numbers are not in the text)."""
    import docx

    document = docx.Document()
    blocks = [line for line in text.split("\n") if line.strip()]
    section = 0
    for line in blocks:
        stripped = line.strip()
        if "\t" in line and "." not in stripped[:3]:
            left, _tab, right = line.partition("\t")
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text, table.cell(0, 1).text = left.strip(), right.strip()
            continue
        number, dot, rest = stripped.partition(". ")
        if number.isdigit() and number == "1":
            section += 1
        if number.isdigit() and dot and section == auto_number_section:
            document.add_paragraph(rest, style="List Number")
        else:
            document.add_paragraph(stripped)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_pdf(paragraphs: list, *, running_header: str, footnote: tuple[str, str] | None = None) -> bytes:
    """A PDF with a running header and "- n -" page numbers on every page. ``paragraphs`` are
    wrapped by the PDF library; a paragraph given as a list of strings is laid out line by
    line as given (to place a hyphen at a line end). ``footnote`` = (the words its marker
    follows, the note): the marker is a small "1", the note sits at the foot of the page."""
    from fpdf import FPDF

    class Document(FPDF):
        note = ""

        def header(self):
            self.set_font("dejavu", size=8)
            self.cell(0, 5, running_header, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            if self.note:
                self.set_y(-28)
                self.set_font("dejavu", size=8)
                self.cell(0, 4, "_" * 20, new_x="LMARGIN", new_y="NEXT")
                self.cell(0, 4, f"1 {self.note}", new_x="LMARGIN", new_y="NEXT")
                self.note = ""
            self.set_y(-12)
            self.set_font("dejavu", size=8)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")

    pdf = Document(format="A4")
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.set_auto_page_break(True, margin=32)
    pdf.add_page()
    pdf.set_font("dejavu", size=12)
    for paragraph in paragraphs:
        if isinstance(paragraph, list):
            for line in paragraph:
                pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        elif footnote and footnote[0] in paragraph:
            before, after = paragraph.split(footnote[0], 1)
            pdf.write(7, before + footnote[0])
            pdf.set_font("dejavu", size=7)
            pdf.write(5, "1")
            pdf.set_font("dejavu", size=12)
            pdf.write(7, after)
            pdf.ln(7)
            pdf.note, footnote = footnote[1], None
        else:
            pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())
