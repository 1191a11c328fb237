"""Forms of the staff import flow: the upload, then the preview's document fields and one
correction form per paragraph (owners, kind, deadline, conditions)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.importer import limits
from commitments.importer.conditions import CONDITIONS
from commitments.importer.errors import ResolutionImportError
from commitments.importer.owners import AliasTable, OwnerRef
from commitments.importer.parse import ParsedDocument, parse_text
from commitments.importer.readers import read_upload
from commitments.models import Mandate, Owner
from core.choices import Language

CONDITION_CHOICES = [
    ("on_request", _("upon request of member states")),
    ("subject_to_resources", _("subject to available resources")),
    ("voluntary", _("voluntary")),
]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (.txt, .docx or .pdf)"), required=False)
    text = forms.CharField(
        label=_("…or paste the text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        max_length=limits.MAX_TEXT_CHARS,
        strip=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=[("", _("Detect from the text")), *Language.choices],
        required=False,
    )

    document: ParsedDocument | None = None
    source_name = ""

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text") or ""
        if self.errors:
            return data
        if bool(upload) == bool(text.strip()):
            raise forms.ValidationError(_("Upload a file or paste the text (one of the two)."), code="one_source")
        language = data.get("language") or None
        try:
            if upload:
                if upload.size > limits.max_upload_bytes():
                    raise ResolutionImportError(
                        _("The file is larger than %(mb)d MB.") % {"mb": limits.max_upload_bytes() // 2**20},
                        code="too_large",
                    )
                extracted = read_upload(upload.read(), upload.name)
                self.source_name, text, wrapped = upload.name, extracted.text, extracted.wrapped or None
            else:
                self.source_name, wrapped = "", None
            self.document = parse_text(text, aliases=AliasTable.from_db(), language=language, wrapped=wrapped)
        except ResolutionImportError as error:
            raise forms.ValidationError(error.messages, code=error.code) from error
        return data


class DocumentForm(forms.Form):
    symbol = forms.CharField(label=_("Symbol"), max_length=100)
    series = forms.CharField(label=_("Series"), max_length=100, required=False)
    body = forms.CharField(label=_("Body"), max_length=100, required=False)
    session = forms.IntegerField(label=_("Session"), min_value=1, max_value=32767, required=False)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    date = forms.DateField(label=_("Date of adoption"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=[("", "—"), *Language.choices], required=False
    )
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_from(cls, document: ParsedDocument) -> dict:
        return {name: getattr(document, name) for name in cls.base_fields}


class ParagraphForm(forms.Form):
    owners = forms.MultipleChoiceField(label=_("Owners"), widget=forms.CheckboxSelectMultiple, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Mandate.Kind.choices)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    deadline_text = forms.CharField(label=_("Deadline as written"), max_length=200, required=False)
    conditions = forms.MultipleChoiceField(
        label=_("Conditions"), choices=CONDITION_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    # Read only when staff press this paragraph's "Split" button.
    split_at = forms.CharField(label=_("Split before the words"), max_length=200, required=False)
    split_number = forms.CharField(label=_("Number of the new paragraph"), max_length=20, required=False)

    def __init__(self, *args, owner_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are read once for the whole formset, not once per paragraph.
        self.fields["owners"].choices = owner_choices


class CompactFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        # No ids: the preview's labels wrap their inputs, and a page of 150 paragraphs with a
        # dozen owner boxes each is the lighter for it.
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)


ParagraphFormSet = forms.formset_factory(
    ParagraphForm,
    formset=CompactFormSet,
    extra=0,
    max_num=limits.MAX_PARAGRAPHS,
    absolute_max=limits.MAX_PARAGRAPHS,
    validate_max=True,
)


def owner_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in Owner.objects.order_by("name_en").values_list("pk", "name_en")]


class OwnerDecisionForm(forms.Form):
    """What to do with one body the text addresses that has no owner row (by position in the
    preview's list of such names, which the server keeps: the browser sends only a choice)."""

    choice = forms.ChoiceField(label=_("Owner"), required=False)

    def __init__(self, *args, owner_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [
            ("", _("Decide later (no owner)")),
            ("create", _("Create this owner")),
            (_("Map to an existing owner"), list(owner_choices)),
        ]


OwnerDecisionFormSet = forms.formset_factory(OwnerDecisionForm, extra=0, max_num=500, absolute_max=500)


def paragraph_initial(paragraphs) -> list[dict]:
    return [
        {
            "owners": [str(owner.id) for owner in paragraph.owners if owner.id is not None],
            "kind": paragraph.kind,
            "deadline": paragraph.deadline,
            "deadline_text": paragraph.deadline_text,
            "conditions": paragraph.conditions,
        }
        for paragraph in paragraphs
    ]


def apply_corrections(document: ParsedDocument, header: dict, paragraphs, forms_data: list[dict], choices):
    """The staff's corrections, already validated by the forms, written onto the parse:
    ``forms_data`` holds one form's cleaned data for each of ``paragraphs`` (a preview page)."""
    names = dict(choices)
    for name, value in header.items():
        setattr(document, name, value)
    document.symbol = " ".join(document.symbol.split())
    for paragraph, data in zip(paragraphs, forms_data, strict=True):
        owners = [OwnerRef(int(pk), names[pk]) for pk in data["owners"]]
        if {o.id for o in owners} != {o.id for o in paragraph.owners}:
            paragraph.owners, paragraph.owner_source = owners, "staff"
        paragraph.kind = data["kind"]
        paragraph.deadline = data["deadline"]
        paragraph.deadline_text = data["deadline_text"]
        paragraph.conditions = [name for name in CONDITIONS if name in data["conditions"]]
    return document
