"""Which of the four OAS languages a text is in, from words that only one of them uses often."""

from __future__ import annotations

import re

from commitments.importer.text import fold

# Frequent function words, each kept only in the language where it is common and the others
# rarely use it (so "de", "la", "que", "en", "para" are left out).
STOPWORDS = {
    "en": set("the of and to in that for with on by is are this which from be at its as an".split()),
    "es": set("el los las del y por con una se al su sus como es lo mas tambien sobre entre".split()),
    "fr": set("le les des du et pour dans une est au aux sur par qui ces son leur ainsi avec".split()),
    "pt": set("o os do da dos das e em com uma no na nos nas ao pelo pela seu sua nao".split()),
}
WORD = re.compile(r"[a-z]+")


def detect_language(text: str, sample_chars: int = 60000) -> str | None:
    """The language code with the most stopword hits, or None when the text gives too little."""
    scores = dict.fromkeys(STOPWORDS, 0)
    for word in WORD.findall(fold(text[:sample_chars])):
        for language, words in STOPWORDS.items():
            if word in words:
                scores[language] += 1
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None
