"""Charts drawn on the server as SVG markup: horizontal bars, stacked bars, a line over time
and a donut. No JavaScript and no external call; they print as they show.

Every chart carries a ``<title>`` and a ``<desc>`` that states its numbers in words. Bars and
points are links (each with its own accessible name) to the list behind them, so the SVG is a
``group`` of links rather than an opaque image; the donut, which has no links, is an image
whose legend table (next to it in the template) holds the links. Templates also show each
chart's data as a table, the text equivalent for screen readers and for print.

Colours come from the Okabe–Ito palette, which stays distinguishable under the common forms of
colour blindness; every value is also written as text, so colour is never the only carrier.
Colours are SVG presentation attributes (``fill="…"``), which the Content Security Policy
allows, unlike ``style`` attributes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.dashboard import Item, Row

# Okabe & Ito (2008), "Color Universal Design"; yellow left out (too pale on white).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#6B6B6B", "#332288"]

STATUS_COLOURS = {
    # Mandates
    "not_started": "#8A949E",
    "in_progress": "#0072B2",
    "completed": "#009E73",
    "ongoing": "#56B4E9",
    "no_action_required": "#C3C9CF",
    "superseded": "#CC79A7",
    # Requests (in_progress shared with mandates)
    "received": "#8A949E",
    "under_review": "#E69F00",
    "accepted": "#56B4E9",
    "delivered": "#009E73",
    "closed": "#00593F",
    "declined": "#D55E00",
    "withdrawn": "#C3C9CF",
    "on_hold": "#CC79A7",
    # Participants
    "women": "#CC79A7",
    "men": "#0072B2",
    "other": "#E69F00",
}

INK = "#1B2733"
MUTED = "#5A6673"
GRID = "#E3E7EB"
FONT_SIZE = 13
CHAR_WIDTH = 0.6 * FONT_SIZE  # an average glyph of a sans-serif face, for truncating labels

_ids = itertools.count(1)


def colour_for(key: str, index: int) -> str:
    return STATUS_COLOURS.get(key) or PALETTE[index % len(PALETTE)]


def _fit(text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` pixels (approximately)."""
    limit = max(int(width / CHAR_WIDTH), 4)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _svg(width: int, height: int, title: str, desc: str, body: list[str], *, role: str = "group") -> SafeString:
    uid = f"chart-{next(_ids)}"
    return mark_safe(  # noqa: S308 - every text below went through escape()
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="{role}" aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT_SIZE}" fill="{INK}">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _link(url: str, label: str, inner: str) -> str:
    if not url:  # a figure whose list cannot be filtered that way
        return f"<g><title>{escape(label)}</title>{inner}</g>"
    return f'<a href="{escape(url)}" aria-label="{escape(label)}">{inner}</a>'


def describe(items: Sequence[Item]) -> str:
    """The numbers in words, for the chart's ``<desc>``."""
    return "; ".join(f"{item.label}: {_number(item.value)}" for item in items) or _("No data.")


def bar_chart(items: Sequence[Item], *, title: str, width: int = 500) -> SafeString:
    """Horizontal bars, one per item, each a link to its list. Labels sit left of their bars
    when the longest takes less than half the width; else each goes on its own line above its
    bar, uncut."""
    longest = max((len(item.label) * CHAR_WIDTH for item in items), default=0) + 10
    above = longest > width * 0.45
    label_width = int(longest)
    bar = 18
    row = bar + (26 if above else 12)
    top = 4
    left = 0 if above else label_width
    height = top * 2 + row * max(len(items), 1)
    scale_width = width - left - 50
    peak = max((item.value for item in items), default=0) or 1
    body = []
    for index, item in enumerate(items):
        y = top + index * row
        bar_y = y + (20 if above else 0)
        length = max(item.value / peak * scale_width, 2 if item.value else 0)
        # The label stays outside the link: a link's name must contain its visible text, and a
        # long label may be shortened on screen (the full label is in the link's name).
        label = (
            f'<text x="0" y="{y + 14}">{escape(_fit(item.label, width))}</text>'
            if above
            else f'<text x="{label_width - 8}" y="{y + bar - 4}" text-anchor="end">{escape(item.label)}</text>'
        )
        body.append(label)
        inner = (
            f'<rect x="{left}" y="{bar_y}" width="{length:.1f}" height="{bar}" rx="2" '
            f'fill="{colour_for(item.key, index)}"/>'
            f'<text x="{left + length + 6:.1f}" y="{bar_y + bar - 4}" font-weight="600">{_number(item.value)}</text>'
        )
        body.append(_link(item.url, f"{item.label}: {_number(item.value)}", inner))
    if not items:
        body.append(f'<text x="0" y="{top + bar}" fill="{MUTED}">{escape(_("No data."))}</text>')
    return _svg(width, height, title, describe(items), body)


def _legend(keys: Sequence[tuple[str, str]], width: int, y: int) -> tuple[list[str], int]:
    """Swatches and labels laid out in rows across ``width``; returns the markup and its height."""
    body, x = [], 0
    for index, (key, label) in enumerate(keys):
        item_width = 22 + len(label) * CHAR_WIDTH + 16
        if x and x + item_width > width:
            x, y = 0, y + 20
        body.append(
            f'<rect x="{x:.0f}" y="{y}" width="12" height="12" rx="2" fill="{colour_for(key, index)}"/>'
            f'<text x="{x + 18:.0f}" y="{y + 11}" fill="{MUTED}">{escape(label)}</text>'
        )
        x += item_width
    return body, y + 20


def stacked_bar_chart(
    rows: Sequence[Row], *, title: str, keys: Sequence[tuple[str, str]], width: int = 1040, label_width: int = 280
) -> SafeString:
    """One horizontal bar per row, split into its segments (statuses), with a legend of
    ``keys`` ((value, label) in display order) above."""
    body, top = _legend([(k, lbl) for k, lbl in keys if any(s.key == k for r in rows for s in r.segments)], width, 0)
    top += 6
    row_height, bar = 30, 18
    scale_width = width - label_width - 60
    peak = max((row.total for row in rows), default=0) or 1
    order = {key: index for index, (key, _label) in enumerate(keys)}
    for index, row in enumerate(rows):
        y = top + index * row_height
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar - 4}" text-anchor="end">'
            f"{escape(_fit(row.label, label_width))}</text>"
        )
        x = float(label_width)
        # The segments' common attributes once per bar, not once per segment: a dashboard
        # draws hundreds of them.
        body.append(f'<g stroke="#fff" stroke-width="1" transform="translate(0 {y})">')
        for segment in sorted(row.segments, key=lambda s: order.get(s.key, 99)):
            length = segment.value / peak * scale_width
            rect = (
                f'<rect x="{x:.1f}" width="{max(length, 1):.1f}" height="{bar}" '
                f'fill="{colour_for(segment.key, order.get(segment.key, 0))}"/>'
            )
            body.append(_link(segment.url, f"{row.label}, {segment.label}: {_number(segment.value)}", rect))
            x += length
        body.append("</g>")
        body.append(f'<text x="{x + 6:.1f}" y="{y + bar - 4}" font-weight="600">{_number(row.total)}</text>')
    height = top + row_height * max(len(rows), 1) + 4
    # Totals only: each segment's number is in its link's name and in the table beside the
    # chart (with every status, the description alone was 12 KB of the dashboard).
    desc = "; ".join(f"{row.label}: {_number(row.total)}" for row in rows)
    return _svg(width, height, title, desc or _("No data."), body)


def line_chart(items: Sequence[Item], *, title: str, width: int = 1040, height: int = 260) -> SafeString:
    """Values over time (periods in order), a point per period linked to its list."""
    left, right, top, bottom = 44, 16, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((item.value for item in items), default=0)
    step = _nice_step(peak)
    ceiling = max(step * math.ceil(peak / step), step)
    body = []
    for tick in range(0, int(ceiling) + 1, int(step)):
        y = top + plot_h - tick / ceiling * plot_h
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{tick}</text>')
    if not items:
        body.append(f'<text x="{left}" y="{top + 20}" fill="{MUTED}">{escape(_("No data."))}</text>')
        return _svg(width, height, title, _("No data."), body)
    gap = plot_w / max(len(items) - 1, 1)
    points = [
        (left + (index * gap if len(items) > 1 else plot_w / 2), top + plot_h - item.value / ceiling * plot_h)
        for index, item in enumerate(items)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    baseline = top + plot_h
    body.append(
        f'<polygon points="{points[0][0]:.1f},{baseline} {path} {points[-1][0]:.1f},{baseline}" '
        f'fill="{PALETTE[0]}" fill-opacity="0.12"/>'
    )
    body.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>')
    label_every = max(1, math.ceil(len(items) * 70 / plot_w))
    for index, (item, (x, y)) in enumerate(zip(items, points, strict=True)):
        body.append(
            _link(
                item.url,
                f"{item.label}: {_number(item.value)}",
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#fff" stroke="{PALETTE[0]}" stroke-width="2.5"/>',
            )
        )
        if index % label_every == 0 or index == len(items) - 1:
            body.append(
                f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" fill="{MUTED}">{escape(item.label)}</text>'
            )
    return _svg(width, height, title, describe(items), body)


def _nice_step(peak: float) -> int:
    """A round grid step giving about four lines up to ``peak``."""
    if peak <= 4:
        return 1
    raw = peak / 4
    magnitude = 10 ** int(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def donut_chart(
    items: Sequence[Item], *, title: str, centre: str = "", caption: str = "", size: int = 200
) -> SafeString:
    """Shares of a whole as a ring; ``centre`` is written large in the middle (a percentage),
    ``caption`` small under it. An image: its legend table carries the links."""
    radius, thickness = size / 2 - 16, 28
    circumference = 2 * math.pi * radius
    total = sum(item.value for item in items)
    c = size / 2
    body = [f'<circle cx="{c}" cy="{c}" r="{radius:.1f}" fill="none" stroke="{GRID}" stroke-width="{thickness}"/>']
    offset = 0.0
    for index, item in enumerate(items):
        if not total or not item.value:
            continue
        length = item.value / total * circumference
        body.append(
            f'<circle cx="{c}" cy="{c}" r="{radius:.1f}" fill="none" stroke="{colour_for(item.key, index)}" '
            f'stroke-width="{thickness}" stroke-dasharray="{length:.2f} {circumference - length:.2f}" '
            f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 {c} {c})"/>'
        )
        offset += length
    if centre:
        body.append(
            f'<text x="{c}" y="{c + (2 if caption else 8)}" text-anchor="middle" font-size="26" '
            f'font-weight="700">{escape(centre)}</text>'
        )
    if caption:
        body.append(f'<text x="{c}" y="{c + 22}" text-anchor="middle" fill="{MUTED}">{escape(caption)}</text>')
    return _svg(size, size, title, describe(items), body, role="img")
