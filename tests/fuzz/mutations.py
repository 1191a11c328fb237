"""Seeded mutations of .txt, .docx and .pdf files for fuzzing the importer.

``case(rng, kind)`` returns one (file name, bytes); the same ``random.Random`` seed gives the
same file, so a crash found by ``tests/fuzz/fuzz_importer.py`` replays with ``--case N``.
Mutations aim where the importer has broken before: the whole text (not only its first
20,000 characters), encodings, control characters and lone surrogates, Word's numbering and
XML, PDF text operators, fonts and cross-reference tables.
"""

from __future__ import annotations

import functools
import io
import random
import re
import zipfile
from pathlib import Path

from tests.fuzz import samples

DATA = Path(__file__).resolve().parents[1] / "data"
FRAGMENTS = [
    "1. ", "a. ", "ii. ", "(b) ", "\n", "\n\n", "\t", "\f", "\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85",
    "\u2028", "\ud800", "\udfff", "\ud83d\ude00", "\ufeff", "\ufffd", "\u200b", "\u202e", "é", "’", "ﬁ",
    "De demander au ", "SSM", "Secrétariat du CICTE", "To request the ", "Requests the Conference on Disarmament ",
    "RESOLVES:", "RESUELVE:", "The General Assembly,", "Recalling ", "en 2024", "by 15 April 2025",
    "[bookmark: x]", "[image: y]", "- 2 -", "_____", "---", "1 A/80/237.", "52nd plenary meeting",
    "CICTE/doc.6/23 rev. 2", "A/RES/80/57", "OEA/Ser.L/X.2.23", "Original: espagnol", "estra-\ntégias",
    "9" * 40, "a" * 300, ",,,,;;;;", "%PDF", "PK\x03\x04", "<w:t>", "&#0;", "]]>",
]  # fmt: skip
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SURROGATE_BYTES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\x80", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]


@functools.cache
def seed_texts() -> tuple[str, ...]:
    texts = [samples.seed_text()]
    for folder in (DATA / "resolutions", DATA / "real"):
        texts += [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))]
    # Long texts cost time without finding more: the first 40,000 characters of each.
    return tuple(text[:40_000] for text in texts)


@functools.cache
def seed_files(kind: str) -> tuple[bytes, ...]:
    """Well-formed files of ``kind`` to mutate: made from the seed texts, plus the corpus's."""
    texts = seed_texts()
    if kind == "docx":
        made = [samples.docx_of(texts[0], numbered=True), samples.docx_of(texts[0]), samples.docx_of(texts[1])]
    elif kind == "pdf":
        made = [samples.pdf_of(texts[0]), samples.pdf_of(texts[1]), samples.pdf_with_lone_surrogates(texts[0])]
    else:
        return tuple(text.encode() for text in texts)
    found = sorted((DATA / "real").glob(f"*.{kind}"))[:6]
    return tuple(made + [path.read_bytes() for path in found])


def mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 12)):
        position = rng.randint(0, len(text))
        choice = rng.random()
        if choice < 0.45:
            text = text[:position] + rng.choice(FRAGMENTS) + text[position:]
        elif choice < 0.6:
            text = text[:position] + text[position + rng.randint(1, 400) :]
        elif choice < 0.7:
            start = rng.randint(0, len(text))
            text = text[:position] + text[start : start + rng.randint(1, 2000)] + text[position:]
        elif choice < 0.8:
            text = text[:position] + "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 20))) + text
        elif choice < 0.88:  # far past the binary check's sample
            text = text + " " * rng.randint(20_000, 30_000) + rng.choice(["\x00", "\ud800", "\x01\x02\x03"]) + " fin."
        elif choice < 0.94:
            text = text.upper() if rng.random() < 0.5 else text.replace("\n", rng.choice(["\r\n", "\r", " ", "\n\n\n"]))
        elif len(text) < 20_000:
            text = text * rng.randint(2, 6)
    return text


def encode(text: str, rng: random.Random) -> bytes:
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
    return text.encode(encoding, "surrogatepass" if "utf" in encoding else "replace")


def mutate_bytes(data: bytes, rng: random.Random, start: int = 0) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        if not data:
            break
        position = rng.randint(min(start, len(data) - 1), len(data) - 1)
        choice = rng.random()
        if choice < 0.35:
            data[position] = rng.randint(0, 255)
        elif choice < 0.55:
            noise = bytes(rng.randint(0, 255) for _ in range(8))
            data[position:position] = rng.choice([*SURROGATE_BYTES, b"\x00", noise])
        elif choice < 0.7:
            del data[position : position + rng.randint(1, 64)]
        elif choice < 0.8:
            data[position:position] = data[position : position + rng.randint(1, 512)]
        elif choice < 0.9:
            digits = re.finditer(rb"\d+", bytes(data[position : position + 200]))
            for match in list(digits)[:1]:  # a number in a header, an offset, a length
                replacement = rng.choice([b"0", b"-1", b"99999999999999999999", b"2147483648", b"1e308"])
                data[position + match.start() : position + match.end()] = replacement
        else:
            del data[position:]
    return bytes(data)


DOCX_TAMPERING = [
    (rb'w:ilvl w:val="\d+"', [b'w:ilvl w:val="-1"', b'w:ilvl w:val="99999999999"', b'w:ilvl w:val="x"']),
    (rb'w:numId w:val="\d+"', [b'w:numId w:val=""', b'w:numId w:val="0"', b'w:numId w:val="999"']),
    (rb'w:start w:val="\d+"', [b'w:start w:val="-5"', b'w:start w:val="0"', b'w:start w:val="1e9"']),
    (rb'w:numFmt w:val="\w+"', [b'w:numFmt w:val="lowerRoman"', b'w:numFmt w:val="bullet"', b'w:numFmt w:val="?"']),
    (rb'w:lvlText w:val="[^"]*"', [b'w:lvlText w:val="%9.%1"', b'w:lvlText w:val=""', b'w:lvlText w:val="%1%1%1"']),
]


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.2:
        return mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = rng.choice(["word/document.xml"] * 4 + [n for n in parts if n.endswith(".xml")])
    xml = parts.get(name, b"")
    choice = rng.random()
    if choice < 0.4 and name == "word/document.xml":
        texts = list(re.finditer(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
        for match in rng.sample(texts, min(len(texts), rng.randint(1, 6))):
            piece = mutate_text(match.group(1).decode("utf-8", "replace"), rng)
            piece = piece.replace("&", "&amp;").replace("<", "&lt;") if rng.random() < 0.8 else piece
            xml = xml.replace(match.group(0), b"<w:t>" + piece.encode("utf-8", "surrogatepass") + b"</w:t>", 1)
    elif choice < 0.7:
        for pattern, replacements in rng.sample(DOCX_TAMPERING, rng.randint(1, len(DOCX_TAMPERING))):
            xml = re.sub(pattern, lambda _m, r=replacements: rng.choice(r), xml)
    elif choice < 0.8:
        numbered = b'<w:p><w:pPr><w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        xml = xml.replace(b"<w:p>", numbered)
    elif choice < 0.9:
        parts.pop(rng.choice(list(parts)), None)
    else:
        xml = mutate_bytes(xml, rng)
    if name in parts or choice >= 0.9:
        parts[name] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    choice = rng.random()
    if choice < 0.4:  # in the text operators and fonts of an uncompressed file
        start = data.find(b"stream")
        return mutate_bytes(data, rng, start=max(start, 0))
    if choice < 0.55:
        text = rng.choice(FRAGMENTS).encode("utf-8", "surrogatepass")
        count = rng.randint(1, 20)
        return re.sub(rb"\((.{1,40}?)\) ?'", lambda m: b"(" + text + m.group(1) + b") '", data, count=count)
    if choice < 0.7:
        return re.sub(rb"/(Length|Count|Size|W|Widths|FirstChar) \d+", lambda m: m.group(0)[:-1] + b"9999999", data)
    return mutate_bytes(data, rng)


def case(rng: random.Random, kind: str) -> tuple[str, bytes]:
    """One mutated file of ``kind`` ("txt", "docx" or "pdf")."""
    if kind == "txt":
        text = mutate_text(rng.choice(seed_texts()), rng)
        data = encode(text, rng)
        return "fuzz.txt", mutate_bytes(data, rng) if rng.random() < 0.3 else data
    if kind == "docx":
        if rng.random() < 0.3:
            text = mutate_text(rng.choice(seed_texts())[:30_000], rng)
            return "fuzz.docx", samples.docx_of(NOT_IN_XML.sub("", text))  # python-docx writes only valid XML
        return "fuzz.docx", mutate_docx(rng.choice(seed_files("docx")), rng)
    files = seed_files("pdf")
    made = files[:3] if rng.random() < 0.75 else files  # the corpus's PDFs are slow to read: a quarter
    return "fuzz.pdf", mutate_pdf(rng.choice(made), rng)
