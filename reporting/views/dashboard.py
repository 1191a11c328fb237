"""The site root: the Secretariat's dashboard, or a focal point's own state page."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commitments.models import Mandate
from core import roles
from reporting import charts, precomputed
from reporting import dashboard as figures
from states.models import Activity, AssistanceRequest


def home(request):
    """Staff land on the dashboard, focal points on their state's page."""
    if roles.is_secretariat(request.user):
        return render(request, "dashboard/dashboard.html", dashboard_context(request.user))
    if roles.is_focal_point(request.user):
        return redirect("states:state_detail", iso3=request.user.focal_point.state.iso3)
    return render(request, "home.html")


@require_POST
def dashboard_refresh(request):
    """The dashboard's refresh button: count its precomputed figures again now (inline where
    tasks run inline, else by the task worker in a moment)."""
    if not roles.is_secretariat(request.user):
        raise PermissionDenied
    precomputed.refresh(timezone.now())
    return redirect("home")


def dashboard_context(user) -> dict:
    """Every figure, counted over what ``user`` may see, with its chart. The figures that
    count whole tables are the Secretariat's precomputed ones (``reporting.precomputed``, with
    the time they were counted); for anyone else they are counted live over what they see."""
    today, now = timezone.localdate(), timezone.now()
    mandates = Mandate.objects.visible_to(user)
    requests = AssistanceRequest.objects.visible_to(user)
    activities = Activity.objects.visible_to(user)
    if roles.is_secretariat(user):
        counted = precomputed.for_secretariat(now)
    else:
        counted = precomputed.count_live(mandates, requests, activities, now=now, reader=user)
    counts = counted.figures

    by_status = figures.mandates_by_status(mandates, counted=counts["mandate_statuses"])
    total = sum(item.value for item in by_status)
    completed = sum(item.value for item in by_status if item.key == Mandate.Status.COMPLETED)
    by_owner = figures.mandates_by_owner(mandates, counted=counts["owners"])
    by_resolution = figures.mandates_by_resolution(
        mandates, totals={item.key: item.value for item in by_status}, counted=counts["resolutions"]
    )
    by_area = figures.mandates_by_program_area(mandates, counted=counts["areas"])
    requests_by_state = figures.requests_by_state(requests, counted=counts["states"])
    requests_by_status = figures.requests_by_status(requests, counted=counts["request_statuses"])
    over_time = figures.activities_over_time(activities, today=today, counted=counts["periods"])
    participants = figures.participants_by_gender(activities, counted=counts["participants"])
    funding = figures.funding_sources(activities, counted=counts["funding"])
    mandate_keys = [(s.value, s.label) for s in Mandate.Status]
    request_keys = [(s.value, s.label) for s in AssistanceRequest.Status]
    return {
        "today": today,
        "counted": counted,
        "mandates_total": total,
        "mandates_url": figures.links.mandates(),
        "completed_share": completed / total if total else None,
        "by_status": by_status,
        "by_status_chart": charts.donut_chart(
            by_status, title=_("Mandates by status"), centre=str(total), caption=_("mandates")
        ),
        "by_owner": by_owner,
        "by_owner_chart": charts.stacked_bar_chart(
            by_owner, title=_("Mandates by owner and status"), keys=mandate_keys
        ),
        "by_resolution": by_resolution,
        "by_resolution_chart": charts.stacked_bar_chart(
            by_resolution, title=_("Mandates by resolution and status"), keys=mandate_keys
        ),
        "by_area": by_area,
        "overdue_reports": counts.get("overdue_reports", 0),
        "overdue_reports_url": reverse("workplan") + "#overdue-heading",
        "by_area_chart": charts.bar_chart(by_area, title=_("Mandates by program area")),
        "deadlines": figures.mandate_deadlines(
            mandates,
            today=today,
            now=now,
            due_soon_days=settings.DUE_SOON_DAYS,
            stale_days=settings.STALE_AFTER_DAYS,
            counted=counts["deadlines"],
        ),
        "requests_total": sum(item.value for item in requests_by_status),
        "requests_url": figures.links.requests(),
        "requests_by_status": requests_by_status,
        "requests_by_status_chart": charts.bar_chart(requests_by_status, title=_("Requests by status")),
        "requests_by_state": requests_by_state,
        "requests_by_state_chart": charts.stacked_bar_chart(
            requests_by_state, title=_("Requests by member state and status"), keys=request_keys
        ),
        "delivery": figures.delivery_times(requests, counted=counts["delivery"]),
        "over_time": over_time,
        "over_time_chart": charts.line_chart(over_time, title=_("Activities delivered per quarter")),
        "gender": participants,
        "participants_chart": charts.donut_chart(
            participants.items(),
            title=_("Participants by gender"),
            centre=f"{participants.women_share:.0%}" if participants.women_share is not None else "–",
            caption=_("women"),
        ),
        "funding": funding,
        "funding_chart": charts.bar_chart(funding, title=_("Activities by funding source")),
        "mandate_status_keys": mandate_keys,
        "request_status_keys": request_keys,
    }
