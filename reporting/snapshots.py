"""Snapshots of every mandate's and request's status at a date, and what changed between two.

A snapshot may be frozen at a past date (the day of a CICTE session, after the fact): the
statuses are then read back from the append-only history, undoing every status change
recorded after that day. Comparing works on ``StatusMap`` values, so that "today" (the live
statuses) compares exactly like a stored snapshot.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Mandate, MandateUpdate
from core import roles
from reporting.models import Snapshot
from states.models import AssistanceRequest, RequestUpdate


@dataclass(frozen=True)
class StatusMap:
    """The statuses of mandates and requests (by id) as of a date."""

    label: str
    taken_on: datetime.date
    mandates: dict[int, str]
    requests: dict[int, str]
    snapshot: Snapshot | None = None

    @classmethod
    def of(cls, snapshot: Snapshot) -> StatusMap:
        return cls(
            str(snapshot),
            snapshot.taken_on,
            {int(pk): status for pk, status in snapshot.mandate_statuses.items()},
            {int(pk): status for pk, status in snapshot.request_statuses.items()},
            snapshot,
        )


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first instant after ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def _undo_changes_since(statuses: dict[int, str], updates: QuerySet, key: str, day: datetime.date) -> None:
    """Set each row of ``statuses`` back to its status before the first change that happened
    after ``day`` (newest first, so the oldest change's previous status is the one kept). A
    change counts on the day it happened (``happened_on``), not the day it was recorded: a
    status changed on 3 March and recorded on 20 March was the status on 10 March."""
    changes = (
        updates.filter(happened_on__gt=day).exclude(new_status="").order_by("-happened_on", "-created_at", "-pk")
    )
    for row_id, old_status in changes.values_list(key, "old_status"):
        if old_status:
            statuses[row_id] = old_status


def statuses_on(day: datetime.date) -> tuple[dict[int, str], dict[int, str]]:
    """Every mandate's and request's status at the end of ``day``: today's statuses with the
    status changes recorded since undone, newest first (so the oldest such change's previous
    status wins). Four queries, whatever the number of rows."""
    cutoff = _end_of(day)
    mandates = dict(
        Mandate.objects.filter(Q(created_at__lt=cutoff) | Q(resolution__adopted_on__lte=day)).values_list(
            "pk", "status"
        )
    )
    _undo_changes_since(mandates, MandateUpdate.objects.filter(mandate_id__in=mandates.keys()), "mandate_id", day)
    requests = dict(AssistanceRequest.objects.filter(received_on__lte=day).values_list("pk", "status"))
    _undo_changes_since(requests, RequestUpdate.objects.filter(request_id__in=requests.keys()), "request_id", day)
    return mandates, requests


def today_map() -> StatusMap:
    today = timezone.localdate()
    return StatusMap(_("Today"), today, *statuses_on(today))


@transaction.atomic
def take_snapshot(*, name: str, taken_on: datetime.date, by) -> Snapshot:
    """Freeze the statuses as of ``taken_on`` (today or a past day) under a unique ``name``."""
    if not roles.is_secretariat_staff(by):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(_("A snapshot needs a name."), code="name_required")
    if taken_on > timezone.localdate():
        raise ValidationError(_("A snapshot cannot be taken at a future date."), code="future_date")
    if Snapshot.objects.filter(name=name).exists():
        raise ValidationError(_("A snapshot named “%(name)s” exists already.") % {"name": name}, code="duplicate")
    mandates, requests = statuses_on(taken_on)
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                name=name,
                taken_on=taken_on,
                mandate_statuses={str(pk): status for pk, status in mandates.items()},
                request_statuses={str(pk): status for pk, status in requests.items()},
                created_by=by,
            )
    except IntegrityError as error:  # a concurrent snapshot took the name first
        raise ValidationError(
            _("A snapshot named “%(name)s” exists already.") % {"name": name}, code="duplicate"
        ) from error


@dataclass(frozen=True)
class Change:
    """One mandate or request whose status differs between the two maps (``None``: absent)."""

    obj: Mandate | AssistanceRequest
    old: str | None
    new: str | None

    @property
    def old_label(self) -> str:
        return self.obj.Status(self.old).label if self.old else ""

    @property
    def new_label(self) -> str:
        return self.obj.Status(self.new).label if self.new else ""


@dataclass
class Comparison:
    before: StatusMap
    after: StatusMap
    changed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    completed: list[Change] = field(default_factory=list)
    superseded: list[Change] = field(default_factory=list)
    requests_opened: list[Change] = field(default_factory=list)
    requests_closed: list[Change] = field(default_factory=list)
    requests_changed: list[Change] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.changed or self.added or self.requests_opened or self.requests_changed)


def compare(
    before: StatusMap,
    after: StatusMap,
    *,
    user,
    mandate_ids: Collection[int] | None = None,
    requests: QuerySet | None = None,
) -> Comparison:
    """What changed from ``before`` to ``after``, among the mandates (optionally only
    ``mandate_ids``) and the requests ``user`` may see. Completed and superseded list the
    mandates that reached that status in the interval (changed or added); a closed request is
    one that reached a closed status (closed, declined, withdrawn)."""
    result = Comparison(before, after)
    mandate_keys = set(after.mandates) | set(before.mandates)
    if mandate_ids is not None:
        mandate_keys &= set(mandate_ids)
    mandate_keys = {pk for pk in mandate_keys if before.mandates.get(pk) != after.mandates.get(pk)}
    mandates = (
        Mandate.objects.visible_to(user).filter(pk__in=mandate_keys).select_related("resolution", "section", "parent")
    )
    for mandate in sorted(mandates, key=lambda m: (m.resolution.symbol, m.section.position, m.tree_position)):
        change = Change(mandate, before.mandates.get(mandate.pk), after.mandates.get(mandate.pk))
        if change.new is None:
            continue  # deleted since: nothing left to show
        (result.added if change.old is None else result.changed).append(change)
        if change.new == Mandate.Status.COMPLETED:
            result.completed.append(change)
        if change.new == Mandate.Status.SUPERSEDED:
            result.superseded.append(change)

    request_keys = {
        pk for pk in set(after.requests) | set(before.requests) if before.requests.get(pk) != after.requests.get(pk)
    }
    closed = set(AssistanceRequest.Status.closed_values())
    rows = AssistanceRequest.objects.visible_to(user).filter(pk__in=request_keys)
    if requests is not None:
        rows = rows.filter(pk__in=requests.values("pk"))
    for request in sorted(rows.select_related("state"), key=lambda r: r.reference):
        change = Change(request, before.requests.get(request.pk), after.requests.get(request.pk))
        if change.new is None:
            continue
        if change.old is None:
            result.requests_opened.append(change)
        else:
            result.requests_changed.append(change)
        if change.new in closed and change.old not in closed:
            result.requests_closed.append(change)
    return result
