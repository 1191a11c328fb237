"""Every request status transition, allowed and refused, through the service and the page."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.choices import Audience
from states import services
from states.models import AssistanceRequest, RequestUpdate
from states.workflow import REASON_REQUIRED, REQUEST_TRANSITIONS
from tests import factories

pytestmark = pytest.mark.django_db

S = AssistanceRequest.Status
ALL_PAIRS = list(itertools.product(S.values, S.values))


def request_in(status: str, **fields) -> AssistanceRequest:
    request = factories.make_request("MEX", **fields)
    # Test setup only: put the request straight into the state under test.
    AssistanceRequest.objects.filter(pk=request.pk).update(status=status)
    request.refresh_from_db()
    return request


@pytest.mark.parametrize(("current", "new"), ALL_PAIRS)
def test_staff_move_a_request_exactly_as_the_workflow_table_says(staff, current, new):
    request = request_in(current)
    allowed = new in REQUEST_TRANSITIONS[current]

    if allowed:
        update = services.change_request_status(request=request, new_status=new, by=staff, note="Reason given.")
        request.refresh_from_db()
        assert request.status == new
        assert (update.old_status, update.new_status) == (current, new)
    else:
        with pytest.raises(ValidationError) as refused:
            services.change_request_status(request=request, new_status=new, by=staff, note="Reason given.")
        assert refused.value.code == "transition_refused"
        request.refresh_from_db()
        assert request.status == current
        assert not RequestUpdate.objects.filter(request=request, new_status=new, old_status=current).exists()


@pytest.mark.parametrize("new", sorted(REASON_REQUIRED))
def test_declining_holding_and_withdrawing_need_a_reason(staff, new):
    request = factories.make_request("MEX")

    with pytest.raises(ValidationError) as refused:
        services.change_request_status(request=request, new_status=new, by=staff, note="  ")

    assert refused.value.code == "reason_required"
    request.refresh_from_db()
    assert request.status == S.RECEIVED


def test_a_delivered_request_records_its_delivery_date_and_a_closed_one_its_closing_date(staff):
    request = request_in(S.IN_PROGRESS)

    services.change_request_status(request=request, new_status=S.DELIVERED, by=staff)
    services.change_request_status(request=request, new_status=S.CLOSED, by=staff)

    request.refresh_from_db()
    assert request.delivered_on is not None
    assert request.closed_on is not None


def test_a_focal_point_may_withdraw_its_own_states_request(focal_mx):
    request = factories.make_request("MEX", by=focal_mx)

    services.withdraw_request(request=request, by=focal_mx, reason="The ministry found other funding.")

    request.refresh_from_db()
    assert request.status == S.WITHDRAWN
    assert request.updates.get(new_status=S.WITHDRAWN).audience == Audience.STATE


@pytest.mark.parametrize("new", [S.ACCEPTED, S.DECLINED, S.ON_HOLD, S.UNDER_REVIEW])
def test_a_focal_point_cannot_triage_its_own_request(focal_mx, new):
    request = factories.make_request("MEX", by=focal_mx)

    with pytest.raises(PermissionDenied):
        services.change_request_status(request=request, new_status=new, by=focal_mx, note="Please accept.")

    request.refresh_from_db()
    assert request.status == S.RECEIVED


def test_another_states_focal_point_cannot_withdraw_a_request(focal_cl):
    request = factories.make_request("MEX")

    with pytest.raises(PermissionDenied):
        services.withdraw_request(request=request, by=focal_cl, reason="Not ours, but let us try.")


def test_a_viewer_changes_nothing(viewer):
    request = factories.make_request("MEX")

    with pytest.raises(PermissionDenied):
        services.change_request_status(request=request, new_status=S.ACCEPTED, by=viewer)


# ---- through the page ----


def post_status(client, request, new_status: str, note: str = ""):
    data = {"new_status": new_status, "note": note, "audience": Audience.STATE, "version": request.version}
    return client.post(f"/requests/{request.reference}/status/", data)


def test_staff_accept_a_request_on_its_page(staff_client):
    request = factories.make_request("MEX")

    response = post_status(staff_client, request, S.ACCEPTED)

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.ACCEPTED


def test_declining_on_the_page_without_a_reason_is_refused_with_a_message(staff_client):
    request = factories.make_request("MEX")

    response = post_status(staff_client, request, S.DECLINED)

    assert response.status_code == 400
    assert "Please give a reason for “Declined”." in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.RECEIVED


def test_the_page_offers_only_the_statuses_the_workflow_allows(staff_client):
    request = request_in(S.DELIVERED)

    response = staff_client.get(request.get_absolute_url())

    choices = [value for value, _label in response.context["status_form"].fields["new_status"].choices]
    assert sorted(choices) == sorted(REQUEST_TRANSITIONS[S.DELIVERED])


def test_a_refused_transition_posted_by_hand_changes_nothing(staff_client):
    request = request_in(S.CLOSED)

    response = post_status(staff_client, request, S.IN_PROGRESS, note="Reopen")

    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == S.CLOSED


def test_a_focal_point_withdraws_on_the_page_with_a_reason(focal_mx_client, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)

    response = focal_mx_client.post(
        f"/requests/{request.reference}/withdraw/",
        {"reason": "No longer needed.", "version": services.seen_version(request, focal_mx)},
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN


def test_a_focal_point_cannot_post_the_staff_status_form(focal_mx_client, focal_mx):
    request = factories.make_request("MEX", by=focal_mx)

    response = post_status(focal_mx_client, request, S.ACCEPTED)

    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == S.RECEIVED


def test_a_closed_request_offers_its_state_no_withdrawal(focal_mx_client, focal_mx):
    request = request_in(S.CLOSED, by=focal_mx)

    response = focal_mx_client.get(request.get_absolute_url())

    assert "withdraw_form" not in response.context


def test_staff_assign_a_request_to_a_colleague_and_the_history_records_it(staff, staff_client):
    colleague = factories.make_staff("colleague")
    request = factories.make_request("MEX")

    response = staff_client.post(
        f"/requests/{request.reference}/assign/", {"assignee": colleague.pk, "version": request.version}
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.assigned_to == colleague
    entry = request.updates.exclude(changes={}).get()
    assert entry.changes == {"assigned_to": [None, "colleague"]}
    assert entry.audience == Audience.INTERNAL


def test_a_request_cannot_be_assigned_to_a_focal_point(staff, focal_mx):
    request = factories.make_request("MEX")

    with pytest.raises(ValidationError):
        services.assign_request(request=request, by=staff, assignee=focal_mx)
