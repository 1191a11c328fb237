"""Blocks into a document's shape: header blocks, preamble, sections, numbered and unnumbered
operative paragraphs with their sub-items.

Preambular paragraphs ("Recalling…", "Considerando…", "Rappelant…", "Tendo presente…") open with
a participle; they are kept as the preamble until the operative part starts, at a resolving word
("RESOLVES:"), a numbered paragraph, a section heading or a paragraph that opens with a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from commitments.importer import limits
from commitments.importer.errors import ResolutionImportError
from commitments.importer.header import ADOPTION_NOTE, Header, is_upper, parse_header
from commitments.importer.markers import Marker, match_marker
from commitments.importer.text import fold
from commitments.importer.verbs import lead_clause

OPENER = re.compile(r"^(?:the|la|el|l'|le|a|o) [^,.;:]{3,90},$")
RESOLVING = re.compile(
    r"^(?:resolves|decides|declares|resuelve|declara|decide|resout|declare|resolve|decide|adopts|adopta|adopte)\s?:$"
)
PREAMBLE_WORDS = {
    "en": {"aware", "convinced", "concerned", "deeply", "mindful", "alarmed", "determined", "conscious", "guided",
           "seriously", "gravely", "fully", "cognizant", "desirous", "also", "further"},
    "es": {"visto", "vistos", "consciente", "convencida", "convencido", "preocupada", "preocupado", "profundamente",
           "decidida", "asimismo", "reiterando"},
    "fr": {"vu", "compte", "consciente", "convaincue", "convaincu", "preoccupee", "profondement", "resolue",
           "soucieuse", "egalement"},
    "pt": {"visto", "ciente", "convencida", "convencido", "preocupada", "profundamente", "decidida", "igualmente"},
}  # fmt: skip
PARTICIPLE_ENDINGS = {"en": ("ing",), "es": ("ando", "endo"), "fr": ("ant",), "pt": ("ando", "endo", "indo")}
FIRST_WORD = re.compile(r"[a-z]+")


@dataclass
class RawParagraph:
    number: str
    style: str
    text: str
    children: list[RawParagraph] = field(default_factory=list)


@dataclass
class RawSection:
    title: str
    paragraphs: list[RawParagraph] = field(default_factory=list)


@dataclass
class Structure:
    header: Header
    preamble: list[str]
    sections: list[RawSection]
    warnings: list[str]


def is_preamble_clause(folded: str, language: str) -> bool:
    word = FIRST_WORD.match(folded)
    if not word:
        return False
    word = word.group(0)
    if not folded.rstrip().endswith((",", ";", ":")):
        return False  # preambular paragraphs end with a comma or semicolon (titles do not)
    return word in PREAMBLE_WORDS.get(language, ()) or (
        len(word) > 5 and word.endswith(PARTICIPLE_ENDINGS.get(language, ("ing",)))
    )


def is_heading(block: str, language: str) -> bool:
    text = block.replace("\t", " ").strip()
    if not text or len(text) > 200 or len(text.split()) > 25 or text[-1] in ".;:,":
        return False
    marker = match_marker(text)
    if marker and marker.style.endswith(("digit", "letter", "roman")):
        return False
    first = text[marker.end :] if marker else text
    return bool(first[:1].isupper() or first[:1].isdigit()) and lead_clause(fold(first), language) is None


def _starts_operative(block: str, language: str) -> bool:
    folded = fold(block)
    if RESOLVING.match(folded) or OPENER.match(folded) or is_preamble_clause(folded, language):
        return True
    marker = match_marker(block)
    if marker and marker.style == "digit":
        return True
    # An unnumbered operative paragraph: a sentence that opens with a verb (not a capitals title).
    return (
        len(block) > 60
        and block.rstrip()[-1] in ".;:"
        and not is_upper(block)
        and lead_clause(folded, language) is not None
    )


def find_body_start(blocks: list[str], language: str) -> int:
    """Index of the first block after the header: past the adoption note if there is one,
    else at the first block that can only be body (opener, preamble, paragraph)."""
    limit = min(len(blocks), 80)
    notes = [index for index in range(limit) if ADOPTION_NOTE.search(fold(blocks[index]))]
    first = next((index for index in range(len(blocks)) if _starts_operative(blocks[index], language)), len(blocks))
    if first < len(blocks) and marker_free_opening(blocks[first], language):
        return first  # an opener or preamble: nothing after the note before it is a heading (UN titles)
    if notes and notes[0] < first:
        return notes[0] + 1
    return first


def marker_free_opening(block: str, language: str) -> bool:
    folded = fold(block)
    return bool(RESOLVING.match(folded) or OPENER.match(folded) or is_preamble_clause(folded, language))


class _Builder:
    def __init__(self, language: str):
        self.language = language
        self.sections: list[RawSection] = [RawSection("")]
        self.stack: list[RawParagraph] = []
        self.last_values: dict[str, int] = {}
        self.count = 0
        self.warnings: list[str] = []

    @property
    def section(self) -> RawSection:
        return self.sections[-1]

    def _counted(self) -> None:
        self.count += 1
        if self.count > limits.MAX_PARAGRAPHS:
            raise ResolutionImportError(
                _("The text has more than %(n)d paragraphs: split it, or check that it is one resolution.")
                % {"n": limits.MAX_PARAGRAPHS},
                code="too_many_paragraphs",
            )

    def heading(self, title: str) -> None:
        if self.section.paragraphs:
            self.sections.append(RawSection(title))
        elif self.section.title:
            self.section.title = f"{self.section.title} – {title}"
        else:
            self.section.title = title
        self.stack, self.last_values = [], {}

    def paragraph(self, block: str, marker: Marker | None) -> None:
        text = " ".join(block[marker.end if marker else 0 :].split())
        if marker is None and self.stack and text[:1].islower() and not self.stack[-1].text.endswith((".", ";", ":")):
            self.stack[-1].text = f"{self.stack[-1].text} {text}"  # a paragraph broken across a page
            return
        self._counted()
        if marker is None or marker.style == "digit" or not self.stack:
            self._top_level(text, marker)
            return
        while len(self.stack) > 1 and self.stack[-1].style != marker.style:
            if any(item.style == marker.style for item in self.stack[1:]):
                self.stack.pop()
            else:
                break
        if len(self.stack) > 1 and (self.stack[-1].style == marker.style or len(self.stack) >= 3):
            self.stack.pop()  # a sibling; and no deeper than sub-sub-items
        parent = self.stack[-1]
        child = RawParagraph(self._unique(marker.label, parent.children), marker.style, text)
        parent.children.append(child)
        self.stack.append(child)
        self.last_values[marker.style] = marker.value

    def _top_level(self, text: str, marker: Marker | None) -> None:
        number = marker.label if marker else ""
        if number == "1" and any(p.number == "1" for p in self.section.paragraphs):
            self.sections.append(RawSection(""))  # numbering restarts: a new, untitled section
        number = self._unique(number, self.section.paragraphs)
        paragraph = RawParagraph(number, marker.style if marker else "", text)
        self.section.paragraphs.append(paragraph)
        self.stack = [paragraph]
        self.last_values = {marker.style: marker.value} if marker else {}

    def _unique(self, number: str, siblings: list[RawParagraph]) -> str:
        if not number or all(sibling.number != number for sibling in siblings):
            return number
        self.warnings.append(_("Paragraph number %(n)s appears twice in the same place.") % {"n": number})
        suffix = 2
        while any(sibling.number == f"{number}-{suffix}" for sibling in siblings):
            suffix += 1
        return f"{number}-{suffix}"


def split_structure(blocks: list[str], language: str) -> Structure:
    start = find_body_start(blocks, language)
    header = parse_header(blocks[:start], "\n".join(blocks[start : start + 400]))
    if not (header.symbol or header.series or header.date or header.original_language or header.body):
        start, header = 0, Header()  # no header at all (pasted paragraphs): everything is body
    elif header.recognised:
        # Unrecognised blocks after the last header line are the first section's headings.
        start = max(header.recognised) + 1
    builder = _Builder(language)
    preamble: list[str] = []
    operative = False
    for index in range(start, len(blocks)):
        block = blocks[index]
        folded = fold(block)
        if RESOLVING.match(folded):
            operative = True
            continue
        marker = match_marker(block, builder.last_values)
        next_marker = match_marker(blocks[index + 1]) if index + 1 < len(blocks) else None
        if not operative and marker is None and next_marker and is_heading(block, language):
            operative = True  # a heading before the first paragraph, even if it reads "Strengthening…"
        if not operative:
            if marker is None and (OPENER.match(folded) or is_preamble_clause(folded, language)):
                preamble.append(" ".join(block.split()))
                continue
            operative = True
        if marker is None and block.split()[0].isupper() and is_preamble_clause(folded, language):
            if not builder.section.paragraphs:
                preamble.append(" ".join(block.split()))  # a section's own preamble (GA omnibus)
                continue
        if index + 1 < len(blocks) and (marker is None or marker.style in ("ROMAN", "LETTER")):
            if is_heading(block, language):
                builder.heading(" ".join(block.split()))
                continue
        builder.paragraph(block, marker)
    sections = [section for section in builder.sections if section.paragraphs]
    return Structure(header, preamble, sections, builder.warnings)
