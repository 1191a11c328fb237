# The ground floor holds one model of its own (``core.submissions.SubmissionToken``, which
# knows no app). This module also exists because Django sends ``post_migrate``
# only to apps that have a models module, and ``core.apps`` listens to it to keep the role
# groups' permissions in step with ``core.permissions``.
#
# It also holds one abstract model, which makes no table: the fields, constraints and methods
# that a mandate's and a request's history entries share (commitments.MandateUpdate,
# states.RequestUpdate).

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from core.choices import Audience


class UpdateBase(models.Model):
    """An append-only, dated, authored entry in an object's history: a note, a status change
    or both, for an audience. Written only by the app's services.

    A subclass names the object it belongs to, its ``old_status``/``new_status`` fields (with
    its own status choices), the ``AUDIENCES`` it allows, and in its ``Meta`` (which extends
    ``UpdateBase.Meta``) the constraints of ``update_constraints``.
    """

    AUDIENCES: list[str] = []

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("author"),
    )
    created_at = models.DateTimeField(gettext_lazy("when"), auto_now_add=True, db_index=True)
    note = models.TextField(gettext_lazy("note"), blank=True)
    audience = models.CharField(
        gettext_lazy("audience"), max_length=10, choices=Audience.choices, default=Audience.INTERNAL
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def changes_status(self) -> bool:
        return bool(self.new_status) and self.new_status != self.old_status


def update_constraints(prefix: str, *, statuses: list[str], audiences: list[str]) -> list[models.CheckConstraint]:
    """The database refuses an audience or a status outside the subclass's choices; named
    ``<prefix>_audience_valid``, ``<prefix>_old_status_valid``, ``<prefix>_new_status_valid``."""
    return [
        models.CheckConstraint(condition=Q(audience__in=audiences), name=f"{prefix}_audience_valid"),
        models.CheckConstraint(condition=Q(old_status__in=[*statuses, ""]), name=f"{prefix}_old_status_valid"),
        models.CheckConstraint(condition=Q(new_status__in=[*statuses, ""]), name=f"{prefix}_new_status_valid"),
    ]


from core.submissions import SubmissionToken  # noqa: E402, F401  (the once-per-form table)
