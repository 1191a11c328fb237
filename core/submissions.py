"""Once per form: a form carries a random token (a hidden field set when the form is drawn); the
first POST of it claims the token and records what it made, and a second POST of the same form
(a double click, a reload, a retried request) finds the first one's result and makes nothing.

Every form with a write uses it through ``once`` and ``OnceForm``: new requests, comments,
updates, documents, request status changes and mandate updates, so each is submitted once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

Made = TypeVar("Made", bound=models.Model)


class SubmissionToken(models.Model):
    """One claimed form token and what its submission made."""

    token = models.UUIDField(_("token"), editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Filled in once the submission's row exists; empty only inside the claiming transaction.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True)
    made = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission token")
        verbose_name_plural = _("submission tokens")
        constraints = [models.UniqueConstraint(fields=["token"], name="core_submissiontoken_token_unique")]

    def __str__(self) -> str:
        return str(self.token)


def _first_result(token: uuid.UUID, by):
    claimed = SubmissionToken.objects.filter(token=token).first()
    if claimed is None:
        return None
    # A token names one form shown to one user; someone else presenting it learns nothing.
    if claimed.user_id != by.pk:
        raise PermissionDenied
    return claimed.made


def once(token: uuid.UUID | None, *, by, make: Callable[[], Made]) -> tuple[Made, bool]:
    """``(make(), True)`` the first time ``token`` is presented; ``(what it made, False)`` every
    time after, making nothing. The token is claimed before ``make`` runs, so a concurrent second
    POST waits on the claim and then finds the first one's result (a file it would have written
    is never written). Without a token (a script, the admin) ``make`` simply runs."""
    if token is None:
        return make(), True
    existing = _first_result(token, by)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            claim = SubmissionToken.objects.create(token=token, user=by)
            made = make()
            claim.made = made
            claim.save(update_fields=["content_type", "object_id"])
    except IntegrityError:
        existing = _first_result(token, by)
        if existing is None:
            raise
        return existing, False
    return made, True


def already_made(data, *, by):
    """What an earlier post of the same form (``data``'s ``submission_token``) made, or None.

    A view asks this before validating a form whose choices follow the object's current state
    (the status form offers only the moves allowed from the status now): after the first post
    the second would be refused as invalid, when it should answer like the first."""
    try:
        token = forms.UUIDField().clean(data.get("submission_token"))
    except forms.ValidationError:
        return None
    return _first_result(token, by) if token else None


class OnceForm(forms.Form):
    """A form drawn with a fresh ``submission_token``; post it with the form, and pass
    ``cleaned_data["submission_token"]`` to the service, which runs through ``once``. A post
    without one (a script, a page drawn before this existed) is saved, just not deduplicated."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("submission_token", uuid.uuid4())
