"""The responsible staff member's reminder digest names the progress reports overdue on their
commitments, and nobody else's."""

import datetime

import pytest
from django.core.management import call_command

from commitments.workplan import Commitment
from states.indicators import file_progress_report
from states.models import OutgoingEmail
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, make_indicator, period

pytestmark = pytest.mark.django_db


def test_the_responsible_hears_of_overdue_progress_reports_and_not_of_filed_ones():
    responsible, colleague = factories.make_staff("responsible"), factories.make_staff("colleague")
    commitment = make_commitment(code="CYB-1", responsible=responsible)
    indicator = make_indicator(commitment, code="CYB-1.a")
    file_progress_report(
        period=period(indicator, "2023-H2"), by=colleague, rating="on_track", today=datetime.date(2024, 2, 1)
    )
    make_indicator(make_commitment(code="CYB-2", responsible=colleague, status=Commitment.Status.CANCELLED))

    call_command("send_reminders")

    body = OutgoingEmail.objects.get(to="responsible@example.org").body
    assert "Work Plan progress reports overdue" in body
    assert "CYB-1 · CYB-1.a, 2024-H1 (due 2024-07-30)" in body
    assert "CYB-1.a, 2024-H2" in body and "2023-H2" not in body
    assert f"#indicator-{indicator.pk}-reports" in body
    # A cancelled commitment owes no report: its responsible gets no digest for it.
    assert not OutgoingEmail.objects.filter(to="colleague@example.org").exists()


def test_someone_who_left_the_secretariat_gets_no_work_plan_reminder():
    former = factories.make_user("former")  # no longer in the staff group
    make_indicator(make_commitment(responsible=former))

    call_command("send_reminders")

    assert not OutgoingEmail.objects.filter(to="former@example.org").exists()
