"""From extracted text to clean blocks (one paragraph, heading or header line each).

Drops conversion debris (``[bookmark: …]``, ``[image: …]``), page numbers, running headers and
footers and page furniture (``furniture``); takes footnotes out as notes of the block that calls
them (``footnotes``); for hard-wrapped text (PDF, layout text) rejoins lines into paragraphs and
words hyphenated across lines; then rejoins paragraphs a page or a footnote cut in two and words
pypdf split (``rejoin``). Classification comes after, on whole paragraphs. Every pattern here is linear: no nested
unbounded repetition, so a hostile input cannot make it backtrack for ever.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from commitments.importer.footnotes import attach_notes, detach_note_lines, mark_superscripts, unmark_superscripts
from commitments.importer.furniture import drop_running_titles, is_furniture_line, is_rule, strip_glued_furniture
from commitments.importer.header import is_upper
from commitments.importer.markers import match_marker
from commitments.importer.preamble import opens_preamble
from commitments.importer.rejoin import rejoin_blocks, rejoin_split_words
from commitments.importer.text import fold

DEBRIS = re.compile(
    r"\[(?:bookmark|image|anchor|page ?break|section ?break|footnoteref|endnoteref|comment)\b[^\]\n]{0,500}\]",
    re.IGNORECASE,
)
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SPACES = re.compile("[ \u00a0\u202f\u2007\u2009\u2002\u2003]+")
PAGE_NUMBER = re.compile(
    r"^(?:[-\u2013\u2014]\s?)?\d{1,3}(?:\s?[-\u2013\u2014])?$"
    r"|^(?:page|pagina|pag\.?|p\.)\s?\d{1,4}(?:\s?(?:of|de|sur|/)\s?\d{1,4})?$"
    r"|^\d{1,3}\s?/\s?\d{1,3}$",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"^[_\-\u2013\u2014=]{5,}$")
# Footnote definitions written by converters: "[1] text", "[^1]: text", "[footnote 1: text]".
NOTE_DEFINITION = re.compile(r"^\[(?:\^|footnote\s?)?(\d{1,3})\](?::|\s)|^\[footnote\s?(\d{1,3}):", re.IGNORECASE)
SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
SUPERSCRIPT_MARK = re.compile(f"(?<=\\S)[{SUPERSCRIPTS}]{{1,3}}")
SUPERSCRIPT_NOTE = re.compile(f"^[{SUPERSCRIPTS}]{{1,3}}\\s?\\S")
# A footnote number glued to the end of a word in PDF text: "terrorisme3 " (at least three letters).
GLUED_NOTE = re.compile(r"(?<=[^\W\d_]{3})(\d{1,2})(?=[\s,.;:)]|$)|(?<=[^\W\d_]{2}[,.;:)])(\d{1,2})(?=\s|$)")
PDF_NOTE_LINE = re.compile(r"^(\d{1,2})\s(?=\S)")
WORD = re.compile(r"[^\W\d_]+")
HYPHENATED = re.compile(r"\b[a-z]+-[a-z]+")
PREAMBLE_LINE_END = re.compile(r"[,;](?:\s?(?:and|y|et|e))?\d{0,2}$")
# A line ending in a title or abbreviation ("… la República Dominicana, Dr.") ends no sentence.
ABBREVIATION = re.compile(r"\b(?:Dr|Dra|Sr|Sra|Mr|Mrs|Ms|St|No|Nos|Art|arts|párr|para|Ing|Lic|Prof|Excmo|S\.E)\.$")
HYPHEN_PREFIXES = {"non", "anti", "co", "inter", "pre", "post", "multi", "ex", "self", "semi", "sub", "vice", "quasi"}


def normalize(text: str, *, wrapped: bool | None = None) -> list[str]:
    """Clean blocks, in order. ``wrapped`` forces (or rules out) rejoining hard-wrapped lines;
    None guesses it from the line lengths."""
    return normalize_with_notes(text, wrapped=wrapped)[0]


def normalize_with_notes(text: str, *, wrapped: bool | None = None) -> tuple[list[str], list[list[str]]]:
    """Clean blocks, and for each block the footnotes it calls (taken out of the text).

    Paragraphs are rebuilt before anything is classified: furniture goes line by line wherever
    it sits, footnote lines go, then the halves of paragraphs broken by a page, a footnote or
    a line wrap are joined again."""
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = DEBRIS.sub("", text)
    notes: dict[int, str] = {}
    text = _drop_converter_footnotes(text, notes)
    pages = [[_clean_line(line) for line in page.split("\n")] for page in text.split("\f")]
    pages = [["" if _is_furniture(line) else strip_glued_furniture(line) for line in page] for page in pages]
    pages = _drop_running_lines(pages)
    if wrapped:
        pages = [_drop_pdf_footnotes(page, notes) for page in pages]
    lines: list[str] = []
    for page in pages:
        lines.extend(line for line in page if not PAGE_NUMBER.match(line.strip()))
        lines.append("")
    lines = _drop_repeated_short_lines(lines)
    lines = drop_running_titles(lines)
    lines = [SUPERSCRIPT_MARK.sub("", line) for line in lines if not SUPERSCRIPT_NOTE.match(line.strip())]
    if wrapped is None:
        wrapped = _looks_wrapped(lines)
    blocks = _blocks_from_wrapped(lines, text) if wrapped else _blocks_from_lines(lines)
    blocks, page_notes = detach_note_lines(blocks, first=max(notes, default=0) + 1)
    notes |= page_notes
    blocks = rejoin_blocks(blocks)
    blocks, attached = attach_notes(blocks, notes)
    if wrapped:
        blocks = rejoin_split_words(blocks)
    return [unmark_superscripts(block) for block in blocks], attached


def _is_furniture(line: str) -> bool:
    """Job numbers, barcodes, document codes, ISBN lines and rules: printing, not text."""
    return is_furniture_line(line) or is_rule(line)


def _is_page_furniture(line: str) -> bool:
    """Furniture or a page number: what follows a page's last footnote is no part of it."""
    line = SPACES.sub(" ", line.strip())
    return _is_furniture(line) or bool(PAGE_NUMBER.match(line))


def _clean_line(line: str) -> str:
    line = SPACES.sub(" ", mark_superscripts(line))
    return "\t".join(part.strip() for part in line.split("\t")).strip("\t ")


def _drop_converter_footnotes(text: str, notes: dict[int, str]) -> str:
    """Footnote definitions a converter wrote ("[^1]: A/80/128."), collected into ``notes``;
    their markers become bare numbers, which ``attach_notes`` takes out in order."""
    lines = text.split("\n")
    numbers = set()
    kept = []
    current = None
    for line in lines:
        stripped = line.strip()
        definition = NOTE_DEFINITION.match(stripped)
        if definition:
            current = definition.group(1) or definition.group(2)
            numbers.add(current)
            notes[int(current)] = stripped[definition.end() :].strip(" :]")
            continue
        if current and stripped and not match_marker(stripped):
            notes[int(current)] += " " + stripped  # the footnote's continuation
            continue
        current = None
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"\[\^(\d{1,3})\]", r"\1", text)
    if numbers:
        text = re.sub(r"(?<=\S)\[(\d{1,3})\]", lambda m: m.group(1) if m.group(1) in numbers else m.group(0), text)
    return _drop_notes_after_separator(text, notes)


def _drop_notes_after_separator(text: str, notes: dict[int, str]) -> str:
    """A line of underscores followed by numbered notes: the notes go into ``notes``, up to
    the next blank line that is followed by something else (or the page's end)."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        following = next((line.strip() for line in lines[index + 1 : index + 4] if line.strip()), "")
        if SEPARATOR.match(stripped) and (
            PDF_NOTE_LINE.match(following) or SUPERSCRIPT_NOTE.match(following) or following.startswith("*")
        ):
            index += 1
            current_note = None
            while index < len(lines) and "\f" not in lines[index]:
                current = lines[index].strip()
                if not current and not _is_note_start(_next_nonblank(lines, index)):
                    break
                if note := PDF_NOTE_LINE.match(current):
                    notes[int(note.group(1))] = current[note.end() :]
                    current_note = int(note.group(1))
                elif current and current_note is not None and not _is_page_furniture(current):
                    notes[current_note] += " " + current
                index += 1
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _next_nonblank(lines: list[str], index: int) -> str:
    return next((line.strip() for line in lines[index + 1 :] if line.strip()), "")


def _is_note_start(line: str) -> bool:
    return bool(PDF_NOTE_LINE.match(line) or SUPERSCRIPT_NOTE.match(line))


def _edge_indexes(page: list[str], depth: int = 3) -> list[int]:
    filled = [index for index, line in enumerate(page) if line]
    return sorted(set(filled[:depth] + filled[-depth:]))


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", fold(line))


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Lines at the top or bottom of most pages (digits ignored) are running headers/footers.
    The first page keeps them: there the symbol line is part of the real header."""
    if len(pages) < 2:
        return pages
    seen = Counter()
    for page in pages:
        seen.update({_edge_key(page[index]) for index in _edge_indexes(page)})
    threshold = max(2, math.ceil(len(pages) / 2))
    running = {key for key, count in seen.items() if count >= threshold}
    cleaned = [pages[0]]
    for page in pages[1:]:
        edges = set(_edge_indexes(page))
        cleaned.append(["" if i in edges and _edge_key(line) in running else line for i, line in enumerate(page)])
    return cleaned


def _drop_pdf_footnotes(page: list[str], notes: dict[int, str]) -> list[str]:
    """Footnote text at the foot of a PDF page ("3 See …"), when the page's body carries the
    same number glued to a word ("terrorisme3"): into ``notes``, its markers left for
    ``attach_notes``."""
    body_numbers = set()
    for line in page:
        body_numbers.update(a or b for a, b in GLUED_NOTE.findall(line))
    if not body_numbers:
        return page
    filled = [index for index, line in enumerate(page) if line]
    start = None
    for index in filled[len(filled) * 2 // 5 :]:
        note = PDF_NOTE_LINE.match(page[index])
        if note and note.group(1) in body_numbers:
            start = index
            break
    if start is None:
        return page
    current = None
    for line in page[start:]:
        if found := PDF_NOTE_LINE.match(line):
            current = int(found.group(1))
            notes[current] = line[found.end() :]
        elif line and current is not None and not _is_page_furniture(line):
            notes[current] += " " + line
    return page[:start] + [""]


def _drop_repeated_short_lines(lines: list[str]) -> list[str]:
    """Running headers in text without page breaks: a short line seen three times or more
    keeps only its first occurrence."""
    keys = [
        fold(line)
        if line and len(line) <= 100 and not line.endswith((".", ";", ":")) and not match_marker(line)
        else ""
        for line in lines
    ]
    counts = Counter(key for key in keys if key)
    repeated = {key for key, count in counts.items() if count >= 3}
    seen: set[str] = set()
    out = []
    for line, key in zip(lines, keys, strict=True):
        if key in repeated:
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return out


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _looks_wrapped(lines: list[str]) -> bool:
    width = _typical_width(lines)
    long_lines = [line for line in lines if len(line) > 20]
    if width == 0 or width > 110 or len(long_lines) < 5:
        return False
    near_full = sum(1 for line in long_lines if len(line) >= 0.6 * width)
    return near_full >= 0.5 * len(long_lines)


def _blank_separated(lines: list[str]) -> bool:
    """Paragraphs separated by blank lines (text extracted from a PDF, one paragraph a line
    with a few lines still wrapped): there, two lines with no blank between are one paragraph."""
    filled = [index for index, line in enumerate(lines) if line]
    if len(filled) < 6:
        return False
    followed = sum(1 for index in filled if index + 1 < len(lines) and not lines[index + 1])
    return followed >= 0.6 * len(filled)


def _wraps_into(previous: str, line: str) -> bool:
    """``line`` continues ``previous`` in blank-separated text: the previous line is long (a
    wrapped line, even one ending a clause: "…Korea”;" / "GC(69)/RES/14, …", A/RES/80/7), and
    neither is a header row (tabs), a capitals line or a new marker."""
    return len(previous) >= 50 and "\t" not in previous + line and not is_upper(previous) and match_marker(line) is None


def _blocks_from_lines(lines: list[str]) -> list[str]:
    """One paragraph a line (text saved from a word processor); a marker alone on its line
    ("1.") joins the line after it."""
    blocks: list[str] = []
    pending = ""
    joins = _blank_separated(lines)
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if joins and previous and blocks and not pending and _wraps_into(previous, line):
            blocks[-1] = f"{blocks[-1]} {line}"
            previous = line
            continue
        previous = line
        marker = match_marker(line + " X")
        if marker and marker.end >= len(line):
            pending = line
            continue
        blocks.append(f"{pending} {line}" if pending else line)
        pending = ""
    if pending:
        blocks.append(pending)
    return blocks


def _blocks_from_wrapped(lines: list[str], full_text: str) -> list[str]:
    """Rejoin hard-wrapped lines: a block ends at a blank line, after a line clearly shorter
    than the text width, or before a line that opens with the next marker in sequence."""
    width = _typical_width(lines) or 80
    folded = fold(full_text)
    vocabulary = (Counter(WORD.findall(folded)), set(HYPHENATED.findall(folded)))
    blocks: list[str] = []
    current: list[str] = []
    last_values: dict[str, int] = {}
    top_values: set[int] = set()  # top-level numbers seen: "6." follows "5." across a chapeau's "1. 2."
    previous_short = False

    def flush():
        if current:
            blocks.append(_join_wrapped(current, vocabulary))
            current.clear()

    for line in lines:
        if not line:
            flush()
            previous_short = False
            continue
        marker = match_marker(line, last_values)
        in_sequence = marker is not None and (
            marker.value == 1
            or marker.value == last_values.get(marker.style, 0) + 1
            or not current
            or (marker.style == "digit" and marker.value - 1 in top_values)
        )
        sentence_break = (
            bool(current)
            and current[-1].endswith((".", ";", ":", ")"))
            and line[:1].isupper()
            and not ABBREVIATION.search(current[-1])
        )
        # pypdf gives no blank line between paragraphs: a preambular paragraph ends with a comma
        # or semicolon (and perhaps its footnote number) before the next one's opening word.
        next_preamble = bool(current) and PREAMBLE_LINE_END.search(current[-1]) and opens_preamble(line)
        if current and (
            previous_short or in_sequence or next_preamble or (sentence_break and len(current[-1]) < 0.9 * width)
        ):
            flush()
        if marker is not None and in_sequence and not current:
            last_values[marker.style] = marker.value
            if marker.style.endswith("digit"):
                # A new top-level paragraph restarts the sub-item lists.
                last_values = {marker.style: marker.value}
                top_values.add(marker.value)
        current.append(line)
        previous_short = len(line) < 0.75 * width
    flush()
    return blocks


def _join_wrapped(lines: list[str], vocabulary: tuple[Counter, set[str]]) -> str:
    words, compounds = vocabulary
    text = lines[0]
    for line in lines[1:]:
        if len(text) > 1 and text.endswith("-") and text[-2].isalpha() and line[:1].islower():
            head = (WORD.findall(fold(text[-60:]))[-1:] or [""])[0]
            tail = (WORD.findall(fold(line[:60]))[:1] or [""])[0]
            # Keep a real hyphen ("non-binding") when the text writes the word with it elsewhere,
            # or the first half is a prefix that takes one; else it was the typesetter's.
            keep = words.get(head + tail, 0) == 0 and (f"{head}-{tail}" in compounds or head in HYPHEN_PREFIXES)
            text = text + line if keep else text[:-1] + line
        else:
            text = f"{text} {line}"
    return text
