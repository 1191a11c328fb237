"""The database itself refuses bad rows of member states, requests, their history, activities
and attachments (and of snapshots, which span both apps): every named constraint, tried with a
row that breaks it."""

import datetime

import pytest
from django.utils import timezone

from reporting.models import DashboardFigures, ReportFile, Snapshot
from states.implementation import NationalImplementationReport
from states.models import Activity, AssistanceRequest, Attachment, FocalPoint, MemberState, RequestUpdate
from tests import factories
from tests.commitments.test_constraints import assert_refused, named_constraints

pytestmark = pytest.mark.django_db


def _state_field(**values):
    def write():
        MemberState.objects.filter(iso3="MEX").update(**values)

    return write


def _state_copy(**values):
    def write():
        fields = {"iso2": "ZZ", "iso3": "ZZZ", "name_en": "Z", "name_es": "Z", "name_fr": "Z", "name_pt": "Z"}
        MemberState.objects.create(**{**fields, **values})

    return write


def _request_field(**values):
    def write():
        AssistanceRequest.objects.filter(pk=factories.make_request().pk).update(**values)

    return write


def _update_field(**values):
    def write():
        RequestUpdate.objects.create(request=factories.make_request(), note="Note", **values)

    return write


def _activity(**values):
    def write():
        factories.make_activity(factories.make_request(), **values)

    return write


def _activity_under_nothing():
    factories.make_activity(None, state=MemberState.objects.get(iso3="MEX"))


def _attachment_audience():
    Attachment.objects.create(
        request=factories.make_request(),
        file="attachments/none",
        original_name="a.pdf",
        content_type="application/pdf",
        size=1,
        audience="public",
    )


def _implementation_report(**values):
    def write():
        mandate = factories.make_mandate(owners=["Member States"])
        fields = {"status": "in_progress", "reported_on": datetime.date(2024, 3, 1)}
        NationalImplementationReport.objects.create(
            state=MemberState.objects.get(iso3="MEX"), mandate=mandate, **{**fields, **values}
        )

    return write


def _focal_point_language():
    FocalPoint.objects.filter(pk=FocalPoint.objects.get(user=factories.make_focal_point("MEX")).pk).update(
        language="xx"
    )


def _snapshot_twice():
    Snapshot.objects.create(name="CICTE 2024", taken_on=datetime.date(2024, 3, 1))
    Snapshot.objects.create(name="CICTE 2024", taken_on=datetime.date(2024, 4, 1))


def _dashboard_figures_twice():
    DashboardFigures.objects.create(key="secretariat", computed_at=timezone.now())
    DashboardFigures.objects.create(key="secretariat", computed_at=timezone.now())


def _report_file_status():
    ReportFile.objects.create(
        requested_by=factories.make_user("asks-for-reports"), audience="states", language="en", fmt="pdf", status="lost"
    )


BAD_ROWS = {
    "states_memberstate_membership_valid": _state_field(membership="expelled"),
    "states_memberstate_iso2_format": _state_field(iso2="mx"),
    "states_memberstate_iso3_format": _state_field(iso3="MX1"),
    "states_memberstate_withdrawn_has_date": _state_field(membership="withdrawn", membership_ended_on=None),
    "states_assistancerequest_status_valid": _request_field(status="lost"),
    "states_assistancerequest_type_valid": _request_field(request_type="money"),
    "states_assistancerequest_channel_valid": _request_field(channel="pigeon"),
    "states_assistancerequest_priority_valid": _request_field(priority="whenever"),
    "states_assistancerequest_delivered_after_received": _request_field(
        received_on=datetime.date(2024, 5, 2), delivered_on=datetime.date(2024, 5, 1)
    ),
    "states_assistancerequest_reference_format": _request_field(reference="REQ-24-1"),
    "states_requestupdate_audience_valid": _update_field(audience="public"),
    "states_requestupdate_old_status_valid": _update_field(old_status="lost"),
    "states_requestupdate_new_status_valid": _update_field(new_status="lost"),
    "states_activity_type_valid": _activity(activity_type="party"),
    "states_activity_end_after_start": _activity(
        start_date=datetime.date(2024, 3, 6), end_date=datetime.date(2024, 3, 4)
    ),
    "states_activity_participants_not_negative": _activity(participants_women=-1),
    "states_activity_under_request_or_mandate": _activity_under_nothing,
    "states_attachment_audience_valid": _attachment_audience,
    "states_focalpoint_language_valid": _focal_point_language,
    "states_nationalimplementationreport_status_valid": _implementation_report(status="done"),
    "states_nationalimplementationreport_document_described": _implementation_report(document="attachments/none"),
    "reporting_snapshot_unique_name": _snapshot_twice,
    "reporting_dashboardfigures_unique_key": _dashboard_figures_twice,
    "reporting_reportfile_known_status": _report_file_status,
}
# Field-level uniqueness the issue names (no constraint name of their own).
UNIQUE_FIELDS = {
    "state ISO2 code": _state_copy(iso2="MX"),
    "state ISO3 code": _state_copy(iso3="MEX"),
    "request reference": lambda: AssistanceRequest.objects.filter(pk=factories.make_request().pk).update(
        reference=factories.make_request().reference
    ),
}


def test_every_named_constraint_of_states_and_cicte_has_a_bad_row_below():
    assert {*named_constraints("states"), *named_constraints("reporting")} == set(BAD_ROWS)


@pytest.mark.parametrize("name", [*BAD_ROWS, *UNIQUE_FIELDS])
def test_the_database_refuses_a_row_that_breaks_the_constraint(name):
    assert_refused(name, {**BAD_ROWS, **UNIQUE_FIELDS}[name])


def test_a_withdrawn_state_with_its_date_is_accepted():
    MemberState.objects.filter(iso3="MEX").update(membership="withdrawn", membership_ended_on=datetime.date(2030, 1, 1))

    assert MemberState.objects.get(iso3="MEX").membership == "withdrawn"


def test_each_participant_count_is_checked_on_its_own():
    for field in ("participants_men", "participants_other"):
        assert_refused("states_activity_participants_not_negative", _activity(**{field: -3}))


def test_an_activity_may_hang_under_a_mandate_alone():
    activity = factories.make_activity(None, mandate=factories.make_mandate())

    assert Activity.objects.filter(pk=activity.pk, request=None).exists()
