"""Writes that matter for assistance requests. Views, the admin, imports and commands call
these; each checks its rule and writes the row and its history in one transaction."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Mandate
from core import roles
from core.choices import Audience
from core.submissions import once
from states import attachments as attachment_rules
from states import notifications
from states.models import Activity, AssistanceRequest, Attachment, MemberState, RequestCounter, RequestUpdate
from states.workflow import FOCAL_POINT_TRANSITIONS, REASON_REQUIRED, request_transition_allowed

Status = AssistanceRequest.Status


class StaleObjectError(ValidationError):
    """Someone else saved the request after this user read it; ``changes`` says what they did
    (only what this user may read)."""

    def __init__(self, message: str, *, changes: list[str]):
        super().__init__(message, code="stale")
        self.changes = changes


def next_reference(year: int) -> str:
    """REQ-<year>-<nnnn>, from a per-year counter locked for the rest of the transaction."""
    counter, _created = RequestCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"REQ-{year}-{counter.last_number:04d}"


def may_work(user, request: AssistanceRequest) -> bool:
    """Who may write on a request: Secretariat staff, or a focal point of its state (a viewer
    only reads). Views ask this to offer forms; the services below enforce it."""
    return roles.is_secretariat_staff(user) or roles.focal_state_id(user) == request.state_id


def _check_can_work(user, request: AssistanceRequest) -> None:
    if not may_work(user, request):
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
    program_area=None,
    documents: Iterable[UploadedFile] = (),
) -> AssistanceRequest:
    """File a new request with its documents. A repeated ``submission_token`` returns the
    request it already made, and adds nothing (``core.submissions.once``, as every form)."""
    if not roles.is_secretariat_staff(by) and roles.focal_state_id(by) != state.pk:
        raise PermissionDenied
    received_on = received_on or timezone.localdate()
    if not state.can_file_requests(received_on):
        raise ValidationError(
            _("%(state)s is not an active member state and cannot file new requests.") % {"state": state},
            code="state_inactive",
        )

    def file() -> AssistanceRequest:
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
            assigned_to=assigned_to,
            program_area=program_area,
        )
        request.mandates.set(mandates)
        RequestUpdate.objects.create(
            request=request,
            author=by,
            old_status="",
            new_status=Status.RECEIVED,
            note=_("Request submitted."),
            audience=Audience.STATE,
            request_version=request.version,
            happened_on=request.received_on,
        )
        notifications.request_submitted(request)
        for upload in documents:
            add_attachment(request=request, by=by, upload=upload, audience=Audience.STATE, notify=False)
        return request

    request, _created = once(submission_token, by=by, make=file)
    return request


# What a member state reads of a request (its page, its exports, its API); its version is
# computed from these alone, so that internal work (an assignment, an internal note) moves nothing
# a focal point can see, not even the hidden version in its withdraw form.
STATE_VISIBLE_FIELDS = (
    "reference",
    "title",
    "description",
    "request_type",
    "channel",
    "received_on",
    "priority",
    "program_area_id",
    "status",
    "delivered_on",
    "closed_on",
)


def seen_version(request: AssistanceRequest, user) -> int:
    """The version of ``request`` a form shown to ``user`` carries, to hand back as
    ``expected_version``. The Secretariat reads everything, so it gets the row's counter, which
    every edit moves. Anyone else gets a fingerprint of what it may read of the request: the
    fields above, the linked mandates and the status changes addressed to it. It changes
    exactly when something that reader can see changes, so it tells nothing of internal work."""
    if roles.is_secretariat(user):
        return request.version
    # As text, so that an instance just saved (choices as enum members) and one read back agree.
    seen: list[Any] = [str(getattr(request, name)) for name in STATE_VISIBLE_FIELDS]
    seen.append(sorted(Mandate.objects.visible_to(user).filter(requests=request).values_list("pk", flat=True)))
    # Entries that made a version (a status change it may read); a comment makes none, as for staff.
    versioned = RequestUpdate.objects.visible_to(user).filter(request=request, request_version__isnull=False)
    seen.append(versioned.count())
    digest = hashlib.sha256(repr(seen).encode()).digest()
    # A positive 31-bit number: what the form's and the API's integer fields accept.
    return int.from_bytes(digest[:4], "big") % 2_147_483_646 + 1


def _lock_current(request: AssistanceRequest, expected_version: int | None, by) -> AssistanceRequest:
    """The request's row, locked until commit; refused if saved since ``expected_version``
    (as ``seen_version`` gave it to ``by``)."""
    current = AssistanceRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is None:
        return current
    if not roles.is_secretariat(by):
        if seen_version(current, by) != expected_version:
            # What changed is on the page it is shown again; nothing internal is named.
            raise StaleObjectError(
                _(
                    "This request was changed while you were working on it, so nothing was saved. "
                    "Check the request as it is now and try again."
                ),
                changes=[],
            )
        return current
    if current.version != expected_version:
        since = (
            RequestUpdate.objects.visible_to(by)
            .filter(request=current, request_version__gt=expected_version)
            .select_related("author")
            .order_by("created_at", "pk")
        )
        raise StaleObjectError(
            _(
                "This request was changed by someone else while you were working on it, so nothing was saved. "
                "Check the changes below and try again."
            ),
            changes=[line for update in since for line in update.describe_changes()],
        )
    return current


def _write(
    current: AssistanceRequest, *, by, fields: dict[str, Any] | None = None, **entry: Any
) -> tuple[RequestUpdate, dict[str, Any]]:
    """Save ``fields`` on the locked request and its history entry. Passing ``fields`` (even
    empty) makes a new version: a comment does not, an edit does."""
    changes: dict[str, Any] = {"updated_at": timezone.now()}
    rows = AssistanceRequest.objects.filter(pk=current.pk)
    if fields is not None:
        changes |= {**fields, "version": current.version + 1}
        # The version read under the lock must still be there: where the database has no row
        # locks (SQLite), this conditional write is what refuses the second of two editors.
        rows = rows.filter(version=current.version)
    if not rows.update(**changes):
        raise StaleObjectError(
            _("This request was changed by someone else while you were working on it. Reload it and try again."),
            changes=[],
        )
    update = RequestUpdate.objects.create(request=current, author=by, request_version=changes.get("version"), **entry)
    return update, changes


def _refresh(request: AssistanceRequest, changes: dict[str, Any]) -> None:
    """Let the caller's instance show what was saved."""
    for field, value in changes.items():
        setattr(request, field, value)


@transaction.atomic
def change_request_status(
    *,
    request: AssistanceRequest,
    new_status: str,
    by,
    note: str = "",
    audience: str = Audience.STATE,
    expected_version: int | None = None,
    happened_on: datetime.date | None = None,
    submission_token: uuid.UUID | None = None,
) -> RequestUpdate:
    """Move ``request`` to ``new_status`` if the workflow and the user's role allow it
    (``happened_on``: the day it happened, today unless given; never in the future). A
    repeated ``submission_token`` returns the change it already made (``core.submissions``):
    a double click saves one status change, and the second click is not refused as stale."""
    happened_on = RequestUpdate.checked_happened_on(happened_on)
    _check_can_work(by, request)
    update, _created = once(
        submission_token,
        by=by,
        make=lambda: _change_status(request, new_status, by, note, audience, expected_version, happened_on),
    )
    return update


def _change_status(
    request: AssistanceRequest,
    new_status: str,
    by,
    note: str,
    audience: str,
    expected_version: int | None,
    happened_on: datetime.date,
) -> RequestUpdate:
    current = _lock_current(request, expected_version, by)
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
    _check_audience(audience)
    fields: dict[str, Any] = {"status": new_status}
    # Delivered or closed on the day it happened, which is today unless staff said otherwise.
    if new_status == Status.DELIVERED:
        fields["delivered_on"] = max(happened_on, current.received_on)
    if new_status in Status.closed_values():
        fields["closed_on"] = happened_on
    update, changes = _write(
        current,
        by=by,
        fields=fields,
        old_status=current.status,
        new_status=new_status,
        note=note,
        audience=audience,
        happened_on=happened_on,
    )
    _refresh(request, changes)
    notifications.request_updated(request, update)
    return update


def withdraw_request(
    *,
    request: AssistanceRequest,
    by,
    reason: str,
    expected_version: int | None = None,
    submission_token: uuid.UUID | None = None,
):
    """The state takes its request back (staff may record it on the state's behalf)."""
    return change_request_status(
        request=request,
        new_status=Status.WITHDRAWN,
        by=by,
        note=reason,
        audience=Audience.STATE,
        expected_version=expected_version,
        submission_token=submission_token,
    )


def _check_audience(audience: str) -> None:
    if audience not in RequestUpdate.AUDIENCES:
        raise ValidationError(_("Unknown audience."), code="invalid_audience")


@transaction.atomic
def add_request_update(
    *,
    request: AssistanceRequest,
    by,
    note: str,
    audience: str = Audience.STATE,
    happened_on: datetime.date | None = None,
    submission_token: uuid.UUID | None = None,
) -> RequestUpdate:
    """A note on a request without a status change. A focal point always writes to the state
    audience (its own comments are never secret from its own state). A repeated
    ``submission_token`` returns the update it already made (``core.submissions``)."""
    happened_on = RequestUpdate.checked_happened_on(happened_on)
    _check_can_work(by, request)
    if not note.strip():
        raise ValidationError(_("An update needs a note."), code="empty_note")
    if not roles.is_secretariat_staff(by):
        audience = Audience.STATE
    _check_audience(audience)

    def write() -> RequestUpdate:
        update, _changes = _write(
            request,
            by=by,
            old_status=request.status,
            new_status="",
            note=note,
            audience=audience,
            happened_on=happened_on,
        )
        notifications.request_updated(request, update)
        return update

    # A second post of the same form (a double click) returns the first one's update, adds nothing.
    update, _created = once(submission_token, by=by, make=write)
    return update


# The fields staff may correct after submission; the state and the reference never change.
EDITABLE_FIELDS = (
    "title",
    "description",
    "request_type",
    "channel",
    "received_on",
    "priority",
    "program_area",
)


def _check_staff(by) -> None:
    if not roles.is_secretariat_staff(by):
        raise PermissionDenied


@transaction.atomic
def update_request(
    *,
    request: AssistanceRequest,
    by,
    expected_version: int,
    values: dict[str, Any],
    mandates: Iterable[Mandate] | None = None,
) -> RequestUpdate | None:
    """Save staff's corrections to a request, refusing them if someone saved it meanwhile.
    Returns the history entry, or None when nothing changed."""
    _check_staff(by)
    current = _lock_current(request, expected_version, by)
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    fields = {name: value for name, value in values.items() if getattr(current, name) != value}
    changes = {name: [_plain(getattr(current, name)), _plain(value)] for name, value in fields.items()}
    if mandates is not None:
        before = sorted(current.mandates.all(), key=lambda mandate: mandate.pk)
        after = sorted(mandates, key=lambda mandate: mandate.pk)
        if before != after:
            changes["mandates"] = [[str(mandate) for mandate in before], [str(mandate) for mandate in after]]
    if not changes:
        return None
    if fields.get("received_on") and current.delivered_on and fields["received_on"] > current.delivered_on:
        raise ValidationError(
            _("A request cannot be received after it was delivered."), code="received_after_delivered"
        )
    update, saved = _write(
        current,
        by=by,
        fields=fields,
        old_status=current.status,
        new_status="",
        audience=Audience.INTERNAL,
        changes=changes,
    )
    if "mandates" in changes:
        current.mandates.set(mandates)
    _refresh(request, saved)
    return update


def _plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value for the history."""
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


@transaction.atomic
def assign_request(
    *, request: AssistanceRequest, by, assignee, expected_version: int | None = None
) -> RequestUpdate | None:
    """Give the request to a staff member (or to nobody); the new assignee is told by email."""
    _check_staff(by)
    if assignee is not None and not roles.is_secretariat_staff(assignee):
        raise ValidationError(_("Requests can only be assigned to Secretariat staff."), code="assignee_not_staff")
    current = _lock_current(request, expected_version, by)
    if current.assigned_to_id == (assignee.pk if assignee else None):
        return None
    update, saved = _write(
        current,
        by=by,
        fields={"assigned_to": assignee},
        old_status=current.status,
        new_status="",
        audience=Audience.INTERNAL,
        changes={"assigned_to": [_plain(current.assigned_to), _plain(assignee)]},
    )
    _refresh(request, saved)
    if assignee is not None:
        notifications.request_assigned(request, by=by)
    return update


@transaction.atomic
def log_activity(*, request: AssistanceRequest, by, values: dict[str, Any]) -> Activity:
    """Record an activity delivered under ``request``; its beneficiary is the request's state."""
    _check_staff(by)
    activity = Activity(request=request, state=request.state, created_by=by, **values)
    activity.full_clean()
    activity.save()
    AssistanceRequest.objects.filter(pk=request.pk).update(updated_at=timezone.now())
    notifications.activity_logged(request, activity)
    return activity


@transaction.atomic
def add_attachment(
    *,
    request: AssistanceRequest,
    by,
    upload: UploadedFile,
    audience: str = Audience.STATE,
    description: str = "",
    notify: bool = True,
    submission_token: uuid.UUID | None = None,
) -> Attachment:
    """Store a document on ``request`` once its size and content pass the rules in
    ``states.attachments``. A focal point's documents are always addressed to its state. A
    repeated ``submission_token`` returns the document it already stored, and stores nothing."""
    _check_can_work(by, request)
    if not roles.is_secretariat_staff(by):
        audience = Audience.STATE
    _check_audience(audience)
    checked = attachment_rules.check_upload(upload)
    attachment, _created = once(
        submission_token,
        by=by,
        make=lambda: _store_attachment(request, by, upload, checked, audience, description, notify),
    )
    return attachment


def _store_attachment(request, by, upload, checked, audience: str, description: str, notify: bool) -> Attachment:
    attachment = Attachment(
        request=request,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        audience=audience,
        description=description,
        uploaded_by=by,
    )
    # The stored name is random (see attachment_path); the original name is only data. The row
    # and its announcement are written first and the file last, so that a row or a notification
    # that cannot be written leaves no file behind (what an enclosing rollback still leaves,
    # ``manage.py cleanup_orphan_attachments`` finds).
    attachment.file.name = attachment.file.field.generate_filename(attachment, checked.name)
    attachment.save()
    AssistanceRequest.objects.filter(pk=request.pk).update(updated_at=timezone.now())
    if notify:  # documents filed with a new request are announced with the request
        notifications.attachment_added(request, attachment)
    attachment_rules.store_file(attachment.file, upload)
    return attachment
