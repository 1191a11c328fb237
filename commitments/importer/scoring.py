"""How well the importer reads a corpus of real documents, against what a careful reader says.

A corpus is a folder with the documents and an ``EXPECTED.json`` mapping each file name to:

- ``symbol`` (the exact symbol, ``""`` for none) or ``symbol_part`` (a part the symbol must hold);
- ``operative``: the number of top-level operative paragraphs;
- ``owner_like`` (optional): {paragraph number: a fragment one owner's name must contain};
- ``deadlines`` (optional): {paragraph number: a fragment of the deadline text, or ``""`` for none};
- ``preamble`` (optional): the number of preambular paragraphs, the opening formula ("The
  General Assembly,", "EL CONSEJO PERMANENTE …,") not counted;
- ``no_owner`` (optional): numbers of paragraphs that must have no owner (declaratory ones);
- ``proposed_owner`` (optional): {paragraph number: a fragment of the new owner the parser must
  propose for a body that no alias names}.

``score_document`` parses one file and counts its errors; ``score_corpus`` does every file.
The checks for leaks use their own patterns, not the parser's, so that the score cannot agree
with a parser that is wrong in the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from commitments.importer.errors import ResolutionImportError
from commitments.importer.text import fold

# Page furniture and closing lines that must never be (or sit inside) a mandate's text.
FURNITURE = re.compile(
    r"\b\d{2}-\d{5}\b|\*\d{7}\*|\b\d{7}[A-Z]?\.docx?\b|\b[A-Z]{2}\d{5}[A-Z]\d{2}\b|\bISBN\b"
    r"|\bplenary meeting\b|\bsesion plenaria\b|\bseance pleniere\b|\bsessao plenaria\b|^-{3,}|\[\^\d"
    r"|\bDistr\.: |\bOriginal: "
    # a footnote left as (part of) a paragraph: "3 A/79/88.", "2 See …", "5 Ibid., vol. 2237"
    r"|(?:^|\n)\d{1,2} (?:A/\d|See |Voir |Véase |Ver |Ibid\.|United Nations, Treaty|Resolution \d)",
    re.IGNORECASE,
)
# How preambular paragraphs open, in the four languages (checked on folded text).
PREAMBLE_OPENING = re.compile(
    r"^(?:recalling|reaffirming|recognizing|noting|bearing in mind|mindful|convinced|concerned|aware|welcoming"
    r"|considering|taking note|emphasizing|stressing|affirming|acknowledging|cognizant|expressing|having"
    r"|re-emphasizing|being|encouraged|strongly encouraging|deeply|gravely|guided|determined|underlining"
    r"|considerando|recordando|reafirmando|reconociendo|teniendo en cuenta|tomando nota|preocupad|convencid"
    r"|conscientes? |destacando|reiterando|subrayando|observando|acogiendo"
    r"|rappelant|reaffirmant|reconnaissant|notant|considerant|ayant|prenant note|convaincu|preoccupe|consciente"
    r"|soulignant|accueillant|tenant compte|profondement"
    r"|recordando|reafirmando|reconhecendo|tendo|levando em conta|tomando nota|convencid|preocupad|ciente"
    r"|sublinhando|ressaltando)\b"
)


# "The General Assembly,", "EL CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS,"
OPENING_FORMULA = re.compile(r"^(?:(?:the|la|el|le|a|o) |l')[^,.;:]{3,90},$")


@dataclass
class DocumentScore:
    name: str
    symbol: str = ""
    operative: int | None = None
    expected_operative: int = 0
    symbol_errors: int = 0
    operative_errors: int = 0
    owner_errors: int = 0
    deadline_errors: int = 0
    preamble_errors: int = 0
    leaks: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return not (
            self.symbol_errors
            or self.operative_errors
            or self.owner_errors
            or self.deadline_errors
            or self.preamble_errors
            or self.leaks
        )


def load_expected(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "EXPECTED.json").read_text(encoding="utf-8"))
    return {name: value for name, value in data.items() if not name.startswith("_")}


def _top_level(document):
    return [paragraph for section in document.sections for paragraph in section.paragraphs]


def _leaks(paragraphs) -> list[str]:
    leaks = []
    for paragraph in paragraphs:
        texts = [paragraph.text] + [child.text for child in paragraph.children]
        for text in texts:
            if FURNITURE.search(text) or FURNITURE.search(fold(text)):
                leaks.append(f"furniture in ¶{paragraph.number or '?'}: {text[:70]!r}")
        if not paragraph.number and PREAMBLE_OPENING.match(fold(paragraph.text)):
            leaks.append(f"preamble as mandate: {paragraph.text[:70]!r}")
    return leaks


def score_document(path: Path, expected: dict, parse) -> DocumentScore:
    """``parse(path)`` returns a ``ParsedDocument``; the checks follow ``expected``."""
    score = DocumentScore(path.name, expected_operative=expected["operative"])
    try:
        document = parse(path)
    except ResolutionImportError as error:
        score.operative_errors = score.symbol_errors = 1
        score.notes.append(f"refused: {'; '.join(error.messages)}")
        return score
    score.symbol = document.symbol
    if "symbol" in expected and document.symbol != expected["symbol"]:
        score.symbol_errors = 1
    if "symbol_part" in expected and expected["symbol_part"] not in document.symbol:
        score.symbol_errors = 1
    if score.symbol_errors:
        score.notes.append(f"symbol {document.symbol!r}")
    paragraphs = _top_level(document)
    score.operative = len(paragraphs)
    if score.operative != expected["operative"]:
        score.operative_errors = 1
        score.notes.append(f"{score.operative} operative paragraphs, expected {expected['operative']}")
    numbered = {paragraph.number: paragraph for paragraph in paragraphs}
    for number, fragment in expected.get("owner_like", {}).items():
        paragraph = numbered.get(number)
        names = [owner.name for owner in paragraph.owners] if paragraph else []
        if not any(fragment.lower() in name.lower() for name in names):
            score.owner_errors += 1
            score.notes.append(f"¶{number} owners {names}, expected one like {fragment!r}")
    for number, fragment in expected.get("deadlines", {}).items():
        paragraph = numbered.get(number)
        found = paragraph.deadline_text if paragraph else None
        if found is None or (fragment == "" and found) or (fragment and fragment.lower() not in found.lower()):
            score.deadline_errors += 1
            score.notes.append(f"¶{number} deadline {found!r}, expected {fragment!r}")
    for number in expected.get("no_owner", []):
        paragraph = numbered.get(number)
        if paragraph is None or paragraph.owners:
            score.owner_errors += 1
            score.notes.append(
                f"¶{number} owners {[o.name for o in paragraph.owners] if paragraph else None}, expected none"
            )
    for number, fragment in expected.get("proposed_owner", {}).items():
        paragraph = numbered.get(number)
        proposed = getattr(paragraph, "proposed_owner", "")  # (an importer without proposals scores 0 here)
        if fragment.lower() not in proposed.lower() or not proposed or (paragraph and paragraph.owners):
            score.owner_errors += 1
            score.notes.append(f"¶{number} proposed owner {proposed!r}, expected one like {fragment!r}")
    preamble = [text for text in document.preamble if not OPENING_FORMULA.match(fold(text))]
    if "preamble" in expected and len(preamble) != expected["preamble"]:
        score.preamble_errors = 1
        score.notes.append(f"{len(preamble)} preambular paragraphs, expected {expected['preamble']}")
    leaks = _leaks(paragraphs)
    score.leaks = len(leaks)
    score.notes.extend(leaks)
    return score


def score_corpus(folder: Path, parse, names: list[str] | None = None) -> list[DocumentScore]:
    expected = load_expected(folder)
    chosen = names or sorted(expected)
    return [score_document(folder / name, expected[name], parse) for name in chosen]


COLUMNS = ("operative", "owners", "symbol", "deadlines", "preamble", "leaks")


def report_lines(scores: list[DocumentScore], *, verbose: bool = True) -> list[str]:
    lines = [f"{'document':<44} {'exact':<5} {'ops':>7} " + " ".join(f"{c:>9}" for c in COLUMNS)]
    for score in scores:
        counts = (
            score.operative_errors,
            score.owner_errors,
            score.symbol_errors,
            score.deadline_errors,
            score.preamble_errors,
            score.leaks,
        )
        ops = f"{score.operative if score.operative is not None else '-'}/{score.expected_operative}"
        lines.append(
            f"{score.name:<44} {'yes' if score.exact else 'NO':<5} {ops:>7} " + " ".join(f"{n:>9}" for n in counts)
        )
        if verbose:
            lines.extend(f"    {note}" for note in score.notes[:12])
            if len(score.notes) > 12:
                lines.append(f"    … and {len(score.notes) - 12} more")
    exact = sum(score.exact for score in scores)
    totals = (
        sum(s.operative_errors for s in scores),
        sum(s.owner_errors for s in scores),
        sum(s.symbol_errors for s in scores),
        sum(s.deadline_errors for s in scores),
        sum(s.preamble_errors for s in scores),
        sum(s.leaks for s in scores),
    )
    lines.append(f"{'TOTAL':<44} {exact}/{len(scores):<3} {'':>7} " + " ".join(f"{n:>9}" for n in totals))
    return lines
