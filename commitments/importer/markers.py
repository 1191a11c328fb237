"""Paragraph markers: "4.", "a.", "(b)", "iii.", "IV." and which list each belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from commitments.importer.text import to_roman

# The marker, then a space, or directly an upper-case letter or a quote ("1.De …").
MARKER = re.compile(
    r"^[ \t]*(?:\((?P<paren>[a-z]{1,5}|\d{1,3})\)|(?P<bare>\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,7})[.)])"
    r"(?:[ \t]+|(?=[A-ZÀ-ÖØ-Ý«\"“]))"
)
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class Marker:
    label: str  # as written, without punctuation: "4", "a", "iii", "IV"
    style: str  # "digit", "letter", "roman", "LETTER", "ROMAN", each with "()" prefix when parenthesised
    value: int
    end: int  # where the paragraph text starts


def roman_value(text: str) -> int | None:
    text = text.lower()
    if not text or any(c not in ROMAN_VALUES for c in text):
        return None
    total = 0
    for index, char in enumerate(text):
        value = ROMAN_VALUES[char]
        if index + 1 < len(text) and ROMAN_VALUES[text[index + 1]] > value:
            total -= value
        else:
            total += value
    return total if to_roman(total) == text else None


def match_marker(line: str, previous: dict[str, int] | None = None) -> Marker | None:
    """The marker opening ``line``. ``previous`` maps list styles to their last value, which
    settles "i" (the letter after "h", or roman one) and "v", "x", "c"… the same way."""
    found = MARKER.match(line)
    if not found:
        return None
    previous = previous or {}
    raw = found.group("paren") or found.group("bare")
    prefix = "()" if found.group("paren") else ""
    if raw.isdigit():
        return Marker(raw, prefix + "digit", int(raw), found.end())
    upper = raw.isupper()
    roman = roman_value(raw)
    letter_style = prefix + ("LETTER" if upper else "letter")
    roman_style = prefix + ("ROMAN" if upper else "roman")
    if len(raw) == 1:
        letter = ord(raw.lower()) - ord("a") + 1
        expects_roman = roman is not None and previous.get(roman_style, 0) + 1 == roman
        expects_letter = previous.get(letter_style, 0) + 1 == letter
        if roman is not None and (expects_roman or (raw.lower() == "i" and not expects_letter)):
            return Marker(raw, roman_style, roman, found.end())
        return Marker(raw, letter_style, letter, found.end())
    if roman is None:
        return None
    return Marker(raw, roman_style, roman, found.end())
