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
