"""Staff's structural corrections to a parse before it is saved: merge a fragment into the
paragraph above, split a paragraph in two, drop one.

Each correction is returned as a small dict that names its paragraphs by their text, not by
position, so that ``replay`` can apply it again when the same text is imported again
(``save.prefill_from_existing``); a correction whose text is no longer there is skipped.

    {"op": "merge", "text": <the fragment>, "above": <the paragraph it joins>}
    {"op": "split", "text": <the paragraph>, "at": <offset of the second part>, "number": "5"}
    {"op": "drop", "text": <the paragraph>}

Paragraphs are addressed by their index in ``ParsedDocument.paragraphs()`` order, the order of
the preview's rows.
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from commitments.importer.parse import ParsedDocument, ParsedParagraph

MAX_NUMBER = 20


class CorrectionError(ValueError):
    """A correction that cannot be made (no paragraph above, words not found…): its message
    is shown to staff and nothing changes."""


def _rows(document: ParsedDocument) -> list[tuple]:
    return list(document.paragraphs())


def _siblings(row) -> list[ParsedParagraph]:
    section, parent, _paragraph = row
    return parent.children if parent is not None else section.paragraphs


def _index_in(siblings: list[ParsedParagraph], paragraph: ParsedParagraph) -> int:
    return next(i for i, other in enumerate(siblings) if other is paragraph)


def _row(document: ParsedDocument, index: int) -> tuple[list[tuple], tuple]:
    rows = _rows(document)
    if not 0 <= index < len(rows):
        raise CorrectionError(_("That paragraph is no longer in the preview."))
    return rows, rows[index]


def _drop_empty_sections(document: ParsedDocument) -> None:
    """A section left without paragraphs goes; the others keep their order."""
    document.sections = [section for section in document.sections if section.paragraphs]
    for position, section in enumerate(document.sections, start=1):
        section.position = position


def _join(first: str, second: str) -> str:
    first, second = first.rstrip(), second.lstrip()
    return first + second if first.endswith("-") else f"{first} {second}"


def merge_into_above(document: ParsedDocument, index: int) -> dict:
    """Join paragraph ``index`` to the end of the paragraph just above it (in reading order);
    its sub-items follow. The paragraph above keeps its number, owners and kind; the
    conditions and deadline of both are kept."""
    rows, row = _row(document, index)
    if index == 0:
        raise CorrectionError(_("The first paragraph has no paragraph above it to merge into."))
    fragment, above = row[2], rows[index - 1][2]
    correction = {"op": "merge", "text": fragment.text, "above": above.text}
    siblings = _siblings(row)
    position = _index_in(siblings, fragment)
    above.text = _join(above.text, fragment.text)
    above.conditions = [*above.conditions, *(c for c in fragment.conditions if c not in above.conditions)]
    if above.deadline is None and not above.deadline_text:
        above.deadline, above.deadline_text = fragment.deadline, fragment.deadline_text
    if siblings is above.children:  # the fragment was the first sub-item of the paragraph above
        siblings[position : position + 1] = fragment.children
    else:  # the paragraph above is a leaf: reading order is kept by giving it the sub-items
        del siblings[position]
        above.children.extend(fragment.children)
    _drop_empty_sections(document)
    return correction


def split(document: ParsedDocument, index: int, words: str, number: str = "") -> dict:
    """Cut paragraph ``index`` before the first occurrence of ``words`` (after its start):
    the second part becomes a new paragraph right after it, numbered ``number``, with the
    owners, kind, conditions and deadline of the first for staff to check; the sub-items
    follow the second part, which now stands before them."""
    _rows_, row = _row(document, index)
    paragraph = row[2]
    words = " ".join(words.split())
    at = paragraph.text.find(words, 1) if words else -1
    if at <= 0 or not paragraph.text[:at].strip():
        raise CorrectionError(
            _("“%(words)s” is not in the paragraph after its first word: copy the words the second part begins with.")
            % {"words": words[:80]}
        )
    return _split_at(row, at, number.strip()[:MAX_NUMBER])


def _split_at(row, at: int, number: str) -> dict:
    paragraph = row[2]
    correction = {"op": "split", "text": paragraph.text, "at": at, "number": number}
    first, second = paragraph.text[:at].rstrip(), paragraph.text[at:].strip()
    span = paragraph.owner_span
    new = dataclasses.replace(
        paragraph,
        number=number,
        text=second,
        owners=list(paragraph.owners),
        owner_source="split",
        owner_span=None,
        conditions=list(paragraph.conditions),
        children=paragraph.children,
    )
    if hasattr(paragraph, "notes"):
        new.notes = []  # the notes stay with the first part, where their markers are
    paragraph.text, paragraph.children = first, []
    if span and span[1] > len(first):
        paragraph.owner_span = None
    siblings = _siblings(row)
    siblings.insert(_index_in(siblings, paragraph) + 1, new)
    return correction


def drop(document: ParsedDocument, index: int) -> dict:
    """Remove paragraph ``index``; its sub-items, if any, take its place."""
    rows, row = _row(document, index)
    paragraph = row[2]
    if len(rows) == 1:
        raise CorrectionError(_("This is the only paragraph left: a resolution needs at least one."))
    siblings = _siblings(row)
    position = _index_in(siblings, paragraph)
    siblings[position : position + 1] = paragraph.children
    _drop_empty_sections(document)
    return {"op": "drop", "text": paragraph.text}


def apply(document: ParsedDocument, correction: dict) -> bool:
    """Make ``correction`` again on a fresh parse, finding its paragraphs by their text;
    False when they are not there (the text changed, or the parser no longer errs)."""
    if not isinstance(correction, dict):
        return False
    rows = _rows(document)
    texts = [paragraph.text for _section, _parent, paragraph in rows]
    op, text = correction.get("op"), correction.get("text")
    for index, candidate in enumerate(texts):
        if candidate != text:
            continue
        if op == "merge" and index > 0 and texts[index - 1] == correction.get("above"):
            merge_into_above(document, index)
            return True
        if op == "drop":
            drop(document, index)
            return True
        at = correction.get("at")
        if op == "split" and isinstance(at, int) and 0 < at < len(text) and text[:at].strip():
            _split_at(rows[index], at, str(correction.get("number") or "")[:MAX_NUMBER])
            return True
    return False


def replay(document: ParsedDocument, corrections: list[dict]) -> list[dict]:
    """Apply ``corrections`` in order; returns those that applied."""
    return [correction for correction in corrections if apply(document, correction)]
