"""Forms of the national implementation pages: an entry, and the date a matrix or a reminder
round counts from."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate
from core.filters import IdChoiceField, as_id
from states import attachments
from states.forms import DateInput
from states.implementation import NationalImplementationReport, addressed_mandates
from states.implementation_services import DOCUMENT_ORDER


class AddressedMandateField(IdChoiceField):
    def label_from_instance(self, mandate: Mandate) -> str:
        text = " ".join(mandate.text_in()[0].split())
        return f"{mandate} — {text[:90]}{'…' if len(text) > 90 else ''}"


def readable_addressed_mandates(user, *, open_only: bool = True):
    """The mandates addressed to member states that ``user`` may read, in document order: the
    open ones by default (a closed mandate asks nothing more, though its history page stays),
    which are those a state may report on."""
    mandates = addressed_mandates(Mandate.objects.visible_to(user))
    if open_only:
        mandates = mandates.open()
    return mandates.select_related("resolution", "section", "parent").order_by(*DOCUMENT_ORDER, "pk")


class ImplementationReportForm(forms.Form):
    """An entry of a state on one mandate. Any open mandate addressed to member states that the
    user may read is a valid choice; the select offers only ``offered`` (the rows of the page
    it sits on, a search's first matches) and the one already chosen: at ten years' volume the
    mandates addressed to member states run to thousands, a megabyte of options."""

    mandate = AddressedMandateField(queryset=Mandate.objects.none(), label=_("Mandate"))
    status = forms.ChoiceField(
        label=_("Where the state stands"),
        choices=NationalImplementationReport.Status.choices,
        widget=forms.RadioSelect,
    )
    reported_on = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("When this was done or reported."))
    narrative = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    document = forms.FileField(label=_("Document"), required=False)
    public = forms.BooleanField(
        label=_("Make this entry public"),
        required=False,
        help_text=_("Everyone who reads the mandate will see it. Otherwise only your state and the Secretariat do."),
    )

    def __init__(self, *args, user, offered, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("reported_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["mandate"]
        field.queryset = readable_addressed_mandates(user)
        rows = list(offered)
        chosen = as_id(self["mandate"].value())
        if chosen is not None and chosen not in {mandate.pk for mandate in rows}:
            rows += list(field.queryset.filter(pk=chosen))
        field.widget.choices = [("", field.empty_label)] + [(m.pk, field.label_from_instance(m)) for m in rows]
        self.fields["document"].help_text = _("PDF, Word, Excel, image or text; at most %(size)s MB.") % {
            "size": attachments.max_megabytes()
        }

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            attachments.check_upload(upload)
        return upload or None

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        names = ("mandate", "status", "reported_on", "narrative", "evidence_url", "document", "public")
        return {name: data[name] for name in names}


def default_since() -> datetime.date:
    """A year back: what a state said before the last regular session is due again."""
    return timezone.localdate() - datetime.timedelta(days=365)


class SinceForm(forms.Form):
    since = forms.DateField(label=_("Has not reported since"), widget=DateInput(), required=False)

    def clean_since(self):
        since = self.cleaned_data.get("since")
        if since and since > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future_date")
        return since
