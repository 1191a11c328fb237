"""Small helpers for the dashboard, report and snapshot templates."""

from django import template
from django.utils.html import format_html

from reporting.charts import colour_for

register = template.Library()


@register.filter
def swatch(key: str, index: int = 0):
    """A colour square matching the chart's bar or slice, hidden from screen readers (the
    label beside it says the same)."""
    return format_html(
        '<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">'
        '<rect width="12" height="12" rx="2" fill="{}"/></svg>',
        colour_for(key, index),
    )


@register.filter
def percent(share) -> str:
    """0.4375 → "44%"; None → "–"."""
    return "–" if share is None else f"{share:.0%}"


@register.filter
def segment(row, key: str):
    """The segment of a stacked row for one status, or None."""
    return next((item for item in row.segments if item.key == key), None)


@register.filter
def present_keys(rows, keys):
    """The (value, label) pairs that occur in at least one row, in their declared order."""
    used = {item.key for row in rows for item in row.segments}
    used |= {item.key for row in rows for child in row.children for item in child.segments}
    return [(value, label) for value, label in keys if value in used]


@register.filter
def days(value) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
