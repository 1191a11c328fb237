"""Email notifications about requests.

Messages are written to the ``OutgoingEmail`` outbox inside the caller's transaction, so a
rolled-back change sends nothing, and sent after commit. A failure to send is logged and
left in the outbox for ``manage.py send_pending_emails``; it never blocks or loses the change.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cicte.choices import Audience
from states.models import AssistanceRequest, OutgoingEmail, RequestUpdate

logger = logging.getLogger(__name__)


def _queue(recipients: list[str], subject: str, template: str, context: dict) -> None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    context = {**context, "site_url": settings.SITE_URL}
    body = render_to_string(template, context)
    ids = [OutgoingEmail.objects.create(to=address, subject=subject, body=body).pk for address in recipients]
    transaction.on_commit(lambda: send_queued(ids))


def _focal_point_addresses(request: AssistanceRequest) -> list[str]:
    users = get_user_model().objects.filter(focal_point__state_id=request.state_id, is_active=True)
    return list(users.values_list("email", flat=True))


def request_submitted(request: AssistanceRequest) -> None:
    """Tell the assigned staff member (if any) that a state filed a request."""
    if request.assigned_to and request.assigned_to.email:
        _queue(
            [request.assigned_to.email],
            f"[CICTE] {request.reference} submitted by {request.state.name_en}",
            "emails/request_submitted.txt",
            {"request": request},
        )


def request_updated(request: AssistanceRequest, update: RequestUpdate) -> None:
    """A state's focal points hear of what is addressed to them; the assignee hears of what
    the state writes."""
    author_is_state = update.author is not None and getattr(update.author, "focal_point", None) is not None
    if update.audience == Audience.STATE and not author_is_state:
        _queue(
            _focal_point_addresses(request),
            f"[CICTE] {request.reference}: {request.get_status_display()}",
            "emails/request_updated.txt",
            {"request": request, "update": update},
        )
    if author_is_state and request.assigned_to and request.assigned_to.email:
        _queue(
            [request.assigned_to.email],
            f"[CICTE] {request.reference}: new comment from {request.state.name_en}",
            "emails/request_updated.txt",
            {"request": request, "update": update},
        )


def send_queued(ids: list[int] | None = None) -> int:
    """Send pending messages (those in ``ids``, or all); return how many went out."""
    pending = OutgoingEmail.objects.pending()
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = 0
    for message in pending:
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
        except Exception as error:  # noqa: BLE001 - any transport failure is retried later
            logger.warning("Email %s to %s not sent: %s", message.pk, message.to, error)
            OutgoingEmail.objects.filter(pk=message.pk).update(
                attempts=message.attempts + 1, last_error=str(error)[:2000]
            )
            continue
        OutgoingEmail.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=message.attempts + 1)
        sent += 1
    return sent
