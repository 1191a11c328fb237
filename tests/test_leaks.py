"""Leaks found by trying the tracker as a hostile user would: a row filed under the wrong state,
flags and dates computed from rows the reader may not see, columns a page hides but its export
shows, and pages a shared cache could keep. Personas: staff, viewer, the focal points of Mexico
and Chile, an administrator."""

from __future__ import annotations

import csv
import io

import pytest
import tablib
from django.urls import reverse

from states.models import Activity, MemberState
from states.resources import ActivityResource
from tests import factories

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


# --- An activity's state follows from its request ------------------------------------------


def _admin_activity_form(request, state, **changes) -> dict:
    form = {
        "request": request.pk,
        "state": state.pk if state else "",
        "activity_type": Activity.Type.WORKSHOP,
        "title": "Workshop on border controls",
        "start_date": "2024-03-04",
        "end_date": "2024-03-05",
        "participants_women": 3,
        "participants_men": 2,
        "participants_other": 0,
    }
    return {**form, **changes}


def test_the_admin_refuses_an_activity_under_mexicos_request_with_chile_as_its_state(administrator_client):
    mexican = factories.make_request("MEX")
    chile = MemberState.objects.get(iso3="CHL")

    response = administrator_client.post(reverse("admin:states_activity_add"), _admin_activity_form(mexican, chile))

    assert response.status_code == 200  # the form again, with the error
    assert "is delivered to Mexico, the requesting state" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_admin_refuses_moving_an_activity_to_another_state_than_its_requests(administrator_client):
    mexican = factories.make_request("MEX")
    activity = factories.make_activity(mexican)
    chile = MemberState.objects.get(iso3="CHL")

    response = administrator_client.post(
        reverse("admin:states_activity_change", args=[activity.pk]), _admin_activity_form(mexican, chile)
    )

    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.state.iso3 == "MEX"


def test_an_import_row_naming_another_state_than_its_requests_is_refused_and_writes_nothing(administrator):
    mexican = factories.make_request("MEX")
    dataset = tablib.Dataset(
        ["", mexican.reference, "", "CHL", "workshop", "Imported workshop", "2024-03-04", "2024-03-05"],
        headers=["id", "request", "mandate", "state", "activity_type", "title", "start_date", "end_date"],
    )

    result = ActivityResource().import_data(dataset, user=administrator, file_name="activities.csv")

    messages = [str(m) for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    assert any("is delivered to Mexico, the requesting state" in m for m in messages)
    assert not Activity.objects.exists()


def test_chiles_focal_point_never_sees_an_activity_of_mexicos_request_stored_under_chile(focal_cl_client):
    # A row written wrongly before the rule (or by a bulk update that skips validation).
    mexican = factories.make_request("MEX")
    activity = factories.make_activity(mexican, title="Mexican workshop")
    Activity.objects.filter(pk=activity.pk).update(state=MemberState.objects.get(iso3="CHL"))

    page = focal_cl_client.get(reverse("states:activity_list"))
    export = focal_cl_client.get(reverse("states:activity_export", args=["csv"]))
    state_page = focal_cl_client.get(reverse("states:state_detail", args=["CHL"]))
    detail = focal_cl_client.get(activity.get_absolute_url())

    assert "Mexican workshop" not in page.content.decode()
    assert _csv_rows(export) == []
    assert "Mexican workshop" not in state_page.content.decode()
    assert detail.status_code == 404
