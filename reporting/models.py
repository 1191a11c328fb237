"""What joins both apps: snapshots of both mandates' and requests' statuses."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from states.models import private_storage


class Snapshot(models.Model):
    """The status of every mandate and request frozen at a date (a CICTE session, a year end),
    so that two cycles can be compared."""

    name = models.CharField(_("name"), max_length=200)
    taken_on = models.DateField(_("as of"))
    # {"<mandate id>": "<status>"}; ids as strings because JSON keys are strings.
    mandate_statuses = models.JSONField(default=dict, editable=False)
    request_statuses = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-taken_on", "-pk"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [models.UniqueConstraint(fields=["name"], name="reporting_snapshot_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.taken_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("snapshot_detail", args=[self.pk])


class DashboardFigures(models.Model):
    """The dashboard's figures that count whole tables (stale mandates, by owner, by program
    area, by member state, delivery times), counted for the Secretariat by a task
    (``reporting.precomputed``) and shown with the time they were counted: at 250,000 requests
    they cost half a second to count on every view. Only the Secretariat's (who see every row):
    one row, ``key`` "secretariat"."""

    key = models.CharField(max_length=40)
    # Plain counts by ids and statuses (``reporting.precomputed.count_figures``); names, labels
    # and links are made when the page is drawn, in the reader's language.
    figures = models.JSONField(default=dict, editable=False)
    # The newest ids of mandates, requests and their updates when counted: a newer one means
    # something was written since (``reporting.precomputed.MARKED``).
    marker = models.JSONField(default=list, editable=False)
    computed_at = models.DateTimeField(_("counted at"))
    # When a page last asked the task queue for a fresh count (so that a busy dashboard asks
    # once, not once per view).
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dashboard figures")
        verbose_name_plural = _("dashboard figures")
        constraints = [models.UniqueConstraint(fields=["key"], name="reporting_dashboardfigures_unique_key")]

    def __str__(self) -> str:
        return f"{self.key} ({self.computed_at:%Y-%m-%d %H:%M})"


class ReportFile(models.Model):
    """An implementation report built off the web request (a large scope takes the worker
    longer than a page may wait), kept in the private storage until pruned
    (``manage.py prune_report_files``). Only its requester and the Secretariat download it, and
    the Secretariat's version only the Secretariat (``reporting.report_files.may_download``)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"
        # A very large PDF: a ZIP of its summary and of its mandates in parts (report_split).
        ZIP = "zip", _("ZIP of PDF files")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_files", verbose_name=_("requested by")
    )
    # The report form's data as asked (resolution, work plan, period, since, language, audience),
    # read again by the task through the same form.
    params = models.JSONField(_("choices"), default=dict)
    audience = models.CharField(_("version"), max_length=20)
    language = models.CharField(_("language"), max_length=2)
    fmt = models.CharField(_("format"), max_length=4, choices=Format.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), storage=private_storage, upload_to="reports/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="reporting_reportfile_mine")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "ready", "failed"]),
                name="reporting_reportfile_known_status",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title or self.fmt} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("report_file_download", args=[self.pk])
