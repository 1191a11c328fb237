"""The document's header: symbol, series, body, session, place, date, original language, title.

Works on folded text so that "SESIÓN", "Sesion" and "sesión" read alike; returns the
original spelling of what it keeps.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from commitments.importer.dates import single_dates
from commitments.importer.markers import roman_value
from commitments.importer.text import fold

SYMBOLS = [
    # (pattern on the original text, body it implies)
    (r"AG/RES\.\s?\d{1,4}\s?\([IVXLCDM]{1,8}-[OE]/\d{2}\)", "General Assembly"),
    (r"AG/DEC\.\s?\d{1,4}\s?\([IVXLCDM]{1,8}-[OE]/\d{2}\)", "General Assembly"),
    (r"CP/RES\.\s?\d{1,4}\s?\(\d{1,4}/\d{2}\)", "Permanent Council"),
    (r"A/RES/(?:ES-\d{1,2}/)?\d{1,3}/\d{1,4}", "United Nations General Assembly"),
    # Draft resolutions: plenary "A/L.632", "A/80/L.12"; a Main Committee's "A/C.1/80/L.5".
    (r"\bA/(?:C\.\d/)?(?:\d{1,3}/)?L\.\d{1,4}(?:/Rev\.\d{1,2})?", "United Nations General Assembly"),
    (r"S/RES/\d{1,5}\s?\(\d{4}\)", "United Nations Security Council"),
    (r"CICTE/(?:doc|RES|DEC|INF)\.\s?\d{1,3}/\d{2}(?:\s?(?:rev|corr|add)\.\s?\d{1,2}){0,3}", "CICTE"),
    (r"(?:AG|CP)(?:/[A-Z]{2,8}){0,3}/doc\.\s?\d{1,5}/\d{2}(?:\s?(?:rev|corr|add)\.\s?\d{1,2}){0,3}", ""),
]
SYMBOL_PATTERNS = [(re.compile(pattern, re.IGNORECASE), body) for pattern, body in SYMBOLS]
SERIES = re.compile(r"OEA/Ser\.[A-Z](?:/[A-Za-z0-9.\-]{1,20}){0,4}")
ORIGINAL = re.compile(r"\boriginal\s?:\s?([a-z]+)")
LANGUAGE_NAMES = {
    "en": {"english", "ingles", "anglais"},
    "es": {"spanish", "espanol", "espagnol", "espanhol", "castellano"},
    "fr": {"french", "frances", "francais"},
    "pt": {"portuguese", "portugues", "portugais"},
}
ADOPTION_NOTE = re.compile(
    r"^\(?\s?(?:approved|adopted|approuve|adopte|aprobad|aprovad|adoptad)[a-z]{0,3}\b|"
    r"^resolution adopted by|^resolucion aprobada por|^resolution adoptee par|^resolucao adotada pel"
)
SESSION_WORDS = re.compile(
    r"\b(?:regular|special|ordinary)\s(?:session|meeting)\b|\bsession\s(?:ordinaire|extraordinaire)\b"
    r"|\bperiodo\s(?:ordinario|extraordinario)\sde\ses[si]o[en]s?\b|\b\w+\ssession\b"
)
HEADER_NOISE = re.compile(
    r"^(?:distr\.|agenda item|tema|point|item|original\b|\[on the report|\[sobre la base|\[sur la base)"
)
BODIES = {
    "cicte": [
        "inter-american committee against terrorism",
        "comite interamericano contra el terrorismo",
        "comite interamericain contre le terrorisme",
        "comite interamericano contra o terrorismo",
    ],
    "General Assembly": ["general assembly", "asamblea general", "assemblee generale", "assembleia geral"],
    "Permanent Council": ["permanent council", "consejo permanente", "conseil permanent", "conselho permanente"],
    "United Nations": ["united nations", "naciones unidas", "nations unies", "nacoes unidas"],
    "OAS": [
        "organization of american states",
        "organizacion de los estados americanos",
        "organisation des etats americains",
        "organizacao dos estados americanos",
    ],
}
UN_TITLE = re.compile(r"^\d{1,3}/\d{1,4}\.\s?(.+)$")
UN_NUMBER = re.compile(r"^((?:ES-\d{1,2}/)?\d{1,3})/(\d{1,4})\.\s")

UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
    "premier": 1, "premiere": 1, "unieme": 1, "deuxieme": 2, "troisieme": 3, "quatrieme": 4,
    "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9, "dixieme": 10,
    "onzieme": 11, "douzieme": 12, "treizieme": 13, "quatorzieme": 14, "quinzieme": 15, "seizieme": 16,
    "vingtieme": 20, "trentieme": 30, "quarantieme": 40, "cinquantieme": 50, "soixantieme": 60,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "dix": 10,
    "primer": 1, "primero": 1, "primera": 1, "primeiro": 1, "segundo": 2, "segunda": 2, "tercer": 3,
    "tercero": 3, "tercera": 3, "terceiro": 3, "cuarto": 4, "cuarta": 4, "quarto": 4, "quinto": 5,
    "quinta": 5, "sexto": 6, "sexta": 6, "septimo": 7, "setimo": 7, "octavo": 8, "oitavo": 8,
    "noveno": 9, "nono": 9, "decimo": 10, "undecimo": 11, "duodecimo": 12, "vigesimo": 20,
    "vigesima": 20, "trigesimo": 30, "cuadragesimo": 40, "quadragesimo": 40, "quincuagesimo": 50,
    "quinquagesimo": 50, "sexagesimo": 60, "septuagesimo": 70, "septuagesima": 70, "octogesimo": 80,
    "nonagesimo": 90,
    # feminine forms (Portuguese "sessão", Spanish "reunión"): "octogésima primeira sessão"
    "primeira": 1, "terceira": 3, "setima": 7, "septima": 7, "oitava": 8, "octava": 8, "nona": 9,
    "novena": 9, "decima": 10, "trigesima": 30, "quadragesima": 40, "cuadragesima": 40,
    "quinquagesima": 50, "quincuagesima": 50, "sexagesima": 60, "octogesima": 80, "nonagesima": 90,
}  # fmt: skip
ORDINAL_RUN = re.compile(r"\b[a-z]{3,14}(?:[\s-][a-z]{3,14}){0,3}\s(?=(?:regular|special|session|periodo|sessao)\b)")


@dataclass
class Header:
    symbol: str = ""
    series: str = ""
    body: str = ""
    session: int | None = None
    place: str = ""
    date: datetime.date | None = None
    original_language: str = ""
    title: str = ""
    recognised: set[int] = field(default_factory=set)  # indexes of header blocks used


def canonical_symbol(symbol: str) -> str:
    symbol = re.sub(r"\s+", " ", symbol.strip())
    symbol = re.sub(r"(?i)\b(rev|corr|add)\.\s?(\d)", lambda m: f"{m.group(1).lower()}. {m.group(2)}", symbol)
    return re.sub(r"(?i)^(AG/RES|AG/DEC|CP/RES)\.\s?", lambda m: f"{m.group(1).upper()}. ", symbol)


def ordinal_value(words: str) -> int | None:
    total = 0
    for word in re.split(r"[\s-]", words):
        if word in UNITS:
            total += UNITS[word]
        elif total:
            return None
    return total or None


def find_symbol(text: str) -> tuple[str, str]:
    for pattern, body in SYMBOL_PATTERNS:
        found = pattern.search(text)
        if found:
            return canonical_symbol(found.group(0)), body
    return "", ""


def parse_header(blocks: list[str], body_text: str = "") -> Header:
    header = Header()
    lines = [block.replace("\t", " ") for block in blocks]
    folded = [fold(line) for line in lines]
    for pattern, implied_body in SYMBOL_PATTERNS:  # the most specific pattern wins, wherever it is
        index, found = next(((i, m) for i, line in enumerate(lines) if (m := pattern.search(line))), (None, None))
        if found:
            header.symbol, header.body = canonical_symbol(found.group(0)), implied_body
            break
    for index, line in enumerate(lines):
        if find_symbol(line)[0]:
            header.recognised.add(index)
        series = SERIES.search(line)
        if series and not header.series:
            header.series = series.group(0).rstrip(".")
            header.recognised.add(index)
        original = ORIGINAL.search(folded[index])
        if original:
            header.recognised.add(index)
            header.original_language = next(
                (code for code, names in LANGUAGE_NAMES.items() if original.group(1) in names), ""
            )
        if SESSION_WORDS.search(folded[index]) or HEADER_NOISE.match(folded[index]):
            header.recognised.add(index)
            if header.session is None:
                header.session = _session_from_words(folded[index])
    _read_body(header, folded)
    _read_un_title_symbol(header, lines)
    _read_session(header)
    _read_place_and_date(header, lines, folded)
    header.title = _title(lines, folded, header, body_text)
    return header


def _read_body(header: Header, folded: list[str]) -> None:
    for index, line in enumerate(folded):
        bare = re.sub(r"\s?\(.{1,12}\)$", "", line).strip(" ,:")
        for name, variants in BODIES.items():
            if bare in variants or bare.startswith(tuple(f"{v} " for v in variants)) and len(bare) < 60:
                header.recognised.add(index)
                if not header.body and name != "OAS":
                    header.body = "CICTE" if name == "cicte" else name
                if name == "United Nations" and header.body in ("", "General Assembly"):
                    header.body = "United Nations General Assembly"


def _read_un_title_symbol(header: Header, lines: list[str]) -> None:
    """An adopted UN resolution carries its number only in its title line, "80/57. <title>",
    under "United Nations": that is resolution A/RES/80/57 (a draft symbol gives way to it)."""
    if not header.body.startswith("United Nations") or header.symbol.startswith(("A/RES/", "S/RES/")):
        return
    for line in lines:
        found = UN_NUMBER.match(line.strip())
        if found:
            header.symbol = f"A/RES/{found.group(1)}/{found.group(2)}"
            header.body = "United Nations General Assembly"
            return


def _session_from_words(line: str) -> int | None:
    numeric = re.search(r"\b(\d{1,3})\s?(?:st|nd|rd|th|e|er|eme|o|a|º|ª)?\s(?:regular|special|session|periodo)", line)
    if numeric:
        return int(numeric.group(1))
    run = ORDINAL_RUN.search(line)
    return ordinal_value(run.group(0).strip()) if run else None


def _read_session(header: Header) -> None:
    symbol = header.symbol
    roman = re.search(r"\(([IVXLCDM]{1,8})-[OE]/", symbol)
    un = re.match(r"A/RES/(\d{1,3})/", symbol)
    series = re.search(r"X\.2\.(\d{1,3})$", header.series)
    if series:
        header.session = int(series.group(1))
    elif roman:
        header.session = roman_value(roman.group(1).lower())
    elif un:
        header.session = int(un.group(1))


def _read_place_and_date(header: Header, lines: list[str], folded: list[str]) -> None:
    """The adoption note's date first; else a "Place  date" line; else the first single date."""
    for index, line in enumerate(folded):
        if ADOPTION_NOTE.search(line):
            header.recognised.add(index)
            dates = single_dates(line)
            if dates:
                header.date = dates[-1][1]
    for index, line in enumerate(folded):
        dates = single_dates(line)
        if not dates:
            continue
        match, value = dates[0]
        before = lines[index][: match.start()].strip(" ,\t")
        if before and not any(c.isdigit() for c in before) and len(before) <= 60 and not header.place:
            # "General Assembly Distr.: General 5 December 2025" is a distribution date, not a place.
            clean = not SESSION_WORDS.search(fold(before)) and "distr" not in fold(before)
            if clean and not ADOPTION_NOTE.search(folded[index]):
                header.place = before
                header.date = header.date or value
                header.recognised.add(index)
        if header.date is None:
            header.date = value
        if line.strip() == match.group(0).strip() or index in header.recognised:
            header.recognised.add(index)


def _title(lines: list[str], folded: list[str], header: Header, body_text: str) -> str:
    for index, line in enumerate(lines):
        found = UN_TITLE.match(line.strip())
        if found:
            header.recognised.add(index)
            return found.group(1).strip()
    note = next((index for index, line in enumerate(folded) if ADOPTION_NOTE.search(line)), None)
    candidates = [
        index
        for index, line in enumerate(lines)
        if index not in header.recognised
        and not find_symbol(line)[0]
        and not single_dates(folded[index])
        and len(line) > 3
        and any(c.isalpha() for c in line)
    ]
    if not candidates:
        return ""
    if note is not None and note - 1 in candidates:
        run = [note - 1]
        while run[0] - 1 in candidates:
            run.insert(0, run[0] - 1)
    else:
        run = [candidates[0]]
        while run[-1] + 1 in candidates:
            run.append(run[-1] + 1)
    title = " ".join(lines[index].strip() for index in run)
    header.recognised.update(run)
    return sentence_case(title, body_text) if is_upper(title) else title


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def sentence_case(text: str, body_text: str = "") -> str:
    """An all-capitals title in sentence case, keeping acronyms and proper nouns as the body's
    sentences write them ("CICTE", "Amériques"), and a leading "I." or "A." as it is."""
    # Only sentences count: capitals headings and a paragraph's opening words ("RECALLING") do not.
    sentences = "\n".join(
        " ".join(line.split()[2:]) for line in body_text[:200000].split("\n") if line.strip() and not is_upper(line)
    )
    upper: dict[str, str] = {}
    votes: dict[str, int] = {}
    for found in re.finditer(r"[^\W\d_]+", sentences):
        word, key = found.group(0), found.group(0).lower()
        if word.isupper() and len(word) > 1:
            upper[key] = word
        elif word[:1].isupper() and found.start() > 1 and sentences[found.start() - 2] not in ".:;!?\n":
            upper.setdefault(key, word)
            votes[key] = votes.get(key, 0) + 1
        elif word.islower():
            votes[key] = votes.get(key, 0) - 1
    marker = re.match(r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,2})[.)]\s", text)
    prefix, text = (marker.group(0), text[marker.end() :]) if marker else ("", text)
    pieces = []
    for word in re.split(r"([^\W_]+)", text.lower()):
        if word in upper and (upper[word].isupper() or votes.get(word, 0) > 0):
            word = upper[word]
        pieces.append(word)
    result = "".join(pieces)
    return prefix + result[:1].upper() + result[1:]
