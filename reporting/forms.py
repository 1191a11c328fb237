"""Forms of the Secretariat's pages: choosing a report, taking and comparing snapshots."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from commitments.models import Resolution, WorkPlan
from core.choices import Language
from reporting.models import Snapshot
from reporting.report import ReportAudience, Scope, may_choose_audience


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ReportForm(forms.Form):
    """A resolution, or a work plan, or neither (every resolution adopted by the end of the
    period); a period; a language; optionally a snapshot to show the changes since."""

    resolution = forms.ModelChoiceField(
        label=_("Resolution"), queryset=Resolution.objects.order_by("-adopted_on", "symbol"), required=False
    )
    work_plan = forms.ModelChoiceField(label=_("or work plan"), queryset=WorkPlan.objects.all(), required=False)
    start = forms.DateField(label=_("Period from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Period until"), required=False, widget=DateInput())
    language = forms.ChoiceField(label=_("Language of the report"), choices=Language.choices)
    since = forms.ModelChoiceField(
        label=_("Show changes since the snapshot"),
        queryset=Snapshot.objects.all(),
        required=False,
        empty_label=_("(do not show changes)"),
    )
    # Not required: a link without it (or an old bookmark) gets the member states' version.
    audience = forms.ChoiceField(
        label=_("Who the report is for"),
        choices=ReportAudience.choices,
        required=False,
        initial=ReportAudience.MEMBER_STATES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None else AnonymousUser()
        self.fields["language"].initial = (get_language() or "en")[:2]
        self.fields["since"].initial = Snapshot.objects.values_list("pk", flat=True).first()
        for name in ("resolution", "work_plan"):
            self.fields[name].widget.attrs["aria-describedby"] = "scope-help"

    def clean(self):
        data = super().clean()
        if data.get("resolution") and data.get("work_plan"):
            raise forms.ValidationError(_("Choose a resolution or a work plan, not both."), code="both_scopes")
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", forms.ValidationError(_("The period ends before it starts."), code="period_order"))
        return data

    def clean_audience(self) -> str:
        audience = self.cleaned_data.get("audience") or ReportAudience.MEMBER_STATES
        # The views already admit only the Secretariat; a form built for anyone else (or a
        # forged parameter) still never yields the internal version.
        if not may_choose_audience(self.user, audience):
            raise forms.ValidationError(
                _("Only the Secretariat may have the internal version of the report."), code="audience_forbidden"
            )
        return audience

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            resolution=data.get("resolution"),
            work_plan=data.get("work_plan"),
            start=data.get("start"),
            end=data.get("end"),
            language=data["language"],
            since=data.get("since"),
            audience=data["audience"],
        )


class SnapshotForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("e.g. “Twenty-fourth regular session” or “End of 2025”.")
    )
    taken_on = forms.DateField(
        label=_("As of"),
        widget=DateInput(),
        help_text=_("Today, or a past date: the statuses are then read back from the history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taken_on"].initial = timezone.localdate()


TODAY = "today"


class CompareForm(forms.Form):
    before = forms.ModelChoiceField(label=_("Compare"), queryset=Snapshot.objects.all())
    after = forms.ChoiceField(label=_("with"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        snapshots = [(str(s.pk), str(s)) for s in Snapshot.objects.all()]
        self.fields["after"].choices = [(TODAY, _("Today")), *snapshots]

    def after_snapshot(self) -> Snapshot | None:
        value = self.cleaned_data["after"]
        return None if value == TODAY else Snapshot.objects.get(pk=value)
