"""Text in, a ``ParsedDocument`` out: a pure function (no database; the owner aliases are
passed in). ``ParsedDocument.to_dict`` is the JSON the command prints and the preview keeps."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from commitments.importer import limits
from commitments.importer.conditions import find_conditions
from commitments.importer.deadlines import find_deadline
from commitments.importer.errors import ResolutionImportError
from commitments.importer.header import is_upper, sentence_case
from commitments.importer.language import detect_language
from commitments.importer.normalize import normalize_with_notes
from commitments.importer.owners import AliasTable, OwnerReading, OwnerRef, read_owners
from commitments.importer.readers import check_not_binary
from commitments.importer.structure import RawParagraph, split_structure
from commitments.importer.text import fold
from commitments.importer.verbs import lead_clause

LANGUAGES = ("en", "es", "fr", "pt")


@dataclass
class ParsedParagraph:
    number: str
    text: str
    kind: str
    owners: list[OwnerRef] = field(default_factory=list)
    owner_source: str = "none"
    owner_span: tuple[int, int] | None = None
    deadline: datetime.date | None = None
    deadline_text: str = ""
    conditions: list[str] = field(default_factory=list)
    children: list[ParsedParagraph] = field(default_factory=list)
    # Footnotes the paragraph calls, detached from its text ("A/80/237.").
    notes: list[str] = field(default_factory=list)
    # A body the paragraph addresses that no owner alias names ("Conference on Disarmament"):
    # the preview offers it as a new owner, or to map to an existing one.
    proposed_owner: str = ""

    @property
    def owner_phrase(self) -> str:
        return self.text[self.owner_span[0] : self.owner_span[1]] if self.owner_span else ""


@dataclass
class ParsedSection:
    position: int
    title: str
    paragraphs: list[ParsedParagraph] = field(default_factory=list)


@dataclass
class ParsedDocument:
    symbol: str
    language: str
    series: str = ""
    body: str = ""
    session: int | None = None
    place: str = ""
    date: datetime.date | None = None
    original_language: str = ""
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    preamble_notes: list[list[str]] = field(default_factory=list)  # footnotes of each preambular paragraph
    sections: list[ParsedSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_text: str = ""

    def paragraphs(self):
        """Every paragraph in document order, with its section and parent: (section, parent, paragraph)."""
        for section in self.sections:
            for paragraph in section.paragraphs:
                yield from _walk(section, None, paragraph)

    def counts(self) -> dict[str, int]:
        top = sum(len(section.paragraphs) for section in self.sections)
        total = sum(1 for _ in self.paragraphs())
        return {"sections": len(self.sections), "top_level_paragraphs": top, "sub_items": total - top,
                "total_items": total}  # fmt: skip

    def to_dict(self, *, with_source: bool = False) -> dict:
        data = {
            "document": {
                "symbol": self.symbol, "series": self.series, "body": self.body, "session": self.session,
                "place": self.place, "date": self.date.isoformat() if self.date else None,
                "language": self.language, "original_language": self.original_language, "title": self.title,
            },
            "counts": self.counts(),
            "preamble": self.preamble,
            "preamble_notes": self.preamble_notes,
            "sections": [
                {"position": s.position, "title": s.title, "paragraphs": [_paragraph_dict(p) for p in s.paragraphs]}
                for s in self.sections
            ],
            "warnings": self.warnings,
        }  # fmt: skip
        if with_source:
            data["source_text"] = self.source_text
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ParsedDocument:
        document = data["document"]
        return cls(
            symbol=document["symbol"],
            language=document["language"],
            series=document["series"],
            body=document["body"],
            session=document["session"],
            place=document["place"],
            date=datetime.date.fromisoformat(document["date"]) if document["date"] else None,
            original_language=document["original_language"],
            title=document["title"],
            preamble=list(data["preamble"]),
            preamble_notes=[list(notes) for notes in data.get("preamble_notes", [])],
            sections=[
                ParsedSection(s["position"], s["title"], [_paragraph_from(p) for p in s["paragraphs"]])
                for s in data["sections"]
            ],
            warnings=list(data["warnings"]),
            source_text=data.get("source_text", ""),
        )


def _walk(section, parent, paragraph):
    yield section, parent, paragraph
    for child in paragraph.children:
        yield from _walk(section, paragraph, child)


def _paragraph_dict(paragraph: ParsedParagraph) -> dict:
    return {
        "number": paragraph.number or None,
        "text": paragraph.text,
        "kind": paragraph.kind,
        "owners": [owner.name for owner in paragraph.owners],
        "owner_ids": [owner.id for owner in paragraph.owners],
        "owner_source": paragraph.owner_source,
        "owner_phrase": paragraph.owner_phrase,
        "owner_span": list(paragraph.owner_span) if paragraph.owner_span else None,
        "deadline": paragraph.deadline.isoformat() if paragraph.deadline else None,
        "deadline_text": paragraph.deadline_text,
        "conditions": paragraph.conditions,
        "notes": paragraph.notes,
        "proposed_owner": paragraph.proposed_owner,
        "children": [_paragraph_dict(child) for child in paragraph.children],
    }


def _paragraph_from(data: dict) -> ParsedParagraph:
    return ParsedParagraph(
        number=data["number"] or "",
        text=data["text"],
        kind=data["kind"],
        owners=[OwnerRef(owner_id, name) for owner_id, name in zip(data["owner_ids"], data["owners"], strict=True)],
        owner_source=data["owner_source"],
        owner_span=tuple(data["owner_span"]) if data["owner_span"] else None,
        deadline=datetime.date.fromisoformat(data["deadline"]) if data["deadline"] else None,
        deadline_text=data["deadline_text"],
        conditions=list(data["conditions"]),
        notes=list(data.get("notes", [])),
        proposed_owner=data.get("proposed_owner", ""),
        children=[_paragraph_from(child) for child in data["children"]],
    )


def parse_text(
    text: str, *, aliases: AliasTable, language: str | None = None, wrapped: bool | None = None
) -> ParsedDocument:
    """Parse a resolution's text. Raises ``ResolutionImportError`` and nothing else."""
    if len(text) > limits.MAX_TEXT_CHARS:
        raise ResolutionImportError(
            _("The text is longer than %(n)d characters: is it really one resolution?") % {"n": limits.MAX_TEXT_CHARS},
            code="too_long",
        )
    if not text.strip():
        raise ResolutionImportError(_("The text is empty."), code="empty")
    check_not_binary(text)
    blocks, notes = normalize_with_notes(text, wrapped=wrapped)
    if not blocks:
        raise ResolutionImportError(_("The text is empty once page numbers and debris are removed."), code="empty")
    if language not in LANGUAGES:
        language = detect_language("\n".join(blocks))
        if language is None:
            raise ResolutionImportError(
                _(
                    "The language of the text could not be recognised: "
                    "choose it (English, Spanish, French or Portuguese)."
                ),
                code="unknown_language",
            )
    structure = split_structure(blocks, language, notes)
    header = structure.header
    document = ParsedDocument(
        symbol=header.symbol, language=language, series=header.series, body=header.body,
        session=header.session, place=header.place, date=header.date,
        original_language=header.original_language, title=header.title,
        preamble=structure.preamble, preamble_notes=structure.preamble_notes, warnings=structure.warnings,
        source_text="\n\n".join(blocks),
    )  # fmt: skip
    body_owner = aliases.find_in(header.body, "en") if header.body else None
    since = header.date.year if header.date else None
    for position, raw in enumerate(structure.sections, start=1):
        title = sentence_case(raw.title, document.source_text) if is_upper(raw.title) else raw.title
        section = ParsedSection(position, title[:500])
        section.paragraphs = [_read(p, language, aliases, None, None, body_owner, since) for p in raw.paragraphs]
        document.sections.append(section)
    if not document.sections or not any(_operative(p, language) for s in document.sections for p in s.paragraphs):
        raise ResolutionImportError(
            _("No operative paragraphs were found: is this the text of a resolution?"), code="no_operative_paragraphs"
        )
    return document


def _operative(paragraph: ParsedParagraph, language: str) -> bool:
    """Numbered, or opening with a verb: prose with neither (minutes, a letter) is no resolution."""
    return bool(paragraph.number) or lead_clause(fold(paragraph.text), language) is not None


def _read(
    raw: RawParagraph,
    language: str,
    aliases: AliasTable,
    parent: ParsedParagraph | None,
    parent_reading: OwnerReading | None,
    body_owner: OwnerRef | None,
    since: int | None,
) -> ParsedParagraph:
    reading = read_owners(raw.text, language, aliases, parent=parent_reading, body_owner=body_owner)
    deadline = find_deadline(raw.text, since_year=since)
    conditions = find_conditions(raw.text)
    paragraph = ParsedParagraph(
        number=raw.number[:20],
        text=raw.text,
        kind=reading.kind or "action",
        owners=reading.owners,
        owner_source=reading.source,
        owner_span=reading.span,
        deadline=deadline.date if deadline else None,
        deadline_text=deadline.text[:200] if deadline else "",
        notes=list(raw.notes),
        proposed_owner=reading.proposed[:200],
    )
    if parent is not None:
        # A sub-item is part of its parent's mandate: the parent's conditions and deadline hold.
        conditions = [
            c for c in ("on_request", "subject_to_resources", "voluntary") if c in conditions or c in parent.conditions
        ]
        if deadline is None:
            paragraph.deadline, paragraph.deadline_text = parent.deadline, parent.deadline_text
    paragraph.conditions = conditions
    paragraph.children = [_read(c, language, aliases, paragraph, reading, body_owner, since) for c in raw.children]
    return paragraph
