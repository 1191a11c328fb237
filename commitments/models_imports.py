"""A parse waiting between the import preview and its confirm, in its own table.

It used to sit in the user's session, which Django re-saves on every request: a 2,000-paragraph
preview made every other page of that user slower. The session now holds only the token.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingImportQuerySet(models.QuerySet):
    def expired(self, now: datetime.datetime | None = None) -> PendingImportQuerySet:
        """Untouched for longer than a session lasts: no session can still name them."""
        return self.filter(updated_at__lt=(now or timezone.now()) - PendingImport.lifetime())

    def of(self, user, token: str) -> PendingImportQuerySet:
        return self.filter(user=user, token=token) if token else self.none()

    def start(self, *, user, source_name: str, payload: dict) -> PendingImport:
        """A new pending import for ``user``, replacing theirs; the expired ones of anyone go."""
        self.expired().delete()
        self.filter(user=user).delete()
        return self.create(token=secrets.token_urlsafe(24), user=user, source_name=source_name[:255], payload=payload)


class PendingImport(models.Model):
    """The preview's state: the parse with the staff's corrections so far (``payload``: the
    document as ``ParsedDocument.to_dict(with_source=True)``, the structural corrections, the
    decisions on proposed owners). ``revision`` goes up with every change, so that a form from
    an older rendering of the preview is refused instead of applied to other paragraphs."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    payload = models.JSONField(_("parse"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        indexes = [
            # PendingImport.objects.expired(): the sweep each new upload runs.
            models.Index(fields=["updated_at"], name="commitments_pending_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.source_name or self.token[:8]} ({self.user_id})"

    @staticmethod
    def lifetime() -> datetime.timedelta:
        return datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
