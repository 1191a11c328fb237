"""Small text helpers shared by the importer's modules."""

from __future__ import annotations

import unicodedata

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"}
_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " "}
_FOLD_CACHE: dict[str, str] = {}


def _fold_char(char: str) -> str:
    cached = _FOLD_CACHE.get(char)
    if cached is None:
        mapped = _APOSTROPHES.get(char) or _DASHES.get(char) or _SPACES.get(char)
        if mapped is None:
            base = unicodedata.normalize("NFD", char)[0].lower()
            mapped = base[0] if base else char
        cached = mapped
        if len(_FOLD_CACHE) < 20000:  # bounded: random input must not grow it without end
            _FOLD_CACHE[char] = mapped
            _FOLD_TABLE[ord(char)] = mapped
    return cached


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character (C speed after that)."""

    def __missing__(self, code: int) -> str:
        return _fold_char(chr(code))


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case, accents and typographic apostrophes/dashes removed, ONE character out for
    each character in, so that a match in the folded text is a slice of the original."""
    if text.isascii():
        return text.lower().replace("`", "'")  # the only ASCII character folding changes besides case
    return text.translate(_FOLD_TABLE)


def to_roman(value: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    numerals += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = []
    for number, numeral in numerals:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)
