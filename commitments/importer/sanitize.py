"""The last step of every reader: text that any later step (the parser, the JSON of the
preview and of ``import_resolution --json``, PostgreSQL) can hold.

The binary check samples the start of a file; these run over the whole text, so a NUL at
character 20,001 of a .txt or a lone surrogate in a PDF's text layer cannot reach the database
(PostgreSQL refuses ``\\x00`` in text) or an encoder (a lone surrogate is not UTF-8).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commitments.importer.readers import Extracted

# Line ends in other clothes: vertical tab (Word's manual line break in some exports), NEL,
# and the Unicode line and paragraph separators.
_LINE_BREAKS = re.compile("[\x0b\x85\u2028\u2029]")
# C0 and C1 controls and DEL, except tab, line feed, carriage return and form feed (the
# readers' page separator).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without control characters and lone surrogates; a surrogate *pair* (text
    decoded as UTF-16 halves) is joined back into the one character it stands for."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    if _SURROGATES.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _SURROGATES.sub("", text)
    return text


def clean_extracted(extracted: Extracted) -> Extracted:
    return dataclasses.replace(extracted, text=clean_text(extracted.text))
