"""``manage.py send_reminders``: the daily digest of what needs attention.

- each owner with an ``Owner.notify_email`` hears of its open mandates with no update for
  ``STALE_AFTER_DAYS`` days, and of those whose deadline is past or within ``DUE_SOON_DAYS``;
- each staff member hears of the open requests assigned to them that nobody touched for
  ``STALE_AFTER_DAYS`` days, and of the Work Plan progress reports overdue on the commitments
  they are responsible for.

One message per address per day: running it twice the same day sends nothing new. Mandates
and requests are Secretariat matters, so only staff addresses and owners' addresses get one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Mandate, Owner
from commitments.workplan import ReportingPeriod
from core import roles
from states import outbox
from states.models import AssistanceRequest, OutgoingEmail


@dataclass
class Digest:
    stale_mandates: set = field(default_factory=set)
    overdue_mandates: set = field(default_factory=set)
    due_soon_mandates: set = field(default_factory=set)
    stale_requests: list = field(default_factory=list)
    overdue_reports: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(
            (
                self.stale_mandates,
                self.overdue_mandates,
                self.due_soon_mandates,
                self.stale_requests,
                self.overdue_reports,
            )
        )


def reader_of(address: str):
    """Who reads what is sent to ``address``: its account when every active account with that
    address is in the Secretariat; otherwise (an owner's address at a mission, a shared inbox, an
    address no account holds) a reader outside the Secretariat, who may read the mandates and
    their public updates only."""
    holders = list(get_user_model().objects.filter(email__iexact=address, is_active=True))
    if holders and all(roles.is_secretariat(holder) for holder in holders):
        return holders[0]
    return roles.reader_without_role()


def collect(now) -> dict[str, Digest]:
    """What each address should hear of today."""
    today = timezone.localdate(now)
    days = settings.STALE_AFTER_DAYS
    digests: dict[str, Digest] = defaultdict(Digest)
    for owner in Owner.objects.exclude(notify_email=""):
        owned = Mandate.objects.filter(owners=owner).select_related("resolution", "section", "parent")
        address = owner.notify_email.lower()
        digest = digests[address]
        # "Stale" as the one who reads this address may see it: a Secretariat-only note does not
        # make a mandate look worked on to an address outside the Secretariat.
        digest.stale_mandates.update(owned.stale(now, days, user=reader_of(address)))
        digest.overdue_mandates.update(owned.overdue(today))
        digest.due_soon_mandates.update(owned.due_within(today, settings.DUE_SOON_DAYS))
    stale_requests = (
        AssistanceRequest.objects.stale(now, days)
        .filter(assigned_to__isnull=False, assigned_to__is_active=True)
        .select_related("assigned_to", "state")
        .order_by("updated_at")
    )
    for request in stale_requests:
        # Someone moved out of the Secretariat keeps no reminders about states' requests.
        if request.assigned_to.email and roles.is_secretariat_staff(request.assigned_to):
            digests[request.assigned_to.email.lower()].stale_requests.append(request)
    overdue_reports = (
        ReportingPeriod.objects.overdue(today)
        .filter(indicator__commitment__responsible__is_active=True)
        .select_related("indicator__commitment__responsible")
        .order_by("due_on", "indicator__code")
    )
    for period in overdue_reports:
        responsible = period.indicator.commitment.responsible
        if responsible.email and roles.is_secretariat_staff(responsible):
            digests[responsible.email.lower()].overdue_reports.append(period)
    return {address: digest for address, digest in digests.items() if digest}


def _sorted(mandates) -> list[Mandate]:
    return sorted(
        mandates, key=lambda mandate: (mandate.resolution_id, mandate.section.position, mandate.tree_position)
    )


class Command(BaseCommand):
    help = "Email owners and assignees about stale items and deadlines due soon or past."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        subject = _("[CICTE] Reminders for %(date)s") % {"date": timezone.localdate(now).isoformat()}
        queued = skipped = 0
        for address, digest in sorted(collect(now).items()):
            if OutgoingEmail.objects.filter(to=address, subject=subject).exists():
                skipped += 1
                continue
            context = {
                "stale_mandates": _sorted(digest.stale_mandates),
                "overdue_mandates": _sorted(digest.overdue_mandates),
                "due_soon_mandates": _sorted(digest.due_soon_mandates),
                "stale_requests": digest.stale_requests,
                "overdue_reports": digest.overdue_reports,
                "stale_days": settings.STALE_AFTER_DAYS,
                "due_soon_days": settings.DUE_SOON_DAYS,
            }
            queued += len(outbox.queue([address], subject, "emails/reminders.txt", context))
        self.stdout.write(f"{queued} reminders queued, {skipped} already sent today.")
