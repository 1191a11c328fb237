"""Writes that matter for mandates. Views, the admin, importers and commands call these;
each checks its rule and writes the row and its history in one transaction."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Mandate, MandateLink, MandatePairReview, MandateUpdate
from commitments.workflow import mandate_transition_allowed
from core.choices import Audience
from core.submissions import once


class StaleObjectError(ValidationError):
    """Someone else saved the object after this user read it."""


def _record(**fields) -> MandateUpdate:
    """Write one update of a mandate's history, and move the mandate's latest-update days
    (``Mandate.latest_update_on``, ``latest_public_update_on``) with it."""
    update = MandateUpdate.objects.create(**fields)
    Mandate.objects.filter(pk=update.mandate_id).note_update(update.happened_on, update.audience)
    return update


def _lock_current(mandate: Mandate, expected_version: int | None) -> Mandate:
    current = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleObjectError(
            _("This mandate was changed by someone else while you were editing it. Reload it to see the changes."),
            code="stale",
        )
    return current


@transaction.atomic
def change_mandate_status(
    *,
    mandate: Mandate,
    new_status: str,
    by,
    note: str = "",
    audience: str = Audience.INTERNAL,
    evidence_url: str = "",
    expected_version: int | None = None,
    happened_on: datetime.date | None = None,
    submission_token: uuid.UUID | None = None,
) -> MandateUpdate:
    """Move ``mandate`` to ``new_status`` if the workflow allows it, and record the update
    (``happened_on``: the day it happened, today unless given; never in the future). A
    repeated ``submission_token`` returns the update it already made (``core.submissions``):
    a double click records one change and is not refused as stale."""
    happened_on = MandateUpdate.checked_happened_on(happened_on)

    def change() -> MandateUpdate:
        return _change_status(mandate, new_status, by, note, audience, evidence_url, expected_version, happened_on)

    update, _created = once(submission_token, by=by, make=change)
    return update


def _change_status(
    mandate: Mandate,
    new_status: str,
    by,
    note: str,
    audience: str,
    evidence_url: str,
    expected_version: int | None,
    happened_on: datetime.date,
) -> MandateUpdate:
    current = _lock_current(mandate, expected_version)
    if new_status not in Mandate.Status.values:
        raise ValidationError(_("Unknown mandate status “%(status)s”.") % {"status": new_status}, code="invalid_status")
    if not mandate_transition_allowed(current.status, new_status):
        raise ValidationError(
            _("A mandate cannot go from “%(old)s” to “%(new)s”.")
            % {"old": Mandate.Status(current.status).label, "new": Mandate.Status(new_status).label},
            code="transition_refused",
        )
    update = _record(
        mandate=current,
        author=by,
        old_status=current.status,
        new_status=new_status,
        note=note,
        audience=audience,
        evidence_url=evidence_url,
        happened_on=happened_on,
    )
    Mandate.objects.filter(pk=current.pk).update(status=new_status, version=current.version + 1)
    mandate.status, mandate.version = new_status, current.version + 1
    return update


@transaction.atomic
def add_mandate_update(
    *,
    mandate: Mandate,
    by,
    note: str,
    audience: str = Audience.INTERNAL,
    evidence_url: str = "",
    happened_on: datetime.date | None = None,
    submission_token: uuid.UUID | None = None,
) -> MandateUpdate:
    """A note on a mandate without a status change (once per ``submission_token``)."""
    happened_on = MandateUpdate.checked_happened_on(happened_on)
    if not note.strip():
        raise ValidationError(_("An update needs a note."), code="empty_note")
    if audience not in MandateUpdate.AUDIENCES:
        raise ValidationError(_("A mandate update is either internal or public."), code="invalid_audience")

    def write() -> MandateUpdate:
        return _record(
            mandate=mandate,
            author=by,
            note=note,
            audience=audience,
            evidence_url=evidence_url,
            old_status=mandate.status,
            new_status="",
            happened_on=happened_on,
        )

    update, _created = once(submission_token, by=by, make=write)
    return update


@transaction.atomic
def record_mandate_edit(*, mandate: Mandate, by, changes: dict[str, tuple[str, str]]) -> MandateUpdate | None:
    """Leave an internal trace of fields edited by hand (admin corrections): which field, from
    what, to what. ``changes`` maps a field's label to its (old, new) values as text."""
    if not changes:
        return None
    lines = [f"{label}: {old or '—'} → {new or '—'}" for label, (old, new) in changes.items()]
    return _record(
        mandate=mandate,
        author=by,
        old_status=mandate.status,
        new_status="",
        note=_("Edited:") + "\n" + "\n".join(lines),
        audience=Audience.INTERNAL,
    )


@transaction.atomic
def confirm_mandate_link(*, newer: Mandate, older: Mandate, kind: str, by) -> MandateLink:
    """Record that ``newer`` continues ``older`` (renews, amends, supersedes, consolidates), and
    a trace on the newer mandate. A supersedes link moves the older mandate to superseded
    through the workflow (its own update says by which). Confirming the same link again changes
    nothing."""
    if newer.pk == older.pk:
        raise ValidationError(_("A mandate cannot continue itself."), code="self_link")
    if newer.resolution_id == older.resolution_id:
        raise ValidationError(_("A link joins mandates of two different resolutions."), code="same_resolution")
    if kind not in MandateLink.Kind.values:
        raise ValidationError(_("Choose how the newer mandate continues the older one."), code="invalid_kind")
    link, created = MandateLink.objects.active().get_or_create(
        from_mandate=newer, to_mandate=older, kind=kind, defaults={"confirmed_by": by, "confirmed_at": timezone.now()}
    )
    if not created:
        return link
    add_mandate_update(
        mandate=newer,
        by=by,
        note=_("Linked: %(kind)s %(older)s.") % {"kind": MandateLink.Kind(kind).label, "older": older},
    )
    if kind == MandateLink.Kind.SUPERSEDES and older.status != Mandate.Status.SUPERSEDED:
        change_mandate_status(
            mandate=older,
            new_status=Mandate.Status.SUPERSEDED,
            by=by,
            note=_("Superseded by %(newer)s.") % {"newer": newer},
        )
    return link


@transaction.atomic
def remove_mandate_link(*, link: MandateLink, by) -> MandateLink:
    """Take a wrong link out of the chain: the row stays, with who removed it and when, and an
    internal trace on the newer mandate; the pair is not proposed again. A mandate a removed
    supersedes link had superseded keeps its status (staff change it through the workflow)."""
    if link.removed_at is not None:
        return link
    link.removed_by, link.removed_at = by, timezone.now()
    link.save(update_fields=["removed_by", "removed_at"])
    add_mandate_update(
        mandate=link.from_mandate,
        by=by,
        note=_("Link removed: %(kind)s %(older)s.")
        % {"kind": MandateLink.Kind(link.kind).label, "older": link.to_mandate},
    )
    return link


@transaction.atomic
def link_imported_predecessors(
    *, resolution, document, decisions: dict[str, str], supersede: list[int], by, predecessors: dict | None = None
) -> list[MandateLink]:
    """After an import: link each new paragraph to the predecessor the preview proposed (or the
    other candidate staff picked, ``predecessors``), as staff decided (a kind, or "" for none;
    the proposed kind where they said nothing), and move the earlier mandates staff marked "not
    carried forward" to superseded."""
    from commitments.importer.save import _existing_keys, label
    from commitments.lineage import not_carried_forward, preview_rows

    mandates = {label(key): mandate for key, mandate in _existing_keys(resolution).items()}
    rows = preview_rows(document, decisions, predecessors)
    older = Mandate.objects.in_bulk([row.proposal.mandate_id for row in rows])
    links = []
    for row in rows:
        newer = mandates.get(row.label)
        if newer is None or row.proposal.mandate_id not in older:
            continue
        # A later choice replaces an earlier one (a re-import): the links this paragraph had to
        # other candidates, or to this one when staff now say no link, are removed.
        chosen = row.proposal.mandate_id if row.decision in MandateLink.Kind.values else None
        candidates = [each.mandate_id for each in row.proposal.alternatives] or [row.proposal.mandate_id]
        earlier = MandateLink.objects.active().filter(from_mandate=newer, to_mandate__in=candidates)
        for link in earlier.exclude(to_mandate=chosen, kind=row.decision).select_related("from_mandate", "to_mandate"):
            remove_mandate_link(link=link, by=by)
        if chosen is not None:
            links.append(confirm_mandate_link(newer=newer, older=older[chosen], kind=row.decision, by=by))
    for mandate in not_carried_forward(document, [row.proposal for row in rows if row.decision]):
        if mandate.pk in supersede:
            note = _("Not carried forward into %(symbol)s.") % {"symbol": resolution.symbol}
            change_mandate_status(mandate=mandate, new_status=Mandate.Status.SUPERSEDED, by=by, note=note)
    return links


@transaction.atomic
def review_mandate_pair(*, one: Mandate, other: Mandate, verdict: str, by) -> MandatePairReview:
    """Staff's verdict on two similar mandates (duplicate, related, distinct): one row per
    unordered pair, a later verdict replacing the earlier, and an internal trace on both
    mandates. A reviewed pair is never proposed again (commitments.overlap.candidates)."""
    if one.pk == other.pk:
        raise ValidationError(_("A mandate is not compared with itself."), code="self_pair")
    if verdict not in MandatePairReview.Verdict.values:
        raise ValidationError(_("Choose duplicate, related or distinct."), code="invalid_verdict")
    first, second = (one, other) if one.pk < other.pk else (other, one)
    review, _created = MandatePairReview.objects.update_or_create(
        first=first, second=second, defaults={"verdict": verdict, "reviewed_by": by, "reviewed_at": timezone.now()}
    )
    label = MandatePairReview.Verdict(verdict).label
    for mandate, partner in ((first, second), (second, first)):
        add_mandate_update(
            mandate=mandate,
            by=by,
            note=_("Compared with %(other)s: %(verdict)s.") % {"other": partner, "verdict": label},
        )
    return review
