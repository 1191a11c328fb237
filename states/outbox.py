"""The email outbox: messages are rows written in the same transaction as the change they
report, and delivered by a task, off the web request.

- ``queue_to`` writes one message per user, each in the language that user reads
  (``language_for``: the one place that decides it); ``queue`` writes the rows for addresses
  already rendered in one language; once the transaction commits it enqueues ``deliver_emails`` (a
  rolled-back change sends nothing; a committed one is never lost: its rows wait in the outbox
  whatever happens to the task).
- ``deliver_emails`` runs in the task worker (``manage.py db_worker``; inline in the demo, see
  ``TASKS`` in the settings). A message that fails is tried again later, with a delay that
  doubles each time, up to ``MAX_ATTEMPTS``; ``manage.py send_pending_emails`` sweeps whatever
  is left (run it from cron every few minutes).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core.preferences import chosen_language
from states.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)


# What ``language_for`` reads: a list of recipients selects these along, in the same query.
LANGUAGE_RELATED = ("preferences", "focal_point")


def language_for(user, *, default: str | None = None) -> str:
    """The language ``user`` reads the tracker and its emails in: their own choice on the
    account page, else (a focal point) the one the Secretariat set for their state's emails,
    else ``default`` (the site's ``LANGUAGE_CODE`` unless the caller says otherwise)."""
    language = chosen_language(user)
    if not language:
        try:
            language = user.focal_point.language
        except ObjectDoesNotExist:
            language = ""
    return language or (settings.LANGUAGE_CODE if default is None else default)


def queue_to(users: Iterable, subject: Callable[[], str], template: str, context: dict) -> list[int]:
    """Write one message per user with an address, in that user's language: ``subject`` is
    called and ``template`` rendered once per language among them."""
    if isinstance(users, QuerySet):
        users = users.select_related(*LANGUAGE_RELATED)
    by_language: dict[str, list[str]] = {}
    seen: set[str] = set()
    for user in users:
        if user.email and user.email not in seen:
            seen.add(user.email)
            by_language.setdefault(language_for(user), []).append(user.email)
    ids: list[int] = []
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            ids += queue(addresses, subject(), template, context)
    return ids


def queue(recipients: list[str], subject: str, template: str, context: dict) -> list[int]:
    """Write one message per address to the outbox; deliver them once the transaction commits."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return []
    context = {**context, "site_url": settings.SITE_URL}
    body = render_to_string(template, context)
    ids = [OutgoingEmail.objects.create(to=address, subject=subject, body=body).pk for address in recipients]
    transaction.on_commit(lambda: deliver_emails.enqueue(ids))
    return ids


def send_queued(ids: list[int] | None = None) -> int:
    """Send pending messages (those in ``ids``, or all); return how many went out."""
    pending = OutgoingEmail.objects.pending().order_by("created_at", "pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = 0
    for message in pending:
        # Claim the message first, so that two workers, or a worker and send_pending_emails,
        # never both send it.
        claimed = OutgoingEmail.objects.filter(pk=message.pk, sent_at__isnull=True, attempts=message.attempts).update(
            attempts=F("attempts") + 1
        )
        if not claimed:
            continue
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
        except Exception as error:  # noqa: BLE001 - any transport failure is retried later
            logger.warning(
                "Email %s to %s not sent (attempt %s): %s", message.pk, message.to, message.attempts + 1, error
            )
            OutgoingEmail.objects.filter(pk=message.pk).update(last_error=str(error)[:2000])
            continue
        OutgoingEmail.objects.filter(pk=message.pk).update(sent_at=timezone.now(), last_error="")
        sent += 1
    return sent


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8… minutes after the ``attempts``-th failure."""
    return FIRST_RETRY_DELAY * 2 ** max(attempts - 1, 0)


@task()
def deliver_emails(ids: list[int]) -> int:
    """Send the outbox messages ``ids``; schedule another try for those that failed."""
    sent = send_queued(ids)
    failed = OutgoingEmail.objects.pending().filter(pk__in=ids, attempts__lt=MAX_ATTEMPTS)
    by_attempts: dict[int, list[int]] = {}
    for pk, attempts in failed.values_list("pk", "attempts"):
        by_attempts.setdefault(attempts, []).append(pk)
    for attempts, retry_ids in sorted(by_attempts.items()):
        if not deliver_emails.get_backend().supports_defer:
            break  # run inline (the demo): send_pending_emails retries instead
        deliver_emails.using(run_after=timezone.now() + retry_delay(attempts)).enqueue(retry_ids)
    return sent
