"""Delivered work rolls up into the plan without double entry: staff name the commitment an
activity delivers when they log it, and it counts in the commitment's indicators at once."""

import datetime

import pytest
from django.urls import reverse

from states.indicators import measure
from states.models import Activity
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, make_indicator

pytestmark = pytest.mark.django_db


def test_staff_name_the_commitment_an_activity_delivers_and_it_counts(staff_client, staff):
    request = factories.make_request("MEX", by=staff, received_on=datetime.date(2024, 1, 5))
    commitment = make_commitment(code="PVE-1")
    indicator = make_indicator(commitment)

    response = staff_client.post(
        reverse("states:activity_create", args=[request.reference]),
        {
            "activity_type": "workshop",
            "title": "National workshop on online violent extremism",
            "start_date": "2024-03-04",
            "end_date": "2024-03-06",
            "participants_women": "14",
            "participants_men": "18",
            "participants_other": "0",
            "commitment": str(commitment.pk),
        },
    )

    assert response.status_code == 302
    assert Activity.objects.get().commitment == commitment
    counted = measure(indicator, datetime.date(2024, 1, 1), datetime.date(2024, 6, 30), today=datetime.date(2024, 7, 1))
    assert counted.value == 1


def test_the_activity_form_offers_no_cancelled_commitment(staff_client, staff):
    request = factories.make_request("MEX", by=staff)
    make_commitment(code="LIVE-1")
    make_commitment(code="GONE-1", status="cancelled")

    html = staff_client.get(reverse("states:activity_create", args=[request.reference])).content.decode()

    assert "LIVE-1" in html and "GONE-1" not in html
