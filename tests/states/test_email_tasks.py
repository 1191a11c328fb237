"""Mail is never sent inside a web request: the outbox rows are written with the change, and a
task delivers them once it commits, in the worker, retrying with a growing delay."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from states import outbox
from states.models import AssistanceRequest, OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db
# The worker closes its database connection between tasks, as a long-running process must:
# tests that run it commit for real instead of inside one rolled-back transaction, and put
# back the migrations' rows (role groups, permissions) that the flush after them removes.
WITH_WORKER = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def file_through_the_portal(client):
    form = client.get(reverse("states:request_create")).context["form"]
    return client.post(
        reverse("states:request_create"),
        {
            "state": form.initial.get("state") or "",
            "title": "Cyber incident response training",
            "description": "For our CSIRT.",
            "request_type": "capacity_building",
            "submission_token": form.initial["submission_token"],
        },
    )


@WITH_WORKER
@DATABASE_TASKS
def test_a_request_filed_on_the_portal_is_answered_before_any_mail_is_sent(
    focal_mx_client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    staff.email = "staff@example.org"
    staff.save()
    with mock.patch("states.outbox.send_mail", side_effect=AssertionError("sent inside the request")) as send:
        with django_capture_on_commit_callbacks(execute=True):
            response = file_through_the_portal(focal_mx_client)
    assert response.status_code == 302, getattr(response, "context", None) and response.context["form"].errors
    assert AssistanceRequest.objects.count() == 1
    send.assert_not_called()
    waiting = OutgoingEmail.objects.pending().get()
    assert waiting.to == "staff@example.org"
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    run_worker()

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert [message.to for message in mailoutbox] == [["staff@example.org"]]


@DATABASE_TASKS
def test_a_change_that_rolls_back_queues_nothing(staff, focal_mx, django_capture_on_commit_callbacks):
    staff.email = "staff@example.org"
    staff.save()
    with mock.patch("states.services.RequestUpdate.objects.create", side_effect=RuntimeError("disk full")):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            factories.make_request("MEX", by=focal_mx)
    assert not AssistanceRequest.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


@WITH_WORKER
@DATABASE_TASKS
def test_a_failing_mail_server_is_tried_again_later_with_a_growing_delay(mailoutbox):
    message = OutgoingEmail.objects.create(to="focal@example.org", subject="[CICTE] test", body="Hello")
    outbox.deliver_emails.enqueue([message.pk])
    before = timezone.now()

    with mock.patch("states.outbox.send_mail", side_effect=OSError("SMTP timed out")):
        run_worker()

    message.refresh_from_db()
    assert (message.sent_at, message.attempts, message.last_error) == (None, 1, "SMTP timed out")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after >= before + datetime.timedelta(minutes=1)
    assert retry.args_kwargs["args"] == [[message.pk]]

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # the minute passes
    with mock.patch("states.outbox.send_mail", side_effect=OSError("SMTP timed out")):
        run_worker()
    second = DBTaskResult.objects.get(status="READY")
    assert second.run_after >= timezone.now() + datetime.timedelta(minutes=1, seconds=50)  # 2 minutes now

    DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
    run_worker()
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 3
    assert [sent.to for sent in mailoutbox] == [["focal@example.org"]]


@WITH_WORKER
@DATABASE_TASKS
def test_after_the_last_attempt_the_message_waits_for_the_sweep(mailoutbox):
    message = OutgoingEmail.objects.create(
        to="focal@example.org", subject="[CICTE] test", body="Hello", attempts=outbox.MAX_ATTEMPTS - 1
    )
    outbox.deliver_emails.enqueue([message.pk])
    with mock.patch("states.outbox.send_mail", side_effect=OSError("SMTP down")):
        run_worker()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    call_command("send_pending_emails", verbosity=0)
    message.refresh_from_db()
    assert message.sent_at is not None


def test_two_deliveries_of_the_same_message_send_it_once(mailoutbox):
    message = OutgoingEmail.objects.create(to="focal@example.org", subject="[CICTE] test", body="Hello")
    outbox.deliver_emails.call([message.pk])
    outbox.deliver_emails.call([message.pk])
    assert len(mailoutbox) == 1


def test_the_retry_delay_doubles():
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
