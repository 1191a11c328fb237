"""A paragraph's deadline: the last day of the period it names, or, for a deadline tied to a
session ("at its eighty-first session"), the phrase alone with no invented date."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from commitments.importer.dates import DATE, MONTH_YEAR, MONTHS, date_from_match, end_of_month
from commitments.importer.header import ordinal_value
from commitments.importer.text import fold

HALF = re.compile(
    r"\b(?P<which>first|second|1st|2nd|premier|second|deuxieme|1er|primer|segundo|primeiro)"
    r" (?:half|semester|semestre) (?:of |de |del |do |du )?(?:l'annee |el ano |o ano |the year )?(?P<year>\d{4})\b"
)
QUARTER = re.compile(
    r"\b(?P<which>first|second|third|fourth|premier|deuxieme|troisieme|quatrieme|primer|segundo|tercer|cuarto"
    r"|primeiro|terceiro|quarto) (?:quarter|trimestre) (?:of |de |del |do |du )?(?P<year>\d{4})\b"
)
END_OF_YEAR = re.compile(
    r"\b(?:(?:before|by|until|prior to) (?:the )?end of (?:the year )?"
    r"|(?:avant|d'ici(?: a)?|jusqu'a) (?:la )?fin (?:de l'annee |de |d'|du )?"
    r"|(?:antes del?|a|hasta|para) (?:finales|fines|fin|el fin|el final|final) (?:de |del )?(?:ano )?"
    r"|(?:antes do|antes de|ate o|ate ao|ate) ?(?:final|fim) (?:de |do )?(?:ano (?:de )?)?)(?P<year>\d{4})\b"
)
BEFORE_DATE = re.compile(
    r"(?:\bby|\bbefore|\bno later than|\bnot later than|\buntil|\bd'ici(?: au| le| a)?|\bavant(?: le)?"
    r"|\bau plus tard(?: le)?|\bjusqu'au|\ba mas tardar(?: el)?|\bantes del?|\bhasta el|\bate(?: o dia)?"
    r"|\bo mais tardar(?: em| a)?|\bantes de) (?:the )?$"
)
IN_YEAR = re.compile(
    r"\b(?:in|during|en|au cours de(?: l'annee)?|pendant(?: l'annee)?|durante(?: el ano| o ano)?(?: de)?|em"
    r"|no ano de|en el ano|para|pour|for) (?P<year>\d{4})\b(?!-\d)"
)
SESSION = re.compile(
    r"\b(?:at|to|before|by|until|for|during) (?:its|the|their) (?P<en>[a-z]{3,20}(?:-[a-z]{3,20})?) "
    r"(?:regular |special |ordinary )?session\b"
    r"|\b(?:a|lors de|avant|pour|jusqu'a) (?:sa|la|leur) (?P<fr>[a-z]{3,20}(?:-[a-z]{3,20}){0,3}) "
    r"(?:session|reunion)(?: ordinaire| extraordinaire)?\b"
    r"|\b(?:en|antes de|para|hasta) (?:su|el|la) (?P<es>[a-z]{3,20}(?: [a-z]{3,20})?) "
    r"(?:periodo (?:ordinario |extraordinario )?de sesiones|sesion ordinaria|reunion)\b"
    r"|\b(?:em|no|na|antes d[oa]|ate) (?:seu|sua|o|a) (?P<pt>[a-z]{3,20}(?: [a-z]{3,20})?) "
    r"(?:periodo (?:ordinario |extraordinario )?de sessoes|sessao ordinaria|sessao|reuniao)\b"
    # "include in the provisional agenda of its eighty-first session": due by that session.
    r"|\bagenda of (?:its|the|their) (?P<en_agenda>[a-z]{3,20}(?:-[a-z]{3,20})?) session\b"
    r"|\bordre du jour (?:provisoire )?de (?:sa|la|leur) (?P<fr_agenda>[a-z]{3,20}(?:-[a-z]{3,20}){0,3}) session\b"
    r"|\bprograma (?:provisional )?de (?:su|el|la) (?P<es_agenda>[a-z]{3,20}(?: [a-z]{3,20})?) periodo de sesiones\b"
    r"|\b(?:agenda|pauta) (?:provisoria )?d[ae] (?:sua|seu|a|o) (?P<pt_agenda>[a-z]{3,20}(?: [a-z]{3,20})?) "
    r"(?:sessao|periodo de sessoes)\b"
)
SESSION_GROUPS = ("en", "fr", "es", "pt", "en_agenda", "fr_agenda", "es_agenda", "pt_agenda")
# A session or a year in a clause about the past is history, not a deadline: "the programme
# adopted at its tenth special session", "la Convención aprobada en 1995", "tenue en 1995".
HISTORICAL = re.compile(
    r"\b(?:adopted|taken|held|convened|approved|established|agreed|launched|signed|created|endorsed"
    r"|aprobad[oa]s?|adoptad[oa]s?|celebrad[oa]s?|realizad[oa]s?|suscrit[oa]s?|firmad[oa]s?|cread[oa]s?"
    r"|adoptee?s?|approuvee?s?|tenue?s?|prises?|signee?s?|creee?s?|lancee?s?"
    r"|aprovad[oa]s?|adotad[oa]s?|realizad[oa]s?|assinad[oa]s?|criad[oa]s?)\b[^,;:.]{0,60}$"
)
NEXT_WORDS = {"next", "following", "forthcoming", "prochaine", "proximo", "proxima", "siguiente", "seguinte"}
FIRST_HALF = {"first", "1st", "premier", "1er", "primer", "primeiro"}
QUARTERS = {
    "first": 3, "premier": 3, "primer": 3, "primeiro": 3, "second": 6, "deuxieme": 6, "segundo": 6,
    "third": 9, "troisieme": 9, "tercer": 9, "terceiro": 9, "fourth": 12, "quatrieme": 12, "cuarto": 12,
    "quarto": 12,
}  # fmt: skip


@dataclass(frozen=True)
class Deadline:
    date: datetime.date | None
    text: str


def _year_ok(year: int, since: int | None) -> bool:
    return 1950 <= year <= 2150 and (since is None or year >= since)


def find_deadline(text: str, *, since_year: int | None = None) -> Deadline | None:
    """The first dated deadline in ``text``; else the first session-tied one. Years before
    ``since_year`` (the adoption year) are history, not deadlines."""
    folded = fold(text)
    dated: list[tuple[int, int, datetime.date]] = []
    for found in HALF.finditer(folded):
        year = int(found.group("year"))
        if _year_ok(year, since_year):
            month = 6 if found.group("which") in FIRST_HALF else 12
            dated.append((found.start(), found.end(), end_of_month(year, month)))
    for found in QUARTER.finditer(folded):
        year = int(found.group("year"))
        if _year_ok(year, since_year):
            dated.append((found.start(), found.end(), end_of_month(year, QUARTERS[found.group("which")])))
    for found in END_OF_YEAR.finditer(folded):
        year = int(found.group("year"))
        if _year_ok(year, since_year):
            dated.append((found.start(), found.end(), datetime.date(year, 12, 31)))
    for found in DATE.finditer(folded):
        value = date_from_match(found)
        before = BEFORE_DATE.search(folded[max(0, found.start() - 24) : found.start()])
        if value and before and _year_ok(value.year, since_year):
            dated.append((found.start() - len(before.group(0)), found.end(), value))
    for found in MONTH_YEAR.finditer(folded):
        before = BEFORE_DATE.search(folded[max(0, found.start() - 24) : found.start()])
        year = int(found.group("year"))
        if before and _year_ok(year, since_year):
            start = found.start() - len(before.group(0))
            dated.append((start, found.end(), end_of_month(year, MONTHS[found.group("month")])))
    for found in IN_YEAR.finditer(folded):
        year = int(found.group("year"))
        if _historical(folded, found.start()):
            continue
        if _year_ok(year, since_year) and not _inside(found.start(), dated):
            dated.append((found.start(), found.end(), datetime.date(year, 12, 31)))
    if dated:
        start, end, value = min(dated, key=lambda item: (item[0], -item[1]))
        return Deadline(value, text[start:end].strip())
    for found in SESSION.finditer(folded):
        if _historical(folded, found.start()):
            continue
        which = next(found.group(name) for name in SESSION_GROUPS if found.group(name))
        if which.split()[0] in NEXT_WORDS or ordinal_value(which) is not None:
            return Deadline(None, text[found.start() : found.end()])
    return None


def _historical(folded: str, position: int) -> bool:
    return bool(HISTORICAL.search(folded[max(0, position - 80) : position]))


def _inside(position: int, spans: list[tuple[int, int, datetime.date]]) -> bool:
    return any(start <= position < end for start, end, _ in spans)
