"""The pages of one request: detail with its timeline, filing, editing; an activity; a document."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import roles
from states import services
from states.attachments import download_response
from states.forms import RequestCreateForm, RequestEditForm
from states.models import Activity, AssistanceRequest, Attachment
from states.views.detail import get_visible_request, render_detail


def request_detail(request, reference):
    request_obj = get_visible_request(request.user, reference)
    return render_detail(request, request_obj)


def activity_detail(request, pk):
    activity = get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("request", "state", "mandate", "created_by"), pk=pk
    )
    if activity.request_id and not AssistanceRequest.objects.visible_to(request.user).filter(pk=activity.request_id):
        raise Http404  # an activity under a request is never shown without its request
    return render(request, "states/activity_detail.html", {"activity": activity})


def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return download_response(attachment.file, attachment.original_name, attachment.content_type)


def request_create(request):
    """Focal points file for their state; staff record a request on a state's behalf."""
    if not (roles.is_secretariat_staff(request.user) or roles.is_focal_point(request.user)):
        raise PermissionDenied
    form = RequestCreateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            request_obj = services.submit_request(
                by=request.user, documents=form.cleaned_data["documents"], **form.service_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Request %(reference)s filed.") % {"reference": request_obj.reference})
            return redirect(request_obj)
    return render(request, "states/request_form.html", {"form": form, "creating": True})


def request_edit(request, reference):
    request_obj = get_visible_request(request.user, reference)
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    form = RequestEditForm(request.POST or None, instance=request_obj, user=request.user)
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_request(
                request=request_obj,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                values=form.values(),
                mandates=form.cleaned_data["mandates"],
            )
        except services.StaleObjectError as error:
            stale_changes = error.changes
            form.add_error(None, error)
            # The user's input stays in the form; saving again now knowingly replaces the
            # values listed, so the form carries the version just read.
            form.data = form.data.copy()
            form.data["version"] = request_obj.version
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Request %(reference)s saved.") % {"reference": request_obj.reference})
            return redirect(request_obj)
    context = {"form": form, "request_obj": request_obj, "stale_changes": stale_changes}
    return render(request, "states/request_form.html", context)
