"""The staff import flow: upload or paste → preview with corrections → confirm → report.

The parse waits in its own table (``PendingImport``) between the steps, under a random token
that the user's session names and that the confirm form must send back with the revision it
was rendered from; the paragraphs' texts never travel through the browser, so a forged post
can only carry corrections, which the forms validate. The preview is cut into pages of whole
paragraphs; every post from a page keeps that page's corrections, then saves the import
("confirm"), moves to another page, or merges, splits or drops a paragraph.
"""

from __future__ import annotations

import re
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commitments import services
from commitments.importer import corrections as edits
from commitments.importer import plan_import, save_parsed
from commitments.importer.forms import (
    DocumentForm,
    OwnerDecisionFormSet,
    ParagraphFormSet,
    UploadForm,
    apply_corrections,
    owner_choices,
    paragraph_initial,
)
from commitments.importer.parse import ParsedDocument
from commitments.importer.review import Review
from commitments.importer.save import prefill_from_existing
from commitments.lineage import not_carried_forward, preview_rows
from commitments.models import MandateLink, PendingImport, ResolutionImport
from core import roles

SESSION_KEY = "commitments.pending_import"  # the token of the user's PendingImport
ACTION = re.compile(r"(confirm|save|page|goto|merge|split|drop)(?:-(\d{1,6}))?")
DOUBTS_LISTED = 60


def _require_staff(request) -> None:
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied


def _pending(request) -> PendingImport | None:
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):  # also a session from before PendingImport (a dict)
        return None
    return PendingImport.objects.of(request.user, token).first()


def _number(value, default: int = 0) -> int:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 7 else default


def _review(pending: PendingImport, page: int) -> Review:
    return Review.of(ParsedDocument.from_dict(pending.payload["document"]), page)


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require_staff(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kept: list[dict] = []
        document = prefill_from_existing(form.document, replayed=kept)
        payload = {"document": document.to_dict(with_source=True), "corrections": [], "kept": kept, "owners": {}}
        pending = PendingImport.objects.start(user=request.user, source_name=form.source_name, payload=payload)
        request.session[SESSION_KEY] = pending.token
        return redirect("commitments:import_preview")
    return render(request, "commitments/import_upload.html", {"form": form})


def import_preview(request):
    _require_staff(request)
    pending = _pending(request)
    if pending is None:
        messages.info(request, _("Nothing to preview: upload a resolution first."))
        return redirect("commitments:import_upload")
    review = _review(pending, _number(request.GET.get("page"), 1) - 1)
    choices = owner_choices()
    decisions = pending.payload.get("owners", {})
    forms = (
        DocumentForm(initial=DocumentForm.initial_from(review.document), prefix="doc"),
        ParagraphFormSet(
            initial=paragraph_initial(review.page_paragraphs), prefix="p", form_kwargs={"owner_choices": choices}
        ),
        OwnerDecisionFormSet(
            initial=[{"choice": decisions.get(name, "")} for name in review.proposed],
            prefix="o",
            form_kwargs={"owner_choices": choices},
        ),
    )
    return _render_preview(request, pending, review, *forms, opened=_number(request.GET.get("open"), -1))


@require_POST
def import_confirm(request):
    """Every post from a preview page: keep its corrections, then do what its button says."""
    _require_staff(request)
    pending = _pending(request)
    fresh = pending is not None and request.POST.get("revision") == str(pending.revision)
    if not fresh or not secrets.compare_digest(request.POST.get("token", ""), pending.token):
        return render(request, "commitments/import_expired.html", status=400)
    review = _review(pending, _number(request.POST.get("page"), 1) - 1)
    choices = owner_choices()
    kwargs = {"form_kwargs": {"owner_choices": choices}}
    forms = document_form, formset, owners_formset = (
        DocumentForm(request.POST, prefix="doc"),
        ParagraphFormSet(request.POST, prefix="p", **kwargs),
        OwnerDecisionFormSet(request.POST, prefix="o", **kwargs),
    )
    matched = _counts_match(formset, len(review.page_paragraphs))
    if not (matched and _counts_match(owners_formset, len(review.proposed))):
        return render(request, "commitments/import_expired.html", status=400)
    if not all(form.is_valid() for form in forms):
        return _render_preview(request, pending, review, *forms, status=400)
    document = review.document
    apply_corrections(document, document_form.cleaned_data, review.page_paragraphs, formset.cleaned_data, choices)
    decisions = {name: form.cleaned_data["choice"] for name, form in zip(review.proposed, owners_formset, strict=True)}
    match = ACTION.fullmatch(request.POST.get("action") or "confirm")
    action, index = (match.group(1), int(match.group(2) or 0)) if match else ("save", 0)
    try:
        target, correction = _edit(document, review, action, index, formset)
    except edits.CorrectionError as error:
        messages.error(request, str(error))
        target, correction = index, None
    _store(pending, document, decisions, correction)
    _store_lineage(request, pending)
    if action in ("page", "save"):
        page = index if action == "page" else review.page + 1
        return redirect(reverse("commitments:import_preview") + f"?page={page}")
    if action != "confirm":  # to the row the correction or the link is about
        page = Review.of(document).page_of(target) + 1
        return redirect(reverse("commitments:import_preview") + f"?page={page}&open={target}#row-{target}")
    try:
        with transaction.atomic():  # the import and the links staff accepted, or neither
            report = save_parsed(
                document,
                by=request.user,
                source_name=pending.source_name,
                corrections=pending.payload["corrections"],
                owner_decisions={name: choice for name, choice in decisions.items() if choice},
            )
            services.link_imported_predecessors(
                resolution=report.resolution,
                document=document,
                decisions=pending.payload.get("lineage", {}),
                supersede=pending.payload.get("supersede", []),
                by=request.user,
                predecessors=pending.payload.get("predecessors", {}),
            )
    except ValidationError as error:  # ResolutionImportError among them
        document_form.add_error(None, error)
        return _render_preview(request, pending, Review.of(document, review.page), *forms, status=400)
    pending.delete()
    del request.session[SESSION_KEY]
    messages.success(request, _("%(symbol)s imported.") % {"symbol": report.resolution.symbol})
    return redirect(report.record)


def _store_lineage(request, pending: PendingImport) -> None:
    """Staff's answers to the proposed predecessors (a kind, or "" for no link) and the earlier
    mandates they mark superseded; only from a post whose page showed them."""
    if request.POST.get("lineage-shown") != "1":
        return
    kinds = {*MandateLink.Kind.values, ""}
    decisions = {
        name.removeprefix("lineage-"): value[:20]
        for name, value in request.POST.items()
        if name.startswith("lineage-§") and value in kinds and len(name) < 80
    }
    supersede = [int(value) for value in request.POST.getlist("supersede") if value.isdigit() and len(value) < 12]
    # The predecessor picked among each paragraph's candidates (checked against them when used).
    predecessors = {
        name.removeprefix("predecessor-"): int(value)
        for name, value in request.POST.items()
        if name.startswith("predecessor-§") and value.isdigit() and len(value) < 12 and len(name) < 80
    }
    pending.payload = {**pending.payload, "lineage": decisions, "supersede": supersede, "predecessors": predecessors}
    pending.save(update_fields=["payload", "updated_at"])


def _counts_match(formset, count: int) -> bool:
    return formset.management_form.is_valid() and formset.total_form_count() == count


def _edit(document: ParsedDocument, review: Review, action: str, index: int, formset) -> tuple[int, dict | None]:
    """Make the structural correction ``action`` names on row ``index``: the row to show
    next, and the correction made (None for the other actions). Raises ``CorrectionError``."""
    if action == "merge":
        return index - 1, edits.merge_into_above(document, index)
    if action == "drop":
        return max(index - 1, 0), edits.drop(document, index)
    if action == "split":
        if not review.start <= index < review.end:
            raise edits.CorrectionError(_("Split a paragraph from the page it is on."))
        data = formset.forms[index - review.start].cleaned_data
        return index + 1, edits.split(document, index, data["split_at"], data["split_number"])
    return index, None


def _store(pending: PendingImport, document: ParsedDocument, decisions: dict, correction: dict | None) -> None:
    made = pending.payload.get("corrections", [])
    pending.payload = {
        **pending.payload,
        "document": document.to_dict(with_source=True),
        "corrections": [*made, correction] if correction else made,
        "owners": decisions,
    }
    pending.revision += 1
    pending.save(update_fields=["payload", "revision", "updated_at"])


def _render_preview(request, pending, review, document_form, formset, owners_formset, status=200, opened=-1):
    sections: list[dict] = []
    for index, form in zip(range(review.start, review.end), formset.forms, strict=False):
        section, _parent, paragraph = review.rows[index]
        if not sections or sections[-1]["section"] is not section:
            sections.append({"section": section, "rows": [], "continued": bool(sections) or index > review.start})
        sections[-1]["rows"].append(_row(review, index, form, opened))
    doubtful = review.doubtful()
    context = {
        "document": review.document,
        "plan": plan_import(review.document),
        "pending": pending,
        "review": review,
        "page_number": review.page + 1,
        "pages": list(enumerate(review.page_titles(), start=1)),
        "document_form": document_form,
        "formset": formset,
        "owners": list(zip(review.proposed, owners_formset, strict=False)),
        "owners_formset": owners_formset,
        "sections": sections,
        "counts": review.document.counts(),
        "doubtful": [_doubt(review, index) for index in doubtful[:DOUBTS_LISTED]],
        "doubtful_count": len(doubtful),
        "kept": pending.payload.get("kept", []),
        "made": pending.payload.get("corrections", []),
    }
    context |= _lineage_context(review.document, pending)
    return render(request, "commitments/import_preview.html", context, status=status)


def _lineage_context(document: ParsedDocument, pending: PendingImport) -> dict:
    rows = preview_rows(document, pending.payload.get("lineage", {}), pending.payload.get("predecessors", {}))
    dropped = not_carried_forward(document, [row.proposal for row in rows if row.decision])
    return {
        "lineage_rows": rows,
        "lineage_kinds": MandateLink.Kind.choices,
        "not_carried_forward": dropped,
        "supersede": set(pending.payload.get("supersede", [])),
    }


def _doubt(review: Review, index: int) -> dict:
    paragraph = review.rows[index][2]
    on_page = review.start <= index < review.end
    return {"index": index, "label": review.labels[index], "reasons": review.reasons[index], "on_page": on_page,
            "proposed_owner": getattr(paragraph, "proposed_owner", ""), "text": paragraph.text[:90]}  # fmt: skip


def _row(review: Review, index: int, form, opened: int) -> dict:
    """The paragraph's text in three pieces so the template can <mark> the owner phrase
    (autoescaped: the text is never marked safe)."""
    paragraph = review.rows[index][2]
    start, end = paragraph.owner_span or (0, 0)
    return {
        "index": index,
        "label": review.labels[index],
        "paragraph": paragraph,
        "depth": review.depths[index],
        "form": form,
        "reasons": review.reasons[index],
        "proposed_owner": getattr(paragraph, "proposed_owner", ""),
        "notes": getattr(paragraph, "notes", None) or [],
        "open": index == opened or bool(form.errors),
        "owner_boxes": _boxes(form, "owners"),
        "condition_boxes": _boxes(form, "conditions"),
        "kind": _select(form, "kind"),
        "inputs": {name: _input(form, name) for name in ("deadline", "deadline_text", "split_at", "split_number")},
        "before": paragraph.text[:start],
        "phrase": paragraph.text[start:end],
        "after": paragraph.text[end:],
    }


def _boxes(form, name: str) -> str:
    """A multiple-choice field's checkboxes as plain HTML (escaped by ``format_html``), as
    ``_select`` and ``_input`` write the others: a widget template per input made a page of
    150 paragraphs take seconds to render."""
    field = form[name]
    selected = {str(value) for value in field.value() or []}
    checked = mark_safe(" checked")  # noqa: S308 - a constant
    return format_html_join(
        "",
        '<label><input type="checkbox" name="{}" value="{}"{}> {}</label>',
        (
            (field.html_name, value, checked if str(value) in selected else "", label)
            for value, label in field.field.choices
        ),
    )


def _select(form, name: str) -> str:
    field = form[name]
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == str(field.value()) else "", text) for value, text in field.field.choices),
    )
    return format_html('<select name="{}">{}</select>', field.html_name, options)


def _input(form, name: str) -> str:
    field = form[name]
    value = field.value()
    value = value.isoformat() if hasattr(value, "isoformat") else value or ""
    kind = "date" if isinstance(field.field, forms.DateField) else "text"
    limit = format_html(' maxlength="{}"', field.field.max_length) if getattr(field.field, "max_length", None) else ""
    return format_html('<input type="{}" name="{}" value="{}"{}>', kind, field.html_name, value, limit)


def import_result(request, pk):
    _require_staff(request)
    record = get_object_or_404(ResolutionImport.objects.visible_to(request.user).select_related("resolution"), pk=pk)
    return render(request, "commitments/import_result.html", {"record": record, "summary": record.summary})
