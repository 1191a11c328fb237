# The ground floor holds two models of its own (``core.submissions.SubmissionToken`` and
# ``core.preferences.UserPreferences``, which know no app). This module also exists because
# Django sends ``post_migrate`` only to apps that have a models module, and ``core.apps``
# listens to it to keep the role groups' permissions in step with ``core.permissions``.
#
# It also holds one abstract model, which makes no table: the fields, constraints and methods
# that a mandate's and a request's history entries share (commitments.MandateUpdate,
# states.RequestUpdate).

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import Audience


class UpdateBase(models.Model):
    """An append-only, dated, authored entry in an object's history: a note, a status change
    or both, for an audience. Written only by the app's services.

    A subclass names the object it belongs to, its ``old_status``/``new_status`` fields (with
    its own status choices), the ``AUDIENCES`` it allows, and in its ``Meta`` (which extends
    ``UpdateBase.Meta``) the constraints of ``update_constraints``.

    ``created_at`` is when the entry was written; ``happened_on`` is the day the event it
    records took place (the mission ended, the note verbale arrived), the day written unless
    staff say otherwise, never in the future. Timelines show it, and snapshots and the "stale"
    flag read it: a status changed on 3 March but recorded on 20 March was the status on 10 March.
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
    happened_on = models.DateField(
        gettext_lazy("happened on"),
        default=timezone.localdate,
        help_text=gettext_lazy("The day it happened, if not today."),
    )
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

    @property
    def back_dated(self) -> bool:
        """Recorded on a later day than it happened (the timeline then shows both days)."""
        return self.created_at is not None and self.happened_on != timezone.localdate(self.created_at)

    @staticmethod
    def checked_happened_on(day: datetime.date | None) -> datetime.date:
        """``day``, or today when none is given; a day in the future is refused."""
        today = timezone.localdate()
        if day is None:
            return today
        if day > today:
            raise ValidationError(_("An update cannot record something that has not happened yet."), code="future_date")
        return day


def update_constraints(prefix: str, *, statuses: list[str], audiences: list[str]) -> list[models.CheckConstraint]:
    """The database refuses an audience or a status outside the subclass's choices; named
    ``<prefix>_audience_valid``, ``<prefix>_old_status_valid``, ``<prefix>_new_status_valid``."""
    return [
        models.CheckConstraint(condition=Q(audience__in=audiences), name=f"{prefix}_audience_valid"),
        models.CheckConstraint(condition=Q(old_status__in=[*statuses, ""]), name=f"{prefix}_old_status_valid"),
        models.CheckConstraint(condition=Q(new_status__in=[*statuses, ""]), name=f"{prefix}_new_status_valid"),
    ]


from core.preferences import UserPreferences  # noqa: E402, F401  (a user's own language)
from core.submissions import SubmissionToken  # noqa: E402, F401  (the once-per-form table)
