"""Email notifications about requests.

Messages go through the outbox (``states.outbox``): written inside the caller's transaction,
delivered by a task after it commits, never inside the web request.

Who hears of what:

- a state's focal points: a request of theirs filed on their behalf, a status change or an
  update or document addressed to the state (never an internal one);
- the assigned staff member: a request filed, a comment, document or withdrawal from the
  state, an assignment; with nobody assigned yet, these go to every Secretariat staff member
  so that someone triages them;
- a state's focal points again: an activity delivered under one of its requests.

A subject says what happened (a new status, a message, a document), once: an update that only
adds a note does not repeat the request's unchanged status.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from core import roles
from core.choices import Audience
from states.models import Activity, AssistanceRequest, Attachment, RequestUpdate
from states.outbox import queue

logger = logging.getLogger(__name__)


def _focal_point_addresses(request: AssistanceRequest) -> list[str]:
    users = get_user_model().objects.filter(focal_point__state_id=request.state_id, is_active=True)
    return list(users.values_list("email", flat=True))


def _staff_addresses() -> list[str]:
    users = (
        get_user_model().objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(groups__name=roles.STAFF_GROUP))
    )
    return list(users.values_list("email", flat=True).distinct())


def _assignee_addresses(request: AssistanceRequest) -> list[str]:
    assignee = request.assigned_to
    if assignee is None or not assignee.is_active:
        return []
    return [assignee.email]


def _secretariat_addresses(request: AssistanceRequest) -> list[str]:
    """Whoever works the request: its assignee, or else every staff member."""
    return _assignee_addresses(request) or _staff_addresses()


def _by_state(user) -> bool:
    return user is not None and roles.is_focal_point(user) and not roles.is_secretariat_staff(user)


def _subject(request: AssistanceRequest, what: str) -> str:
    return f"[CICTE] {request.reference}: {what}"


def request_submitted(request: AssistanceRequest) -> None:
    """Staff hear of a new request; a state hears of one recorded on its behalf."""
    context = {"request": request}
    subject = _subject(request, _("new request from %(state)s") % {"state": request.state.name_en})
    queue(_secretariat_addresses(request), subject, "emails/request_submitted.txt", context)
    if not _by_state(request.submitted_by):
        subject = _subject(request, _("request recorded"))
        queue(_focal_point_addresses(request), subject, "emails/request_recorded.txt", context)


def request_updated(request: AssistanceRequest, update: RequestUpdate) -> None:
    """A state's focal points hear of what is addressed to them; the assignee hears of what
    the state writes."""
    context = {"request": request, "update": update}
    names = {"state": request.state.name_en, "status": update.get_new_status_display()}
    if _by_state(update.author):
        what = _("%(status)s by %(state)s") if update.changes_status else _("new comment from %(state)s")
        queue(_secretariat_addresses(request), _subject(request, what % names), "emails/request_updated.txt", context)
    elif update.audience == Audience.STATE:
        what = _("now %(status)s") if update.changes_status else _("new message from the CICTE Secretariat")
        queue(_focal_point_addresses(request), _subject(request, what % names), "emails/request_updated.txt", context)


def request_assigned(request: AssistanceRequest, *, by) -> None:
    subject = _subject(request, _("assigned to you"))
    queue(_assignee_addresses(request), subject, "emails/request_assigned.txt", {"request": request, "by": by})


def activity_logged(request: AssistanceRequest, activity: Activity) -> None:
    """A state's focal points hear of an activity delivered under its request (activities are
    always the state's to read: they are what it received)."""
    subject = _subject(request, _("activity recorded: %(title)s") % {"title": activity.title})
    context = {"request": request, "activity": activity}
    queue(_focal_point_addresses(request), subject, "emails/activity_logged.txt", context)


def attachment_added(request: AssistanceRequest, attachment: Attachment) -> None:
    context = {"request": request, "attachment": attachment}
    subject = _subject(request, _("new document: %(name)s") % {"name": attachment.original_name})
    if _by_state(attachment.uploaded_by):
        queue(_secretariat_addresses(request), subject, "emails/attachment_added.txt", context)
    elif attachment.audience == Audience.STATE:
        queue(_focal_point_addresses(request), subject, "emails/attachment_added.txt", context)


def implementation_reported(report) -> None:
    """The Secretariat hears of a national implementation report a state recorded itself."""
    subject = _("[CICTE] %(state)s reports on %(mandate)s: %(status)s") % {
        "state": report.state.name_en,
        "mandate": report.mandate,
        "status": report.get_status_display(),
    }
    queue(_staff_addresses(), subject, "emails/implementation_reported.txt", {"report": report})


def implementation_reminder(recipient, *, subject: str, since) -> list[int]:
    """One focal point's digest of the mandates its state has not reported on since ``since``
    (rendered in whatever language the caller has activated)."""
    context = {"recipient": recipient, "since": since}
    return queue([recipient.user.email], subject, "emails/implementation_reminder.txt", context)
