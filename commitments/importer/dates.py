"""Dates written out in English, Spanish, French or Portuguese, read on folded text
(lower case, no accents): "18 mai 2023", "18 de mayo de 2023", "May 18, 2023", "1er juin 2023"."""

from __future__ import annotations

import calendar
import datetime
import re

MONTHS = {
    # en
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # es
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # fr
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # pt
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
}  # fmt: skip
MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
DAY_FIRST = rf"(?P<day>\d{{1,2}})(?:er|o|º|°)?\s(?:de\s)?{MONTH}\s(?:de\s|del\s)?(?P<year>\d{{4}})\b"
MONTH_FIRST = rf"{MONTH}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<year>\d{{4}})\b"
DATE = re.compile(rf"\b(?:{DAY_FIRST}|{MONTH_FIRST.replace('?P<', '?P<m_')}|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))")
MONTH_YEAR = re.compile(rf"\b{MONTH}\s(?:de\s|del\s)?(?P<year>\d{{4}})\b")
# "17 et 18 mai", "13 to 15 June": the second day of a range is not an adoption date.
RANGE_BEFORE = re.compile(r"\d{1,2}\s?(?:et|and|y|e|to|au|al|a|-|\u2013)\s?$")


def date_from_match(match: re.Match) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return datetime.date.fromisoformat(groups["iso"])
        if groups.get("day"):
            return datetime.date(int(groups["year"]), MONTHS[groups["month"]], int(groups["day"]))
        return datetime.date(int(groups["m_year"]), MONTHS[groups["m_month"]], int(groups["m_day"]))
    except (ValueError, KeyError):
        return None


def single_dates(folded: str) -> list[tuple[re.Match, datetime.date]]:
    """Dates in ``folded`` that are not the end of a range."""
    found = []
    for match in DATE.finditer(folded):
        value = date_from_match(match)
        if value and not RANGE_BEFORE.search(folded[max(0, match.start() - 8) : match.start()]):
            found.append((match, value))
    return found


def end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
