"""``manage.py send_reminders``: owners and assignees hear of stale items and deadlines."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from commitments import services as mandate_services
from commitments.models import Mandate, MandateUpdate, Owner
from core.choices import Audience
from states.models import AssistanceRequest, OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=200)


@pytest.fixture
def secretariat_owner(db):
    owner = Owner.objects.get(name_en="CICTE Secretariat")
    owner.notify_email = "secretariat@example.org"
    owner.save()
    return owner


def mandate(owner: Owner, **fields) -> Mandate:
    made = factories.make_mandate(owners=[owner.name_en], **fields)
    Mandate.objects.filter(pk=made.pk).update(created_at=LONG_AGO)  # setup: created long ago
    return made


def digest_for(address: str) -> str:
    return OutgoingEmail.objects.get(to=address).body


def test_an_owner_hears_of_its_overdue_due_soon_and_stale_mandates(secretariat_owner):
    today = timezone.localdate()
    overdue = mandate(secretariat_owner, deadline=today - datetime.timedelta(days=3))
    due_soon = mandate(secretariat_owner, deadline=today + datetime.timedelta(days=20))
    later = mandate(secretariat_owner, deadline=today + datetime.timedelta(days=200))
    stale = mandate(secretariat_owner)
    someone_elses = mandate(Owner.objects.get(name_en="Member States"), deadline=today)

    call_command("send_reminders")

    body = digest_for("secretariat@example.org")
    overdue_part, rest = body.split("Mandates due within 30 days")
    due_soon_part, stale_part = rest.split("Mandates with no update for 90 days")
    assert str(overdue) in overdue_part
    assert str(due_soon) in due_soon_part and str(later) not in due_soon_part
    assert str(stale) in stale_part
    assert str(someone_elses) not in body


def test_a_recently_updated_or_completed_mandate_is_not_stale(secretariat_owner):
    recent = factories.make_mandate(owners=[secretariat_owner.name_en])
    done = mandate(secretariat_owner, status=Mandate.Status.COMPLETED)
    stale = mandate(secretariat_owner)

    call_command("send_reminders")

    body = digest_for("secretariat@example.org")
    assert str(stale) in body
    assert str(recent) not in body
    assert str(done) not in body


def test_an_assignee_hears_of_the_open_requests_nobody_touched_for_90_days(staff):
    forgotten = factories.make_request("MEX", assigned_to=staff)
    recent = factories.make_request("CHL", assigned_to=staff)
    closed = factories.make_request("MEX", assigned_to=staff, title="Closed long ago")
    AssistanceRequest.objects.filter(pk__in=[forgotten.pk, closed.pk]).update(updated_at=LONG_AGO)
    AssistanceRequest.objects.filter(pk=closed.pk).update(status="closed")
    OutgoingEmail.objects.all().delete()

    call_command("send_reminders")

    body = digest_for(staff.email)
    assert forgotten.reference in body
    assert recent.reference not in body
    assert closed.reference not in body


@override_settings(STALE_AFTER_DAYS=10)
def test_the_stale_period_is_a_setting(staff):
    request = factories.make_request("MEX", assigned_to=staff)
    AssistanceRequest.objects.filter(pk=request.pk).update(updated_at=timezone.now() - datetime.timedelta(days=11))
    OutgoingEmail.objects.all().delete()

    call_command("send_reminders")

    assert "no update for 10 days" in digest_for(staff.email)


def test_focal_points_never_get_reminders(focal_mx, staff):
    request = factories.make_request("MEX", by=focal_mx, assigned_to=staff)
    AssistanceRequest.objects.filter(pk=request.pk).update(updated_at=LONG_AGO)
    OutgoingEmail.objects.all().delete()

    call_command("send_reminders")

    assert not OutgoingEmail.objects.filter(to=focal_mx.email).exists()


def test_running_it_twice_the_same_day_sends_one_digest(secretariat_owner):
    mandate(secretariat_owner)

    call_command("send_reminders")
    call_command("send_reminders")

    assert OutgoingEmail.objects.filter(to="secretariat@example.org").count() == 1


def test_nothing_to_say_sends_nothing(secretariat_owner):
    factories.make_mandate(owners=[secretariat_owner.name_en])

    call_command("send_reminders")

    assert not OutgoingEmail.objects.exists()


def _quiet_but_for_an_internal_note(owner: Owner, by) -> Mandate:
    """A mandate whose one public update is 200 days old, and a Secretariat-only note of today."""
    quiet = mandate(owner, text="To share border-control practices.")
    public = mandate_services.add_mandate_update(
        mandate=quiet, by=by, note="Survey sent.", audience=Audience.PUBLIC, happened_on=LONG_AGO.date()
    )
    MandateUpdate.objects.filter(pk=public.pk).update(created_at=LONG_AGO)
    mandate_services.add_mandate_update(mandate=quiet, by=by, note="Donor call next week.")
    return quiet


def test_an_owner_address_outside_the_secretariat_hears_of_a_mandate_stale_but_for_an_internal_note(
    staff, secretariat_owner
):
    member_states = Owner.objects.get(name_en="Member States")
    member_states.notify_email = "missions@example.org"  # no account: outside the Secretariat
    member_states.save()
    secretariat_owner.notify_email = staff.email  # a staff member, who reads the note
    secretariat_owner.save()
    for_the_missions = _quiet_but_for_an_internal_note(member_states, staff)
    for_the_staff = _quiet_but_for_an_internal_note(secretariat_owner, staff)

    call_command("send_reminders")

    assert str(for_the_missions) in digest_for("missions@example.org").split("Mandates with no update for 90 days")[1]
    assert not OutgoingEmail.objects.filter(to=staff.email.lower(), body__contains=str(for_the_staff)).exists()
