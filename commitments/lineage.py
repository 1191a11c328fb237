"""Lineage: how a mandate continues across resolutions (renews, amends, supersedes,
consolidates), the chain a mandate page shows with the words changed between versions, and the
predecessor the importer proposes for each new paragraph.

Similarity is token Jaccard over normalised words (accents and case folded, short words
dropped), looked up through an inverted index of the candidates' rarer words, then refined with
difflib's ratio on the few best: no pair of the whole table is ever compared. Candidates are the
mandates of the same body's earlier resolutions, newest first, capped (``MAX_CANDIDATES``)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.choices import check_in_choices


class LinkKind(models.TextChoices):
    RENEWS = "renews", _("renews")
    AMENDS = "amends", _("amends")
    SUPERSEDES = "supersedes", _("supersedes")
    CONSOLIDATES = "consolidates", _("consolidates")


class MandateLinkQuerySet(models.QuerySet):
    def active(self) -> MandateLinkQuerySet:
        """The links in force: not removed."""
        return self.filter(removed_at__isnull=True)


class MandateLink(models.Model):
    """The newer mandate (``from_mandate``) continues the older (``to_mandate``) in this way,
    as confirmed by a member of staff (written by ``commitments.services.confirm_mandate_link``).
    A wrong link is removed, not deleted (``services.remove_mandate_link``): the row keeps who
    removed it and when, and the pair is not proposed again."""

    Kind = LinkKind

    from_mandate = models.ForeignKey(
        "commitments.Mandate", on_delete=models.CASCADE, related_name="links_to_older", verbose_name=_("newer mandate")
    )
    to_mandate = models.ForeignKey(
        "commitments.Mandate", on_delete=models.CASCADE, related_name="links_to_newer", verbose_name=_("older mandate")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A confirmed link survives a re-import: the importer matches paragraphs in place, keeping
    # the mandate rows these point at.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"))
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = MandateLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        verbose_name = _("mandate link")
        verbose_name_plural = _("mandate links")
        constraints = [
            check_in_choices("kind", LinkKind, "commitments_mandatelink_kind_valid"),
            models.CheckConstraint(condition=~Q(from_mandate=F("to_mandate")), name="commitments_mandatelink_no_self"),
            # One link in force per pair and kind; removed ones stay as history.
            models.UniqueConstraint(
                fields=["from_mandate", "to_mandate", "kind"],
                condition=Q(removed_at__isnull=True),
                name="commitments_mandatelink_unique_pair_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_mandate} {self.kind} {self.to_mandate}"


# How far a chain is followed each way: no real mandate is re-adopted more than a few dozen times,
# and a page must not walk an unbounded loop of bad data.
MAX_CHAIN = 30


def chain_of(mandate, visible) -> list:
    """The mandate's versions among ``visible`` (a reader's mandates), oldest first (2019 → 2022
    → 2023 → 2024), through its confirmed links: the first older one at each step back, the
    first newer one at each step forward."""

    def step(current, older: bool):
        links = MandateLink.objects.active().filter(**({"from_mandate": current} if older else {"to_mandate": current}))
        link = links.order_by("-confirmed_at", "-pk").values_list("to_mandate" if older else "from_mandate").first()
        return link[0] if link else None

    ids, seen = [mandate.pk], {mandate.pk}
    for older in (True, False):
        current = mandate.pk
        for _step in range(MAX_CHAIN):
            current = step(current, older)
            if current is None or current in seen:
                break
            seen.add(current)
            ids.insert(0, current) if older else ids.append(current)
    rows = visible.filter(pk__in=ids).select_related("resolution", "section", "parent").in_bulk()
    return [rows[pk] for pk in ids if pk in rows]


@dataclass
class Piece:
    kind: str  # "same", "removed", "added"
    text: str


def word_diff(before: str, after: str) -> list[Piece]:
    """The words removed and added between two versions, in reading order."""
    old, new = before.split(), after.split()
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(new[j1:j2])))
    return pieces


# ---- proposals -------------------------------------------------------------------------

MAX_CANDIDATES = 5000
# Below this a paragraph has no likely predecessor; from RENEWS_FROM on, the text is the same
# or nearly (renews); between, the subject is the same and the request changed (amends).
PROPOSE_FROM = 0.35
RENEWS_FROM = 0.95
# How many candidate hits the rare-word lookup of one paragraph may gather (the work per paragraph).
MAX_POSTINGS = 4000
# The candidates sharing most of those words whose Jaccard is computed.
SHORTLIST = 50
# The words beyond the budget still counted among the candidates found.
MORE_WORDS = 10
SHORT = 3


# The combining marks of the Latin scripts' accents (what NFKD splits "é" into, after the "e").
COMBINING = re.compile(r"[\u0300-\u036f]")


def normalise(text: str) -> set[str]:
    """The words of ``text`` that carry meaning: accents and case folded, short words dropped."""
    folded = COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return {word for word in re.findall(r"\w+", folded) if len(word) > SHORT and not word.isdigit()}


def jaccard(words: set[str], other: set[str]) -> float:
    """Shared words over all the words of two texts (as ``normalise`` gives them)."""
    return len(words & other) / (len(words | other) or 1)


def similarity(text: str, other_text: str, word_score: float) -> float:
    """The score of two texts: their words' Jaccard (``word_score``) or difflib's ratio of the
    texts, whichever is higher (a reworded sentence keeps its words, a reordered one its letters).
    The one scorer of the proposals and the overlap hints (commitments.overlap)."""
    ratio = difflib.SequenceMatcher(a=text.casefold(), b=other_text.casefold()).ratio()
    return round(max(word_score, ratio), 2)


@dataclass
class Proposal:
    mandate_id: int
    symbol: str
    number: str
    kind: str
    score: float
    # The best candidates from PROPOSE_FROM on, this one first: staff may pick another in the preview.
    alternatives: list = field(default_factory=list, compare=False, repr=False)

    def as_dict(self) -> dict:
        return {"symbol": self.symbol, "number": self.number, "kind": self.kind, "score": self.score}


# Where a body's paragraphs go besides its own next resolution: CICTE's to the General
# Assembly's omnibus ("Advancing Hemispheric Security"), whose section on CICTE carries them
# on. Those mandates are candidates too: a section named after CICTE (in any language), or a
# paragraph naming it.
CARRIED_BY = {"cicte": ["General Assembly"]}
SECTION_MARKERS = ["CICTE", "terroris"]  # "Committee against Terrorism", "contra el Terrorismo", …
TEXT_MARKERS = ["CICTE"]


def _bodies(body: str) -> Q:
    """The mandates of ``body``'s resolutions, and those of the bodies carrying its paragraphs
    on in their sections on it."""
    condition = Q(resolution__body__iexact=body)
    for other in CARRIED_BY.get(body.casefold(), []):
        about = Q()
        for marker in SECTION_MARKERS:
            about |= Q(section__title__icontains=marker)
        for marker in TEXT_MARKERS:
            about |= Q(text__icontains=marker)
        condition |= Q(resolution__body__iexact=other) & about
    return condition


def _candidates(*, body: str, language: str, exclude_symbol: str, before=None) -> list[tuple]:
    """(id, symbol, display number, text in ``language`` or the original, of the same body) of
    the mandates of the same body's earlier resolutions (and of the sections on it of the bodies
    carrying its paragraphs on, ``CARRIED_BY``), newest first, at most ``MAX_CANDIDATES``."""
    from commitments.models import Mandate

    mandates = Mandate.objects.filter(_bodies(body)).exclude(resolution__symbol__iexact=exclude_symbol)
    if before is not None:
        mandates = mandates.filter(Q(resolution__adopted_on__lt=before) | Q(resolution__adopted_on__isnull=True))
    rows = mandates.order_by(F("resolution__adopted_on").desc(nulls_last=True), "resolution_id", "tree_position")
    rows = rows.values_list(
        "pk", "resolution__symbol", "section__position", "parent__number", "number", "text", "language",
        "translations", "resolution__body",
    )[:MAX_CANDIDATES]  # fmt: skip
    out = []
    for pk, symbol, section, parent_number, number, text, text_language, translations, of_body in rows:
        path = ".".join(part for part in (parent_number, number) if part) or "–"
        shown = translations.get(language) if language != text_language and translations else None
        out.append((pk, symbol, f"§{section} ¶{path}", shown or text, of_body.casefold() == body.casefold()))
    return out


def propose_predecessors(
    texts: list[str], *, body: str, language: str, symbol: str, before=None, rejected: list | None = None
) -> list:
    """For each text, the most likely predecessor among the candidates (or None); never one of
    the mandates ``rejected`` gives for it (a list of id sets, one per text: links removed)."""
    if not body:
        return [None] * len(texts)
    candidates = _candidates(body=body, language=language, exclude_symbol=symbol, before=before)
    position_of = {candidate[0]: position for position, candidate in enumerate(candidates)}
    words = [normalise(candidate[3]) for candidate in candidates]
    index = defaultdict(list)
    for position, each in enumerate(words):
        for word in each:
            index[word].append(position)
    proposals = []
    for number, text in enumerate(texts):
        mine = normalise(text)
        shared = Counter()
        # The paragraph's rarest words first, until enough candidates share one: a rare word
        # says which mandate it is; the common ones ("secretariat") would list them all.
        ordered = sorted((word for word in mine if word in index), key=lambda word: len(index[word]))
        counted = 0
        for word in ordered:
            if shared and sum(shared.values()) + len(index[word]) > MAX_POSTINGS:
                break
            shared.update(index[word])
            counted += 1
        # The next rarest words still count, among the candidates found only (at most
        # ``MORE_WORDS``, by set intersection): where every word is common (a formula most
        # paragraphs repeat), the first ones alone do not tell the copy from the others.
        if counted < len(ordered):
            found_ids = set(shared)
            for word in ordered[counted : counted + MORE_WORDS]:
                shared.update(found_ids.intersection(index[word]))
        for pk in rejected[number] if rejected else ():
            shared.pop(position_of.get(pk), None)
        # The Jaccard of the few sharing most rare words, then difflib's ratio on the best three.
        # On equal words the same body's first (CICTE's own, then the General Assembly's
        # omnibus), then the newer (candidates come newest first): a paragraph adopted again
        # renews last year's version, not the one before.
        ranked = sorted(
            ((jaccard(mine, words[p]), candidates[p][4], -p) for p, _n in shared.most_common(SHORTLIST)),
            reverse=True,
        )[:3]
        ranked = [(word_score, -negative) for word_score, _same_body, negative in ranked]
        scored = [(similarity(text, candidates[position][3], word_score), position) for word_score, position in ranked]
        # Best first; on a tie the one sharing more words (sorting keeps the order of ``ranked``).
        found = [_proposal(candidates[position], score) for score, position in sorted(scored, key=lambda s: -s[0])]
        found = [proposal for proposal in found if proposal.score >= PROPOSE_FROM]
        if found:
            found[0].alternatives = found
        proposals.append(found[0] if found else None)
    return proposals


def _proposal(candidate: tuple, score: float) -> Proposal:
    pk, symbol, number, _text, _same_body = candidate
    kind = LinkKind.RENEWS if score >= RENEWS_FROM else LinkKind.AMENDS
    return Proposal(pk, symbol, number, str(kind.value), score)


def propose_for_document(document) -> list:
    """``propose_predecessors`` for every paragraph of a parsed document, in document order; on
    a re-import, never a predecessor whose link from the paragraph's mandate staff removed."""
    paragraphs = [paragraph for _section, _parent, paragraph in document.paragraphs()]
    return propose_predecessors(
        [paragraph.text for paragraph in paragraphs],
        body=document.body,
        language=document.language,
        symbol=document.symbol,
        before=document.date,
        rejected=_removed_links(document),
    )


def _removed_links(document) -> list[set[int]] | None:
    """For each paragraph of a resolution imported before, the mandates its links were removed from."""
    from commitments.importer.save import _existing_keys, _parsed_keys
    from commitments.models import Resolution

    resolution = Resolution.objects.filter(symbol__iexact=document.symbol).first() if document.symbol else None
    removed = MandateLink.objects.filter(from_mandate__resolution=resolution, removed_at__isnull=False)
    if resolution is None or not removed.exists():
        return None
    existing = {key: mandate.pk for key, mandate in _existing_keys(resolution).items()}
    by_newer = defaultdict(set)
    for newer, older in removed.values_list("from_mandate", "to_mandate"):
        by_newer[newer].add(older)
    return [by_newer.get(existing.get(key), set()) for key, *_rest in _parsed_keys(document)]


@dataclass
class ProposedRow:
    label: str  # the new paragraph ("§1 ¶4.a")
    proposal: Proposal
    decision: str  # a link kind, or "" for no link


def preview_rows(document, decisions: dict[str, str], chosen: dict[str, int] | None = None) -> list[ProposedRow]:
    """The paragraphs with a proposed predecessor, each with staff's decision so far (the
    proposed kind until they change or reject it) and the predecessor they picked among the
    proposal's alternatives (``chosen``: label to mandate id; anything else is ignored)."""
    from commitments.importer.save import _parsed_keys, label

    rows = []
    for (key, *_rest), proposal in zip(_parsed_keys(document), propose_for_document(document), strict=True):
        if proposal is not None:
            name = label(key)
            picked = next((each for each in proposal.alternatives if each.mandate_id == (chosen or {}).get(name)), None)
            if picked is not None and picked is not proposal:
                picked.alternatives, proposal = proposal.alternatives, picked
            rows.append(ProposedRow(name, proposal, decisions.get(name, proposal.kind)))
    return rows


def not_carried_forward(document, proposals: list) -> list:
    """Mandates of the body's latest earlier resolution that no proposal continues (staff may
    mark them superseded, or leave them)."""
    from commitments.models import Mandate, Resolution

    if not (document.body and document.date):
        return []
    earlier = (
        Resolution.objects.filter(body__iexact=document.body, adopted_on__lt=document.date)
        .exclude(symbol__iexact=document.symbol)
        .order_by("-adopted_on")
        .first()
    )
    if earlier is None:
        return []
    continued = {proposal.mandate_id for proposal in proposals if proposal}
    mandates = Mandate.objects.filter(resolution=earlier, parent__isnull=True).exclude(status="superseded")
    return [mandate for mandate in mandates.select_related("resolution", "section") if mandate.pk not in continued]
