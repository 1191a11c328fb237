"""The staff import flow: upload or paste → preview with corrections → confirm → report.

The parse waits in the user's session between the steps, under a random token that the
confirm form must send back; the paragraphs' texts never travel through the browser, so a
forged confirm can only carry corrections, which the forms validate.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commitments.importer import ResolutionImportError, plan_import, save_parsed
from commitments.importer.forms import (
    DocumentForm,
    ParagraphFormSet,
    UploadForm,
    apply_corrections,
    owner_choices,
    paragraph_initial,
)
from commitments.importer.parse import ParsedDocument
from commitments.importer.save import prefill_from_existing
from commitments.models import ResolutionImport
from core import roles

SESSION_KEY = "commitments.pending_import"


def _require_staff(request) -> None:
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied


def _pending(request) -> tuple[ParsedDocument, dict] | None:
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    return ParsedDocument.from_dict(pending["document"]), pending


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require_staff(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = prefill_from_existing(form.document)
        request.session[SESSION_KEY] = {
            "token": secrets.token_urlsafe(24),
            "source_name": form.source_name,
            "document": document.to_dict(with_source=True),
        }
        return redirect("commitments:import_preview")
    return render(request, "commitments/import_upload.html", {"form": form})


def import_preview(request):
    _require_staff(request)
    found = _pending(request)
    if found is None:
        messages.info(request, _("Nothing to preview: upload a resolution first."))
        return redirect("commitments:import_upload")
    document, pending = found
    choices = owner_choices()
    document_form = DocumentForm(initial=DocumentForm.initial_from(document), prefix="doc")
    formset = ParagraphFormSet(initial=paragraph_initial(document), prefix="p", form_kwargs={"owner_choices": choices})
    return _render_preview(request, document, pending, document_form, formset)


@require_POST
def import_confirm(request):
    _require_staff(request)
    found = _pending(request)
    if found is None or not secrets.compare_digest(request.POST.get("token", ""), found[1]["token"]):
        return render(request, "commitments/import_expired.html", status=400)
    document, pending = found
    choices = owner_choices()
    document_form = DocumentForm(request.POST, prefix="doc")
    formset = ParagraphFormSet(request.POST, prefix="p", form_kwargs={"owner_choices": choices})
    count = sum(1 for _ in document.paragraphs())
    if not formset.management_form.is_valid() or formset.total_form_count() != count:
        return render(request, "commitments/import_expired.html", status=400)
    if document_form.is_valid() and formset.is_valid():
        apply_corrections(document, document_form.cleaned_data, formset.cleaned_data, choices)
        try:
            report = save_parsed(document, by=request.user, source_name=pending["source_name"])
        except ResolutionImportError as error:
            document_form.add_error(None, error)
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("%(symbol)s imported.") % {"symbol": report.resolution.symbol})
            return redirect(report.record)
    return _render_preview(request, document, pending, document_form, formset, status=400)


def _render_preview(request, document, pending, document_form, formset, status=200):
    depth: dict[int, int] = {}
    sections = {section.position: {"section": section, "rows": []} for section in document.sections}
    for (section, parent, paragraph), form in zip(document.paragraphs(), formset.forms, strict=False):
        depth[id(paragraph)] = depth[id(parent)] + 1 if parent else 0
        sections[section.position]["rows"].append(_row(paragraph, depth[id(paragraph)], form))
    context = {
        "document": document,
        "plan": plan_import(document),
        "pending": pending,
        "document_form": document_form,
        "formset": formset,
        "sections": list(sections.values()),
        "counts": document.counts(),
    }
    return render(request, "commitments/import_preview.html", context, status=status)


def _row(paragraph, depth, form) -> dict:
    """The paragraph's text in three pieces so the template can <mark> the owner phrase
    (autoescaped: the text is never marked safe)."""
    start, end = paragraph.owner_span or (0, 0)
    return {
        "paragraph": paragraph,
        "depth": depth,
        "form": form,
        "before": paragraph.text[:start],
        "phrase": paragraph.text[start:end],
        "after": paragraph.text[end:],
    }


def import_result(request, pk):
    _require_staff(request)
    record = get_object_or_404(ResolutionImport.objects.visible_to(request.user).select_related("resolution"), pk=pk)
    return render(request, "commitments/import_result.html", {"record": record, "summary": record.summary})
