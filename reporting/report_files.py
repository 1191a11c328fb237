"""Reports built as files off the web request: a large scope (a work plan, everything) takes
longer than a page may wait, so it is queued (``ReportFile``), built by the task worker into the
private storage, and its requester is emailed a link once it is ready ("My reports" lists them).

The task reads the report's choices again through ``ReportForm`` as its requester, so the file
holds exactly what that person would have seen on the page, in the version (audience) they chose.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from core import roles
from reporting.forms import ReportForm
from reporting.models import ReportFile
from reporting.report import Scope, build_report
from reporting.report_pdf import render_pdf
from reporting.report_split import render_split_pdf, split_above
from reporting.report_xlsx import render_xlsx
from states import outbox

logger = logging.getLogger(__name__)

RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def background_threshold() -> int:
    """Scopes with more mandates than this are built as files in the background."""
    return settings.REPORT_BACKGROUND_MANDATES


def page_mandates() -> int:
    """How many mandates the page of a large scope shows before pointing to the file."""
    return settings.REPORT_PAGE_MANDATES


def file_name(scope: Scope, fmt: str) -> str:
    subject = scope.resolution.symbol if scope.resolution else scope.work_plan or "all"
    # The internal version says so in its name too, wherever the file travels.
    marking = "-internal-secretariat-only" if scope.internal else ""
    return f"cicte-implementation-report-{slugify(str(subject))}-{scope.language}{marking}.{fmt}"


def request_file(*, user, params: dict, scope: Scope, fmt: str) -> ReportFile:
    """Queue the report ``scope`` as a ``fmt`` file for ``user``; the worker builds it. The same
    report asked again while it is being prepared (the page reloaded) is the file already queued."""
    params = {key: value for key, value in params.items() if key in ReportForm.base_fields}
    waiting = ReportFile.objects.filter(
        requested_by=user, params=params, fmt=fmt, status__in=[ReportFile.Status.QUEUED, ReportFile.Status.RUNNING]
    ).first()
    if waiting is not None:
        return waiting
    with transaction.atomic():
        report_file = ReportFile.objects.create(
            requested_by=user,
            params=params,
            audience=scope.audience,
            language=scope.language,
            fmt=fmt,
            title=scope.title(),
        )
        transaction.on_commit(lambda: build_report_file.enqueue(report_file.pk))
    return report_file


def may_download(user, report_file: ReportFile) -> bool:
    """Its requester and the Secretariat; the Secretariat's version only to the Secretariat
    (a requester who has since left the Secretariat no longer gets its internal notes)."""
    if report_file.audience != "states" and not roles.is_secretariat(user):
        return False
    return report_file.requested_by_id == user.pk or roles.is_secretariat(user)


def render(scope: Scope, user, fmt: str) -> tuple[str, bytes]:
    """The file's format and content: a very large PDF comes as a ZIP of a summary and parts,
    built side by side (``report_split``)."""
    with translation.override(scope.language):
        if fmt == ReportFile.Format.PDF and scope.mandates(user).count() > split_above():
            stem = file_name(scope, "pdf").removesuffix(".pdf")
            return ReportFile.Format.ZIP, render_split_pdf(scope, user, stem)
        return fmt, RENDERERS[fmt](build_report(scope=scope, user=user))


def build(report_file: ReportFile) -> ReportFile:
    """Build the file now (the task's body; timed directly by the benchmark)."""
    claimed = ReportFile.objects.filter(pk=report_file.pk, status=ReportFile.Status.QUEUED).update(
        status=ReportFile.Status.RUNNING
    )
    if not claimed:
        return report_file  # another worker has it, or it is done
    user = report_file.requested_by
    try:
        form = ReportForm(report_file.params, user=user)
        if not form.is_valid():
            raise ValueError("; ".join(str(e) for errors in form.errors.values() for e in errors))
        scope = form.scope()
        fmt, content = render(scope, user, report_file.fmt)
        report_file.file.save(file_name(scope, fmt), ContentFile(content), save=False)
    except Exception as error:  # noqa: BLE001 - the requester is told it failed, the worker goes on
        logger.exception("Report file %s failed", report_file.pk)
        ReportFile.objects.filter(pk=report_file.pk).update(
            status=ReportFile.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        report_file.refresh_from_db()
        return report_file
    with transaction.atomic():
        ReportFile.objects.filter(pk=report_file.pk).update(
            status=ReportFile.Status.READY,
            fmt=fmt,
            file=report_file.file.name,
            size=len(content),
            finished_at=timezone.now(),
        )
        report_file.refresh_from_db()
        # In the reader's own language; the report's when they chose none.
        with translation.override(outbox.language_for(user, default=report_file.language)):
            outbox.queue(
                [user.email],
                _("Your implementation report is ready"),
                "emails/report_ready.txt",
                {"report_file": report_file, "user": user},
            )
    return report_file


@task()
def build_report_file(report_file_id: int) -> str:
    report_file = ReportFile.objects.filter(pk=report_file_id).select_related("requested_by").first()
    if report_file is None:
        return "gone"
    return build(report_file).status


def prune(*, older_than: datetime.timedelta) -> int:
    """Delete the files (and their rows) asked for more than ``older_than`` ago."""
    cutoff = timezone.now() - older_than
    pruned = 0
    for report_file in ReportFile.objects.filter(created_at__lt=cutoff).exclude(status=ReportFile.Status.RUNNING):
        if report_file.file:
            report_file.file.delete(save=False)
        report_file.delete()
        pruned += 1
    return pruned
