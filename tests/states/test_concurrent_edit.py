"""No lost update: a save based on an old version of a request is refused and says what changed."""

import re
import threading

import pytest
from django.db import connection

from core.choices import Audience
from states import services
from states.models import AssistanceRequest
from tests import factories

pytestmark = pytest.mark.django_db


def edit_data(request: AssistanceRequest, **changes) -> dict:
    data = {
        "title": request.title,
        "description": request.description,
        "request_type": request.request_type,
        "channel": request.channel,
        "received_on": request.received_on.isoformat(),
        "priority": request.priority,
        "program_area": "",
        "version": request.version,
    }
    return data | changes


def test_the_second_of_two_concurrent_edits_is_refused_and_overwrites_nothing(staff_client):
    alice = factories.make_staff("alice")
    request = factories.make_request("MEX", title="Original title")
    opened = edit_data(request)  # both open the edit page on the same version

    services.update_request(
        request=request, by=alice, expected_version=opened["version"], values={"title": "Alice's title"}
    )
    response = staff_client.post(f"/requests/{request.reference}/edit/", opened | {"priority": "urgent"})

    request.refresh_from_db()
    assert response.status_code == 200
    assert (request.title, request.priority) == ("Alice's title", "normal")
    page = response.content.decode()
    assert "Someone else saved this request after you opened it" in page
    assert "Title: Original title → Alice&#x27;s title (alice," in page


def test_after_a_refusal_saving_again_applies_the_users_values_knowingly(staff_client):
    alice = factories.make_staff("alice")
    request = factories.make_request("MEX")
    opened = edit_data(request)
    services.update_request(request=request, by=alice, expected_version=opened["version"], values={"title": "Alice's"})

    refused = staff_client.post(f"/requests/{request.reference}/edit/", opened | {"priority": "urgent"})
    again = staff_client.post(
        f"/requests/{request.reference}/edit/",
        opened | {"priority": "urgent", "version": refused.context["form"].data["version"]},
    )

    assert again.status_code == 302
    request.refresh_from_db()
    assert request.priority == "urgent"


def test_a_status_change_made_meanwhile_also_refuses_an_edit(staff, staff_client):
    request = factories.make_request("MEX")
    opened = edit_data(request)
    services.change_request_status(request=request, new_status="accepted", by=staff, expected_version=request.version)

    response = staff_client.post(f"/requests/{request.reference}/edit/", opened | {"title": "New"})

    assert "Status: Received → Accepted" in response.content.decode()
    request.refresh_from_db()
    assert request.title != "New"


def test_two_staff_accepting_and_declining_at_once_cannot_both_win(staff):
    other = factories.make_staff("other")
    request = factories.make_request("MEX")
    seen = request.version

    services.change_request_status(request=request, new_status="accepted", by=other, expected_version=seen)
    with pytest.raises(services.StaleObjectError) as refused:
        services.change_request_status(
            request=request, new_status="declined", by=staff, note="No budget.", expected_version=seen
        )

    request.refresh_from_db()
    assert request.status == "accepted"
    assert any("Received → Accepted" in line for line in refused.value.changes)


def test_a_comment_does_not_make_an_open_edit_stale(staff, staff_client, focal_mx):
    request = factories.make_request("MEX")
    opened = edit_data(request)
    services.add_request_update(request=request, by=focal_mx, note="Any news?")

    response = staff_client.post(f"/requests/{request.reference}/edit/", opened | {"title": "Clearer title"})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Clearer title"


def test_a_stale_refusal_does_not_show_a_focal_point_what_staff_did_internally(staff, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)
    seen = services.seen_version(request, focal_mx)
    services.update_request(
        request=request, by=staff, expected_version=request.version, values={"title": "Renamed internally"}
    )

    with pytest.raises(services.StaleObjectError) as refused:
        services.withdraw_request(request=request, by=focal_mx, reason="Not needed.", expected_version=seen)

    assert refused.value.changes == []


def _withdraw_form_version(client, request: AssistanceRequest) -> str:
    page = client.get(request.get_absolute_url()).content.decode()
    form = page[page.index('id="withdraw-form"') :]
    return re.search(r'name="version" value="(\d+)"', form).group(1)


def test_internal_work_on_a_request_moves_nothing_in_the_focal_points_withdraw_form(staff, focal_mx, focal_mx_client):
    request = factories.make_request("MEX", by=focal_mx)
    read = _withdraw_form_version(focal_mx_client, request)

    services.assign_request(request=request, by=staff, assignee=staff)
    services.add_request_update(request=request, by=staff, note="Budget not confirmed.", audience=Audience.INTERNAL)

    assert _withdraw_form_version(focal_mx_client, request) == read
    # And the form read before the internal work still withdraws the request.
    response = focal_mx_client.post(
        f"/requests/{request.reference}/withdraw/", {"reason": "No longer needed.", "version": read}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AssistanceRequest.Status.WITHDRAWN


def test_a_status_change_the_state_can_read_still_refuses_a_focal_points_withdraw_read_before(
    staff, focal_mx, focal_mx_client
):
    request = factories.make_request("MEX", by=focal_mx)
    read = _withdraw_form_version(focal_mx_client, request)

    services.change_request_status(request=request, new_status="under_review", by=staff, audience=Audience.STATE)

    assert _withdraw_form_version(focal_mx_client, request) != read
    response = focal_mx_client.post(
        f"/requests/{request.reference}/withdraw/", {"reason": "No longer needed.", "version": read}
    )
    assert response.status_code == 400
    assert "was changed while you were working on it" in response.content.decode()
    request.refresh_from_db()
    assert request.status == AssistanceRequest.Status.UNDER_REVIEW


def test_an_edit_is_recorded_in_the_history_with_old_and_new_values(staff):
    request = factories.make_request("MEX", title="Before")

    services.update_request(
        request=request, by=staff, expected_version=request.version, values={"title": "After", "priority": "high"}
    )

    entry = request.updates.exclude(changes={}).get()
    assert entry.changes == {"title": ["Before", "After"], "priority": ["normal", "high"]}
    assert entry.request_version == 2
    assert entry.change_lines() == ["Title: Before → After", "Priority: Normal → High"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_saving_at_the_same_moment_cannot_both_win():
    staff, other = factories.make_staff("editor-a"), factories.make_staff("editor-b")
    request = factories.make_request("MEX", title="Original")
    seen = request.version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user, title: str) -> None:
        start.wait()
        try:
            services.update_request(request=request, by=user, expected_version=seen, values={"title": title})
            outcomes[title] = "saved"
        except services.StaleObjectError:
            outcomes[title] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=args) for args in ((staff, "A's title"), (other, "B's title"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    request.refresh_from_db()
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(title for title, outcome in outcomes.items() if outcome == "saved")
    assert request.title == winner
    assert request.version == seen + 1
