"""Forms of the request pages. Every choice list is scoped to what the user may pick: their
own state, mandates they may read, statuses the workflow allows them, Secretariat staff as
assignees."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate
from commitments.workplan import Commitment
from core import roles
from core.choices import Audience
from core.forms import HappenedOnField
from core.submissions import OnceForm
from states import attachments
from states.models import Activity, AssistanceRequest, MemberState
from states.resources import ACTIVITY_DETAILS
from states.services import EDITABLE_FIELDS
from states.workflow import FOCAL_POINT_TRANSITIONS, REQUEST_TRANSITIONS

AUDIENCE_CHOICES = [(Audience.STATE.value, Audience.STATE.label), (Audience.INTERNAL.value, Audience.INTERNAL.label)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MandateChoiceField(forms.ModelMultipleChoiceField):
    """Mandates labelled by number and the start of their text; a small script adds a filter box."""

    def __init__(self, user, **kwargs):
        queryset = (
            Mandate.objects.visible_to(user)
            .exclude(kind=Mandate.Kind.DECLARATORY)
            .select_related("resolution", "section", "parent")
            .in_document_order()
        )
        widget = forms.SelectMultiple(
            attrs={"data-filterable": "", "data-filter-placeholder": _("Type words to filter the list"), "size": 10}
        )
        super().__init__(queryset=queryset, required=False, widget=widget, label=_("Linked mandates"), **kwargs)

    def label_from_instance(self, mandate: Mandate) -> str:
        text = " ".join(mandate.text.split())
        return f"{mandate} — {text[:110]}{'…' if len(text) > 110 else ''}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several documents at once, each checked by ``states.attachments`` before anything is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        checked = [super(DocumentsField, self).clean(upload, initial) for upload in files]
        for upload in checked:
            try:
                attachments.check_upload(upload)
            except ValidationError as error:
                raise ValidationError(f"{upload.name}: {error.message}", code=error.code) from error
        return checked


def _help_for_documents() -> str:
    return _("PDF, Word (.docx), Excel (.xlsx), PNG, JPEG, text or CSV; each at most %(size)s MB.") % {
        "size": attachments.max_megabytes()
    }


class RequestCreateForm(OnceForm, forms.ModelForm):
    """A focal point files for its own state; staff file on a state's behalf and may say how
    and when the request came in."""

    documents = DocumentsField(label=_("Documents"))

    class Meta:
        model = AssistanceRequest
        fields = [
            "state",
            "title",
            "request_type",
            "description",
            "channel",
            "received_on",
            "priority",
            "program_area",
            "assigned_to",
        ]
        widgets = {"received_on": DateInput(), "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["mandates"] = MandateChoiceField(user)
        self.fields["documents"].help_text = _help_for_documents()
        self.fields["mandates"].help_text = _("Type in the box to find a mandate; hold Ctrl (⌘) to pick several.")
        if roles.is_secretariat_staff(user):
            self.fields["state"].queryset = MemberState.objects.order_by("name_en")
            self.fields["assigned_to"].queryset = staff_users()
            self.fields["received_on"].required = False
        else:
            for name in ("state", "channel", "received_on", "priority", "program_area", "assigned_to"):
                del self.fields[name]
        self.order_fields(["state", "title", "request_type", "description", "mandates", "documents"])

    def _post_clean(self):
        # The service builds the request (reference, state, history); nothing to check on a
        # half-made instance here.
        pass

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("documents")
        if "state" not in data:
            data["state"] = self.user.focal_point.state
        return data


class RequestEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AssistanceRequest
        fields = list(EDITABLE_FIELDS)
        widgets = {"received_on": DateInput(), "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandates"] = MandateChoiceField(user, initial=self.instance.mandates.all())
        self.initial.setdefault("version", self.instance.version)
        self.initial["mandates"] = list(self.instance.mandates.all())

    def _post_clean(self):
        # The service writes the row; the form must not touch the instance the view holds.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=roles.STAFF_GROUP))
        .distinct()
        .order_by("username")
    )


class VersionedForm(forms.Form):
    """A form acting on a request as the user last saw it (see services._lock_current)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class StatusForm(OnceForm, VersionedForm):
    """Staff move a request through its workflow: on the day it happened (a delivery recorded
    a week late keeps its day), once per form drawn (a double click saves one change)."""

    new_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline, to put on hold or to withdraw."),
    )
    happened_on = HappenedOnField()
    audience = forms.ChoiceField(label=_("Who may read the note"), choices=AUDIENCE_CHOICES, initial=Audience.STATE)

    def __init__(self, *args, request_obj: AssistanceRequest, user, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = REQUEST_TRANSITIONS.get(request_obj.status, frozenset())
        if not roles.is_secretariat_staff(user):
            allowed &= FOCAL_POINT_TRANSITIONS
        statuses = AssistanceRequest.Status
        self.fields["new_status"].choices = [(value, label) for value, label in statuses.choices if value in allowed]
        self.initial.setdefault("version", request_obj.version)


class WithdrawForm(OnceForm, VersionedForm):
    """A focal point takes its state's request back, once per form drawn: a second click finds
    the withdrawal already made instead of a "changed meanwhile" refusal."""

    reason = forms.CharField(
        label=_("Why does your state withdraw this request?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(VersionedForm):
    assignee = forms.ModelChoiceField(label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody"))

    def __init__(self, *args, request_obj: AssistanceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users()
        self.initial.setdefault("assignee", request_obj.assigned_to_id)
        self.initial.setdefault("version", request_obj.version)


class UpdateForm(OnceForm):
    """A note on a request. Staff choose who reads it with the button they press ("Send to
    Mexico" / "Save as internal note", two submit buttons named ``audience``), so the choice is
    made at the moment of sending and works without JavaScript. A post that names no audience
    (Enter in a field, an old page, a script) is kept internal: a hurried note must never reach
    the diplomat by default."""

    note = forms.CharField(label=_("Update"), widget=forms.Textarea(attrs={"rows": 4}))
    happened_on = HappenedOnField()
    audience = forms.ChoiceField(label=_("Who may read it"), choices=AUDIENCE_CHOICES, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not roles.is_secretariat_staff(user):
            # A state's comment is always shared with the state (the service enforces it too).
            del self.fields["audience"]
            del self.fields["happened_on"]  # a state's comment is dated the day it is written
            self.fields["note"].label = _("Comment")

    def clean_audience(self) -> str:
        return self.cleaned_data.get("audience") or Audience.INTERNAL


class AttachmentForm(OnceForm):
    file = forms.FileField(label=_("Document"))
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    audience = forms.ChoiceField(label=_("Who may read it"), choices=AUDIENCE_CHOICES, initial=Audience.STATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _help_for_documents()
        if not roles.is_secretariat_staff(user):
            del self.fields["audience"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachments.check_upload(upload)
        return upload


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [*ACTIVITY_DETAILS, "mandate", "commitment"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "institutions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, request_obj: AssistanceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = request_obj.mandates.select_related("resolution", "section", "parent")
        self.fields["mandate"].help_text = _("One of the mandates the request is linked to, if any.")
        # The commitments still being delivered; the request's own, when it names one, chosen.
        self.fields["commitment"].queryset = Commitment.objects.exclude(
            status__in=[Commitment.Status.CANCELLED, Commitment.Status.POSTPONED]
        ).order_by("code")
        self.fields["commitment"].initial = request_obj.commitment_id
        self.fields["commitment"].help_text = _("The Work Plan commitment this activity delivers, if any.")
        for name in ("participants_women", "participants_men", "participants_other"):
            self.fields[name].widget.attrs["min"] = 0

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        for name in ("participants_women", "participants_men", "participants_other"):
            if (cleaned.get(name) or 0) < 0:
                self.add_error(name, _("A number of participants cannot be negative."))
        return cleaned

    def _post_clean(self):
        # The instance is built by the service (it sets the request and the beneficiary state).
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
