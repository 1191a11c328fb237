"""One search over everything a reader may see: mandates (in any language held, by symbol and
paragraph), requests, activities, member states and owners, grouped by kind.

Each kind is read through its model's ``visible_to`` and the search its own list page uses, so
that "all results" on the list shows the same records and nothing unseen ever appears. Each kind
costs one query (the mandates one more per word, for the symbols), however big the tables."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Expression, ExpressionWrapper, F, IntegerField, Q, QuerySet, TextField
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments import fulltext
from commitments.filters import PLAIN_WORD, search_mandates
from commitments.models import Mandate, Owner, Resolution
from core.choices import Language
from states.filters import search_activities, search_requests
from states.models import Activity, AssistanceRequest, MemberState

# Each kind shows this many results; the rest are one link away, on the kind's own list.
PER_KIND = 5
# A search longer than this is cut: nobody types more, and each word costs a condition.
MAX_LENGTH = 200
# The words of context shown either side of the first match in a long text.
CONTEXT_CHARS = 90
# The columns the lists' own searches read (states.filters), as the trigram indexes join them.
REQUEST_COLUMNS = ("reference", "title", "description")
ACTIVITY_COLUMNS = ("title", "place")


@dataclass
class Hit:
    title: str
    url: str
    context: str = ""
    # The language of the context when it is not the reader's (a text held only in its original).
    context_language: str = ""


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    # More than the hits shown: the link to the whole list, filtered by the same words.
    more_url: str = ""


def search_everything(*, user, text: str) -> list[Group]:
    """The groups with at least one hit for ``text``, as ``user`` may see them."""
    text = " ".join(text[:MAX_LENGTH].split())
    if not text:
        return []
    groups = [
        _mandates(user, text),
        _requests(user, text),
        _activities(user, text),
        _member_states(user, text),
        _owners(user, text),
    ]
    return [group for group in groups if group.hits]


def _first(queryset: QuerySet) -> tuple[list, bool]:
    """The first rows and whether there are more, in one query."""
    rows = list(queryset[: PER_KIND + 1])
    return rows[:PER_KIND], len(rows) > PER_KIND


def _list_url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _mandates(user, text: str) -> Group:
    visible = Mandate.objects.visible_to(user)
    if fulltext.available(visible):
        ids, more = _ranked_mandate_ids(visible, text)
    else:
        queryset = search_mandates(visible, text)
        # The latest imported resolutions first, in document order: an order of the mandate
        # table's own columns, and the ids alone (see _newest_first).
        ids, more = _first(queryset.order_by(*_newest_first()).values_list("pk", flat=True))
    found = Mandate.objects.filter(pk__in=ids).select_related("resolution", "section", "parent").in_bulk()
    rows = [found[pk] for pk in ids]
    words = [word for word in text.split() if word[:1] not in "§¶"]
    language = (get_language() or "en")[:2]
    hits = []
    for mandate in rows:
        shown, shown_language = mandate.text_in(language)
        # A word found only in another language version: show that version's words around it.
        if words and not _find(shown, words):
            for other, other_text in [(mandate.language, mandate.text), *mandate.translations.items()]:
                if other in Language.values and other_text and _find(other_text, words):
                    shown, shown_language = other_text, other
                    break
        hits.append(
            Hit(
                title=f"{mandate.resolution.symbol} {mandate.display_number}",
                url=mandate.get_absolute_url(),
                context=_excerpt(shown, words),
                context_language=shown_language if shown_language != language else "",
            )
        )
    group = Group("mandates", _("Mandates"), hits)
    group.more_url = _list_url("commitments:mandate_list", q=text) if more else ""
    return group


def _newest_first() -> list:
    # The latest imported resolutions first, in document order, so that PostgreSQL keeps the
    # first few matches without joining them all (it misjudges how many rows a prefix search
    # matches, and joined 13,000 matches to their resolutions and sections in 2 s over 100,000
    # mandates). An expression, not the column: ordered by the column, it walks the column's
    # index backwards filtering every row, which for a rare word reads the whole table.
    return [ExpressionWrapper(F("resolution_id") + 0, output_field=IntegerField()).desc(), "tree_position"]


# On PostgreSQL, the matches ranked are at most this many, the newest: a word most mandates hold
# ranks the latest ones, not the whole table (each rank reads a stored vector).
RANK_POOL = 500


def _ranked_mandate_ids(visible, text: str) -> tuple[list[int], bool]:
    """PostgreSQL: the symbols, paragraph labels and numbers of ``text`` as the mandate list
    reads them (``search_mandates``), its words through the per-language full-text search
    (``commitments.fulltext``), the best ranked first."""
    structural, words = _split(text)
    queryset = search_mandates(visible, " ".join(structural)) if structural else visible
    query, starts = fulltext.text_query(" ".join(words)) if words else (None, None)
    if query is None:
        return _first(queryset.order_by(*_newest_first()).values_list("pk", flat=True))
    # The newest by id: with the stored vector's statistics PostgreSQL reads a common word's
    # matches down the primary key until it has enough, and a rare word's through the index.
    pool = list(fulltext.matching(queryset, query).order_by("-pk").values_list("pk", flat=True)[:RANK_POOL])
    if starts is not None and len(pool) < RANK_POOL:
        # The words' starts ("cyber" for "cybersecurity") when the words are rare: the first
        # matches the index gives, in no order (PostgreSQL cannot tell how common a start is, and
        # ordered it read a common one's every match, or walked the table for a rare one).
        more = fulltext.matching(queryset, starts).exclude(pk__in=pool).order_by()
        pool += list(more.values_list("pk", flat=True)[: RANK_POOL - len(pool)])
        query |= starts
    ranked = fulltext.ranked(Mandate.objects.filter(pk__in=pool), query)
    return _first(ranked.values_list("pk", flat=True))


def _split(text: str) -> tuple[list[str], list[str]]:
    """The words naming a place (§2, ¶3, 4.a, doc.6/23, a symbol's "CICTE") and the words to look
    for in the texts (with their web search syntax: quotes, -, or)."""
    tokens = text.split()
    plain = {token.strip('"-') for token in tokens if PLAIN_WORD.fullmatch(token.strip('"-'))}
    symbols = []
    if plain:
        condition = Q()
        for word in plain:
            condition |= Q(symbol__icontains=word)
        symbols = [each.casefold() for each in Resolution.objects.filter(condition).values_list("symbol", flat=True)]
    structural, words = [], []
    for token in tokens:
        bare = token.strip('"-')
        is_text = bare in plain and not any(bare.casefold() in symbol for symbol in symbols)
        (words if is_text else structural).append(token)
    return structural, words


class JoinedText(Expression):
    """The columns in capitals joined by spaces: the expression of the trigram indexes of
    migration reporting 0004 (PostgreSQL), character for character, so that a word anywhere in
    them is one index lookup, and PostgreSQL knows how common it is."""

    output_field = TextField()

    def __init__(self, *columns: str):
        super().__init__()
        self.columns = columns

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return "(" + " || ' ' || ".join(f"upper({table}.{column}::text)" for column in self.columns) + ")", []


def _substrings(queryset: QuerySet, text: str, search, *columns: str) -> QuerySet:
    """The rows holding every word of ``text`` in one of ``columns``, case ignored: the list's
    own search (``search``) elsewhere, on PostgreSQL the same through the trigram index."""
    if connections[queryset.db].vendor != "postgresql":
        return search(queryset, text)
    queryset = queryset.alias(_joined=JoinedText(*columns))
    for word in text.split():
        queryset = queryset.filter(_joined__contains=word.upper())
    return queryset


def _requests(user, text: str) -> Group:
    visible = AssistanceRequest.objects.visible_to(user)
    queryset = _substrings(visible, text, search_requests, *REQUEST_COLUMNS).select_related("state")
    rows, more = _first(queryset.order_by("-received_on", "-pk"))
    words = text.split()
    hits = [
        Hit(
            title=f"{request.reference} · {request.title}",
            url=request.get_absolute_url(),
            context=f"{request.state.localized_name()}: {_excerpt(request.description, words)}",
        )
        for request in rows
    ]
    group = Group("requests", _("Requests"), hits)
    group.more_url = _list_url("states:request_list", q=text) if more else ""
    return group


def _activities(user, text: str) -> Group:
    visible = Activity.objects.visible_to(user)
    queryset = _substrings(visible, text, search_activities, *ACTIVITY_COLUMNS).select_related("state")
    rows, more = _first(queryset.order_by("-start_date", "-pk"))
    hits = []
    for activity in rows:
        where = _("online") if activity.online else activity.place
        state = activity.state.localized_name() if activity.state else _("regional")
        context = " · ".join(part for part in (activity.get_activity_type_display(), state, where) if part)
        hits.append(Hit(title=activity.title, url=activity.get_absolute_url(), context=context))
    group = Group("activities", _("Activities"), hits)
    group.more_url = _list_url("states:activity_list", q=text) if more else ""
    return group


def _member_states(user, text: str) -> Group:
    queryset = MemberState.objects.visible_to(user)
    for word in text.split():
        queryset = queryset.filter(_any_name(word) | Q(iso2__iexact=word) | Q(iso3__iexact=word))
    rows, _more = _first(queryset)
    hits = [Hit(title=state.localized_name(), url=state.get_absolute_url(), context=state.iso3) for state in rows]
    # Thirty-five states at most: no list to send the rest to; the first ones are enough.
    return Group("states", _("Member states"), hits)


def _owners(user, text: str) -> Group:
    queryset = Owner.objects.visible_to(user)
    for word in text.split():
        queryset = queryset.filter(_any_name(word) | Q(abbreviation__iexact=word))
    rows, _more = _first(queryset)
    hits = [
        Hit(
            title=owner.localized_name(),
            url=_list_url("commitments:mandate_list", owner=owner.pk),
            context=_("Mandates naming this owner"),
        )
        for owner in rows
    ]
    return Group("owners", _("Owners"), hits)


def _any_name(word: str) -> Q:
    condition = Q()
    for language in Language.values:
        condition |= Q(**{f"name_{language}__icontains": word})
    return condition


def _find(text: str, words: list[str]) -> re.Match | None:
    """The first of ``words`` in ``text``, accents and case ignored, a long word by its start too
    (the full-text search found "incident" for "incidents"); on the text folded letter for letter,
    so that the match's place is the same in the text."""
    stems = {_fold(word.strip('"-')) for word in words}
    stems |= {stem[: max(5, len(stem) - 2)] for stem in stems if len(stem) > 5}
    pattern = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True) if stem)
    return re.search(pattern, _fold(text)) if pattern else None


def _fold(text: str) -> str:
    # One letter for one, so that a match's place is the same in the text: "É" is "e", "ß" is "s".
    return "".join(unicodedata.normalize("NFKD", char.casefold())[0] for char in text)


def _excerpt(text: str, words: list[str]) -> str:
    """The words around the first match in ``text`` (its start when nothing matches)."""
    text = " ".join(text.split())
    match = _find(text, words)
    start = max(0, match.start() - CONTEXT_CHARS) if match else 0
    end = min(len(text), start + 2 * CONTEXT_CHARS + (match.end() - match.start() if match else 0))
    excerpt = text[start:end]
    return f"{'… ' if start else ''}{excerpt}{' …' if end < len(text) else ''}"
