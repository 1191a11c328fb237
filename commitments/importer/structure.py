"""Blocks into a document's shape: header blocks, preamble, sections, numbered and unnumbered
operative paragraphs with their sub-items.

Preambular paragraphs ("Recalling…", "Considerando…", "Rappelant…", "Tendo presente…") open with
a participle; they are kept as the preamble until the operative part starts. Where the text has a
resolving formula ("RESOLVES:") or a paragraph numbered 1, the preamble ends only there: an
opening word no list knows ("Re-emphasizing", "Being gravely concerned") is still preamble.
Without either, a section heading or a paragraph that opens with a verb starts the operative
part. The operative part ends at its closing line ("52nd plenary meeting", "… sesión
plenaria", a place and date alone); what follows (signatures, annexes) is no mandate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from commitments.importer import limits
from commitments.importer.dates import DATE
from commitments.importer.errors import ResolutionImportError
from commitments.importer.header import ADOPTION_NOTE, Header, is_upper, parse_header
from commitments.importer.markers import Marker, match_marker
from commitments.importer.text import fold
from commitments.importer.verbs import lead_clause

OPENER = re.compile(r"^(?:(?:the|la|el|le|a|o) |l')[^,.;:]{3,90},$")
RESOLVING = re.compile(
    r"^(?:resolves|decides|declares|resuelve|declara|decide|resout|declare|resolve|decide|adopts|adopta|adopte)\s?:$"
)
PREAMBLE_WORDS = {
    "en": {"aware", "convinced", "concerned", "deeply", "mindful", "alarmed", "determined", "conscious", "guided",
           "seriously", "gravely", "fully", "cognizant", "desirous", "also", "further", "being", "encouraged",
           "strongly", "re", "noting", "welcoming", "recalling", "reaffirming", "having"},
    "es": {"visto", "vistos", "consciente", "conscientes", "convencida", "convencido", "preocupada", "preocupado",
           "profundamente", "decidida", "asimismo", "reiterando", "alentada", "alentado", "habiendo", "seriamente",
           "firmemente", "gravemente", "reconociendo"},
    "fr": {"vu", "compte", "consciente", "convaincue", "convaincu", "preoccupee", "profondement", "resolue",
           "soucieuse", "egalement", "encouragee", "encourage", "ayant", "gravement", "vivement", "fermement"},
    "pt": {"visto", "ciente", "convencida", "convencido", "preocupada", "profundamente", "decidida", "igualmente",
           "encorajada", "incentivada", "tendo", "gravemente", "firmemente", "seriamente"},
}  # fmt: skip
# A preambular paragraph's end: a comma or semicolon, perhaps with "and" (Spanish "; y").
PREAMBLE_END = re.compile(r"[,;:]\s?(?:y|and|et|e|o|ou|or)?$")
# The line that closes the operative part: "52nd plenary meeting", "cuarta sesión plenaria",
# "4e séance plénière", a place and date alone ("Santiago, 28 de enero de 2013"), a rule.
CLOSING = re.compile(
    r"^\d{1,3}(?:st|nd|rd|th)? plenary meeting\b|^(?:[a-z]+ )?(?:sesion|seance|sessao) plenaria?\b"
    r"|^\d{1,3}(?:e|re|eme|a|ª|o) (?:seance pleniere|sesion plenaria|sessao plenaria)\b"
    r"|^[a-z][a-z .\-]{1,30}, (?:[a-z .]{1,20}, )?\d{1,2}(?:er|o)? (?:de )?[a-z]{3,10} (?:de |del )?\d{4}\.?$"
    r"|^[a-z][a-z .\-]{1,30}, [a-z]{3,10} \d{1,2}, \d{4}\.?$"
    # a signature block: "(Signed) …", "(Firmado) …", "(Signé) …", "(Assinado) …"
    r"|^\((?:signed|firmado|signe|assinado)\)"
)
PARTICIPLE_ENDINGS = {"en": ("ing",), "es": ("ando", "endo"), "fr": ("ant",), "pt": ("ando", "endo", "indo")}
FIRST_WORD = re.compile(r"[a-z]+")


@dataclass
class RawParagraph:
    number: str
    style: str
    text: str
    children: list[RawParagraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnotes this paragraph calls


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
    preamble_notes: list[list[str]] = field(default_factory=list)  # footnotes of each preambular paragraph


def is_preamble_clause(folded: str, language: str) -> bool:
    word = FIRST_WORD.match(folded)
    if not word:
        return False
    word = word.group(0)
    if not PREAMBLE_END.search(folded.rstrip()):
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

    def continuation(self, block: str, notes: list[str]) -> None:
        """An unnumbered paragraph between numbered paragraphs N and N+1 is part of N (the CELAC
        declaration's paragraph 7 runs on over three paragraphs)."""
        top = self.section.paragraphs[-1]
        top.text = f"{top.text}\n\n{' '.join(block.split())}"
        top.notes.extend(notes)

    def paragraph(self, block: str, marker: Marker | None, notes: list[str] | None = None) -> None:
        notes = notes or []
        text = " ".join(block[marker.end if marker else 0 :].split())
        if marker is not None:
            # Layout text repeats the paragraph number in the margin: "1.      1.   Levantar …".
            again = match_marker(text)
            if again is not None and again.label == marker.label:
                text = text[again.end :]
        if marker is None and self.stack and text[:1].islower() and not self.stack[-1].text.endswith((".", ";", ":")):
            self.stack[-1].text = f"{self.stack[-1].text} {text}"  # a paragraph broken across a page
            self.stack[-1].notes.extend(notes)
            return
        self._counted()
        if marker is not None and marker.style == "digit" and self._chapeau_item(text, marker, notes):
            return
        if marker is None or marker.style == "digit" or not self.stack:
            self._top_level(text, marker)
            self.section.paragraphs[-1].notes.extend(notes)
            return
        while len(self.stack) > 1 and self.stack[-1].style != marker.style:
            if any(item.style == marker.style for item in self.stack[1:]):
                self.stack.pop()
            else:
                break
        if len(self.stack) > 1 and (self.stack[-1].style == marker.style or len(self.stack) >= 3):
            self.stack.pop()  # a sibling; and no deeper than sub-sub-items
        parent = self.stack[-1]
        child = RawParagraph(self._unique(marker.label, parent.children), marker.style, text, notes=notes)
        parent.children.append(child)
        self.stack.append(child)
        self.last_values[marker.style] = marker.value

    def _chapeau_item(self, text: str, marker: Marker, notes: list[str]) -> bool:
        """A sentence ending in ":" followed by "1. … 2. …" is one paragraph with its items,
        not new top-level paragraphs: "4. Decides the following:" / "1. …" / "2. …" / "5. …"."""
        if not self.stack:
            return False
        top = self.stack[0]
        items = [child for child in top.children if child.style == "digit-item"]
        top_next = int(top.number) + 1 if top.number.isdigit() else None
        if items:
            last = int(items[-1].number) if items[-1].number.isdigit() else 0
            if marker.value != last + 1:
                return False
            if marker.value == top_next and lead_clause(fold(text), self.language) is not None:
                return False  # "2. Requests …" after items 1.: the next paragraph, not item 2
        elif not (marker.value == 1 and top.text.rstrip().endswith(":") and marker.value != top_next):
            return False
        child = RawParagraph(marker.label, "digit-item", text, notes=notes)
        top.children.append(child)
        self.stack = [top, child]
        return True

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


def _operative_formula(blocks: list[str], start: int) -> int | None:
    """Where the operative part must start: the resolving formula ("RESUELVE:"), else the
    first paragraph numbered 1. Before it, nothing is operative (an opening word the lists do
    not know, "Re-emphasizing", "Being gravely concerned", is still preamble)."""
    for index in range(start, len(blocks)):
        if RESOLVING.match(fold(blocks[index])):
            return index
        marker = match_marker(blocks[index])
        if marker is not None and marker.style == "digit" and marker.value == 1:
            return index
    return None


def _untitled_start(blocks: list[str], language: str) -> int:
    """A text with no header we know (a CELAC declaration): the title and place-and-date lines
    before its paragraph 1 are its header, not paragraphs."""
    first = _operative_formula(blocks, 0)
    if first is None or first > 6 or not any(DATE.search(fold(block)) for block in blocks[:first]):
        return 0
    if any(_starts_operative(block, language) for block in blocks[:first]):
        return 0
    return first


def is_closing(block: str) -> bool:
    """The line that ends the operative part (what follows is signatures, footnotes, annexes)."""
    return len(block) <= 120 and bool(CLOSING.match(fold(block).strip()))


def _next_digit(blocks: list[str], index: int) -> Marker | None:
    """The next numbered paragraph after ``index`` (within the next few blocks)."""
    for block in blocks[index + 1 : index + 30]:
        marker = match_marker(block)
        if marker is not None and marker.style == "digit":
            return marker
    return None


class _Preamble(list):
    """The preambular paragraphs, with the footnotes each one calls (``notes``, in step)."""

    def __init__(self):
        super().__init__()
        self.notes: list[list[str]] = []

    def add(self, block: str, notes: list[str]) -> None:
        self.append(" ".join(block.split()))
        self.notes.append(list(notes))

    def add_unknown(self, block: str, notes: list[str]) -> None:
        """A block in the preamble that no list knows: the rest of the paragraph before it when
        it starts as no paragraph does (small letter, digit, bracket: "56/14 of 29 November
        2001,"), else a preambular paragraph of its own."""
        text = " ".join(block.split())
        if self and (text[:1].islower() or text[:1].isdigit() or text[:1] == "("):
            self[-1] = f"{self[-1]} {text}"
            self.notes[-1].extend(notes)
        else:
            self.add(text, notes)


def _between_numbered(builder: _Builder, blocks: list[str], index: int) -> bool:
    paragraphs = builder.section.paragraphs
    if not paragraphs or not paragraphs[-1].number.isdigit() or paragraphs[-1].style != "digit":
        return False
    following = _next_digit(blocks, index)
    return following is not None and following.value == int(paragraphs[-1].number) + 1


def split_structure(blocks: list[str], language: str, notes: list[list[str]] | None = None) -> Structure:
    notes = notes if notes is not None else [[] for _ in blocks]
    start = find_body_start(blocks, language)
    header = parse_header(blocks[:start], "\n".join(blocks[start : start + 400]))
    if not (header.symbol or header.series or header.date or header.original_language or header.body):
        start = _untitled_start(blocks, language)  # else no header at all (pasted paragraphs): all is body
        header = parse_header(blocks[:start], "\n".join(blocks[start : start + 400])) if start else Header()
    elif header.recognised:
        # Unrecognised blocks after the last header line are the first section's headings.
        start = max(header.recognised) + 1
    builder = _Builder(language)
    preamble = _Preamble()
    operative = False
    formula = _operative_formula(blocks, start)
    for index in range(start, len(blocks)):
        block = blocks[index]
        folded = fold(block)
        if RESOLVING.match(folded):
            operative = True
            continue
        marker = match_marker(block, builder.last_values)
        if operative and marker is None and is_closing(block):
            break
        next_marker = match_marker(blocks[index + 1]) if index + 1 < len(blocks) else None
        if not operative and marker is None and next_marker and is_heading(block, language):
            operative = True  # a heading before the first paragraph, even if it reads "Strengthening…"
        if not operative:
            if marker is None and (OPENER.match(folded) or is_preamble_clause(folded, language)):
                preamble.add(block, notes[index])
                continue
            if marker is None and formula is not None and index < formula:
                preamble.add_unknown(block, notes[index])
                continue
            operative = True
        if marker is None and block.split()[0].isupper() and is_preamble_clause(folded, language):
            if not builder.section.paragraphs:
                preamble.add(block, notes[index])  # a section's own preamble (GA omnibus)
                continue
        if index + 1 < len(blocks) and (marker is None or marker.style in ("ROMAN", "LETTER")):
            if is_heading(block, language):
                builder.heading(" ".join(block.split()))
                continue
        if marker is None and _between_numbered(builder, blocks, index):
            builder.continuation(block, notes[index])
            continue
        builder.paragraph(block, marker, notes[index])
    sections = [section for section in builder.sections if section.paragraphs]
    return Structure(header, list(preamble), sections, builder.warnings, preamble.notes)
