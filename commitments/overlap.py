"""Overlap hints: for a mandate, the similar mandates of other resolutions or bodies (same owner
or not), so that staff see when two bodies ask the same thing; and staff's verdict on a pair
(duplicate, related, distinct), after which the pair is never proposed again.

The score is the lineage proposals' (``commitments.lineage.similarity``: words' Jaccard or
difflib's ratio). No pair of the table is ever compared: a mandate's candidates are the mandates
holding one of its rarest words (the longest stand for the rarest: "ransomware", not "states"),
found through the text's full-text index on PostgreSQL (migration 0007), at most
``MAX_CANDIDATES`` of them, newest first, in one query that also leaves out its own resolution
and every pair already reviewed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from commitments.lineage import PROPOSE_FROM, SHORT, jaccard, normalise, similarity
from core.choices import check_in_choices


class PairVerdict(models.TextChoices):
    DUPLICATE = "duplicate", _("duplicate")
    RELATED = "related", _("related")
    DISTINCT = "distinct", _("distinct")


class MandatePairReview(models.Model):
    """Staff's verdict on two mandates found similar, one row per unordered pair (the lower id
    first), written by ``commitments.services.review_mandate_pair``."""

    Verdict = PairVerdict

    first = models.ForeignKey(
        "commitments.Mandate", on_delete=models.CASCADE, related_name="+", verbose_name=_("first mandate")
    )
    second = models.ForeignKey(
        "commitments.Mandate", on_delete=models.CASCADE, related_name="+", verbose_name=_("second mandate")
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"))

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = _("mandate pair review")
        verbose_name_plural = _("mandate pair reviews")
        constraints = [
            check_in_choices("verdict", PairVerdict, "commitments_mandatepairreview_verdict_valid"),
            # The lower id first, so that (a, b) and (b, a) are the same row.
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="commitments_mandatepairreview_ordered"),
            models.UniqueConstraint(fields=["first", "second"], name="commitments_mandatepairreview_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.first} ~ {self.second}: {self.verdict}"


# The panel's bound: the mandates scored for one mandate, and how many rare words find them.
MAX_CANDIDATES = 200
RARE_WORDS = 4
# Shown on the panel: the best few, from a low score (a hint, not a proposal).
PANEL_SIZE = 5
PANEL_FROM = 0.2
# The review page lists the pairs from the proposals' threshold on.
REVIEW_FROM = PROPOSE_FROM


@dataclass
class Similar:
    mandate: object
    score: float


def _rare_words(text: str) -> list[str]:
    # As the 'simple' full-text configuration splits and lowers them (accents kept), longest first.
    words = {word for word in re.findall(r"\w+", text.casefold()) if len(word) > SHORT and not word.isdigit()}
    return sorted(words, key=lambda word: (-len(word), word))[:RARE_WORDS]


def candidates(mandate, visible):
    """The mandates of ``visible`` that may resemble ``mandate``: one of its rarest words, another
    resolution, no verdict on the pair yet; newest first, at most ``MAX_CANDIDATES``."""
    words = _rare_words(mandate.text)
    if not words:
        return visible.none()
    reviews = MandatePairReview.objects.order_by()
    rows = (
        visible.exclude(resolution_id=mandate.resolution_id)
        .exclude(pk__in=reviews.filter(first=mandate).values("second"))
        .exclude(pk__in=reviews.filter(second=mandate).values("first"))
    )
    if connections[rows.db].vendor == "postgresql":
        query = SearchQuery(" | ".join(words), config="simple", search_type="raw")
        rows = rows.alias(_text_search=SearchVector("text", config="simple")).filter(_text_search=query)
    else:
        match = Q()
        for word in words:
            match |= Q(text__icontains=word)
        rows = rows.filter(match)
    return rows.order_by("-pk")[:MAX_CANDIDATES]


def similar_mandates(mandate, visible, *, top: int = PANEL_SIZE, floor: float = PANEL_FROM) -> list[Similar]:
    """The ``top`` candidates most like ``mandate`` (score ``floor`` or more), best first."""
    mine = normalise(mandate.text)
    rows = list(candidates(mandate, visible.select_related("resolution", "section", "parent")))
    # Words first (cheap), then difflib's ratio on the few best only.
    ranked = sorted(((jaccard(mine, normalise(row.text)), -row.pk, row) for row in rows), key=lambda r: r[:2])
    shortlist = ranked[::-1][: top * 3]
    scored = [Similar(row, similarity(mandate.text, row.text, word_score)) for word_score, _pk, row in shortlist]
    scored.sort(key=lambda each: (-each.score, -each.mandate.pk))
    return [each for each in scored if each.score >= floor][:top]


def ordered_pair(one_id: int, other_id: int) -> tuple[int, int]:
    return (one_id, other_id) if one_id < other_id else (other_id, one_id)


@dataclass
class Pair:
    mandate: object
    other: object
    score: float


# The review page: this many of the resolution's mandates per page, each with its similar ones.
REVIEW_PAGE_SIZE = 10


def review_pairs(mandates: list, visible) -> list[Pair]:
    """The unreviewed pairs scoring ``REVIEW_FROM`` or more between ``mandates`` (one page of a
    resolution's) and the rest, best first, each unordered pair once."""
    pairs, seen = [], set()
    for mandate in mandates:
        for each in similar_mandates(mandate, visible, floor=REVIEW_FROM):
            key = ordered_pair(mandate.pk, each.mandate.pk)
            if key not in seen:
                seen.add(key)
                pairs.append(Pair(mandate, each.mandate, each.score))
    pairs.sort(key=lambda pair: -pair.score)
    return pairs
