"""What every figure of the dashboard is made of: bars and rows with the URL of the filtered
list behind them (``links``: the list pages' parameter names, in one place), and the small
helpers the figures share."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from django.db.models import (
    Count,
    QuerySet,
)
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language


def list_url(name: str, **params) -> str:
    """The URL of a list page with its filters; ``None`` values are left out. The list's own
    URL is reversed once per URL prefix, not once per figure (a dashboard links thousands)."""
    # What ``urlencode`` makes of these plain keys and values, at a third of its cost.
    query = "&".join(f"{key}={quote_plus(str(value))}" for key, value in params.items() if value is not None)
    url = _list_path(name, get_script_prefix())
    return f"{url}?{query}" if query else url


@functools.lru_cache(maxsize=64)
def _list_path(name: str, prefix: str) -> str:
    return reverse(name)


class links:
    """The filtered lists behind the figures (parameter names of ``commitments/filters.py`` and
    ``states/filters.py``)."""

    @staticmethod
    def mandates(**params) -> str:
        return list_url("commitments:mandate_list", **params)

    @staticmethod
    def requests(**params) -> str:
        return list_url("states:request_list", **params)

    @staticmethod
    def activities(**params) -> str:
        return list_url("states:activity_list", **params)


@dataclass(frozen=True)
class Item:
    """One bar, slice or point: a label, a number and the list behind it. ``key`` is the
    stored value (a status) that picks its colour."""

    label: str
    value: int
    url: str
    key: str = ""


@dataclass
class Row:
    """One bar of a stacked chart (an owner, a state) made of segments (its statuses)."""

    label: str
    url: str
    segments: list[Item] = field(default_factory=list)
    children: list[Row] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(segment.value for segment in self.segments)


def localized_names(model, ids) -> dict[int, str]:
    """{id: name in the reader's language} of the rows of ``model`` (owners, program areas,
    member states) with these ids."""
    return {obj.pk: obj.localized_name() for obj in model.objects.filter(pk__in=[pk for pk in ids if pk is not None])}


def reader_language() -> str:
    return (get_language() or "en")[:2]


def status_counts(rows: QuerySet) -> list[tuple[str, int]]:
    """(status, rows) of mandates or requests, for ``mandates_by_status``, ``requests_by_status``."""
    return list(rows.values_list("status").annotate(n=Count("id")).order_by())


def status_segments(counts: dict[str, int], choices, url_for) -> list[Item]:
    labels = _labels(choices, get_language() or "")
    return [
        Item(labels[status.value], counts[status.value], url_for(status.value), status.value)
        for status in choices
        if counts.get(status.value)
    ]


@functools.lru_cache(maxsize=64)
def _labels(choices, language: str) -> dict[str, str]:
    """The statuses' labels in ``language``, translated once rather than once per segment (a
    dashboard draws hundreds: a fifth of its time went to translating the same few words)."""
    return {status.value: str(status.label) for status in choices}
