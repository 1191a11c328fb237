"""The work-plan page (planned vs delivered) and filing a progress report from it.

The Work Plan's follow-up is the Secretariat's (``commitments.workplan.SecretariatOnlyQuerySet``):
staff and viewers read it, staff file reports; a focal point is refused like on the other
Secretariat pages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commitments.models import WorkPlan
from commitments.workplan import Indicator
from core import roles
from core.filters import as_id
from reporting.views.access import secretariat_required
from reporting.workplan import build_page
from reporting.workplan_forms import ProgressReportForm
from states.indicators import file_progress_report


def _render(request, work_plan: WorkPlan, *, bound: ProgressReportForm | None = None, status: int = 200):
    """The page; for staff, the filing form of the indicator asked for (``?file=<id>``) or the
    one just posted with its errors. One form at a time: thirty of them cost the page more than
    all its figures."""
    today = timezone.localdate()
    page = build_page(work_plan, user=request.user, today=today)
    can_file = roles.is_secretariat_staff(request.user)
    wanted = bound.indicator.pk if bound is not None else as_id(request.GET.get("file"))
    forms = {}
    if can_file and wanted is not None:
        for line in page.lines():
            if line.indicator.pk == wanted:
                periods = [cell.period for cell in line.periods]
                forms[wanted] = bound or ProgressReportForm(indicator=line.indicator, periods=periods, today=today)
    context = {
        "page": page,
        "forms": forms,
        "can_file": can_file,
        "work_plans": WorkPlan.objects.order_by("-start_year"),
    }
    return render(request, "workplan/workplan.html", context, status=status)


@require_GET
@secretariat_required
def workplan_current(request):
    """The latest work plan."""
    work_plan = WorkPlan.objects.order_by("-start_year", "-end_year").first()
    if work_plan is None:
        raise Http404
    return _render(request, work_plan)


@require_GET
@secretariat_required
def workplan_detail(request, pk):
    return _render(request, get_object_or_404(WorkPlan, pk=pk))


@require_POST
@secretariat_required
def progress_report_file(request, pk):
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("commitment__work_plan"), pk=pk
    )
    today = timezone.localdate()
    form = ProgressReportForm(request.POST, indicator=indicator, periods=list(indicator.periods.all()), today=today)
    work_plan = indicator.commitment.work_plan
    if form.is_valid():
        data = form.cleaned_data
        period = data["period"]
        try:
            file_progress_report(
                period=period,
                by=request.user,
                rating=data["rating"],
                narrative=data["narrative"],
                evidence_url=data["evidence_url"],
                value=data.get("value"),
                value_women=data.get("value_women"),
                value_men=data.get("value_men"),
                value_other=data.get("value_other"),
                corrects=period.reports.current().first() if data["correction"] else None,
                today=today,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Progress report for %(indicator)s, %(period)s filed.")
                % {"indicator": indicator.code, "period": period.code},
            )
            return redirect(reverse("workplan_detail", args=[work_plan.pk]) + f"#indicator-{indicator.pk}")
    messages.error(
        request, _("The progress report for %(indicator)s was not filed: see the form.") % {"indicator": indicator.code}
    )
    return _render(request, work_plan, bound=form, status=400)
