"""Snapshots: list, take (staff, POST), read one, compare two or one with today."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commitments.models import Mandate
from core import roles
from reporting import snapshots
from reporting.forms import CompareForm, SnapshotForm
from reporting.models import Snapshot
from reporting.views.access import secretariat_required
from states.models import AssistanceRequest


def _list(request, form=None, compare_form=None, status=200):
    context = {
        "snapshots": Snapshot.objects.select_related("created_by"),
        "form": form or SnapshotForm(),
        "compare_form": compare_form or CompareForm(),
        "can_take": roles.is_secretariat_staff(request.user),
    }
    return render(request, "snapshots/list.html", context, status=status)


@require_GET
@secretariat_required
def snapshot_list(request):
    return _list(request)


@require_POST
@secretariat_required
def snapshot_create(request):
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        return _list(request, form, status=400)
    try:
        snapshot = snapshots.take_snapshot(
            name=form.cleaned_data["name"], taken_on=form.cleaned_data["taken_on"], by=request.user
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _list(request, form, status=400)
    messages.success(request, _("Snapshot “%(name)s” taken.") % {"name": snapshot.name})
    return redirect(snapshot)


def _status_counts(statuses: dict, choices) -> list[tuple[str, str, int]]:
    values = list(statuses.values())
    return [(s.value, s.label, values.count(s.value)) for s in choices if s.value in values]


@require_GET
@secretariat_required
def snapshot_detail(request, pk):
    snapshot = get_object_or_404(Snapshot.objects.select_related("created_by"), pk=pk)
    context = {
        "snapshot": snapshot,
        "mandate_counts": _status_counts(snapshot.mandate_statuses, Mandate.Status),
        "request_counts": _status_counts(snapshot.request_statuses, AssistanceRequest.Status),
        "compare_form": CompareForm(initial={"before": snapshot.pk}),
    }
    return render(request, "snapshots/detail.html", context)


@require_GET
@secretariat_required
def snapshot_compare(request):
    form = CompareForm(request.GET)
    if not form.is_valid():
        return _list(request, compare_form=form, status=400)
    before = snapshots.StatusMap.of(form.cleaned_data["before"])
    after_snapshot = form.after_snapshot()
    after = snapshots.StatusMap.of(after_snapshot) if after_snapshot else snapshots.today_map()
    if after.taken_on < before.taken_on:
        before, after = after, before  # always read forward in time
    comparison = snapshots.compare(before, after, user=request.user)
    return render(request, "snapshots/compare.html", {"comparison": comparison, "compare_form": form})
