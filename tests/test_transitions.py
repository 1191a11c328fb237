"""Every allowed and every refused status transition of both workflows, through the services
(the tables in ``commitments.workflow`` and ``states.workflow`` are the one source)."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commitments.models import Mandate, MandateUpdate
from commitments.services import change_mandate_status
from commitments.workflow import MANDATE_TRANSITIONS
from states.models import AssistanceRequest, RequestUpdate
from states.services import change_request_status
from states.workflow import FOCAL_POINT_TRANSITIONS, REASON_REQUIRED, REQUEST_TRANSITIONS
from tests import factories

pytestmark = pytest.mark.django_db


def _pairs(table, allowed: bool):
    return [
        pytest.param(old, new, id=f"{old}->{new}")
        for old, new in itertools.product(table, repeat=2)
        if (new in table[old]) == allowed
    ]


def _mandate_in(status: str) -> Mandate:
    mandate = factories.make_mandate()
    Mandate.objects.filter(pk=mandate.pk).update(status=status)
    mandate.refresh_from_db()
    return mandate


def _request_in(status: str) -> AssistanceRequest:
    request = factories.make_request()
    AssistanceRequest.objects.filter(pk=request.pk).update(status=status)
    request.refresh_from_db()
    return request


def test_every_mandate_and_request_status_has_a_row_in_its_table():
    assert set(MANDATE_TRANSITIONS) == set(Mandate.Status.values)
    assert set(REQUEST_TRANSITIONS) == set(AssistanceRequest.Status.values)


@pytest.mark.parametrize(("old", "new"), _pairs(MANDATE_TRANSITIONS, allowed=True))
def test_an_allowed_mandate_transition_moves_the_status_and_writes_its_update(old, new, staff):
    mandate = _mandate_in(old)

    change_mandate_status(mandate=mandate, new_status=new, by=staff, note="Reported at the session.")

    mandate.refresh_from_db()
    assert (mandate.status, mandate.version) == (new, 2)
    update = MandateUpdate.objects.get(mandate=mandate)
    assert (update.old_status, update.new_status, update.author) == (old, new, staff)


@pytest.mark.parametrize(("old", "new"), _pairs(MANDATE_TRANSITIONS, allowed=False))
def test_a_refused_mandate_transition_changes_nothing_and_says_why(old, new, staff):
    mandate = _mandate_in(old)

    with pytest.raises(ValidationError) as refused:
        change_mandate_status(mandate=mandate, new_status=new, by=staff, note="Reported at the session.")

    assert refused.value.code == "transition_refused"
    mandate.refresh_from_db()
    assert (mandate.status, mandate.version) == (old, 1)
    assert not MandateUpdate.objects.filter(mandate=mandate).exists()


@pytest.mark.parametrize(("old", "new"), _pairs(REQUEST_TRANSITIONS, allowed=True))
def test_an_allowed_request_transition_moves_the_status_and_writes_its_update(old, new, staff):
    request = _request_in(old)

    change_request_status(request=request, new_status=new, by=staff, note="Decided at the weekly meeting.")

    request.refresh_from_db()
    assert request.status == new
    update = RequestUpdate.objects.filter(request=request).exclude(new_status="received").get()
    assert (update.old_status, update.new_status, update.author) == (old, new, staff)


@pytest.mark.parametrize(("old", "new"), _pairs(REQUEST_TRANSITIONS, allowed=False))
def test_a_refused_request_transition_changes_nothing_and_says_why(old, new, staff):
    request = _request_in(old)
    version = request.version

    with pytest.raises(ValidationError) as refused:
        change_request_status(request=request, new_status=new, by=staff, note="Decided at the weekly meeting.")

    assert refused.value.code == "transition_refused"
    request.refresh_from_db()
    assert (request.status, request.version) == (old, version)
    assert RequestUpdate.objects.filter(request=request).count() == 1  # only "submitted"


@pytest.mark.parametrize(
    ("old", "new"),
    [pair for pair in _pairs(REQUEST_TRANSITIONS, allowed=True) if pair.values[1] not in FOCAL_POINT_TRANSITIONS],
)
def test_a_focal_point_may_not_make_a_secretariat_transition_on_its_own_request(old, new, focal_mx):
    request = _request_in(old)

    with pytest.raises(PermissionDenied):
        change_request_status(request=request, new_status=new, by=focal_mx, note="We decided.")

    request.refresh_from_db()
    assert request.status == old


@pytest.mark.parametrize("old", [old for old, allowed in REQUEST_TRANSITIONS.items() if "withdrawn" in allowed])
def test_a_focal_point_may_withdraw_its_own_request_with_a_reason(old, focal_mx):
    request = _request_in(old)

    change_request_status(request=request, new_status="withdrawn", by=focal_mx, note="No longer needed.")

    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert request.closed_on is not None


@pytest.mark.parametrize("new", sorted(REASON_REQUIRED))
def test_a_request_transition_that_needs_a_reason_is_refused_without_one(new, staff):
    request = _request_in("received")

    with pytest.raises(ValidationError) as refused:
        change_request_status(request=request, new_status=new, by=staff, note="  ")

    assert refused.value.code == "reason_required"
    request.refresh_from_db()
    assert request.status == "received"
