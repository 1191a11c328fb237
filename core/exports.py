"""Export a list's rows as CSV, XLSX or JSON.

Each list defines its columns once (a tuple of ``Column``) and hands this module the very
queryset its page shows (filters applied, visibility respected, same order), so an export is
never a different query from the list. Text that a spreadsheet would run as a formula is
defused in the spreadsheet formats (CSV and XLSX); JSON carries the data as it is, since no
spreadsheet evaluates it and an apostrophe there would corrupt the value.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import functools
import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import QuerySet, Subquery, TextField
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# Cells starting with these are run as formulas by Excel, LibreOffice or Google Sheets
# (OWASP "CSV injection"); a leading apostrophe makes them plain text. Spreadsheets in East
# Asian locales also read the full-width (U+FF0B…) and small (U+FE62…) forms of the signs as
# the signs themselves, so those are defused too. The one list every spreadsheet writer uses.
FORMULA_PREFIXES = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\uff1d",  # ＝ full-width equals sign
    "\uff0b",  # ＋ full-width plus sign
    "\uff0d",  # － full-width hyphen-minus
    "\uff20",  # ＠ full-width commercial at
    "\ufe66",  # ﹦ small equals sign
    "\ufe62",  # ﹢ small plus sign
    "\ufe63",  # ﹣ small hyphen-minus
    "\ufe6b",  # ﹫ small commercial at
)
# The first characters of FORMULA_PREFIXES (each is one character), for a set lookup per cell.
_FORMULA_STARTS = frozenset(FORMULA_PREFIXES)
assert all(len(prefix) == 1 for prefix in FORMULA_PREFIXES)
# Rows fetched per database round trip; keeps memory flat for exports of any size.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    """One exported column: a stable key (JSON), a translatable header (CSV/XLSX), a getter."""

    key: str
    label: str
    value: Callable[[Any], Any]


def escape_formula(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _resolved(value: Any) -> Any:
    """Lazy translations and other objects become text; lists stay lists (JSON arrays)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def rows(objects: Iterable, columns: tuple[Column, ...]) -> Iterator[list[Any]]:
    for obj in objects:
        yield [_resolved(column.value(obj)) for column in columns]


def _iterate(queryset: QuerySet | Iterable) -> Iterator:
    """The rows, fetched CHUNK_SIZE at a time (a server-side cursor on PostgreSQL), so that an
    export of any size holds one chunk in memory. A list may hand over its own generator of
    rows (``ListSpec.export_rows``), already chunked."""
    if isinstance(queryset, QuerySet):
        # iterator() with chunk_size keeps prefetch_related working (Django >= 4.1).
        return queryset.iterator(chunk_size=CHUNK_SIZE)
    return iter(queryset)


def in_chunks(rows: Iterable, size: int = CHUNK_SIZE) -> Iterator[list]:
    """``rows`` as lists of ``size`` (the last one shorter)."""
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# Joins a row's related values on SQLite (a unit separator: never typed in a name or a label).
ITEM_SEPARATOR = "\x1f"


class _ItemsField(TextField):
    """What ``Items`` reads: a list on every database (an array on PostgreSQL, the values
    joined by ``ITEM_SEPARATOR`` elsewhere)."""

    def from_db_value(self, value, expression, connection) -> list[str]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        return value.split(ITEM_SEPARATOR)


class Items(Subquery):
    """One row's related values as a list, read by the main query itself: ``value`` (an
    expression) of each of ``related``'s rows, in ``related``'s order, where ``related`` is
    correlated to the row (``OuterRef``). An export of any size thus runs the same queries,
    where a prefetch or a per-chunk lookup ran one or two more per chunk of rows.
    ``ARRAY(...)`` on PostgreSQL; ``group_concat`` over the ordered subquery elsewhere."""

    template = '(SELECT group_concat("export_item", char(31)) FROM (%(subquery)s))'

    def __init__(self, related: QuerySet, value, **extra) -> None:
        super().__init__(related.annotate(export_item=value).values("export_item"), output_field=_ItemsField(), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="ARRAY(%(subquery)s)", **extra_context)


def choice_labels(choices) -> dict[str, str]:
    """{stored value: label} of a ``TextChoices`` in the active language, resolved once per
    export instead of once per row and column (``get_FOO_display`` was a third of an export's
    time at 20,000 rows)."""
    return _choice_labels(choices, get_language())


@functools.lru_cache(maxsize=256)
def _choice_labels(choices, language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


class Link:
    """The absolute link of a row's page from its URL argument: one ``reverse()`` per URL
    prefix, then string work per row, instead of one ``reverse()`` per row. ``placeholder`` is
    an argument the URL's converter accepts and that appears nowhere else in the path."""

    def __init__(self, viewname: str, placeholder: str) -> None:
        self.viewname = viewname
        self.placeholder = placeholder
        self._paths: dict[str, str] = {}

    def __call__(self, argument: Any) -> str:
        before, after = self.parts()
        return f"{before}{argument}{after}"

    def parts(self) -> tuple[str, str]:
        """The absolute link before and after its argument, for a loop to join itself."""
        prefix = get_script_prefix()
        path = self._paths.get(prefix)
        if path is None:
            path = self._paths[prefix] = reverse(self.viewname, args=[self.placeholder])
        before, after = path.split(self.placeholder, 1)
        return settings.SITE_URL.rstrip("/") + before, after


def spreadsheet_cell(value: Any) -> Any:
    """A value for one spreadsheet cell: empty for nothing, lists joined, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    return escape_formula(value)


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    """``spreadsheet_cell(_resolved(value))`` with dates in ISO form; the common types first,
    since this runs for every cell of an export."""
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in _FORMULA_STARTS else value
    if value is None:
        return ""
    if kind is int or kind is bool or kind is datetime.date:
        return value.isoformat() if kind is datetime.date else value
    cell = spreadsheet_cell(_resolved(value))
    return cell.isoformat() if isinstance(cell, datetime.date) else cell


def _batched(lines: Iterable[str], size: int = 500) -> Iterator[str]:
    """Lines joined ``size`` at a time: the server writes a few large pieces instead of one
    small one per row."""
    for chunk in in_chunks(lines, size):
        yield "".join(chunk)


def _csv_lines(queryset: QuerySet, columns: tuple[Column, ...]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte-order mark so that Excel reads the accents of Spanish, French and Portuguese names.
    yield "\ufeff" + writer.writerow([str(column.label) for column in columns])
    getters = [column.value for column in columns]
    lines = (writer.writerow([_csv_cell(get(obj)) for get in getters]) for obj in _iterate(queryset))
    yield from _batched(lines)


def _naive(value: Any) -> Any:
    return value.replace(tzinfo=None) if isinstance(value, datetime.datetime) else value


def _xlsx_bytes(queryset: QuerySet, columns: tuple[Column, ...], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(column.label) for column in columns])
    with long_read(first_rows_first=True):
        for row in rows(_iterate(queryset), columns):
            # openpyxl refuses timezone-aware datetimes; rows already hold local time.
            sheet.append([_naive(spreadsheet_cell(value)) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json_lines(queryset: QuerySet, columns: tuple[Column, ...]) -> Iterator[str]:
    """A JSON array, one object per row, written as the rows arrive."""
    keys = [column.key for column in columns]
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    objects = (encoder.encode(dict(zip(keys, row, strict=True))) for row in rows(_iterate(queryset), columns))
    separator = "[\n"
    for chunk in in_chunks(objects, 500):
        yield separator + ",\n".join(chunk)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


@contextlib.contextmanager
def long_read(*, first_rows_first: bool = False) -> Iterator[None]:
    """On PostgreSQL, one transaction for a read of many rows (an export, a report). Its
    server-side cursors (``iterator()``) then stream rows as they are fetched: outside a
    transaction Django declares them WITH HOLD, which runs the whole query before the first
    row. JIT compilation, which PostgreSQL starts for a query its planner thinks costly and
    which took a fifth of a 16,000-row export's time, is off for it alone. A cursor is
    planned for its first tenth (``cursor_tuple_fraction``): what an export wants
    (``first_rows_first``: its first rows leave at once); a report reads everything before
    it shows anything, and its requests took twelve seconds by such a plan instead of one,
    so it is planned for the whole. Elsewhere (SQLite takes a write lock for a transaction)
    nothing changes."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            if not first_rows_first:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            cursor.execute("SET LOCAL jit = off")
        yield


def _read_in_one_transaction(pieces: Iterator[str]) -> Iterator[str]:
    """The export's pieces read in one ``long_read``, its first rows first."""
    with long_read(first_rows_first=True):
        yield from pieces


def export_response(queryset: QuerySet, columns: tuple[Column, ...], fmt: str, name: str) -> HttpResponse:
    """The whole of ``queryset`` (never just one page) in ``fmt``, as a download."""
    if fmt not in FORMATS:
        raise Http404
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            _read_in_one_transaction(_csv_lines(queryset, columns)), content_type=CONTENT_TYPES[fmt]
        )
    elif fmt == "xlsx":
        response = HttpResponse(_xlsx_bytes(queryset, columns, name), content_type=CONTENT_TYPES[fmt])
    else:
        response = StreamingHttpResponse(
            _read_in_one_transaction(_json_lines(queryset, columns)), content_type=CONTENT_TYPES[fmt]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
