"""The implementation report: choose it, read it as a page, download it as PDF or XLSX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reporting import report_files, report_split
from reporting.forms import ReportForm
from reporting.models import ReportFile
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
    count = scope.mandates(request.user).count()
    limit = None
    if count > report_files.background_threshold():
        # Too large for a page: its first mandates here, the whole of it as a file, built by the
        # worker (the requester is emailed when it is ready).
        limit = report_files.page_mandates()
        report_files.request_file(user=request.user, params=request.GET.dict(), scope=scope, fmt="pdf")
        if count > report_split.split_above():
            note = _(
                "This report covers %(count)s mandates: this page shows the first %(shown)s. The full report "
                "is being prepared as a ZIP of PDF files (a summary, then the resolutions in parts); you will "
                "be emailed when it is ready (see My reports)."
            )
        else:
            note = _(
                "This report covers %(count)s mandates: this page shows the first %(shown)s. The full report "
                "is being prepared as a PDF; you will be emailed when it is ready (see My reports)."
            )
        messages.info(request, note % {"count": count, "shown": limit})
    # The whole page in the report's language, so that it prints as it will be read.
    with translation.override(scope.language):
        report = build_report(scope=scope, user=request.user, limit=limit)
        if limit is not None:
            report.truncated_from = count
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
    if scope.mandates(request.user).count() > report_files.background_threshold():
        report_files.request_file(user=request.user, params=request.GET.dict(), scope=scope, fmt=fmt)
        messages.info(request, _("This report is large: it is being prepared; you will be emailed when it is ready."))
        return redirect("report_files")
    renderer, content_type = FORMATS[fmt]
    with translation.override(scope.language):
        content = renderer(build_report(scope=scope, user=request.user))
    name = report_files.file_name(scope, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@login_required
def report_file_list(request):
    """My reports: the files I asked for, newest first, with their state."""
    files = ReportFile.objects.filter(requested_by=request.user)[:100]
    return render(request, "reports/files.html", {"files": files})


@require_http_methods(["GET", "HEAD"])
@login_required
def report_file_download(request, pk):
    report_file = get_object_or_404(ReportFile, pk=pk, status=ReportFile.Status.READY)
    # Not "forbidden": whoever may not have it is not told it exists.
    if not report_files.may_download(request.user, report_file):
        raise Http404
    handle = report_file.file.open("rb")
    name = report_file.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        handle, as_attachment=True, filename=name, content_type=report_files.CONTENT_TYPES[report_file.fmt]
    )
