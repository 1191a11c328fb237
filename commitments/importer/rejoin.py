"""Paragraphs rebuilt from blocks that a page, a footnote or a wrap cut in two, and words that
pypdf cut in two. Each step is one small function, with the real layout that needs it."""

from __future__ import annotations

import re
from collections import Counter

from commitments.importer.header import ADOPTION_NOTE, is_upper
from commitments.importer.markers import match_marker
from commitments.importer.preamble import opens_preamble
from commitments.importer.text import fold

WORD = re.compile(r"[^\W\d_]+")
ENDS_SENTENCE = (".", ";", ":", "!", "?")


def rejoin_blocks(blocks: list[str]) -> list[str]:
    """Every block-level rejoining step, in order."""
    return join_split_openers(join_page_broken(blocks))


def _continues(previous: str, block: str) -> bool:
    """``block`` is the second half of ``previous``.

    CP/RES. 953 as layout text: "3. Declarar que … de esta ruptura" / (page) / "inconstitucional.";
    UN 80/58: "…, resulting" / (footnote "1 A/80/237.") / "from developments …"; wrapped adoption
    notes: "(Aprobada en la sesión plenaria celebrada el 1 de junio de 2011" / "y sujeta a …)";
    a preambular paragraph broken by a page: "… resolutions 55/25 of 15 November 2000 and" /
    "56/14 of 29 November 2001,"."""
    if not previous or previous.endswith(ENDS_SENTENCE) or "\t" in previous + block:
        return False
    if match_marker(block) is not None or ADOPTION_NOTE.search(fold(block[:40])):
        return False
    first = block[:1]
    if first.islower():
        return True
    if first.isupper() and _broken_before_a_name(previous, block):
        return True
    # A digit or a bracket opens a continuation only after a word or a comma, never after a
    # capitals heading ("SITUACIÓN ACTUAL EN HONDURAS" / "(Aprobada en sesión …)").
    ends_mid = previous[-1:].islower() or previous.endswith(",")
    return (first.isdigit() or first == "(") and ends_mid and not is_upper(previous)


def _broken_before_a_name(previous: str, block: str) -> bool:
    """UN 80/57: "… Lethal Autonomous Weapons" / (page) / "Systems, established under …": a long
    paragraph ending on a bare word goes on, even with a capital, unless the next block opens a
    paragraph of its own (a preambular opener, a capitals heading)."""
    return (
        len(previous) >= 80
        and previous[-1:].isalpha()
        and not is_upper(previous)
        and not is_upper(block)
        and (len(block) >= 40 or previous.rsplit(" ", 1)[-1].islower())  # "… the views of" / "Member States;"
        and not opens_preamble(block)
    )


def join_page_broken(blocks: list[str]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            out[-1] = f"{out[-1]} {block}"
        else:
            out.append(block)
    return out


def join_split_openers(blocks: list[str]) -> list[str]:
    """An opening formula in capitals wrapped over two lines of layout text:
    "EL CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS" / "AMERICANOS,"."""
    out: list[str] = []
    for block in blocks:
        if (
            out
            and is_upper(out[-1])
            and is_upper(block)
            and block.endswith(",")
            and len(block) <= 40
            and not out[-1].endswith((",", ".", ";", ":", ")"))
            and match_marker(block) is None
        ):
            out[-1] = f"{out[-1]} {block}"
        else:
            out.append(block)
    return out


def rejoin_split_words(blocks: list[str]) -> list[str]:
    """pypdf splits words in justified lines ("Presi dente", "esta do", "violenci a"). Two
    fragments are one word when the document writes the joined word elsewhere and one of the
    fragments is no word of its own there (it only ever occurs where the word is split) — the
    document's own vocabulary decides, as for hyphens."""
    folded_blocks = [fold(block) for block in blocks]
    words = Counter(word for folded in folded_blocks for word in WORD.findall(folded))
    splits: Counter = Counter()
    for folded in folded_blocks:
        for left, right in _pairs(folded):
            if words.get(left + right):
                splits[left] += 1
                splits[right] += 1

    def real(fragment: str) -> bool:
        return words.get(fragment, 0) - splits.get(fragment, 0) > 0

    out = []
    for block, folded in zip(blocks, folded_blocks, strict=True):
        cuts = [
            start
            for start, left, right in _pairs_at(folded)
            if words.get(left + right) and not (real(left) and real(right)) and len(left + right) >= 5
        ]
        for start in reversed(cuts):
            block = block[:start] + block[start + 1 :]
        out.append(re.sub(r"(?<=\d) \)", ")", block))
    return out


def _pairs(folded: str):
    return ((left, right) for _start, left, right in _pairs_at(folded))


def _pairs_at(folded: str):
    """Adjacent words one space apart: (position of the space, left word, right word)."""
    tokens = list(WORD.finditer(folded))
    for first, second in zip(tokens, tokens[1:], strict=False):
        if second.start() == first.end() + 1 and folded[first.end()] == " ":
            yield first.end(), first.group(0), second.group(0)
