"""What every list page does the same way: filter (a django-filter FilterSet), sort (a
whitelisted ``?sort=``), paginate (25 a page), draw sortable table headers, and export the
same rows (``core.exports``).

A list is described once by a ``ListSpec``; its view fetches the visible queryset and calls
``render_list`` or ``export_list`` with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Case, F, Model, QuerySet, Value, When
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import BaseExpression
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.exports import Column, export_response

PAGE_SIZE = 25
# Above this many rows, an unfiltered list on PostgreSQL shows the planner's estimate of its
# size instead of counting every row on every page (issue 10: 250,000 requests).
ESTIMATE_ABOVE = 10_000
# A text search counts its matches up to this many and then says "more than 1,000": a common
# word matches most of 100,000 rows, and counting them all cost more than finding a page.
SEARCH_COUNT_CAP = 1_000


def choice_order(field_name: str, choices) -> Case:
    """Sort a choice field in the order its choices are declared (the workflow's order), not
    alphabetically by stored value."""
    whens = [When(**{field_name: value}, then=Value(index)) for index, value in enumerate(choices.values)]
    return Case(*whens, default=Value(len(whens)))


@dataclass(frozen=True)
class Sort:
    """One whitelisted sort: ``?sort=key`` ascending, ``?sort=-key`` descending. A field named
    "-field" runs descending when the sort is ascending. ``then`` breaks ties and never flips
    (paragraphs stay in document order under a resolution sorted newest first)."""

    key: str
    fields: tuple[str | BaseExpression, ...]
    then: tuple[str, ...] = ()

    def order_by(self, descending: bool, model: type[Model] | None = None) -> list:
        ordering = []
        for item in self.fields:
            flip = descending
            nulls_last = True
            if isinstance(item, str):
                flip = descending != item.startswith("-")
                name = item.removeprefix("-")
                # Rows without a value (no deadline, never updated) go last either way; on a
                # column that is never null, NULLS LAST would only stop its index serving the
                # sort (PostgreSQL indexes are ASC NULLS LAST / DESC NULLS FIRST).
                nulls_last = model is None or may_be_null(model, name)
                item = F(name)
            if not nulls_last:
                ordering.append(item.desc() if flip else item.asc())
            else:
                ordering.append(item.desc(nulls_last=True) if flip else item.asc(nulls_last=True))
        return ordering + list(self.then)


def may_be_null(model: type[Model], path: str) -> bool:
    """Whether ``path`` ("resolution__adopted_on") can be null on rows of ``model``: a nullable
    field, or one reached through a nullable relation. Unknown names (annotations) may be."""
    opts = model._meta
    for part in path.split(LOOKUP_SEP):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return True
        if getattr(field, "null", True) or not field.concrete:
            return True
        if field.is_relation:
            opts = field.related_model._meta
    return False


@dataclass(frozen=True)
class Header:
    """A column of the list's table: its label, the sort key it toggles, numbers align right."""

    label: str
    sort: str | None = None
    numeric: bool = False


@dataclass(frozen=True)
class ListSpec:
    filterset_class: type
    template: str
    headers: tuple[Header, ...]
    sorts: tuple[Sort, ...]
    default_sort: str
    # Lazy labels and getters run at export time, so both follow the request's language.
    columns: tuple[Column, ...]
    export_name: str
    export_url_name: str
    filterset_kwargs: Callable[[HttpRequest], dict] = field(default=lambda request: {"user": request.user})
    # The rows the export's columns read, from the filtered and sorted queryset: a list whose
    # export is big reads plain values (``values()``), chunk by chunk, instead of model
    # instances. None: the queryset itself.
    export_rows: Callable[[QuerySet], Any] | None = None
    # What the rows show beyond the model's columns (annotations, related rows), as
    # ``decorate(queryset, user)``: added after the filters, so that the list's count reads
    # no join and no subquery it does not need. None: the queryset shows as it is.
    decorate: Callable[[QuerySet, Any], QuerySet] | None = None
    # The parameters of a text search: with any of them, the count stops at SEARCH_COUNT_CAP.
    search_params: tuple[str, ...] = ("q",)

    def sort_for(self, value: str | None) -> tuple[Sort, bool]:
        by_key = {sort.key: sort for sort in self.sorts}
        value = value or self.default_sort
        descending = value.startswith("-")
        sort = by_key.get(value.removeprefix("-"))
        if sort is None:
            return self.sort_for(self.default_sort)
        return sort, descending


def filtered(spec: ListSpec, request: HttpRequest, queryset: QuerySet) -> tuple[Any, QuerySet, Sort, bool]:
    """The filterset (for its form, and its ``qs`` to count) and the filtered, sorted queryset."""
    filterset = spec.filterset_class(request.GET or None, queryset=queryset, **spec.filterset_kwargs(request))
    sort, descending = spec.sort_for(request.GET.get("sort"))
    rows = filterset.qs if spec.decorate is None else spec.decorate(filterset.qs, request.user)
    # The primary key last, so that pages never shuffle rows that tie.
    rows = rows.order_by(*sort.order_by(descending, rows.model), "-pk" if descending else "pk")
    return filterset, rows, sort, descending


class ListPaginator(Paginator):
    """A paginator whose total, for an unfiltered list of a big PostgreSQL table, is the
    statistics' estimate (``estimated`` is then true and the page says "about"): an exact
    COUNT(*) reads the whole table on every page, and a filtered list counts exactly.

    A page is read in two steps: the ids of its rows in the list's order, then those rows
    with everything they show. Sorted whole (100,000 mandates, texts and all, for a sort by
    status), the rows overflowed the sort's memory onto disk: 0.7 s where the ids take 0.1."""

    estimated = False
    # The count stopped at ``cap`` (the page says "more than"; its last page is the cap's).
    capped = False

    def __init__(self, object_list, per_page, *, counted: QuerySet | None = None, cap: int | None = None):
        """``counted``: the same rows without what they show (``ListSpec.decorate``), to count;
        ``cap``: count no further than this (one more row is read to know there are more)."""
        super().__init__(object_list, per_page)
        self.counted = object_list if counted is None else counted
        self.cap = cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if not isinstance(rows, QuerySet) or rows.query.distinct or rows.query.combinator:
            return self._get_page(rows[bottom:top], number, self)
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        return self._get_page(list(rows.filter(pk__in=ids)) if ids else [], number, self)

    @cached_property
    def count(self) -> int:
        if self.cap is not None and isinstance(self.counted, QuerySet):
            # COUNT(*) over a LIMIT cap + 1 subquery.
            found = self.counted.order_by()[: self.cap + 1].count()
            self.capped = found > self.cap
            return min(found, self.cap)
        estimate = table_estimate(self.counted)
        if estimate is not None and estimate > ESTIMATE_ABOVE:
            self.estimated = True
            return estimate
        return self.counted.count()


def table_estimate(queryset) -> int | None:
    """PostgreSQL's estimate of the rows of ``queryset``'s table, when the queryset keeps every
    row of it (no WHERE, no DISTINCT, no slice); else None."""
    if not isinstance(queryset, QuerySet):
        return None
    query = queryset.query
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or query.where or query.distinct or query.is_sliced or query.combinator:
        return None
    with connection.cursor() as cursor:
        table = queryset.model._meta.db_table
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    # -1: never analysed (PostgreSQL 14+), 0 possibly never analysed either: count then.
    return row[0] if row and row[0] > 0 else None


def _query(request: HttpRequest, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    return params.urlencode()


def table_headers(spec: ListSpec, request: HttpRequest, sort: Sort, descending: bool) -> list[dict]:
    headers = []
    for column in spec.headers:
        header = {"label": column.label, "numeric": column.numeric, "url": None, "aria_sort": None}
        if column.sort is not None:
            current = column.sort == sort.key
            next_value = f"-{column.sort}" if current and not descending else column.sort
            header["url"] = "?" + _query(request, sort=next_value, page=None)
            if current:
                header["aria_sort"] = "descending" if descending else "ascending"
        headers.append(header)
    return headers


def render_list(request: HttpRequest, spec: ListSpec, queryset: QuerySet, context: dict | None = None) -> HttpResponse:
    filterset, rows, sort, descending = filtered(spec, request, queryset)
    searched = any(request.GET.get(name, "").strip() for name in spec.search_params)
    cap = SEARCH_COUNT_CAP if searched else None
    page = ListPaginator(rows, PAGE_SIZE, counted=filterset.qs, cap=cap).get_page(request.GET.get("page"))
    return render(
        request,
        spec.template,
        {
            "filter": filterset,
            "page_obj": page,
            "rows": page.object_list,
            "headers": table_headers(spec, request, sort, descending),
            "export_url_name": spec.export_url_name,
            "export_query": _query(request, page=None),
            **(context or {}),
        },
    )


def export_list(request: HttpRequest, spec: ListSpec, queryset: QuerySet, fmt: str) -> HttpResponse:
    _filterset, rows, _sort, _descending = filtered(spec, request, queryset)
    if spec.export_rows is not None:
        rows = spec.export_rows(rows)
    return export_response(rows, spec.columns, fmt, spec.export_name)


def list_views(spec: ListSpec, queryset_for: Callable[[Any], QuerySet]) -> tuple[Callable, Callable]:
    """The list page and its export for ``spec``, both over ``queryset_for(request.user)``."""

    def list_view(request: HttpRequest) -> HttpResponse:
        return render_list(request, spec, queryset_for(request.user))

    def export_view(request: HttpRequest, fmt: str) -> HttpResponse:
        return export_list(request, spec, queryset_for(request.user), fmt)

    return list_view, export_view
