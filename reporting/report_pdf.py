"""The implementation report as a printable PDF (fpdf2), with DejaVu Sans embedded so that
every language's letters print (the PDF core fonts know only Latin-1).

Call inside ``translation.override(report.scope.language)``: labels and dates follow the
report's language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from reporting.charts import STATUS_COLOURS
from reporting.report import Report, StateSummary, activity_line, day, request_line, update_line

# fontTools logs every table it prunes while subsetting the embedded font, at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
PAGES_ALIAS = "{total-pages}"
INK = (27, 39, 51)
MUTED = (90, 102, 115)
ACCENT = (11, 79, 138)
RULE = (213, 219, 225)
HEADING_FILL = (238, 243, 248)
INTERNAL = (155, 28, 28)


# fpdf2 keeps a font's family in lower case.
_FAMILY_KEY = FAMILY.lower()


class _GlyphCodes(dict):
    """{code point: the escaped glyph code of ``font``'s subset}, filled as characters are
    first met, for ``str.translate`` (a character the font lacks prints nothing)."""

    def __init__(self, font):
        super().__init__()
        self.font = font

    def __missing__(self, codepoint: int) -> str:
        glyph = self.font.subset.pick(codepoint)
        code = self[codepoint] = "" if glyph is None else self.font.escape_text(chr(glyph))
        return code


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


class ReportPDF(FPDF):
    def __init__(self, report: Report):
        super().__init__(format="A4")
        self.report = report
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.add_font(FAMILY, "I", FONTS / "DejaVuSans-Oblique.ttf")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(f"{report.internal_marking} {report.title}".strip())
        self.set_author(_("CICTE Secretariat"))
        self.set_lang(report.scope.language)
        self.set_creator("CICTE mandate tracker")
        self._widths: dict[tuple, dict[str, float]] = {}
        self._codes: dict[int, _GlyphCodes] = {}
        self._colours: dict[tuple, object] = {}
        self._serialized: dict[object, str] = {}
        self._outline_level = -1
        # The total page count is written at the end into the space its alias takes: a long
        # alias leaves room for a four-digit count.
        self.alias_nb_pages(PAGES_ALIAS)

    def header(self):
        if self.report.internal:
            # The Secretariat's version says so at the top of every page, the cover included.
            self.set_font(FAMILY, "B", 8)
            self.set_text_color(*INTERNAL)
            self.cell(0, 6, self.report.internal_marking, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.report.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": PAGES_ALIAS}
        if self.report.internal:
            self.set_text_color(*INTERNAL)
            page = f"{self.report.internal_marking} · {page}"
        self.cell(0, 6, page, align="C")

    # Building blocks ------------------------------------------------------------------

    def text_block(self, text: str, *, size: float = 9.5, style: str = "", colour=INK, height: float = 4.8):
        """Wrapped text from the left margin. Lines are broken here, with word widths cached,
        and drawn with ``text()``: fpdf2's ``multi_cell`` re-measures the line at every
        character, which made a 6,000-mandate report take minutes."""
        self._use(style, size, colour)
        for line in self._wrap(text, self.epw):
            if self.y + height > self.page_break_trigger:
                self.add_page()
                self._use(style, size, colour)
            # The baseline; a line's box is ``height`` high.
            self._line(self.l_margin, self.y + height * 0.72, line)
            self.set_y(self.y + height)

    def _use(self, style: str, size: float, colour: tuple[int, int, int]):
        """The font and text colour, set only when they change: fpdf2's ``set_font`` and
        ``set_text_color`` were a tenth of a large report's time, called for every block."""
        if self.font_family != _FAMILY_KEY or self.font_style != style or self.font_size_pt != size:
            self.set_font(FAMILY, style, size)
        device = self._colours.get(colour)
        if device is None:
            self.set_text_color(*colour)
            device = self._colours[colour] = self.text_color
        elif self.text_color != device:
            self.text_color = device

    def _line(self, x: float, y: float, line: str):
        """What ``text()`` writes for our TrueType fonts in fill mode, with each character's
        glyph code cached per font and a line mapped in one ``str.translate``: ``text()`` maps
        and escapes every character anew, which was most of a 20,000-mandate report's minute
        and a half."""
        font = self.current_font
        if not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(font, self.font_size_pt))
        codes = self._codes.get(id(font))
        if codes is None:
            codes = self._codes[id(font)] = _GlyphCodes(font)
        operators = f"BT {x * self.k:.2f} {(self.h - y) * self.k:.2f} Td ({line.translate(codes)}) Tj ET"
        if self.fill_color != self.text_color:
            colour = self._serialized.get(self.text_color)
            if colour is None:
                colour = self._serialized[self.text_color] = self.text_color.serialize().lower()
            operators = f"q {colour} {operators} Q"
        self._out(operators)

    def _width(self, word: str) -> float:
        cache = self._widths.setdefault((self.font_family, self.font_style, self.font_size_pt), {})
        width = cache.get(word)
        if width is None:
            if self.font_stretching == 100 and not self.char_spacing:
                # What get_string_width computes for a word of our left-to-right languages
                # (one fragment, no stretching or spacing), in the same order of operations,
                # without its bidirectional and markdown passes (a third of a large report's
                # line breaking).
                widths = self.current_font.cw
                width = sum(widths[ord(char)] for char in word) * self.font_size_pt * 0.001 / self.k
            else:
                width = self.get_string_width(word)
            cache[word] = width
        return width

    def _wrap(self, text: str, width: float):
        space = self._width(" ")
        widths = self._widths[(self.font_family, self.font_style, self.font_size_pt)]
        for paragraph in text.splitlines() or [""]:
            line: list[str] = []
            line_width = 0.0
            for word in paragraph.split():
                word_width = widths.get(word)
                if word_width is None:
                    word_width = self._width(word)
                while word_width > width:  # a word longer than the line (a URL): cut it
                    cut = max(1, int(len(word) * width / word_width) - 1)
                    if line:
                        yield " ".join(line)
                        line, line_width = [], 0.0
                    yield word[:cut]
                    word = word[cut:]
                    word_width = self._width(word)
                if line and line_width + space + word_width > width:
                    yield " ".join(line)
                    line, line_width = [word], word_width
                else:
                    line_width += (space if line else 0) + word_width
                    line.append(word)
            yield " ".join(line)

    def heading(self, text: str, level: int = 1):
        sizes = {1: 15, 2: 12.5, 3: 10.5}
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(4 if level > 1 else 6)
        # The PDF outline may not skip a level (fpdf2 raises "Incoherent hierarchy"): a small
        # heading straight under a chapter (the groups of "Changes since") nests one level down.
        outline_level = min(level - 1, self._outline_level + 1)
        self.start_section(text, level=outline_level)
        self._outline_level = outline_level
        self.text_block(
            text, size=sizes[level], style="B", colour=ACCENT if level < 3 else INK, height=sizes[level] * 0.5
        )
        if level == 1:
            self.set_draw_color(*ACCENT)
            self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
            self.ln(3)
        self.ln(1)

    def grid(self, rows: list[list], widths: tuple[float, ...], *, headings: list[str] | None = None, size=8.5):
        """A table with horizontal rules: the first column left, the numbers right."""
        self.set_font(FAMILY, "", size)
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        with self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align=("LEFT",) + ("RIGHT",) * (len(widths) - 1),
            first_row_as_headings=headings is not None,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL, color=INK),
            borders_layout="HORIZONTAL_LINES",
            line_height=size * 0.6,
        ) as table:
            for values in [headings] if headings else []:
                table.row([str(value) for value in values])
            for values in rows:
                table.row([str(value) for value in values])

    def mandate_line(self, number: str, value: str, label: str):
        """The paragraph number, then a coloured square and the status, on one line."""
        if self.y + 5.5 > self.page_break_trigger:
            self.add_page()
        self.set_font(FAMILY, "B", 9)
        self.set_text_color(*MUTED)
        self.text(self.l_margin, self.y + 4, number)
        x = self.l_margin + self._width(number) + 4
        self.set_fill_color(*_rgb(STATUS_COLOURS.get(value, "#8A949E")))
        self.rect(x, self.y + 1.3, 3, 3, style="F")
        self.set_text_color(*INK)
        self.text(x + 4.5, self.y + 4, label)
        self.set_y(self.y + 5.5)


def _cover(pdf: ReportPDF, report: Report, part: str | None = None):
    pdf.add_page()
    pdf.text_block(_("Inter-American Committee against Terrorism (CICTE)"), size=9, colour=MUTED)
    pdf.ln(2)
    pdf.text_block(report.title, size=20, style="B", colour=ACCENT, height=9)
    if part:
        pdf.text_block(part, size=12, style="B", colour=INK, height=6)
    scope = report.scope
    details = [scope.period_label(), _("Generated on %(date)s") % {"date": day(report.generated_at)}]
    pdf.text_block(" · ".join(d for d in details if d), size=9.5, colour=MUTED)
    if part:
        return  # the totals are in the summary's file
    pdf.heading(_("Totals"), 1)
    pdf.grid(report.totals.rows(), (110, 64), size=9.5)


def _changes(pdf: ReportPDF, report: Report):
    changes = report.changes
    if changes is None:
        return
    pdf.heading(_("Changes since %(snapshot)s") % {"snapshot": changes.before.label}, 1)
    if changes.is_empty:
        pdf.text_block(_("No mandate or request changed status."))
    groups = [
        (_("Mandates that changed status"), changes.changed),
        (_("Mandates added"), changes.added),
        (_("Requests opened"), changes.requests_opened),
        (_("Requests that changed status"), changes.requests_changed),
    ]
    for title, rows in groups:
        if not rows:
            continue
        pdf.heading(f"{title} ({len(rows)})", 3)
        for change in rows:
            pdf.text_block(f"{change.obj} · {change.old_label or '–'} → {change.new_label}", size=8.5, height=4.4)


def _mandates(pdf: ReportPDF, report: Report, parts: list[str] | None = None):
    pdf.heading(_("Mandates"), 1)
    if parts:
        # A report split into files: its mandates are in the files beside this one.
        pdf.text_block(
            _(
                "The mandates, and the national implementation reports on them, are in the other files "
                "of this report, in this order:"
            )
        )
        for name in parts:
            pdf.text_block("• " + name, size=9)
        return
    if not report.resolutions:
        pdf.text_block(_("No mandate in this report."))
    # The sentences once, not once per mandate.
    original = _("Text in the original language (%(language)s): no translation is held.")
    owners = _("Owners: %(owners)s")
    latest = _("Latest update: %(update)s")
    # A request (and its activities) listed under several mandates is put in words once.
    request_lines: dict[int, str] = {}
    activity_lines: dict[int, str] = {}
    for resolution in report.resolutions:
        pdf.heading(str(resolution.resolution), 2)
        meta = [resolution.resolution.title.strip(), day(resolution.resolution.adopted_on)]
        pdf.text_block(" · ".join(m for m in meta if m), size=9, colour=MUTED)
        for section in resolution.sections:
            pdf.heading(section.title, 3)
            for entry in section.mandates:
                if pdf.get_y() > pdf.h - 45:
                    pdf.add_page()
                pdf.ln(1.5)
                pdf.mandate_line(entry.number, entry.status, entry.status_label)
                pdf.text_block(entry.text)
                if entry.text_language != report.scope.language:
                    note = original % {"language": entry.text_language_label}
                    pdf.text_block(note, size=8, style="I", colour=MUTED)
                if entry.owners:
                    pdf.text_block(owners % {"owners": ", ".join(entry.owners)}, size=8.5)
                if entry.latest_update:
                    line = latest % {"update": update_line(entry.latest_update)}
                    pdf.text_block(line, size=8.5, style="I", colour=MUTED)
                for request in entry.requests:
                    line = request_lines.get(request.pk)
                    if line is None:
                        line = request_lines[request.pk] = "• " + request_line(request)
                    pdf.text_block(line, size=8.5, height=4.4)
                for activity in entry.activities:
                    line = activity_lines.get(activity.pk)
                    if line is None:
                        line = activity_lines[activity.pk] = "◦ " + activity_line(activity)
                    pdf.text_block(line, size=8.5, height=4.4)
                pdf.set_draw_color(*RULE)
                pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.w - pdf.r_margin, pdf.get_y() + 1.5)
                pdf.ln(2)


def _work_plan(pdf: ReportPDF, report: Report):
    section = report.work_plan_section
    if not section.rows:  # no commitment implements the report's mandates
        return
    pdf.add_page()
    pdf.heading(_("Work Plan: planned vs delivered"), 1)
    pdf.text_block(section.as_of, size=9, colour=MUTED)
    internal = (22, 30, 36, 16, 12, 12, 12, 18, 16)
    widths = internal if section.internal else (24, 34, 40, 18, 14, 14, 14, 16)
    pdf.grid(section.cells, widths, headings=section.headings, size=7.5)


def _states(pdf: ReportPDF, report: Report):
    pdf.add_page()
    pdf.heading(_("Summary by member state"), 1)
    if not report.states:
        pdf.text_block(_("No request or activity in this report."))
        return
    pdf.grid([s.values() for s in report.states], (52, 20, 18, 22, 22, 24, 16), headings=StateSummary.headings())


def _national(pdf: ReportPDF, report: Report):
    """Member states' own reports: the counts per mandate; each state's position in the
    Secretariat's version only."""
    if not report.national:
        return
    pdf.heading(_("National implementation reports"), 1)
    for summary in report.national:
        pdf.heading(str(summary.mandate), 3)
        pdf.text_block(summary.counts_line(), size=8.5)
        if summary.positions:
            rows = [
                [*position.cells()[:2], day(position.reported_on), position.cells()[3]]
                for position in summary.positions
            ]
            headings = [_("Member state"), _("Status"), _("Date"), _("Recorded by")]
            pdf.grid(rows, (50, 34, 30, 60), headings=headings)


def render_pdf(report: Report, *, part: str | None = None, parts: list[str] | None = None) -> bytes:
    """The report; or, for a report split into files (``report_split``), one ``part`` of it
    (that title, its mandates and the national reports on them) or its summary (everything
    else, listing the ``parts`` files)."""
    pdf = ReportPDF(report)
    if part is not None:
        _cover(pdf, report, part)
        _mandates(pdf, report)
        _national(pdf, report)
        return bytes(pdf.output())
    _cover(pdf, report)
    _changes(pdf, report)
    _mandates(pdf, report, parts)
    _work_plan(pdf, report)
    _states(pdf, report)
    _national(pdf, report)
    return bytes(pdf.output())
