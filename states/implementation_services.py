"""Writes of national implementation reports, and the Secretariat's reminder round.

A state speaks for itself: its focal points record its entries, and Secretariat staff record
one on its behalf (from a note verbale), marked as such. Nothing here edits or deletes an
entry; a correction is a new entry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commitments.models import Mandate
from core import roles
from states import attachments as attachment_rules
from states import notifications, outbox
from states.implementation import NationalImplementationReport, addressed_mandates, reporting_states
from states.models import MemberState, OutgoingEmail

Status = NationalImplementationReport.Status


def may_report(user, state: MemberState) -> bool:
    """Who may add an entry for ``state``: its own focal points, or Secretariat staff on its
    behalf (a viewer, or another state's focal point, only reads). Views ask this to offer
    the form; ``record_implementation_report`` enforces it."""
    return roles.is_secretariat_staff(user) or roles.focal_state_id(user) == state.pk


def _check_fields(*, state: MemberState, mandate: Mandate, status: str, evidence_url: str, reported_on) -> None:
    if not addressed_mandates().filter(pk=mandate.pk).exists():
        raise ValidationError(
            _("Only mandates addressed to member states take national implementation reports."),
            code="not_addressed_to_states",
        )
    if status not in Status.values:
        raise ValidationError(_("Unknown implementation status “%(status)s”.") % {"status": status}, code="status")
    if evidence_url:
        URLValidator(schemes=["http", "https"])(evidence_url)
    if reported_on > timezone.localdate():
        raise ValidationError(_("The date of a report cannot be in the future."), code="future_date")
    if not state.can_file_requests(reported_on):
        raise ValidationError(
            _("%(state)s is not an active member state and cannot report.") % {"state": state}, code="state_inactive"
        )


@transaction.atomic
def record_implementation_report(
    *,
    state: MemberState,
    mandate: Mandate,
    by,
    status: str,
    narrative: str = "",
    evidence_url: str = "",
    document: UploadedFile | None = None,
    public: bool = False,
    on_behalf: bool = False,
    reported_on: datetime.date | None = None,
) -> NationalImplementationReport:
    """Add ``state``'s new position on ``mandate``. A focal point writes for its own state
    only; staff write for any state, and what they write is marked as recorded on the
    state's behalf (a staff member who is also the state's focal point chooses with
    ``on_behalf``). The Secretariat hears by email of what a state reports itself."""
    speaks_for_state = roles.focal_state_id(by) == state.pk
    if roles.is_secretariat_staff(by) and (on_behalf or not speaks_for_state):
        on_behalf = True
    elif speaks_for_state:
        on_behalf = False
    else:
        raise PermissionDenied
    reported_on = reported_on or timezone.localdate()
    _check_fields(state=state, mandate=mandate, status=status, evidence_url=evidence_url, reported_on=reported_on)
    report = NationalImplementationReport(
        state=state,
        mandate=mandate,
        status=status,
        narrative=narrative.strip(),
        evidence_url=evidence_url,
        reported_on=reported_on,
        author=by,
        on_behalf=on_behalf,
        public=public,
    )
    if document is not None:
        checked = attachment_rules.check_upload(document)
        report.document_name = checked.name
        report.document_type = checked.content_type
        report.document_size = checked.size
        report.document_sha256 = checked.sha256
        # The stored name is random (see attachment_path); the original name is only data.
        report.document.save(checked.name, document, save=False)
    report.save()
    if not on_behalf:
        notifications.implementation_reported(report)
    return report


@dataclass(frozen=True)
class Recipient:
    """One focal point and the mandates its state has not reported on since a date."""

    user: object
    state: MemberState
    mandates: list[Mandate]

    @property
    def language(self) -> str:
        return outbox.language_for(self.user)


def unreported_since(since: datetime.date) -> dict[int, list[Mandate]]:
    """For each state taking part, the mandates addressed to member states on which it has
    recorded nothing dated ``since`` or later (states with none missing are left out)."""
    mandates = list(
        addressed_mandates().open().select_related("resolution", "section", "parent").order_by(*DOCUMENT_ORDER)
    )
    recent = set(
        NationalImplementationReport.objects.filter(reported_on__gte=since).values_list("state_id", "mandate_id")
    )
    missing: dict[int, list[Mandate]] = defaultdict(list)
    for state_id in reporting_states().values_list("pk", flat=True):
        for mandate in mandates:
            if (state_id, mandate.pk) not in recent:
                missing[state_id].append(mandate)
    return dict(missing)


DOCUMENT_ORDER = ("-resolution__adopted_on", "resolution__symbol", "section__position", "tree_position")


def reminder_recipients(since: datetime.date, missing: dict[int, list[Mandate]] | None = None) -> list[Recipient]:
    """Every active focal point with an address whose state has something unreported since
    ``since``, with that state's list (one entry per focal point: one digest each).
    ``missing`` is ``unreported_since(since)`` when the caller already has it."""
    missing = unreported_since(since) if missing is None else missing
    has_focal_point = get_user_model().objects.filter(is_active=True, focal_point__state=OuterRef("pk"))
    states = {state.pk: state for state in MemberState.objects.filter(pk__in=missing).filter(Exists(has_focal_point))}
    users = (
        get_user_model()
        .objects.filter(is_active=True, focal_point__state_id__in=states)
        .exclude(email="")
        .select_related(*outbox.LANGUAGE_RELATED)
        .order_by("focal_point__state__name_en", "username")
    )
    return [Recipient(user, states[user.focal_point.state_id], missing[user.focal_point.state_id]) for user in users]


@transaction.atomic
def send_reminder_round(*, by, since: datetime.date) -> int:
    """Queue one digest per focal point, in the focal point's language, listing the mandates
    its state has not reported on since ``since``. Asking twice the same day for the same
    date sends nothing new. Returns how many digests were queued."""
    if not roles.is_secretariat_staff(by):
        raise PermissionDenied
    if since > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future_date")
    queued = 0
    for recipient in reminder_recipients(since):
        with translation.override(recipient.language):
            subject = _("[CICTE] National implementation reports: %(state)s, since %(date)s") % {
                "state": recipient.state.localized_name(),
                "date": since.isoformat(),
            }
            sent_today = OutgoingEmail.objects.filter(
                to=recipient.user.email, subject=subject, created_at__date=timezone.localdate()
            )
            if sent_today.exists():
                continue
            queued += len(notifications.implementation_reminder(recipient, subject=subject, since=since))
    return queued
