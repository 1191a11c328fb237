"""Old technical log rows go after AUDIT_RETENTION_DAYS (``manage.py prune_audit``, weekly from
cron): sign-in events, access logs, sent emails, form tokens. A request's history stays, and so
does an email that is still waiting to go."""

import datetime
import io

import pytest
from axes.models import AccessLog
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from accounts.models import SignInEvent
from states import services
from states.models import OutgoingEmail, RequestUpdate
from tests import factories

pytestmark = pytest.mark.django_db

THREE_YEARS_AGO = timezone.now() - datetime.timedelta(days=3 * 365)


def prune(*args) -> str:
    out = io.StringIO()
    call_command("prune_audit", *args, stdout=out)
    return out.getvalue()


def aged(queryset, **field):
    """Rows of ``queryset`` as if written three years ago."""
    queryset.update(**{name: THREE_YEARS_AGO for name in field})


def test_sign_in_events_older_than_the_retention_go_and_recent_ones_stay(staff):
    old = SignInEvent.objects.create(kind="signed_in", user=staff, username="maria")
    aged(SignInEvent.objects.filter(pk=old.pk), at=True)
    recent = SignInEvent.objects.create(kind="signed_in", user=staff, username="maria")
    AccessLog.objects.create(username="maria", ip_address="198.51.100.20", user_agent="Firefox")
    aged(AccessLog.objects.all(), attempt_time=True)

    output = prune("--older-than-days", "730")

    assert list(SignInEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessLog.objects.exists()
    assert "1 sign-in events older than 730 days deleted." in output


def test_a_requests_history_and_an_email_still_waiting_are_kept_however_old(staff, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)
    services.change_request_status(request=request, new_status="under_review", by=staff)
    aged(RequestUpdate.objects.filter(request=request), created_at=True)
    OutgoingEmail.objects.update(sent_at=None)
    aged(OutgoingEmail.objects.all(), created_at=True)
    sent = OutgoingEmail.objects.create(to="old@example.org", subject="Sent long ago", body="…")
    aged(OutgoingEmail.objects.filter(pk=sent.pk), sent_at=True)
    waiting = OutgoingEmail.objects.count() - 1
    history = list(RequestUpdate.objects.filter(request=request).values_list("pk", flat=True))

    prune()

    assert list(RequestUpdate.objects.filter(request=request).values_list("pk", flat=True)) == history
    assert OutgoingEmail.objects.count() == waiting and not OutgoingEmail.objects.filter(pk=sent.pk).exists()


@override_settings(AUDIT_RETENTION_DAYS=30)
def test_the_retention_defaults_to_the_audit_retention_days_setting(staff):
    event = SignInEvent.objects.create(kind="signed_in", user=staff, username="maria")
    SignInEvent.objects.filter(pk=event.pk).update(at=timezone.now() - datetime.timedelta(days=31))

    assert "older than 30 days" in prune()
    assert not SignInEvent.objects.exists()


def test_a_retention_below_one_day_is_refused_and_nothing_is_deleted(staff):
    SignInEvent.objects.create(kind="signed_in", user=staff, username="maria")

    with pytest.raises(CommandError, match="at least 1"):
        prune("--older-than-days", "0")

    assert SignInEvent.objects.count() == 1
