"""The implementation report as an XLSX workbook (openpyxl, write-only so that memory stays flat
with the number of rows): a summary, then one sheet per kind of row.

Text that a spreadsheet would run as a formula (starting with =, +, -, @ or a control
character) is written with a leading apostrophe, so a mandate text or a note cannot become a
formula in the reader's spreadsheet (CSV/formula injection).
"""

from __future__ import annotations

from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from core.exports import FORMULA_PREFIXES
from reporting.report import Report, StateSummary, day, request_line, update_line

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
TITLE_FONT = Font(bold=True, size=14, color="0B4F8A")
INTERNAL_FONT = Font(bold=True, color="9B1C1C")
WRAP = Alignment(wrap_text=True, vertical="top")
WRAPPED_MANDATE_COLUMNS = frozenset({1, 4, 5, 6})  # section, owners, text, latest update


def escape_formula(value):
    if isinstance(value, Promise):  # a lazy translation (status labels)
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _create_sheet(workbook: Workbook, report: Report, title: str, widths: list[int], *, freeze: bool = False):
    """A sheet that, in the Secretariat's version, says so in its printed header and first row.
    A write-only sheet writes its column widths and panes with its first row: set them first."""
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    if freeze:
        # Headings stay in view, below the internal marking where there is one.
        sheet.freeze_panes = "A3" if report.internal else "A2"
    if report.internal:
        sheet.oddHeader.center.text = report.internal_marking
        sheet.evenHeader.center.text = report.internal_marking
        marking = WriteOnlyCell(sheet, value=report.internal_marking)
        marking.font = INTERNAL_FONT
        sheet.append([marking])
    return sheet


def _sheet(workbook: Workbook, report: Report, title: str, headings: list[str], widths: list[int]):
    sheet = _create_sheet(workbook, report, title, widths, freeze=True)
    cells = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _append(sheet, values, *, wrap: frozenset[int] = frozenset()):
    """A row of escaped values; the columns in ``wrap`` wrap their text (a styled cell costs
    far more than a plain value, so only those are styled)."""
    row = []
    for index, value in enumerate(values):
        value = escape_formula(value)
        if index in wrap:
            value = WriteOnlyCell(sheet, value=value)
            value.alignment = WRAP
        row.append(value)
    sheet.append(row)


def _summary(workbook: Workbook, report: Report):
    sheet = _create_sheet(workbook, report, _("Summary"), [45, 20])
    title = WriteOnlyCell(sheet, value=escape_formula(report.title))
    title.font = TITLE_FONT
    sheet.append([title])
    for value in (report.scope.period_label(), _("Generated on %(date)s") % {"date": day(report.generated_at)}):
        if value:
            _append(sheet, [value])
    sheet.append([])
    for row in report.totals.rows():
        _append(sheet, row)


def _mandates(workbook: Workbook, report: Report):
    sheet = _sheet(
        workbook,
        report,
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


def _requests(workbook: Workbook, report: Report):
    sheet = _sheet(
        workbook,
        report,
        _("Requests"),
        [_("Reference"), _("Member state"), _("Title"), _("Type"), _("Status"), _("Received on"), _("Delivered on")],
        [16, 24, 50, 28, 18, 14, 14],
    )
    for request in report.requests:
        _append(
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


def _activities(workbook: Workbook, report: Report):
    sheet = _sheet(
        workbook,
        report,
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


def _states(workbook: Workbook, report: Report):
    sheet = _sheet(workbook, report, _("Member states"), StateSummary.headings(), [28, 12, 10, 12, 12, 14, 10])
    for state in report.states:
        _append(sheet, state.values())


def _work_plan(workbook: Workbook, report: Report):
    section = report.work_plan_section
    if not section.rows:
        return
    widths = [30, 40, 45, 18, 10, 10, 10, 14, 10][: len(section.headings)]
    sheet = _sheet(workbook, report, _("Work Plan"), section.headings, widths)
    for cells in section.cells:
        _append(sheet, cells)


def _changes(workbook: Workbook, report: Report):
    if report.changes is None:
        return
    sheet = _sheet(
        workbook,
        report,
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
            _append(sheet, [title, item, change.old_label, change.new_label])


def _national(workbook: Workbook, report: Report):
    """Member states' own reports: the counts per mandate, and each state's position in the
    Secretariat's version only (``report.national`` holds none otherwise)."""
    if not report.national:
        return
    statuses = [str(row.label) for row in report.national[0].counts.rows]
    headings = [_("Mandate"), *statuses, _("Not reported yet"), _("Member states")]
    sheet = _sheet(workbook, report, _("National reports"), headings, [28] + [14] * (len(statuses) + 2))
    for summary in report.national:
        counts = [row.count for row in summary.counts.rows]
        _append(sheet, [str(summary.mandate), *counts, summary.counts.not_reported, summary.counts.total])
    if not report.internal:
        return
    headings = [_("Mandate"), _("Member state"), _("Status"), _("Date"), _("Recorded by")]
    sheet = _sheet(workbook, report, _("National reports by state"), headings, [28, 24, 18, 12, 30])
    for summary in report.national:
        for position in summary.positions:
            _append(sheet, [str(summary.mandate), *position.cells()])


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook(write_only=True)
    workbook.iso_dates = True
    _summary(workbook, report)
    _mandates(workbook, report)
    _requests(workbook, report)
    _activities(workbook, report)
    _states(workbook, report)
    _work_plan(workbook, report)
    _national(workbook, report)
    _changes(workbook, report)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
