"""How long technical log rows are kept: the sign-in audit trail, django-axes' own access logs,
the outbox's sent messages and the once-per-form tokens. Past ``AUDIT_RETENTION_DAYS`` (two
years by default) ``manage.py prune_audit`` deletes them (``deploy/cron.sh weekly`` runs it).

Never the domain history: status changes, updates, activities and documents are what the
tracker is for and are kept for good. The task queue's finished rows have their own command
(``prune_db_task_results``, also from ``deploy/cron.sh weekly``).
"""

from __future__ import annotations

import datetime

from axes.models import AccessFailureLog, AccessLog
from django.db.models import QuerySet

from accounts.models import SignInEvent
from core.submissions import SubmissionToken
from states.models import OutgoingEmail

# Deleted this many at a time, so that no single statement locks a big table for long.
BATCH_SIZE = 5000


def _old_rows(before: datetime.datetime) -> dict[str, QuerySet]:
    return {
        "sign-in events": SignInEvent.objects.filter(at__lt=before),
        "access log entries": AccessLog.objects.filter(attempt_time__lt=before),
        "access failure log entries": AccessFailureLog.objects.filter(attempt_time__lt=before),
        # Sent ones only: a message still waiting is never given up on here.
        "sent emails": OutgoingEmail.objects.filter(sent_at__lt=before),
        "form tokens": SubmissionToken.objects.filter(created_at__lt=before),
    }


def _delete_in_batches(rows: QuerySet) -> int:
    deleted = 0
    while batch := list(rows.order_by().values_list("pk", flat=True)[:BATCH_SIZE]):
        deleted += rows.model.objects.filter(pk__in=batch).delete()[0]
    return deleted


def prune(*, before: datetime.datetime) -> dict[str, int]:
    """Delete the technical log rows written before ``before``; how many of each went."""
    return {name: _delete_in_batches(rows) for name, rows in _old_rows(before).items()}
