"""The staff form on a mandate's page: change its status and/or add a dated note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate, MandateUpdate
from core.choices import Audience
from core.forms import HappenedOnField
from core.submissions import OnceForm


class MandateUpdateForm(OnceForm):
    """Once per form drawn (``core.submissions``): a double click records one update."""

    # Every status is offered: the workflow (commitments.workflow, through the service) is the
    # one place that refuses a transition, and its message says why.
    new_status = forms.ChoiceField(
        label=_("New status"),
        required=False,
        choices=[("", _("Keep the current status")), *Mandate.Status.choices],
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    happened_on = HappenedOnField()
    audience = forms.ChoiceField(
        label=_("Who may read this update"),
        choices=[(value, label) for value, label in Audience.choices if value in MandateUpdate.AUDIENCES],
        initial=Audience.INTERNAL,
    )
    # The version the user read; a save against a newer version is refused (optimistic locking).
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("new_status") and not (cleaned.get("note") or "").strip():
            raise forms.ValidationError(_("Choose a new status or write a note."), code="nothing_to_record")
        return cleaned
