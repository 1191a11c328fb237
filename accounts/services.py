"""Writes to a user's own account: their settings, and the password-reset email."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.audit import Kind, record
from core.preferences import choose_language
from states.models import FocalPoint
from states.outbox import language_for, queue

# One reset email per account per quarter hour: the form answers the same whatever is typed,
# so without this anyone could fill an official's mailbox.
RESET_EMAIL_INTERVAL_SECONDS = 15 * 60


@transaction.atomic
def update_account(*, user, email: str, language: str) -> None:
    """The account page's save. A focal point's email language follows their choice, so that
    reminders and digests come in it too."""
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    choose_language(user=user, language=language)
    FocalPoint.objects.filter(user=user).update(language=language)


def queue_password_reset(*, user, to: str, subject_template: str, body_template: str, context: dict, request) -> bool:
    """The reset link, in the user's language, through the outbox (off the web request).
    Returns False when one was sent less than ``RESET_EMAIL_INTERVAL_SECONDS`` ago."""
    if not cache.add(f"accounts:reset-sent:{user.pk}", 1, timeout=RESET_EMAIL_INTERVAL_SECONDS):
        return False
    # With no choice of their own, the language they asked in (they are most likely the one reading).
    with translation.override(language_for(user, default=translation.get_language())):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        queue([to], subject, body_template, context)
    record(Kind.PASSWORD_RESET_ASKED, request=request, user=user)
    return True
