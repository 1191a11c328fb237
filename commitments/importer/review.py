"""How the preview lays a parse out for review: its rows in reading order with their depth,
label and doubts, cut into pages of whole top-level paragraphs, and the bodies the text
addresses that have no owner yet. Pure: no request, no database.

A page holds about ``PAGE_ROWS`` rows, so that the preview of a 2,000-paragraph text stays a
page of reasonable size; a shorter text is one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from commitments.importer.doubts import doubts
from commitments.importer.parse import ParsedDocument, ParsedParagraph

PAGE_ROWS = 150


def _pages(depths: list[int], size: int) -> list[tuple[int, int]]:
    """(start, end) row ranges; a page ends only before a top-level paragraph, so a
    paragraph and its sub-items are always seen together."""
    pages, start = [], 0
    for index, depth in enumerate(depths):
        if depth == 0 and index - start >= size:
            pages.append((start, index))
            start = index
    pages.append((start, len(depths)))
    return pages


@dataclass
class Review:
    document: ParsedDocument
    page: int = 0
    rows: list[tuple] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    reasons: list[list[str]] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)
    proposed: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, document: ParsedDocument, page: int = 0, size: int = PAGE_ROWS) -> Review:
        review = cls(document)
        depth: dict[int, int] = {}
        label: dict[int, str] = {}
        for section, parent, paragraph in document.paragraphs():
            own = paragraph.number or "–"
            depth[id(paragraph)] = depth[id(parent)] + 1 if parent else 0
            label[id(paragraph)] = f"{label[id(parent)]}.{own}" if parent else f"§{section.position} ¶{own}"
            review.rows.append((section, parent, paragraph))
            review.depths.append(depth[id(paragraph)])
            review.labels.append(label[id(paragraph)])
            name = " ".join(str(getattr(paragraph, "proposed_owner", "") or "").split())
            if name and name not in review.proposed:
                review.proposed.append(name)
        review.reasons = doubts(document)
        review.pages = _pages(review.depths, size)
        review.page = min(max(page, 0), len(review.pages) - 1)
        return review

    @property
    def start(self) -> int:
        return self.pages[self.page][0]

    @property
    def end(self) -> int:
        return self.pages[self.page][1]

    @property
    def page_paragraphs(self) -> list[ParsedParagraph]:
        return [paragraph for _section, _parent, paragraph in self.rows[self.start : self.end]]

    def page_of(self, index: int) -> int:
        index = min(max(index, 0), len(self.rows) - 1)
        return next(number for number, (start, end) in enumerate(self.pages) if start <= index < end)

    def doubtful(self) -> list[int]:
        """The rows to check first, in reading order."""
        return [index for index, reasons in enumerate(self.reasons) if reasons]

    def page_titles(self) -> list[str]:
        """ "§1 ¶1 – §3 ¶7" for each page, for the page list."""
        return [f"{self.labels[start]} – {self.labels[end - 1]}" for start, end in self.pages]
