"""One search over everything a reader may see: mandates (in any language held, by symbol and
paragraph), requests, activities, member states and owners, grouped by kind.

Each kind is read through its model's ``visible_to`` and the search its own list page uses, so
that "all results" on the list shows the same records and nothing unseen ever appears. Each kind
costs one query (the mandates one more per word, for the symbols), however big the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import ExpressionWrapper, F, IntegerField, Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments.filters import search_mandates
from commitments.models import Mandate, Owner
from core.choices import Language
from states.filters import search_activities, search_requests
from states.models import Activity, AssistanceRequest, MemberState

# Each kind shows this many results; the rest are one link away, on the kind's own list.
PER_KIND = 5
# A search longer than this is cut: nobody types more, and each word costs a condition.
MAX_LENGTH = 200
# The words of context shown either side of the first match in a long text.
CONTEXT_CHARS = 90


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
    queryset = search_mandates(Mandate.objects.visible_to(user), text)
    # The latest imported resolutions first, in document order: an order of the mandate table's
    # own columns, and the ids alone, so that PostgreSQL keeps the first few matches without
    # joining them all (it misjudges how many rows a prefix search matches, and joined 13,000
    # matches to their resolutions and sections in 2 s over 100,000 mandates). An expression,
    # not the column: ordered by the column, it walks the column's index backwards filtering
    # every row, which for a rare word reads the whole table.
    newest = ExpressionWrapper(F("resolution_id") + 0, output_field=IntegerField()).desc()
    ids, more = _first(queryset.order_by(newest, "tree_position").values_list("pk", flat=True))
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


def _requests(user, text: str) -> Group:
    queryset = search_requests(AssistanceRequest.objects.visible_to(user), text).select_related("state")
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
    queryset = search_activities(Activity.objects.visible_to(user), text).select_related("state")
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
    pattern = "|".join(re.escape(word) for word in words)
    return re.search(pattern, text, re.IGNORECASE) if pattern else None


def _excerpt(text: str, words: list[str]) -> str:
    """The words around the first match in ``text`` (its start when nothing matches)."""
    text = " ".join(text.split())
    match = _find(text, words)
    start = max(0, match.start() - CONTEXT_CHARS) if match else 0
    end = min(len(text), start + 2 * CONTEXT_CHARS + (len(match.group()) if match else 0))
    excerpt = text[start:end]
    return f"{'… ' if start else ''}{excerpt}{' …' if end < len(text) else ''}"
