"""What the news of a request says: a subject names what happened once (not the unchanged
status again), and an activity delivered under a request reaches the state's focal points."""

import datetime

import pytest

from core.choices import Audience
from states import services
from states.models import Activity, OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexican_request(staff, focal_mx):
    request = factories.make_request("MEX", by=focal_mx, title="Cyber workshop")
    services.change_request_status(request=request, new_status="under_review", by=staff)
    OutgoingEmail.objects.all().delete()
    return request


def _subjects(to: str) -> list[str]:
    return list(OutgoingEmail.objects.filter(to=to).order_by("pk").values_list("subject", flat=True))


def test_a_note_to_the_state_is_announced_as_a_message_without_repeating_the_status(staff, focal_mx, mexican_request):
    services.add_request_update(request=mexican_request, by=staff, note="Trainers confirmed.", audience=Audience.STATE)

    [subject] = _subjects(focal_mx.email)
    assert subject == f"[CICTE] {mexican_request.reference}: new message from the CICTE Secretariat"
    body = OutgoingEmail.objects.get(to=focal_mx.email).body
    assert "Under review" not in body and "Trainers confirmed." in body


def test_a_status_change_names_the_new_status_once(staff, focal_mx, mexican_request):
    services.change_request_status(request=mexican_request, new_status="accepted", by=staff, note="Welcome.")

    [subject] = _subjects(focal_mx.email)
    assert subject == f"[CICTE] {mexican_request.reference}: now Accepted"
    assert "Status: Under review → Accepted" in OutgoingEmail.objects.get(to=focal_mx.email).body


def test_an_activity_delivered_under_a_request_reaches_the_states_focal_points_only(
    staff, focal_mx, focal_cl, mexican_request
):
    services.log_activity(
        request=mexican_request,
        by=staff,
        values={
            "activity_type": Activity.Type.WORKSHOP,
            "title": "National cyber workshop",
            "start_date": datetime.date(2024, 3, 4),
            "end_date": datetime.date(2024, 3, 6),
            "place": "Mexico City",
        },
    )

    assert _subjects(focal_mx.email) == [
        f"[CICTE] {mexican_request.reference}: activity recorded: National cyber workshop"
    ]
    body = OutgoingEmail.objects.get(to=focal_mx.email).body
    assert "2024-03-04 – 2024-03-06" in body and "Mexico City" in body
    assert _subjects(focal_cl.email) == []
