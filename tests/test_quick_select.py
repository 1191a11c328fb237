"""The filter selects drawn in Python (``core.filters.QuickSelect``) are the HTML Django's own
select draws, but for the whitespace between options: the same names, ids, help links,
chosen options, groups and escaping."""

import re

import pytest
from django import forms

from core.filters import QuickSelect

CHOICES = [("", "Any"), ("a&b", "<Ports> & borders"), ("Older", [("7", "CICTE/RES. 1/16"), ("8", "§2 ¶3")])]


class Chosen(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False, help_text="Pick one.")
    quick = forms.ChoiceField(choices=CHOICES, required=False, help_text="Pick one.", widget=QuickSelect)
    many_plain = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    many_quick = forms.MultipleChoiceField(
        choices=CHOICES[1:],
        required=False,
        widget=type("QuickMultiple", (QuickSelect,), {"allow_multiple_selected": True}),
    )


ATTRIBUTE = re.compile(r'\s([\w-]+)(?:="([^"]*)")?')


def drawn(form, name: str) -> str:
    """The field's HTML with its name neutral, no whitespace between tags and each tag's
    attributes in alphabetical order (their order means nothing to a browser)."""
    html = re.sub(r">\s+<", "><", str(form[name]).replace(name, "NAME")).strip()

    def sorted_tag(match) -> str:
        attributes = sorted(ATTRIBUTE.findall(match.group(2)))
        return "<" + match.group(1) + "".join(f' {key}="{value}"' for key, value in attributes) + ">"

    return re.sub(r"<(\w+)([^>]*)>", sorted_tag, html)


@pytest.mark.parametrize(
    "data", [None, {"plain": "8", "quick": "8"}, {"plain": "a&b", "quick": "a&b"}, {"plain": "zz", "quick": "zz"}]
)
def test_a_quick_select_draws_what_djangos_select_draws(data):
    form = Chosen(data)

    assert drawn(form, "quick") == drawn(form, "plain")


def test_a_quick_multiple_select_marks_every_chosen_option():
    form = Chosen({"many_plain": ["a&b", "7"], "many_quick": ["a&b", "7"]})

    assert drawn(form, "many_quick") == drawn(form, "many_plain")
    assert drawn(form, "many_quick").count(" selected") == 2
