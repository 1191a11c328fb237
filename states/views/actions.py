"""What staff and focal points do on a request page: each a small POST view that fetches the
request through ``visible_to`` (404 for anyone else), calls one service and redirects. A
refused action shows the page again with the form, its input and the reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import roles
from core.submissions import OnceForm, already_made
from states import services
from states.forms import ActivityForm, AssignForm, AttachmentForm, StatusForm, UpdateForm, WithdrawForm
from states.models import RequestUpdate
from states.views.detail import get_visible_request, render_detail


def _staff_only(user) -> None:
    if not roles.is_secretariat_staff(user):
        raise PermissionDenied


def _may_work(user, request_obj) -> None:
    if not services.may_work(user, request_obj):
        raise PermissionDenied


def _run(request, request_obj, form_name: str, form, action, done: str):
    """Call ``action(cleaned_data)`` if the form is valid; on any refusal, show the page again.
    A second post of a form already saved (a double click) answers as the first did."""
    if isinstance(form, OnceForm) and already_made(request.POST, by=request.user) is not None:
        messages.success(request, done)
        return redirect(request_obj)
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.StaleObjectError as error:
            form.add_error(None, error)
            for line in error.changes:
                form.add_error(None, line)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(request_obj)
    return render_detail(request, request_obj, status=400, **{form_name: form})


@require_POST
def request_status(request, reference):
    request_obj = get_visible_request(request.user, reference)
    _staff_only(request.user)
    form = StatusForm(request.POST, request_obj=request_obj, user=request.user)
    return _run(
        request,
        request_obj,
        "status_form",
        form,
        lambda data: services.change_request_status(
            request=request_obj,
            new_status=data["new_status"],
            by=request.user,
            note=data["note"],
            audience=data["audience"],
            expected_version=data["version"],
            happened_on=data["happened_on"],
            submission_token=data["submission_token"],
        ),
        _("Status changed."),
    )


@require_POST
def request_withdraw(request, reference):
    request_obj = get_visible_request(request.user, reference)
    if roles.focal_state_id(request.user) != request_obj.state_id:
        raise PermissionDenied  # staff record a withdrawal through the status form
    form = WithdrawForm(request.POST)
    return _run(
        request,
        request_obj,
        "withdraw_form",
        form,
        lambda data: services.withdraw_request(
            request=request_obj,
            by=request.user,
            reason=data["reason"],
            expected_version=data["version"],
            submission_token=data["submission_token"],
        ),
        _("The request was withdrawn."),
    )


@require_POST
def request_assign(request, reference):
    request_obj = get_visible_request(request.user, reference)
    _staff_only(request.user)
    form = AssignForm(request.POST, request_obj=request_obj)
    return _run(
        request,
        request_obj,
        "assign_form",
        form,
        lambda data: services.assign_request(
            request=request_obj, by=request.user, assignee=data["assignee"], expected_version=data["version"]
        ),
        _("Assignment saved."),
    )


@require_POST
def request_add_update(request, reference):
    request_obj = get_visible_request(request.user, reference)
    _may_work(request.user, request_obj)
    form = UpdateForm(request.POST, user=request.user)
    return _run(
        request,
        request_obj,
        "update_form",
        form,
        lambda data: services.add_request_update(
            request=request_obj,
            by=request.user,
            note=data["note"],
            audience=data.get("audience", "state"),
            happened_on=data.get("happened_on"),
            submission_token=data["submission_token"],
        ),
        _("Update added."),
    )


@require_POST
def request_add_attachment(request, reference):
    request_obj = get_visible_request(request.user, reference)
    _may_work(request.user, request_obj)
    form = AttachmentForm(request.POST, request.FILES, user=request.user)
    return _run(
        request,
        request_obj,
        "attachment_form",
        form,
        lambda data: services.add_attachment(
            request=request_obj,
            by=request.user,
            upload=data["file"],
            audience=data.get("audience", "state"),
            description=data["description"],
            submission_token=data["submission_token"],
        ),
        _("Document added."),
    )


def activity_create(request, reference):
    request_obj = get_visible_request(request.user, reference)
    _staff_only(request.user)
    form = ActivityForm(request.POST or None, request_obj=request_obj)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.log_activity(request=request_obj, by=request.user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Activity logged."))
            return redirect(activity)
    return render(request, "states/activity_form.html", {"form": form, "request_obj": request_obj})


def update_detail(request, pk):
    """A permanent link to one update: its place on the request's page, if the user may read it."""
    update = get_object_or_404(RequestUpdate.objects.visible_to(request.user).select_related("request"), pk=pk)
    request_obj = get_visible_request(request.user, update.request.reference)
    return redirect(f"{request_obj.get_absolute_url()}#update-{update.pk}")
