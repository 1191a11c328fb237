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

Each recipient reads the message in their own language (``states.outbox.queue_to``), whoever
made the change: subjects are functions, called once per language.

A subject says what happened (a new status, a message, a document), once: an update that only
adds a note does not repeat the request's unchanged status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core import roles
from core.choices import Audience
from states.models import Activity, AssistanceRequest, Attachment, RequestUpdate
from states.outbox import queue, queue_to

logger = logging.getLogger(__name__)


def _focal_points(request: AssistanceRequest):
    return get_user_model().objects.filter(focal_point__state_id=request.state_id, is_active=True)


def _staff():
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(is_superuser=True) | Q(groups__name=roles.STAFF_GROUP)).distinct()


def _assignee(request: AssistanceRequest) -> list:
    assignee = request.assigned_to
    if assignee is None or not assignee.is_active:
        return []
    return [assignee]


def _secretariat(request: AssistanceRequest):
    """Whoever works the request: its assignee, or else every staff member."""
    return _assignee(request) or _staff()


def _by_state(user) -> bool:
    return user is not None and roles.is_focal_point(user) and not roles.is_secretariat_staff(user)


def _subject(request: AssistanceRequest, what: str) -> str:
    return f"[CICTE] {request.reference}: {what}"


def request_submitted(request: AssistanceRequest) -> None:
    """Staff hear of a new request; a state hears of one recorded on its behalf."""
    context = {"request": request}

    def submitted() -> str:
        return _subject(request, _("new request from %(state)s") % {"state": request.state.name_en})

    queue_to(_secretariat(request), submitted, "emails/request_submitted.txt", context)
    if not _by_state(request.submitted_by):
        recorded = partial(_subject, request, gettext_lazy("request recorded"))
        queue_to(_focal_points(request), recorded, "emails/request_recorded.txt", context)


def request_updated(request: AssistanceRequest, update: RequestUpdate) -> None:
    """A state's focal points hear of what is addressed to them; the assignee hears of what
    the state writes."""
    context = {"request": request, "update": update}

    def subject(what: str) -> Callable[[], str]:
        names = {"state": request.state.name_en}
        return lambda: _subject(request, _(what) % {**names, "status": update.get_new_status_display()})

    if _by_state(update.author):
        what = (
            gettext_noop("%(status)s by %(state)s")
            if update.changes_status
            else gettext_noop("new comment from %(state)s")
        )
        queue_to(_secretariat(request), subject(what), "emails/request_updated.txt", context)
    elif update.audience == Audience.STATE:
        what = (
            gettext_noop("now %(status)s")
            if update.changes_status
            else gettext_noop("new message from the CICTE Secretariat")
        )
        queue_to(_focal_points(request), subject(what), "emails/request_updated.txt", context)


def request_assigned(request: AssistanceRequest, *, by) -> None:
    subject = partial(_subject, request, gettext_lazy("assigned to you"))
    queue_to(_assignee(request), subject, "emails/request_assigned.txt", {"request": request, "by": by})


def activity_logged(request: AssistanceRequest, activity: Activity) -> None:
    """A state's focal points hear of an activity delivered under its request (activities are
    always the state's to read: they are what it received)."""

    def subject() -> str:
        return _subject(request, _("activity recorded: %(title)s") % {"title": activity.title})

    context = {"request": request, "activity": activity}
    queue_to(_focal_points(request), subject, "emails/activity_logged.txt", context)


def attachment_added(request: AssistanceRequest, attachment: Attachment) -> None:
    context = {"request": request, "attachment": attachment}

    def subject() -> str:
        return _subject(request, _("new document: %(name)s") % {"name": attachment.original_name})

    if _by_state(attachment.uploaded_by):
        queue_to(_secretariat(request), subject, "emails/attachment_added.txt", context)
    elif attachment.audience == Audience.STATE:
        queue_to(_focal_points(request), subject, "emails/attachment_added.txt", context)


def implementation_reported(report) -> None:
    """The Secretariat hears of a national implementation report a state recorded itself."""

    def subject() -> str:
        return _("[CICTE] %(state)s reports on %(mandate)s: %(status)s") % {
            "state": report.state.name_en,
            "mandate": report.mandate,
            "status": report.get_status_display(),
        }

    queue_to(_staff(), subject, "emails/implementation_reported.txt", {"report": report})


def implementation_reminder(recipient, *, subject: str, since) -> list[int]:
    """One focal point's digest of the mandates its state has not reported on since ``since``
    (rendered in whatever language the caller has activated)."""
    context = {"recipient": recipient, "since": since}
    return queue([recipient.user.email], subject, "emails/implementation_reminder.txt", context)
