"""The request page: its facts, its timeline and the forms the user may use on it.

Shared by the detail view and by the action views, which render the page again with their
bound form (and its errors) when an action is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.shortcuts import get_object_or_404, render

from commitments.models import Mandate
from core import roles
from core.choices import Audience
from states import services
from states.forms import AssignForm, AttachmentForm, StatusForm, UpdateForm, WithdrawForm
from states.models import Activity, AssistanceRequest, Attachment, RequestUpdate
from states.workflow import request_transition_allowed


def get_visible_request(user, reference: str) -> AssistanceRequest:
    """The request, if this user may see it; 404 otherwise (never 403: existence stays secret)."""
    queryset = AssistanceRequest.objects.visible_to(user).select_related(
        "state", "assigned_to", "submitted_by", "program_area"
    )
    return get_object_or_404(queryset, reference=reference)


@dataclass(frozen=True)
class Entry:
    """One line of a request's timeline: an update (or status change), an activity or a document."""

    kind: str  # "update", "activity" or "document"
    when: datetime
    who: object
    item: object

    @property
    def internal(self) -> bool:
        return getattr(self.item, "audience", None) == Audience.INTERNAL

    @property
    def status_change(self) -> bool:
        return self.kind == "update" and self.item.changes_status


def build_timeline(request_obj: AssistanceRequest, user) -> list[Entry]:
    """Everything this user may read about the request, newest first. Each source goes through
    its own ``visible_to``, so an internal note or document never reaches a state."""
    updates = RequestUpdate.objects.visible_to(user).filter(request=request_obj).select_related("author")
    activities = Activity.objects.visible_to(user).filter(request=request_obj).select_related("created_by")
    documents = Attachment.objects.visible_to(user).filter(request=request_obj).select_related("uploaded_by")
    entries = [Entry("update", update.created_at, update.author, update) for update in updates]
    entries += [Entry("activity", activity.created_at, activity.created_by, activity) for activity in activities]
    entries += [Entry("document", document.uploaded_at, document.uploaded_by, document) for document in documents]
    return sorted(entries, key=lambda entry: (entry.when, entry.item.pk), reverse=True)


def detail_forms(request_obj: AssistanceRequest, user) -> dict:
    """Unbound forms for what this user may do on this request (none for a viewer)."""
    forms: dict = {}
    if not services.may_work(user, request_obj):
        return forms
    is_staff = roles.is_secretariat_staff(user)
    forms["update_form"] = UpdateForm(user=user)
    forms["attachment_form"] = AttachmentForm(user=user)
    if is_staff:
        status_form = StatusForm(request_obj=request_obj, user=user)
        if status_form.fields["new_status"].choices:
            forms["status_form"] = status_form
        forms["assign_form"] = AssignForm(request_obj=request_obj)
    elif request_transition_allowed(request_obj.status, AssistanceRequest.Status.WITHDRAWN):
        forms["withdraw_form"] = WithdrawForm(initial={"version": services.seen_version(request_obj, user)})
    return forms


def render_detail(request, request_obj: AssistanceRequest, status: int = 200, **bound_forms):
    context = {
        "request_obj": request_obj,
        "mandates": Mandate.objects.visible_to(request.user)
        .filter(requests=request_obj)
        .select_related("resolution", "section", "parent"),
        "timeline": build_timeline(request_obj, request.user),
        "can_edit": roles.is_secretariat_staff(request.user),
        **detail_forms(request_obj, request.user),
        **bound_forms,
    }
    return render(request, "states/request_detail.html", context, status=status)
