"""Page furniture: what the printer puts on a page that is not the resolution's text.

Each function is one cleaning step, with the real layout that made it necessary. They work on
single lines (before paragraphs are rebuilt), so that furniture in the middle of a paragraph
broken by a page is dropped before the two halves are joined again.
"""

from __future__ import annotations

import re

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


def running_title_keys(lines: list[str], depth: int = 30) -> set[str]:
    """Folded keys of the header lines (symbol, title) a running header would repeat. A UN
    title line "80/58. Artificial intelligence…" is repeated without its number."""
    keys = set()
    for line in [line for line in lines if line.strip()][:depth]:
        key = _key(SYMBOL_TOKEN.sub("", line))
        if len(key) >= 8:
            keys.add(key)
        numbered = re.match(r"^\d{1,3}/\d{1,4}\.\s?(.+)$", line.strip())
        if numbered:
            keys.add(_key(numbered.group(1)))
    return keys


def drop_running_titles(lines: list[str], depth: int = 30) -> list[str]:
    """Running headers in text without page breaks: on a two- or three-page resolution the
    title or symbol comes back once or twice, between the halves of a paragraph. Only a line
    equal to a header line, at a page break (after a blank line) and not ending a sentence."""
    keys = running_title_keys(lines, depth)
    if not keys:
        return lines
    filled = 0
    out = []
    for index, line in enumerate(lines):
        if line.strip():
            filled += 1
        previous = lines[index - 1].strip() if index else ""
        if (
            filled > depth
            and not previous
            and len(line) <= 200
            and not line.rstrip().endswith((".", ";", ":", ","))
            and _key(SYMBOL_TOKEN.sub("", line)) in keys
            and (_mid_paragraph(lines, index) or _continued(lines, index))
        ):
            continue
        out.append(line)
    return out


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
