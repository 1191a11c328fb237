"""Footnotes: taken out of the text, and kept as notes on the paragraph that calls them.

Real resolutions carry footnotes in three forms: as markdown definitions after a rule
(``[^1]: A/80/128.``), as lines at a page's foot (``1 A/80/237.``, in the middle of a paragraph
that the page breaks), and as PDF text after a rule of underscores. Their markers sit in the
text as a bare number: glued (``Development,1``, ``terrorisme3``) or spaced (``Africa, 1 the``,
``Secretary-General, 4  submitted``). A footnote is never a mandate, and its marker must not
stay in the text, where it hides the comma that ends a preambular paragraph.
"""

from __future__ import annotations

import re

from commitments.importer.dates import MONTHS

# A superscript number as PDF extraction writes it, "General 3  and": one space before, two or
# more after. ``mark_superscripts`` keeps that gap (as U+205F) through the cleaning that
# collapses spaces, so that the marker can be told from "question 4 and".
SUPERSCRIPT_GAP = "\u205f"
SPACED_SUPERSCRIPT = re.compile(r"(?<=[^\W\d_]) (\d{1,2}) {2,}(?=[a-zà-ÿ])")
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
# "1 A/80/237.", "2 United Nations, Treaty Series, vol. 1342, No. 22495.", "5 Security Council …"
# but not "1 December 2025" (the date under "52nd plenary meeting").
NOTE_LINE = re.compile(rf"^(\d{{1,2}})\s{{1,3}}(?!(?i:{MONTH_WORDS})\b)(?=[A-Z\"“(«]|[a-z]/|See\b|Voir\b|Véase\b)(.+)$")


def mark_superscripts(line: str) -> str:
    return SPACED_SUPERSCRIPT.sub(lambda m: f" {m.group(1)}{SUPERSCRIPT_GAP}", line) if "  " in line else line


def unmark_superscripts(block: str) -> str:
    return block.replace(SUPERSCRIPT_GAP, " ")


def note_line(block: str) -> tuple[int, str] | None:
    """The number and text of a footnote written as a line of its own."""
    if len(block) > 400:
        return None
    found = NOTE_LINE.match(block)
    return (int(found.group(1)), found.group(2).strip()) if found else None


def marker_patterns(number: int) -> tuple[re.Pattern, re.Pattern]:
    """Where footnote ``number`` is called, the sure form first: glued to a word or to its
    punctuation ("terrorisme3", "Development,1", "General;3", "2006,2 in", French "question ;2");
    then spaced after
    punctuation ("Africa, 1 the", "Secretary-General, 4  submitted") or as a superscript
    ("General 3  and"). Never "of 8 December" (a
    capital follows), "60/83" (a slash) or "question 4 and" (no punctuation before it)."""
    n = str(number)
    glued = re.compile(
        rf"(?<=[^\W\d_]){n}(?=[\s,.;:)]|$)(?![.,]\d)"
        rf"|(?:(?<=[^\W\d_])[,.;:)\]”’\"]{{1,2}}|(?<=\d)[,;)\]”’\"]{{1,2}}|(?<=[^\W\d_]\s)[;:]){n}"
        rf"(?=\s{{1,2}}[a-zà-ÿ(]|\s*$|[,;])"
    )
    # A superscript extracted as " 3  " (two spaces after it): "the Secretary General 3  and".
    spaced = re.compile(
        rf"(?:(?<=[^\W\d_][,;:)”’\"])|(?<=[^\W\d_][”’\"][,;:]))\s{{1,2}}{n}(?=\s{{1,2}}[a-zà-ÿ]|[,.;:]?$)"
        rf"|(?<=[^\W\d_])\s{n}(?={SUPERSCRIPT_GAP})"
    )
    return glued, spaced


def marker_pattern(number: int) -> re.Pattern:
    glued, spaced = marker_patterns(number)
    return re.compile(f"{glued.pattern}|{spaced.pattern}")


def detach_note_lines(blocks: list[str], first: int = 1) -> tuple[list[str], dict[int, str]]:
    """Footnote lines among the blocks, in sequence (1, 2, 3… from ``first``): a line that
    starts with the next footnote number is a footnote only when that number was called in
    the text before it. Out of sequence, "3 States have…" stays text."""
    notes: dict[int, str] = {}
    kept: list[str] = []
    expected = first
    after_note = False
    for block in blocks:
        found = note_line(block)
        # Right after another footnote, the next number is a footnote even if its marker was
        # not found (a marker written in a way no pattern knows must not make a paragraph).
        if (
            found
            and found[0] == expected
            and (after_note or any(marker_pattern(expected).search(b) for b in kept[-40:]))
        ):
            notes[expected] = found[1]
            expected += 1
            after_note = True
            continue
        after_note = False
        kept.append(block)
    return kept, notes


def attach_notes(blocks: list[str], notes: dict[int, str]) -> tuple[list[str], list[list[str]]]:
    """Take each note's marker out of the text, in order (marker 2 is looked for after marker
    1), and give the note to the block that called it."""
    attached: list[list[str]] = [[] for _ in blocks]
    blocks = list(blocks)
    index, offset = 0, 0
    for number in sorted(notes):
        for pattern in marker_patterns(number):
            found_at = _search_from(blocks, pattern, index, offset)
            if found_at is None:
                continue
            position, found = found_at
            marker = found.group(0)
            # Keep the punctuation the marker was glued to ("Development,1" → "Development,").
            kept = marker[: len(marker) - len(marker.lstrip(PUNCTUATION))] if marker[0] in PUNCTUATION else ""
            start = found.start()
            blocks[position] = blocks[position][:start] + kept + blocks[position][found.end() :]
            blocks[position] = re.sub(r"\s{2,}", " ", blocks[position]).strip()
            attached[position].append(notes[number])
            index, offset = position, start
            break
    return blocks, attached


PUNCTUATION = ',.;:)]”’"'


def _search_from(blocks: list[str], pattern: re.Pattern, index: int, offset: int):
    for position in range(index, len(blocks)):
        found = pattern.search(blocks[position], offset if position == index else 0)
        if found:
            return position, found
    return None
