"""The implementation report as an XLSX workbook (XlsxWriter in constant-memory mode: each row
is written to disk as it is appended, so memory stays flat with the number of rows, and a
100,000-mandate workbook takes a fraction of openpyxl's time): a summary, then one sheet per
kind of row.

Text that a spreadsheet would run as a formula (starting with =, +, -, @ or a control
character) is written with a leading apostrophe, so a mandate text or a note cannot become a
formula in the reader's spreadsheet (CSV/formula injection). Every text is written as a string
(never read as a formula, a number or a link).
"""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from xlsxwriter import Workbook

from core.exports import FORMULA_PREFIXES
from reporting.report import Report, StateSummary, day, request_line, update_line

FORMATS = {
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#0B4F8A", "pattern": 1},
    "title": {"bold": True, "font_size": 14, "font_color": "#0B4F8A"},
    "internal": {"bold": True, "font_color": "#9B1C1C"},
    "wrap": {"text_wrap": True, "valign": "top"},
}
WRAPPED_MANDATE_COLUMNS = frozenset({1, 4, 5, 6})  # section, owners, text, latest update


def escape_formula(value):
    if isinstance(value, Promise):  # a lazy translation (status labels)
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Book:
    """The workbook, its few cell formats, and the sheets' next rows."""

    def __init__(self, report: Report):
        self.buffer = BytesIO()
        self.workbook = Workbook(
            self.buffer,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "default_date_format": "yyyy-mm-dd",
                "remove_timezone": True,
            },
        )
        self.report = report
        self.formats = {name: self.workbook.add_format(spec) for name, spec in FORMATS.items()}
        self.date = self.workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.wrapped_date = self.workbook.add_format({"num_format": "yyyy-mm-dd", "text_wrap": True, "valign": "top"})
        self.rows: dict[int, int] = {}

    def save(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


def _header_text(text: str) -> str:
    return "&C" + text.replace("&", "&&")


def _create_sheet(book: _Book, title: str, widths: list[int], *, freeze: bool = False):
    """A sheet that, in the Secretariat's version, says so in its printed header and first row."""
    report = book.report
    sheet = book.workbook.add_worksheet(title[:31])
    book.rows[id(sheet)] = 0
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    if freeze:
        # Headings stay in view, below the internal marking where there is one.
        sheet.freeze_panes(2 if report.internal else 1, 0)
    if report.internal:
        sheet.set_header(_header_text(report.internal_marking))
        _append(book, sheet, [report.internal_marking], style="internal")
    return sheet


def _sheet(book: _Book, title: str, headings: list[str], widths: list[int]):
    sheet = _create_sheet(book, title, widths, freeze=True)
    _append(book, sheet, [str(heading) for heading in headings], style="header")
    return sheet


def _append(book: _Book, sheet, values, *, wrap: frozenset[int] = frozenset(), style: str | None = None):
    """A row of escaped values; the columns in ``wrap`` wrap their text (``style``: every
    cell's format, by name)."""
    row = book.rows[id(sheet)]
    book.rows[id(sheet)] = row + 1
    wrapped = book.formats["wrap"]
    common = book.formats[style] if style else None
    for column, value in enumerate(values):
        if value is None:
            continue
        cell_format = wrapped if column in wrap else common
        value = escape_formula(value)
        if isinstance(value, str):
            sheet.write_string(row, column, value, cell_format)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, column, value, cell_format)
        elif isinstance(value, (datetime.date, datetime.datetime)):
            sheet.write_datetime(row, column, value, book.wrapped_date if column in wrap else book.date)
        else:
            sheet.write_string(row, column, str(value), cell_format)


def _summary(book: _Book, report: Report):
    sheet = _create_sheet(book, _("Summary"), [45, 20])
    _append(book, sheet, [report.title], style="title")
    for value in (report.scope.period_label(), _("Generated on %(date)s") % {"date": day(report.generated_at)}):
        if value:
            _append(book, sheet, [value])
    book.rows[id(sheet)] += 1  # a blank row
    for row in report.totals.rows():
        _append(book, sheet, row)


def _mandates(book: _Book, report: Report):
    sheet = _sheet(
        book,
        _("Mandates"),
        [
            _("Resolution"),
            _("Section"),
            _("Paragraph"),
            _("Status"),
            _("Owners"),
            _("Text"),
            _("Latest update"),
            _("Requests"),
            _("Activities"),
        ],
        [22, 30, 12, 18, 30, 80, 50, 30, 12],
    )
    for resolution in report.resolutions:
        for section in resolution.sections:
            for entry in section.mandates:
                _append(
                    book,
                    sheet,
                    [
                        resolution.resolution.symbol,
                        section.title,
                        entry.number,
                        entry.status_label,
                        ", ".join(entry.owners),
                        entry.text,
                        update_line(entry.latest_update),
                        ", ".join(r.reference for r in entry.requests),
                        len(entry.activities),
                    ],
                    wrap=WRAPPED_MANDATE_COLUMNS,
                )


def _requests(book: _Book, report: Report):
    sheet = _sheet(
        book,
        _("Requests"),
        [_("Reference"), _("Member state"), _("Title"), _("Type"), _("Status"), _("Received on"), _("Delivered on")],
        [16, 24, 50, 28, 18, 14, 14],
    )
    for request in report.requests:
        _append(
            book,
            sheet,
            [
                request.reference,
                request.state.localized_name(),
                request.title,
                request.get_request_type_display(),
                request.get_status_display(),
                request.received_on,
                request.delivered_on,
            ],
        )


def _activities(book: _Book, report: Report):
    sheet = _sheet(
        book,
        _("Activities"),
        [
            _("Start date"),
            _("End date"),
            _("Title"),
            _("Type"),
            _("Member state"),
            _("Women"),
            _("Men"),
            _("Other or undisclosed"),
            _("Participants"),
            _("Funding source"),
            _("Request"),
        ],
        [12, 12, 50, 22, 22, 10, 10, 12, 12, 24, 16],
    )
    for activity in report.activities:
        _append(
            book,
            sheet,
            [
                activity.start_date,
                activity.end_date,
                activity.title,
                activity.get_activity_type_display(),
                activity.state.localized_name() if activity.state else _("Regional"),
                activity.participants_women,
                activity.participants_men,
                activity.participants_other,
                activity.participants_total,
                activity.funding_source,
                activity.request_reference or "",
            ],
        )


def _states(book: _Book, report: Report):
    sheet = _sheet(book, _("Member states"), StateSummary.headings(), [28, 12, 10, 12, 12, 14, 10])
    for state in report.states:
        _append(book, sheet, state.values())


def _work_plan(book: _Book, report: Report):
    section = report.work_plan_section
    if not section.rows:
        return
    widths = [30, 40, 45, 18, 10, 10, 10, 14, 10][: len(section.headings)]
    sheet = _sheet(book, _("Work Plan"), section.headings, widths)
    for cells in section.cells:
        _append(book, sheet, cells)


def _changes(book: _Book, report: Report):
    if report.changes is None:
        return
    sheet = _sheet(
        book,
        _("Changes"),
        [_("Change"), _("Item"), _("Before"), _("Now")],
        [30, 60, 22, 22],
    )
    changes = report.changes
    for title, rows in (
        (_("Mandate changed status"), changes.changed),
        (_("Mandate added"), changes.added),
        (_("Request opened"), changes.requests_opened),
        (_("Request changed status"), changes.requests_changed),
    ):
        for change in rows:
            item = request_line(change.obj) if hasattr(change.obj, "reference") else str(change.obj)
            _append(book, sheet, [title, item, change.old_label, change.new_label])


def _national(book: _Book, report: Report):
    """Member states' own reports: the counts per mandate, and each state's position in the
    Secretariat's version only (``report.national`` holds none otherwise)."""
    if not report.national:
        return
    statuses = [str(row.label) for row in report.national[0].counts.rows]
    headings = [_("Mandate"), *statuses, _("Not reported yet"), _("Member states")]
    sheet = _sheet(book, _("National reports"), headings, [28] + [14] * (len(statuses) + 2))
    for summary in report.national:
        counts = [row.count for row in summary.counts.rows]
        _append(book, sheet, [str(summary.mandate), *counts, summary.counts.not_reported, summary.counts.total])
    if not report.internal:
        return
    headings = [_("Mandate"), _("Member state"), _("Status"), _("Date"), _("Recorded by")]
    sheet = _sheet(book, _("National reports by state"), headings, [28, 24, 18, 12, 30])
    for summary in report.national:
        for position in summary.positions:
            _append(book, sheet, [str(summary.mandate), *position.cells()])


def render_xlsx(report: Report) -> bytes:
    book = _Book(report)
    for part in (_summary, _mandates, _requests, _activities, _states, _work_plan, _national, _changes):
        part(book, report)
    return book.save()
