"""``{% active_filters form as count %}``: how many filters of a list's form the reader applied.

Counted from what the request sent, not from ``changed_data``: a filter with an initial value
(a default language, an "only open" default) is not something the reader chose, and must not
unfold the panel or be announced as applied."""

from django import template

register = template.Library()


@register.simple_tag
def active_filters(form) -> int:
    if not form.is_bound:
        return 0
    count = 0
    for name, field in form.fields.items():
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        if value not in (None, "", [], (), False):
            count += 1
    return count
