"""Figures of the work-plan page."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    """12.00 → "12", 12.5 → "12.5", None → "–": a value as the reader counts it."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"


@register.filter
def get_form(forms: dict, key):
    """The filing form of one indicator, or None (a viewer files nothing)."""
    return forms.get(key)
