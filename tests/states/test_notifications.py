"""Emails: sent after commit to the right people only, and retried when sending fails."""

import logging

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from core.choices import Audience
from states import services
from states.models import OutgoingEmail
from tests import factories
from tests.states.fixtures import pdf

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")


FAILING = "tests.states.test_notifications.FailingBackend"


def recipients(mailoutbox) -> set[str]:
    return {address for message in mailoutbox for address in message.to}


@pytest.fixture
def assignee(db):
    return factories.make_staff("assignee")


def test_a_status_change_for_the_state_reaches_every_focal_point_of_that_state_only(
    staff, focal_mx, focal_cl, mailoutbox, django_capture_on_commit_callbacks
):
    second_mexican = factories.make_focal_point("MEX", "focal-mx-2")
    request = factories.make_request("MEX", by=focal_mx)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_status(request=request, new_status="accepted", by=staff, note="Accepted gladly.")

    assert recipients(mailoutbox) == {focal_mx.email, second_mexican.email}
    assert "Accepted gladly." in mailoutbox[0].body
    assert request.reference in mailoutbox[0].subject


def test_nothing_is_sent_before_the_transaction_commits(staff, focal_mx, mailoutbox):
    request = factories.make_request("MEX", by=focal_mx)

    # The test's transaction never commits, so on_commit never fires: the message waits.
    services.add_request_update(request=request, by=staff, note="Dates confirmed.", audience=Audience.STATE)

    assert mailoutbox == []
    assert OutgoingEmail.objects.pending().filter(to=focal_mx.email).exists()


def test_a_rolled_back_change_leaves_no_email(staff, focal_mx, mailoutbox):
    request = factories.make_request("MEX", by=focal_mx)
    OutgoingEmail.objects.all().delete()

    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_request_update(request=request, by=staff, note="Never saved.", audience=Audience.STATE)
        raise RuntimeError("the page failed after the update")

    assert not OutgoingEmail.objects.exists()


def test_a_states_comment_reaches_the_assignee_and_not_the_state_itself(
    assignee, focal_mx, mailoutbox, django_capture_on_commit_callbacks
):
    request = factories.make_request("MEX", by=focal_mx, assigned_to=assignee)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.add_request_update(request=request, by=focal_mx, note="Can the course be in May?")

    assert recipients(mailoutbox) == {assignee.email}
    assert "Can the course be in May?" in mailoutbox[0].body


def test_a_new_request_goes_to_its_assignee_or_else_to_all_staff(
    staff, assignee, focal_mx, focal_cl, viewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_request("MEX", by=focal_mx)
    unassigned = recipients(mailoutbox)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_request("MEX", by=focal_mx, assigned_to=assignee)

    assert unassigned == {staff.email, assignee.email}  # no viewer, no focal point
    assert recipients(mailoutbox) == {assignee.email}


def test_a_document_shared_with_the_state_is_announced_to_it_and_an_internal_one_is_not(
    private_files, staff, focal_mx, focal_cl, mailoutbox, django_capture_on_commit_callbacks
):
    request = factories.make_request("MEX", by=focal_mx)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.add_attachment(request=request, by=staff, upload=pdf("internal.pdf"), audience=Audience.INTERNAL)
        services.add_attachment(request=request, by=staff, upload=pdf("agenda.pdf"), audience=Audience.STATE)

    assert [(message.to, "agenda.pdf" in message.subject) for message in mailoutbox] == [([focal_mx.email], True)]


def test_an_assignment_tells_the_new_assignee(staff, assignee, mailoutbox, django_capture_on_commit_callbacks):
    request = factories.make_request("CHL")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.assign_request(request=request, by=staff, assignee=assignee)

    assert recipients(mailoutbox) == {assignee.email}
    assert "assigned to you" in mailoutbox[0].subject


def test_a_deactivated_focal_point_gets_nothing(staff, focal_mx, mailoutbox, django_capture_on_commit_callbacks):
    request = factories.make_request("MEX", by=focal_mx)
    focal_mx.is_active = False
    focal_mx.save()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_status(request=request, new_status="accepted", by=staff)

    assert mailoutbox == []


def test_a_failure_to_send_is_logged_keeps_the_update_and_is_retried_later(
    staff, focal_mx, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    request = factories.make_request("MEX", by=focal_mx)
    OutgoingEmail.objects.all().delete()

    with override_settings(EMAIL_BACKEND=FAILING), caplog.at_level(logging.WARNING, logger="states.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            services.change_request_status(request=request, new_status="accepted", by=staff, note="Accepted.")

    request.refresh_from_db()
    assert request.status == "accepted"  # the change stands
    waiting = OutgoingEmail.objects.get(to=focal_mx.email)
    assert (waiting.sent_at, waiting.attempts) == (None, 1)
    assert "SMTP server unreachable" in waiting.last_error
    assert "not sent" in caplog.text

    call_command("send_pending_emails")

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert [message.to for message in mailoutbox] == [[focal_mx.email]]
    assert "Accepted." in mailoutbox[0].body


def test_the_retry_command_sends_each_message_once(staff, focal_mx, mailoutbox):
    request = factories.make_request("MEX", by=focal_mx)
    services.add_request_update(request=request, by=staff, note="Waiting in the outbox.", audience=Audience.STATE)

    call_command("send_pending_emails")
    call_command("send_pending_emails")

    assert [message.body.count("Waiting in the outbox.") for message in mailoutbox if focal_mx.email in message.to] == [
        1
    ]


def test_a_withdrawal_of_an_unassigned_request_reaches_every_staff_member(
    staff, assignee, viewer, focal_mx, focal_cl, mailoutbox, django_capture_on_commit_callbacks
):
    request = factories.make_request("MEX", by=focal_mx)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_request(request=request, by=focal_mx, reason="Funded bilaterally.")

    assert recipients(mailoutbox) == {staff.email, assignee.email}
    assert mailoutbox[0].subject == f"[CICTE] {request.reference}: Withdrawn by Mexico"
    assert "Funded bilaterally." in mailoutbox[0].body
