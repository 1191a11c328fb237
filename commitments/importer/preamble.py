"""How a preambular paragraph opens, in the four languages, without knowing the text's language
yet: used to rebuild paragraphs from PDF lines, where nothing but the opening word says that a
new preambular paragraph starts ("…Sustainable Development,1" / "Being gravely concerned …")."""

from __future__ import annotations

import re

from commitments.importer.text import fold

# Participles and adjectives that open preambular paragraphs; with -ing/-ando/-endo/-ant
# participles of any verb.
OPENING_WORDS = set(
    """
    aware convinced concerned deeply mindful alarmed determined conscious guided seriously gravely fully
    cognizant desirous being encouraged strongly re bearing noting recalling having
    visto vistos consciente conscientes convencida convencido preocupada preocupado profundamente decidida
    alentada alentado habiendo seriamente firmemente gravemente reconociendo teniendo
    vu compte convaincue convaincu preoccupee profondement resolue soucieuse encouragee encourage ayant
    gravement vivement fermement
    ciente encorajada incentivada tendo
    """.split()
)
PARTICIPLE = re.compile(r"^[a-z]{3,}(?:ing|ando|endo|iendo|indo|ant)$")
FIRST = re.compile(r"[a-z]+")


def opens_preamble(line: str) -> bool:
    """``line`` starts with a capitalised word that opens preambular paragraphs."""
    if not line[:1].isupper():
        return False
    word = FIRST.match(fold(line))
    return bool(word) and (word.group(0) in OPENING_WORDS or bool(PARTICIPLE.match(word.group(0))))
