"""The implementation report: choose it, read it as a page, download it as PDF or XLSX."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from reporting.forms import ReportForm
from reporting.report import build_report
from reporting.report_pdf import render_pdf
from reporting.report_xlsx import render_xlsx
from reporting.views.access import secretariat_required

FORMATS = {
    "pdf": (render_pdf, "application/pdf"),
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@require_GET
@secretariat_required
def report_index(request):
    # "Change the report" comes back here with the report's choices in the query string.
    form = ReportForm(initial=request.GET.dict(), user=request.user)
    return render(request, "reports/index.html", {"form": form})


@require_GET
@secretariat_required
def report_view(request):
    form = ReportForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "reports/index.html", {"form": form}, status=400)
    scope = form.scope()
    # The whole page in the report's language, so that it prints as it will be read.
    with translation.override(scope.language):
        report = build_report(scope=scope, user=request.user)
        return render(request, "reports/report.html", {"report": report, "query": request.GET.urlencode()})


@require_GET
@secretariat_required
def report_download(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    form = ReportForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "reports/index.html", {"form": form}, status=400)
    scope = form.scope()
    renderer, content_type = FORMATS[fmt]
    with translation.override(scope.language):
        content = renderer(build_report(scope=scope, user=request.user))
    subject = scope.resolution.symbol if scope.resolution else scope.work_plan or "all"
    # The internal version says so in its name too, wherever the file travels.
    marking = "-internal-secretariat-only" if scope.internal else ""
    name = f"cicte-implementation-report-{slugify(str(subject))}-{scope.language}{marking}.{fmt}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
