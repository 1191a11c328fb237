"""Snapshots: taking one (today or at a past date), comparing two or one with today, and who
may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commitments import services as mandate_services
from commitments.models import Mandate, MandateUpdate
from reporting import snapshots
from reporting.models import Snapshot
from states import services as request_services
from states.models import AssistanceRequest, RequestUpdate
from tests import factories

pytestmark = pytest.mark.django_db

MS = Mandate.Status
RS = AssistanceRequest.Status


def _move(mandate, status, by):
    mandate_services.change_mandate_status(mandate=mandate, new_status=status, by=by)


def _advance(request, statuses, by):
    for status in statuses:
        request_services.change_request_status(request=request, new_status=status, by=by, note="Because.")


def test_a_snapshot_freezes_every_mandates_and_requests_status_of_today(staff):
    mandate = factories.make_mandate(status=MS.IN_PROGRESS)
    request = factories.make_request("MEX", by=staff)

    snapshot = snapshots.take_snapshot(name="CICTE 24", taken_on=timezone.localdate(), by=staff)
    _move(mandate, MS.COMPLETED, staff)

    snapshot.refresh_from_db()
    assert snapshot.mandate_statuses == {str(mandate.pk): "in_progress"}
    assert snapshot.request_statuses == {str(request.pk): "received"}
    assert snapshot.created_by == staff


def _back_date(updates, *, days: int) -> None:
    """As if these updates had been written, about events of that day, ``days`` ago."""
    when = timezone.now() - datetime.timedelta(days=days)
    updates.update(created_at=when, happened_on=timezone.localdate(when))


def test_a_snapshot_at_a_past_date_reads_the_statuses_back_from_the_history(staff):
    today = timezone.localdate()
    session = today - datetime.timedelta(days=30)
    mandate = factories.make_mandate()
    _move(mandate, MS.IN_PROGRESS, staff)  # before the session
    _move(mandate, MS.COMPLETED, staff)  # after it
    updates = MandateUpdate.objects.filter(mandate=mandate).order_by("pk")
    _back_date(MandateUpdate.objects.filter(pk=updates[0].pk), days=40)
    _back_date(MandateUpdate.objects.filter(pk=updates[1].pk), days=10)
    Mandate.objects.filter(pk=mandate.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    old_request = factories.make_request("MEX", by=staff, received_on=session - datetime.timedelta(days=5))
    _advance(old_request, [RS.ACCEPTED], staff)
    _back_date(RequestUpdate.objects.filter(request=old_request), days=5)
    factories.make_request("CHL", by=staff, received_on=session + datetime.timedelta(days=1))  # not yet received

    snapshot = snapshots.take_snapshot(name="Session", taken_on=session, by=staff)

    assert snapshot.mandate_statuses == {str(mandate.pk): "in_progress"}
    assert snapshot.request_statuses == {str(old_request.pk): "received"}


def test_a_mandate_imported_later_counts_in_a_snapshot_of_a_session_after_its_adoption(staff):
    session = timezone.localdate() - datetime.timedelta(days=30)
    resolution = factories.make_resolution(adopted_on=session - datetime.timedelta(days=365))
    mandate = factories.make_mandate(factories.make_section(resolution))  # created today

    snapshot = snapshots.take_snapshot(name="Last session", taken_on=session, by=staff)

    assert snapshot.mandate_statuses == {str(mandate.pk): "not_started"}


def test_comparing_two_snapshots_lists_changed_added_completed_and_superseded_mandates(staff):
    started = factories.make_mandate(status=MS.NOT_STARTED)
    finishing = factories.make_mandate(status=MS.IN_PROGRESS)
    replaced = factories.make_mandate(status=MS.IN_PROGRESS)
    untouched = factories.make_mandate(status=MS.ONGOING)
    before = snapshots.take_snapshot(name="Before", taken_on=timezone.localdate(), by=staff)
    _move(started, MS.IN_PROGRESS, staff)
    _move(finishing, MS.COMPLETED, staff)
    _move(replaced, MS.SUPERSEDED, staff)
    added = factories.make_mandate(status=MS.COMPLETED)
    after = snapshots.take_snapshot(name="After", taken_on=timezone.localdate(), by=staff)

    result = snapshots.compare(snapshots.StatusMap.of(before), snapshots.StatusMap.of(after), user=staff)

    assert {(c.obj, c.old, c.new) for c in result.changed} == {
        (started, "not_started", "in_progress"),
        (finishing, "in_progress", "completed"),
        (replaced, "in_progress", "superseded"),
    }
    assert [(c.obj, c.old, c.new) for c in result.added] == [(added, None, "completed")]
    assert {c.obj for c in result.completed} == {finishing, added}
    assert [c.obj for c in result.superseded] == [replaced]
    assert untouched not in {c.obj for c in result.changed + result.added}


def test_comparing_a_snapshot_with_today_lists_requests_opened_and_closed(staff):
    closing = factories.make_request("MEX", by=staff)
    _advance(closing, [RS.ACCEPTED, RS.IN_PROGRESS], staff)
    moving = factories.make_request("CHL", by=staff)
    before = snapshots.take_snapshot(name="Before", taken_on=timezone.localdate(), by=staff)
    _advance(closing, [RS.DELIVERED, RS.CLOSED], staff)
    _advance(moving, [RS.UNDER_REVIEW], staff)
    opened = factories.make_request("COL", by=staff)

    result = snapshots.compare(snapshots.StatusMap.of(before), snapshots.today_map(), user=staff)

    assert [(c.obj, c.old, c.new) for c in result.requests_opened] == [(opened, None, "received")]
    assert [(c.obj, c.old, c.new) for c in result.requests_closed] == [(closing, "in_progress", "closed")]
    assert {c.obj for c in result.requests_changed} == {closing, moving}


def test_a_comparison_shows_a_focal_point_only_its_own_states_requests(staff, focal_mx):
    before = snapshots.take_snapshot(name="Before", taken_on=timezone.localdate(), by=staff)
    mine = factories.make_request("MEX", by=staff)
    factories.make_request("CHL", by=staff)

    result = snapshots.compare(snapshots.StatusMap.of(before), snapshots.today_map(), user=focal_mx)

    assert [c.obj for c in result.requests_opened] == [mine]


def test_only_secretariat_staff_may_take_a_snapshot(viewer, focal_mx):
    for user in (viewer, focal_mx):
        with pytest.raises(PermissionDenied):
            snapshots.take_snapshot(name="Nope", taken_on=timezone.localdate(), by=user)
    assert not Snapshot.objects.exists()


def test_a_snapshot_needs_a_new_name_and_a_date_not_in_the_future(staff):
    snapshots.take_snapshot(name="CICTE 24", taken_on=timezone.localdate(), by=staff)

    with pytest.raises(ValidationError) as duplicate:
        snapshots.take_snapshot(name="CICTE 24", taken_on=timezone.localdate(), by=staff)
    with pytest.raises(ValidationError) as future:
        snapshots.take_snapshot(name="Later", taken_on=timezone.localdate() + datetime.timedelta(days=1), by=staff)

    assert duplicate.value.code == "duplicate"
    assert future.value.code == "future_date"
    assert Snapshot.objects.count() == 1


def test_staff_take_a_snapshot_from_the_page_and_land_on_it(staff_client):
    factories.make_mandate()

    today = timezone.localdate().isoformat()
    response = staff_client.post(reverse("snapshot_create"), {"name": "End of 2025", "taken_on": today})

    snapshot = Snapshot.objects.get(name="End of 2025")
    assert response.status_code == 302 and response["Location"] == snapshot.get_absolute_url()
    page = staff_client.get(snapshot.get_absolute_url()).content.decode()
    assert "End of 2025" in page and "Not started" in page


def test_a_viewer_reads_snapshots_but_cannot_take_one(viewer_client, staff):
    snapshot = snapshots.take_snapshot(name="Session", taken_on=timezone.localdate(), by=staff)

    listing = viewer_client.get(reverse("snapshot_list"))
    refused = viewer_client.post(reverse("snapshot_create"), {"name": "Mine", "taken_on": "2025-01-01"})

    assert listing.status_code == 200 and "Session" in listing.content.decode()
    assert 'action="/snapshots/new/"' not in listing.content.decode()
    assert viewer_client.get(snapshot.get_absolute_url()).status_code == 200
    assert refused.status_code == 403
    assert not Snapshot.objects.filter(name="Mine").exists()


def test_taking_a_snapshot_needs_a_post_with_a_csrf_token(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    assert client.get(reverse("snapshot_create")).status_code == 405
    assert client.post(reverse("snapshot_create"), {"name": "X", "taken_on": "2025-01-01"}).status_code == 403
    assert not Snapshot.objects.exists()


def test_the_comparison_page_lists_what_changed_since_a_snapshot(staff_client, staff):
    mandate = factories.make_mandate(status=MS.IN_PROGRESS)
    snapshot = snapshots.take_snapshot(name="Session", taken_on=timezone.localdate(), by=staff)
    _move(mandate, MS.COMPLETED, staff)

    response = staff_client.get(reverse("snapshot_compare"), {"before": snapshot.pk, "after": "today"})

    html = response.content.decode()
    assert response.status_code == 200
    assert str(mandate) in html and "Completed" in html
    assert [c.obj for c in response.context["comparison"].completed] == [mandate]
