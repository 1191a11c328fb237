"""Overlap hints: for a mandate, the similar mandates of other resolutions or bodies (same owner
or not), so that staff see when two bodies ask the same thing; and staff's verdict on a pair
(duplicate, related, distinct), after which the pair is never proposed again.

The score is the words' Jaccard weighted by rarity: each word counts by its inverse document
frequency (``MandateTerm``, the number of mandates holding it, counted again after each import
and nightly by ``manage.py refresh_mandate_terms``), so that two mandates sharing only what most
mandates say ("request", "member states", "Secretariat") are not similar and two sharing "ransomware" and
"cryptocurrency" are. No pair of the table is ever compared: a mandate's candidates are the
mandates holding one of its rarest words (fewest mandates; the longest where no frequencies are
counted yet), found through the text's full-text index on PostgreSQL (migration 0007), at most
``MAX_CANDIDATES`` of them, newest first, in one query that also leaves out its own resolution
and every pair already reviewed."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from commitments import fulltext
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


class MandateTerm(models.Model):
    """How many mandates hold a word (as ``lineage.normalise`` gives it), for the words held by
    two or more (any other is as rare as a word can be); the row of the empty word counts the
    mandates. Written only by ``refresh_term_frequencies``."""

    term = models.CharField(_("word"), max_length=100, unique=True, blank=True)
    documents = models.PositiveIntegerField(_("mandates holding it"))

    class Meta:
        verbose_name = _("mandate word frequency")
        verbose_name_plural = _("mandate word frequencies")

    def __str__(self) -> str:
        return f"{self.term}: {self.documents}"


TOTAL = ""  # MandateTerm's row counting the mandates
# Words longer than this are not counted (none is a word: a URL, a run of letters).
LONGEST_TERM = 100


def refresh_term_frequencies() -> int:
    """Count again how many mandates hold each word (their original text); returns the words
    counted. Reads the texts in chunks: 100,000 mandates hold a few hundred megabytes at most."""
    from commitments.models import Mandate

    counts, total = Counter(), 0
    for text in Mandate.objects.order_by().values_list("text", flat=True).iterator(chunk_size=2000):
        total += 1
        counts.update(word for word in normalise(text) if len(word) <= LONGEST_TERM)
    rows = [MandateTerm(term=term, documents=count) for term, count in counts.items() if count > 1]
    with transaction.atomic():
        MandateTerm.objects.all().delete()
        MandateTerm.objects.bulk_create([MandateTerm(term=TOTAL, documents=total), *rows], batch_size=5000)
    return len(rows)


@task()
def refresh_mandate_terms() -> int:
    """The task queued after each import (``commitments.importer.save.save_parsed``): the words
    counted again, so that the similar-mandates panel weighs a new resolution's words at once
    rather than after the night's ``manage.py refresh_mandate_terms``."""
    return refresh_term_frequencies()


def refresh_terms_after_commit() -> None:
    """Queue ``refresh_mandate_terms`` once the current transaction commits (none if it rolls back)."""
    transaction.on_commit(lambda: refresh_mandate_terms.enqueue())


class Rarity:
    """The weight of words by how few mandates hold them: log((N + 1) / n), N the mandates
    counted, n those holding the word (1 when not counted: rare). One query for all the words
    asked about."""

    def __init__(self, words):
        words = {word for word in words if len(word) <= LONGEST_TERM}
        rows = dict(MandateTerm.objects.filter(term__in=[TOTAL, *words]).values_list("term", "documents"))
        self.total = rows.pop(TOTAL, 0)
        self.documents = rows
        self.weights: dict[str, float] = {}

    def weight(self, word: str) -> float:
        if word not in self.weights:
            self.weights[word] = math.log((self.total + 1) / min(self.documents.get(word, 1), self.total))
        return self.weights[word]

    @property
    def counted(self) -> bool:
        return self.total > 1

    def score(self, words: set[str], other: set[str]) -> float:
        """The weighted Jaccard of two texts' words (``normalise``): the shared words' weight over
        all of theirs (the plain Jaccard before any count)."""
        if not self.counted:
            return jaccard(words, other)
        union = sum(self.weight(word) for word in words | other)
        return round(sum(self.weight(word) for word in words & other) / union, 2) if union else 0.0


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


def _fold(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word)
    return "".join(char for char in folded if not unicodedata.combining(char))


def _rare_words(text: str, rarity: Rarity | None = None) -> list[str]:
    """The text's rarest words, as the 'simple' full-text configuration splits and lowers them
    (accents kept): those the fewest other mandates hold first, then the longest."""
    words = {word for word in re.findall(r"\w+", text.casefold()) if len(word) > SHORT and not word.isdigit()}

    def key(word):
        if rarity is None or rarity.total < 2:
            return (0, 1, -len(word), word)
        held = rarity.documents.get(_fold(word))
        # A word no other mandate held when last counted finds nothing: the rarest of the others first.
        return (held is None, held or 1, -len(word), word)

    return sorted(words, key=key)[:RARE_WORDS]


def candidates(mandate, visible, rarity: Rarity | None = None):
    """The mandates of ``visible`` that may resemble ``mandate``: one of its rarest words, another
    resolution, no verdict on the pair yet; newest first, at most ``MAX_CANDIDATES``."""
    words = _rare_words(mandate.text, rarity)
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
            match |= Q(_folded_text__contains=fulltext.fold(word))
        rows = rows.alias(_folded_text=fulltext.Folded("text")).filter(match)
    return rows.order_by("-pk")[:MAX_CANDIDATES]


def similar_mandates(mandate, visible, *, top: int = PANEL_SIZE, floor: float = PANEL_FROM) -> list[Similar]:
    """The ``top`` candidates most like ``mandate`` (score ``floor`` or more), best first. Three
    queries at most: the rarity of its words, the candidates, the rarity of theirs (when counted). Before any count of
    the words, the few best are scored as the proposals are (``lineage.similarity``: the words'
    Jaccard or the letters' ratio, difflib's, too slow for all the candidates)."""
    mine = normalise(mandate.text)
    rarity = Rarity(mine)
    rows = list(candidates(mandate, visible.select_related("resolution", "section", "parent"), rarity))
    words = {row.pk: normalise(row.text) for row in rows}
    if rarity.counted and rows:
        rarity = Rarity(mine.union(*words.values()))
    scored = sorted((Similar(row, rarity.score(mine, words[row.pk])) for row in rows), key=_best_first)
    if not rarity.counted:
        scored = [
            Similar(each.mandate, similarity(mandate.text, each.mandate.text, each.score)) for each in scored[: top * 3]
        ]
        scored.sort(key=_best_first)
    return [each for each in scored if each.score >= floor][:top]


def _best_first(each: Similar) -> tuple:
    return (-each.score, -each.mandate.pk)


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
