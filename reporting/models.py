"""What joins both apps: snapshots of both mandates' and requests' statuses."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
