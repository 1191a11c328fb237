"""Page furniture: what the printer puts on a page that is not the resolution's text.

Each function is one cleaning step, with the real layout that made it necessary. They work on
single lines (before paragraphs are rebuilt), so that furniture in the middle of a paragraph
broken by a page is dropped before the two halves are joined again.
"""

from __future__ import annotations

import re

from commitments.importer.preamble import opens_preamble
from commitments.importer.text import fold

# One token of furniture. Seen in real documents:
#   UN job numbers at a page foot: "11-42453", "11-42453 (E)", "*1142453*", "1142453S.doc";
#   OAS document-control codes at the end of a PDF: "AC01617T01", "CP25863T01";
#   the OAS printing office's "ISBN 978-0-8270-5593-3"; page counters "2/5".
FURNITURE_TOKEN = re.compile(
    r"\d{2}-\d{5}|\(\w\)|\*\d{7}\*|\d{7}[A-Z]?\.docx?|[A-Z]{2}\d{5}[A-Z]\d{2}|ISBN(?::)?|97[89][\d-]{10,14}"
    r"|\d{1,3}/\d{1,3}"
)
# Tokens distinctive enough to strip where pypdf glued them to a line of text.
GLUED_FURNITURE = re.compile(r"(?:^|\s)(?:\*\d{7}\*|\d{7}[A-Z]\.docx?|[A-Z]{2}\d{5}[A-Z]\d{2})(?=\s|$)")
GLUED_RULE = re.compile(r"(?<=\S)\s+-{3,}$")
# A document symbol in a running header: "A/RES/80/7 Report of the International Atomic Energy Agency".
SYMBOL_TOKEN = re.compile(r"(?:^|\s)[A-Z]{1,4}(?:/[A-Za-z0-9.\-]{1,12}){1,5}(?=\s|$)")
# The first line of a resolution's body: its opening formula ("The General Assembly,") or paragraph 1.
BODY_START = re.compile(r"^(?:(?:The|THE|La|LA|El|EL|Le|LE|A|O) [^,.;:]{3,90},|L['’][^,.;:]{3,90},|1[.)]\s)")
# A markdown or typed rule ("---", "_____"): it separates the footnotes from the text.
RULE = re.compile(r"^[_\-\u2013\u2014=*]{3,}$")


def is_furniture_line(line: str) -> bool:
    """A line made only of furniture tokens (a job number and its barcode, an ISBN line)."""
    tokens = line.split()
    if not tokens or len(tokens) > 6:
        return False
    if not any(c.isalpha() for c in line) and not any("-" in t or "*" in t for t in tokens):
        return False  # "12" or "2/5" alone: page numbers are the page-number step's business
    return all(FURNITURE_TOKEN.fullmatch(token) for token in tokens)


def strip_glued_furniture(line: str) -> str:
    """pypdf puts a page's barcode on the same line as the text it ends ("… States; *1142453*");
    UN text extracted with its footnotes glues the rule above them to the page's last line
    ("… the NPT safeguards agreement ---", A/RES/80/7)."""
    line = GLUED_RULE.sub("", line)
    return GLUED_FURNITURE.sub("", line).strip() if "*" in line or "." in line or line[:2].isupper() else line


def is_rule(line: str) -> bool:
    return bool(RULE.match(line.strip()))


def running_title_keys(lines: list[str], depth: int = 30) -> tuple[set[str], set[str]]:
    """Folded keys of the header lines a running header would repeat: (sure, possible). Sure:
    a UN title without its number ("80/58. Artificial intelligence…" comes back as "Artificial
    intelligence…") and a line that is only a symbol ("A/RES/80/58"). Possible: any other
    header line, which a section heading may equal ("Comité interaméricain contre le
    terrorisme (CICTE)" heads the seed's first section)."""
    sure, possible = set(), set()
    for line in [line for line in lines[: _header_end(lines, depth)] if line.strip()]:
        key = _key(SYMBOL_TOKEN.sub("", line))
        if len(key) >= 8:
            possible.add(key)
        sure.update(_symbol_key(token) for token in SYMBOL_TOKEN.findall(line))
        numbered = re.match(r"^(\d{1,3}/\d{1,4})\.\s?(.+)$", line.strip())
        if numbered:  # "80/57. Title": the running header says "A/RES/80/57" and "Title"
            sure.update({_key(numbered.group(2)), _symbol_key(f"A/RES/{numbered.group(1)}")})
    return sure, possible - sure


def drop_running_titles(lines: list[str], depth: int = 30) -> list[str]:
    """Running headers in text without page breaks: on a two- or three-page resolution the
    title or symbol comes back once or twice. A line equal to a header line, at a page break
    (after a blank line) and not ending a sentence: the UN title or the symbol wherever it
    comes back, another header line only between the halves of a paragraph."""
    sure, possible = running_title_keys(lines, depth)
    if not sure and not possible:
        return lines
    header_end = _header_end(lines, depth)
    out = []
    for index, line in enumerate(lines):
        previous = lines[index - 1].strip() if index else ""
        if (
            index >= header_end
            and not previous
            and len(line) <= 200
            and not line.rstrip().endswith((".", ";", ":", ","))
        ):
            key = _key(SYMBOL_TOKEN.sub("", line))
            if (key in sure or (not key and _symbol_key(line) in sure)) or (
                key in possible and (_mid_paragraph(lines, index) or _continued(lines, index))
            ):
                continue
        out.append(line)
    return out


def _header_end(lines: list[str], depth: int) -> int:
    """Where the header ends: at the opening formula, the first preambular paragraph or
    paragraph 1, and at the latest after ``depth`` lines of text."""
    filled = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        filled += 1
        if filled > depth or BODY_START.match(stripped) or opens_preamble(stripped):
            return index
    return len(lines)


def _symbol_key(line: str) -> str:
    return "symbol " + " ".join(fold(line).split())


def _continued(lines: list[str], index: int) -> bool:
    """The line after it goes on with a small letter: it sat between a paragraph's halves."""
    after = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return after[:1].islower()


def _mid_paragraph(lines: list[str], index: int) -> bool:
    """The line sits where a page breaks a paragraph: the text before it ends mid-sentence."""
    before = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
    return bool(before) and not before.endswith((".", ";", ":"))


def _key(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s/]", " ", fold(line)).split())
