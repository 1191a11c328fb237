"""The form staff file a progress report with, from the work-plan page."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.workplan import Indicator, ProgressReport, ReportingPeriod


class ProgressReportForm(forms.Form):
    """One indicator's report: the period (any that has started), the rating and what was
    achieved. A computed indicator's value is measured when filed, so it asks for none."""

    period = forms.TypedChoiceField(label=_("Period"), coerce=int)
    correction = forms.BooleanField(
        label=_("This corrects the report already filed for the period"),
        required=False,
        help_text=_("The report filed stays in the history; this one then stands for the period."),
    )
    value = forms.DecimalField(label=_("Value achieved in the period"), min_value=0, max_digits=12, decimal_places=2)
    value_women = forms.IntegerField(label=_("of whom women"), min_value=0, required=False)
    value_men = forms.IntegerField(label=_("men"), min_value=0, required=False)
    value_other = forms.IntegerField(label=_("other or undisclosed"), min_value=0, required=False)
    rating = forms.ChoiceField(label=_("Rating"), choices=ProgressReport.Rating.choices)
    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")

    def __init__(self, *args, indicator: Indicator, periods: list[ReportingPeriod], today: datetime.date, **kwargs):
        kwargs.setdefault("prefix", f"indicator-{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.periods = {period.pk: period for period in periods if period.starts_on <= today}
        self.fields["period"].choices = [(pk, period.code) for pk, period in self.periods.items()]
        # The latest period that has started is the one usually reported on.
        if self.periods:
            self.fields["period"].initial = max(self.periods.values(), key=lambda period: period.starts_on).pk
        if indicator.is_computed:
            del self.fields["value"]
        if indicator.is_computed or not indicator.by_gender:
            for name in ("value_women", "value_men", "value_other"):
                del self.fields[name]

    def clean_period(self) -> ReportingPeriod:
        return self.periods[self.cleaned_data["period"]]
