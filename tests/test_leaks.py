"""Leaks found by trying the tracker as a hostile user would: a row filed under the wrong state,
flags and dates computed from rows the reader may not see, columns a page hides but its export
shows, and pages a shared cache could keep. Personas: staff, viewer, the focal points of Mexico
and Chile, an administrator."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from commitments import services as mandate_services
from commitments.models import Mandate, MandateUpdate
from core.choices import Audience
from states import services as request_services
from states.models import Activity, AssistanceRequest, MemberState, RequestUpdate
from states.resources import ActivityResource
from tests import factories
from tests.states.fixtures import build_mexican_request, use_private_storage

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


# --- Side channels: what a persona sees is computed from what it may see --------------------


def _long_ago(days: int = 200) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def quiet_mandate(staff):
    """An open action mandate whose last public update is 200 days old."""
    mandate = factories.make_mandate(text="To strengthen border controls.")
    update = mandate_services.add_mandate_update(
        mandate=mandate,
        by=staff,
        note="Work has started.",
        audience=Audience.PUBLIC,
        happened_on=timezone.localdate(_long_ago()),
    )
    # Written and happened 200 days ago ("stale" reads the day it happened).
    MandateUpdate.objects.filter(pk=update.pk).update(created_at=_long_ago())
    Mandate.objects.filter(pk=mandate.pk).update(created_at=_long_ago(300))
    return mandate


def _mandate_export(client) -> dict[str, dict]:
    return {row["ID"]: row for row in _csv_rows(client.get(reverse("commitments:mandate_export", args=["csv"])))}


def test_a_secretariat_only_note_does_not_clear_the_stale_flag_a_focal_point_sees(
    quiet_mandate, staff, staff_client, focal_mx_client
):
    mandate_services.add_mandate_update(mandate=quiet_mandate, by=staff, note="Donor call next week.")
    row = str(quiet_mandate.pk)

    detail = focal_mx_client.get(quiet_mandate.get_absolute_url()).content.decode()
    listed = focal_mx_client.get(reverse("commitments:mandate_list")).content.decode()
    only_stale = focal_mx_client.get(reverse("commitments:mandate_list"), {"stale": "on"}).content.decode()

    assert "badge-stale" in detail and "badge-stale" in listed
    assert "To strengthen border controls." in only_stale
    exported = _mandate_export(focal_mx_client)[row]
    assert exported["Stale"] == "True"
    # Its "last update" is the public one, not the note it may not read.
    assert exported["Last update"].startswith(str(timezone.localtime(_long_ago()).date()))
    # The Secretariat, which reads the note, sees the same mandate as recently updated.
    assert "badge-stale" not in staff_client.get(quiet_mandate.get_absolute_url()).content.decode()
    assert _mandate_export(staff_client)[row]["Stale"] == "False"


def _last_change_cell(client, reference: str) -> str:
    html = client.get(reverse("states:state_detail", args=["CHL"])).content.decode()
    row = html[html.index(f">{reference}</a>") :]
    return row[: row.index("</tr>")].rsplit("<time", 1)[1]


def test_a_states_page_does_not_move_its_last_change_date_for_a_note_it_may_not_read(staff, focal_cl_client):
    chilean = factories.make_request("CHL", by=staff)
    AssistanceRequest.objects.filter(pk=chilean.pk).update(
        created_at=_long_ago(), updated_at=_long_ago(), received_on=_long_ago().date()
    )
    RequestUpdate.objects.filter(request=chilean).update(created_at=_long_ago())
    before = _last_change_cell(focal_cl_client, chilean.reference)

    chilean.refresh_from_db()
    request_services.add_request_update(
        request=chilean, by=staff, note="Waiting for the donor.", audience=Audience.INTERNAL
    )
    chilean.refresh_from_db()
    request_services.assign_request(request=chilean, assignee=staff, by=staff)

    assert _last_change_cell(focal_cl_client, chilean.reference) == before
    # An update addressed to the state does move it.
    chilean.refresh_from_db()
    request_services.add_request_update(request=chilean, by=staff, note="Expert found.", audience=Audience.STATE)
    assert timezone.localdate().isoformat() in _last_change_cell(focal_cl_client, chilean.reference)


def test_a_focal_points_request_list_and_export_never_name_the_secretariat_assignee(
    staff, staff_client, focal_mx_client
):
    mexican = factories.make_request("MEX", by=staff)
    request_services.assign_request(request=mexican, assignee=factories.make_staff("ana.assignee"), by=staff)

    page = focal_mx_client.get(reverse("states:request_list")).content.decode()
    for fmt in ("csv", "json", "xlsx"):
        export = focal_mx_client.get(reverse("states:request_export", args=[fmt]))
        body = b"".join(export.streaming_content) if export.streaming else export.content
        assert b"ana.assignee" not in body and b"Assigned to" not in body and b"assigned_to" not in body, fmt
    assert "Assigned to" not in page and "ana.assignee" not in page
    assert mexican.reference in page
    # The Secretariat's list and export name who works it.
    assert "ana.assignee" in staff_client.get(reverse("states:request_list")).content.decode()
    assert (
        _csv_rows(staff_client.get(reverse("states:request_export", args=["csv"])))[0]["Assigned to"] == "ana.assignee"
    )


# --- Nothing a signed-in user is shown is kept by a shared cache ----------------------------


@pytest.fixture
def mexican(tmp_path, monkeypatch, staff, focal_mx):
    use_private_storage(monkeypatch, tmp_path / "private")
    return build_mexican_request(staff=staff, focal_mx=focal_mx)


def _private_urls(mexican) -> list[str]:
    query = "?language=en"
    return [
        reverse("home"),
        reverse("states:state_detail", args=["MEX"]),
        reverse("states:request_list"),
        mexican.request.get_absolute_url(),
        mexican.state_document.get_absolute_url(),
        reverse("states:activity_list"),
        reverse("commitments:mandate_list"),
        *(reverse("states:request_export", args=[fmt]) for fmt in ("csv", "xlsx", "json")),
        reverse("states:activity_export", args=["csv"]),
        reverse("commitments:mandate_export", args=["json"]),
        reverse("report_view") + query,
        reverse("report_download", args=["pdf"]) + query,
        reverse("report_download", args=["xlsx"]) + query,
        reverse("admin:index"),
        "/no-such-page/",
    ]


@pytest.mark.parametrize("persona", ["administrator", "staff", "viewer", "focal_mx"])
def test_every_page_and_download_of_a_signed_in_user_is_private_and_never_stored(request, persona, mexican):
    client = request.getfixturevalue(f"{persona}_client")

    for url in _private_urls(mexican):
        response = client.get(url)
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, f"{persona} {url} ({response.status_code})"
    # Static files stay cacheable.
    assert "no-store" not in client.get("/static/css/report.css").get("Cache-Control", "")
