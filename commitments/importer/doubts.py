"""The paragraphs of a parse that a careful reader would check first, and why.

Read only, on the parse the preview shows: a body addressed that has no owner yet
(``proposed_owner``, set by the parser), an action with no owner, an unnumbered paragraph that
reads like the preamble ("Recalling …,"), and a piece that looks like the rest of the paragraph
above (broken by a page) or like page furniture.
"""

from __future__ import annotations

import re

from commitments.importer.parse import ParsedDocument
from commitments.importer.text import fold

UNKNOWN_OWNER = "unknown_owner"
NO_OWNER = "no_owner"
PREAMBLE = "preamble"
FRAGMENT = "fragment"
SPLIT = "split"

# Adverbs that may open a preambular paragraph before its participle ("Deeply concerned",
# "Reafirmando además", "Rappelant également"); folded.
_ADVERBS = {"also", "further", "furthermore", "deeply", "gravely", "strongly", "firmly", "fully", "again",
            "profundamente", "gravemente", "firmemente", "ademas", "asimismo", "igualmente", "tambien",
            "profondement", "egalement", "en", "outre", "de", "nouveau", "tambem", "ainda", "novamente"}  # fmt: skip
# Endings of the participles and adjectives that open preambular paragraphs, by language:
# Recalling, Concerned; Recordando, Teniendo, Preocupados; Rappelant, Préoccupés; Reconhecendo, Cientes.
_OPENERS = {
    "en": ("ing", "ed", "aware", "mindful"),
    "es": ("ando", "endo", "ados", "idos", "adas", "idas", "conscientes"),
    "fr": ("ant", "es", "us", "conscients"),
    "pt": ("ando", "endo", "ados", "idos", "adas", "idas", "cientes", "conscientes"),
}
# Endings that close a preambular paragraph: a comma, or "; and" / "; y" / "; et" / "; e".
_PREAMBLE_END = re.compile(r"(,|;\s*(and|y|et|e))\s*\d{0,2}$")
_SENTENCE_END = re.compile(r"[.;:!?,)\]»”\"']\s*\d{0,2}$")
_WORD = re.compile(r"[a-z]+")


def _first_word(folded: str) -> str:
    for word in _WORD.findall(folded[:80]):
        if word not in _ADVERBS:
            return word
    return ""


def reads_like_preamble(text: str, language: str) -> bool:
    folded = fold(text.strip())
    word = _first_word(folded)
    opener = bool(word) and len(word) > 4 and word.endswith(_OPENERS.get(language, ()))
    return opener or bool(_PREAMBLE_END.search(folded))


def looks_like_fragment(text: str, above: str | None) -> bool:
    """A continuation (opens in lower case, with a digit or a bracket, or the paragraph
    above stops mid-sentence) or a scrap (a few words and no full stop)."""
    text = text.strip()
    if not text:
        return True
    if text[0].islower() or text[0].isdigit() or text[0] in "([,;.)-–—":
        return True
    if above is not None and not _SENTENCE_END.search(above.strip()):
        return True
    return len(text.split()) < 4 and not _SENTENCE_END.search(text)


def doubts(document: ParsedDocument) -> list[list[str]]:
    """For each paragraph in ``document.paragraphs()`` order, the reasons to check it."""
    out = []
    above = None
    for _section, parent, paragraph in document.paragraphs():
        reasons = []
        if getattr(paragraph, "proposed_owner", ""):
            reasons.append(UNKNOWN_OWNER)
        elif paragraph.kind == "action" and not paragraph.owners:
            reasons.append(NO_OWNER)
        if paragraph.owner_source == "split":
            reasons.append(SPLIT)
        if not paragraph.number and parent is None and reads_like_preamble(paragraph.text, document.language):
            reasons.append(PREAMBLE)
        if not paragraph.number and looks_like_fragment(paragraph.text, above):
            reasons.append(FRAGMENT)
        out.append(reasons)
        above = paragraph.text
    return out
