"""Writes that matter for assistance requests. Views, the admin, imports and commands call
these; each checks its rule and writes the row and its history in one transaction."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cicte import roles
from cicte.choices import Audience
from commitments.models import Mandate
from states import notifications
from states.models import AssistanceRequest, MemberState, RequestCounter, RequestUpdate
from states.workflow import FOCAL_POINT_TRANSITIONS, REASON_REQUIRED, request_transition_allowed

Status = AssistanceRequest.Status


class StaleObjectError(ValidationError):
    """Someone else saved the request after this user read it."""


def next_reference(year: int) -> str:
    """REQ-<year>-<nnnn>, from a per-year counter locked for the rest of the transaction."""
    counter, _created = RequestCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"REQ-{year}-{counter.last_number:04d}"


def _check_can_work(user, request: AssistanceRequest) -> None:
    if roles.is_secretariat_staff(user):
        return
    if roles.focal_state_id(user) == request.state_id:
        return
    raise PermissionDenied


@transaction.atomic
def submit_request(
    *,
    state: MemberState,
    by,
    title: str,
    description: str,
    request_type: str,
    mandates: Iterable[Mandate] = (),
    channel: str = AssistanceRequest.Channel.PORTAL,
    received_on: datetime.date | None = None,
    priority: str = AssistanceRequest.Priority.NORMAL,
    submission_token: uuid.UUID | None = None,
    assigned_to=None,
) -> AssistanceRequest:
    """File a new request. A repeated ``submission_token`` returns the request it already made."""
    if submission_token is not None:
        existing = AssistanceRequest.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    if not roles.is_secretariat_staff(by) and roles.focal_state_id(by) != state.pk:
        raise PermissionDenied
    received_on = received_on or timezone.localdate()
    if not state.can_file_requests(received_on):
        raise ValidationError(
            _("%(state)s is not an active member state and cannot file new requests.") % {"state": state},
            code="state_inactive",
        )
    try:
        with transaction.atomic():
            request = AssistanceRequest.objects.create(
                reference=next_reference(received_on.year),
                state=state,
                title=title,
                description=description,
                request_type=request_type,
                channel=channel,
                received_on=received_on,
                priority=priority,
                submitted_by=by,
                submission_token=submission_token,
                assigned_to=assigned_to,
            )
    except IntegrityError:
        # A concurrent double submit won the race on the token: answer with its request.
        existing = AssistanceRequest.objects.filter(submission_token=submission_token).first()
        if submission_token is None or existing is None:
            raise
        return existing
    request.mandates.set(mandates)
    RequestUpdate.objects.create(
        request=request,
        author=by,
        old_status="",
        new_status=Status.RECEIVED,
        note=_("Request submitted."),
        audience=Audience.STATE,
    )
    notifications.request_submitted(request)
    return request


def _lock_current(request: AssistanceRequest, expected_version: int | None) -> AssistanceRequest:
    current = AssistanceRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleObjectError(
            _("This request was changed by someone else while you were editing it. Reload it to see the changes."),
            code="stale",
        )
    return current


@transaction.atomic
def change_request_status(
    *,
    request: AssistanceRequest,
    new_status: str,
    by,
    note: str = "",
    audience: str = Audience.STATE,
    expected_version: int | None = None,
) -> RequestUpdate:
    """Move ``request`` to ``new_status`` if the workflow and the user's role allow it."""
    _check_can_work(by, request)
    current = _lock_current(request, expected_version)
    if new_status not in Status.values:
        raise ValidationError(_("Unknown request status “%(status)s”.") % {"status": new_status}, code="invalid_status")
    if not roles.is_secretariat_staff(by) and new_status not in FOCAL_POINT_TRANSITIONS:
        raise PermissionDenied
    if not request_transition_allowed(current.status, new_status):
        raise ValidationError(
            _("A request cannot go from “%(old)s” to “%(new)s”.")
            % {"old": Status(current.status).label, "new": Status(new_status).label},
            code="transition_refused",
        )
    if new_status in REASON_REQUIRED and not note.strip():
        raise ValidationError(
            _("Please give a reason for “%(new)s”.") % {"new": Status(new_status).label}, code="reason_required"
        )
    if audience not in RequestUpdate.AUDIENCES:
        raise ValidationError(_("Unknown audience."), code="invalid_audience")
    update = RequestUpdate.objects.create(
        request=current, author=by, old_status=current.status, new_status=new_status, note=note, audience=audience
    )
    changes = {"status": new_status, "version": current.version + 1, "updated_at": timezone.now()}
    today = timezone.localdate()
    if new_status == Status.DELIVERED:
        changes["delivered_on"] = max(today, current.received_on)
    if new_status in Status.closed_values():
        changes["closed_on"] = today
    AssistanceRequest.objects.filter(pk=current.pk).update(**changes)
    for field, value in changes.items():
        setattr(request, field, value)
    notifications.request_updated(request, update)
    return update


@transaction.atomic
def add_request_update(*, request: AssistanceRequest, by, note: str, audience: str = Audience.STATE) -> RequestUpdate:
    """A note on a request without a status change. A focal point always writes to the state
    audience (its own comments are never secret from its own state)."""
    _check_can_work(by, request)
    if not note.strip():
        raise ValidationError(_("An update needs a note."), code="empty_note")
    if not roles.is_secretariat_staff(by):
        audience = Audience.STATE
    if audience not in RequestUpdate.AUDIENCES:
        raise ValidationError(_("Unknown audience."), code="invalid_audience")
    update = RequestUpdate.objects.create(
        request=request, author=by, old_status=request.status, new_status="", note=note, audience=audience
    )
    AssistanceRequest.objects.filter(pk=request.pk).update(updated_at=timezone.now())
    notifications.request_updated(request, update)
    return update
