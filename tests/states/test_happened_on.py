"""Updates carry the day they happened (blank: today; never a day still to come), shown in
the timelines and read by snapshots and by the dates a request was delivered or closed."""

import datetime
import re

import pytest
from django.utils import timezone

from commitments import services as mandate_services
from commitments.models import Mandate, MandateUpdate
from reporting import snapshots
from states import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexican_request(staff, focal_mx):
    return factories.make_request("MEX", by=focal_mx, title="Cyber workshop")


def test_an_update_happened_today_unless_staff_give_an_earlier_day(staff, mexican_request):
    earlier = timezone.localdate() - datetime.timedelta(days=12)

    plain = services.add_request_update(request=mexican_request, by=staff, note="Call held.")
    back = services.add_request_update(request=mexican_request, by=staff, note="Mission ended.", happened_on=earlier)

    assert (plain.happened_on, back.happened_on) == (timezone.localdate(), earlier)


def test_an_update_about_a_day_still_to_come_is_refused_and_nothing_is_saved(staff_client, mexican_request):
    page = staff_client.get(mexican_request.get_absolute_url()).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = staff_client.post(
        f"/requests/{mexican_request.reference}/updates/",
        {**hidden, "note": "Mission done.", "happened_on": tomorrow.isoformat(), "audience": "internal"},
    )

    assert "This day is still to come." in response.content.decode()
    assert not mexican_request.updates.filter(note="Mission done.").exists()


def test_the_request_timeline_shows_the_day_a_back_dated_update_happened(staff, staff_client, mexican_request):
    services.add_request_update(
        request=mexican_request, by=staff, note="Mission ended.", happened_on=datetime.date(2024, 3, 3)
    )

    html = staff_client.get(mexican_request.get_absolute_url()).content.decode()

    assert "Happened on March 3, 2024" in html


def test_a_request_delivered_on_an_earlier_day_keeps_that_day(staff):
    today = timezone.localdate()
    request = factories.make_request("MEX", by=staff, received_on=today - datetime.timedelta(days=60))
    for status in ("accepted", "in_progress"):
        services.change_request_status(request=request, new_status=status, by=staff)

    services.change_request_status(
        request=request, new_status="delivered", by=staff, happened_on=today - datetime.timedelta(days=3)
    )

    request.refresh_from_db()
    assert request.delivered_on == today - datetime.timedelta(days=3)


def test_the_mandate_form_records_the_day_a_status_changed_and_its_timeline_shows_it(staff, staff_client):
    mandate = factories.make_mandate()

    staff_client.post(
        f"/mandates/{mandate.pk}/update/",
        {"new_status": "in_progress", "note": "", "audience": "internal", "happened_on": "2024-03-03", "version": 1},
    )

    update = MandateUpdate.objects.get(mandate=mandate)
    assert update.happened_on == datetime.date(2024, 3, 3)
    assert "Happened on March 3, 2024" in staff_client.get(mandate.get_absolute_url()).content.decode()


def test_a_snapshot_of_a_past_day_counts_a_status_change_recorded_later_on_the_day_it_happened(staff):
    today = timezone.localdate()
    mandate = factories.make_mandate()
    Mandate.objects.filter(pk=mandate.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    mandate_services.change_mandate_status(
        mandate=mandate,
        new_status=Mandate.Status.IN_PROGRESS,
        by=staff,
        happened_on=today - datetime.timedelta(days=40),
    )

    snapshot = snapshots.take_snapshot(name="Session", taken_on=today - datetime.timedelta(days=30), by=staff)

    assert snapshot.mandate_statuses == {str(mandate.pk): "in_progress"}


def _status_form(client, request_obj) -> dict[str, str]:
    page = client.get(request_obj.get_absolute_url()).content.decode()
    form = re.search(r'<form[^>]*id="status-form".*?</form>', page, re.S).group(0)
    assert 'name="happened_on"' in form  # the form offers the day
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_staff_record_on_the_request_page_a_status_change_that_happened_days_ago(staff_client, mexican_request):
    earlier = timezone.localdate() - datetime.timedelta(days=5)
    data = {**_status_form(staff_client, mexican_request), "new_status": "under_review", "audience": "state"}

    response = staff_client.post(
        f"/requests/{mexican_request.reference}/status/", {**data, "happened_on": earlier.isoformat()}
    )

    assert response.status_code == 302
    assert mexican_request.updates.get(new_status="under_review").happened_on == earlier
    html = staff_client.get(mexican_request.get_absolute_url()).content.decode()
    assert "Happened on" in html


def test_a_status_change_on_a_day_still_to_come_is_refused_on_the_request_page(staff_client, mexican_request):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {**_status_form(staff_client, mexican_request), "new_status": "under_review", "audience": "state"}

    response = staff_client.post(
        f"/requests/{mexican_request.reference}/status/", {**data, "happened_on": tomorrow.isoformat()}
    )

    assert response.status_code == 400
    assert "This day is still to come." in response.content.decode()
    mexican_request.refresh_from_db()
    assert mexican_request.status == "received"
    assert not mexican_request.updates.filter(new_status="under_review").exists()
