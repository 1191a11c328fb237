"""The dashboard's whole-table figures, counted by a task rather than on every view.

The dashboard's figures count every mandate, request or activity (stale mandates, mandates by
owner and by program area, requests by member state, delivery-time percentiles: 50–125 ms each
at a ten-year volume of 250,000 requests and 1.1 million updates; by status, deadlines, the
activities' figures: 10–100 ms each), more than the whole page may take (150 ms). They are
counted together (so that they agree with each other) by ``refresh_dashboard_figures`` into
one ``DashboardFigures`` row, and the page shows them "as of" the time they were counted. The
page itself reads that row, the names of what it shows and the titles of the four newest
resolutions' sections: a few milliseconds whatever the volume. Counted again:

- after a write: a page that finds a mandate, request, activity or update newer than the count (the
  newest ids, ``MARKED``: one indexed look-up each) asks for a new count; so does one that finds
  the count older than ``MAX_AGE`` (a deletion, a mandate growing stale with the days). The
  request is made once per ``ASK_AGAIN_AFTER``, however many pages are drawn meanwhile;
- in the task worker (``manage.py db_worker``); inline where tasks run inline (DEBUG, the
  demo, the tests: the figures there are never behind);
- and on demand, from the dashboard's refresh button.

Only the Secretariat's: the counts are over every row, which is what the Secretariat may see
(``visible_to`` of a Secretariat account is the whole table); anyone else's dashboard, were
there one, would count live over its own ``visible_to``. The lists behind the figures count
live, so a list opened before the next count may hold a few rows more or fewer, which is what
the page's "as of" says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q, QuerySet, Subquery
from django.utils import timezone
from django_tasks import task

from commitments.models import Mandate, MandateUpdate
from commitments.workplan import ProgressReport, ReportingPeriod
from reporting import dashboard as figures
from reporting.models import DashboardFigures
from states.models import Activity, AssistanceRequest, RequestUpdate

KEY = "secretariat"
MAX_AGE = datetime.timedelta(minutes=10)
ASK_AGAIN_AFTER = datetime.timedelta(minutes=2)
# Raised when ``count_figures`` counts something new: a row of another version is counted again.
VERSION = 3
# Whatever changes a figure writes one of these (the services record every change as an update).
MARKED = {
    "mandate": Mandate,
    "mandate_update": MandateUpdate,
    "request": AssistanceRequest,
    "request_update": RequestUpdate,
    "activity": Activity,
    # A progress report filed takes a period off the overdue count.
    "progress_report": ProgressReport,
}


def count_figures(
    mandates: QuerySet, requests: QuerySet, activities: QuerySet, *, now: datetime.datetime, reader=None
) -> dict:
    """Every figure of the dashboard as plain counts (JSON: ids, statuses, numbers; labels,
    names and links are made when the page is drawn); "stale" counted from the updates
    ``reader`` may read (all of them when no reader is named: the Secretariat's)."""
    today = timezone.localdate(now)
    return {
        "mandate_statuses": figures.status_counts(mandates),
        "deadlines": figures.deadline_counts(
            mandates,
            today=today,
            now=now,
            due_soon_days=settings.DUE_SOON_DAYS,
            stale_days=settings.STALE_AFTER_DAYS,
            reader=reader,
        ),
        "owners": figures.owner_counts(mandates),
        "resolutions": figures.resolution_counts(mandates),
        "areas": figures.program_area_counts(mandates),
        "request_statuses": figures.status_counts(requests),
        "states": figures.state_counts(requests),
        "delivery": figures.delivery_figures(requests),
        "periods": figures.period_counts(activities, today=today),
        "participants": figures.participant_sums(activities),
        "funding": figures.funding_counts(activities),
        # Work Plan progress reports not filed by their due date (the Secretariat's: none for others).
        "overdue_reports": (
            ReportingPeriod.objects.all() if reader is None else ReportingPeriod.objects.visible_to(reader)
        )
        .overdue(today)
        .count(),
        "version": VERSION,
    }


@dataclass(frozen=True)
class Counted:
    """The figures the dashboard draws, with the time they were counted (``None``: just now,
    live) and whether a newer count has been asked for."""

    figures: dict
    as_of: datetime.datetime | None = None
    refreshing: bool = False


def count_live(
    mandates: QuerySet, requests: QuerySet, activities: QuerySet, *, now: datetime.datetime, reader
) -> Counted:
    """The figures counted now over what ``reader`` sees (a state's stale count does not move
    with a Secretariat-only note)."""
    return Counted(count_figures(mandates, requests, activities, now=now, reader=reader))


def _newest_ids() -> dict:
    return {name: Subquery(model.objects.order_by("-pk").values("pk")[:1]) for name, model in MARKED.items()}


def store(now: datetime.datetime | None = None) -> DashboardFigures:
    """Count the Secretariat's figures and keep them. The marker is read first, so that a write
    made while counting is seen as newer by the next page."""
    now = now or timezone.now()
    marker = [model.objects.aggregate(newest=Max("pk"))["newest"] for model in MARKED.values()]
    counted = count_figures(Mandate.objects.all(), AssistanceRequest.objects.all(), Activity.objects.all(), now=now)
    row, _created = DashboardFigures.objects.update_or_create(
        key=KEY, defaults={"figures": counted, "marker": marker, "computed_at": now, "requested_at": None}
    )
    return row


@task()
def refresh_dashboard_figures() -> str:
    """Count the Secretariat's dashboard figures again (see the module's docstring)."""
    return store().computed_at.isoformat()


def ask_for_refresh(row: DashboardFigures, now: datetime.datetime) -> DashboardFigures:
    """Ask the task queue for a new count unless one is waiting, asked for less than
    ``ASK_AGAIN_AFTER`` ago (a count done clears ``requested_at``). Where tasks run inline,
    the count is made now and the new row returned."""
    recent = Q(requested_at__isnull=False, requested_at__gte=now - ASK_AGAIN_AFTER)
    claimed = DashboardFigures.objects.filter(pk=row.pk).exclude(recent).update(requested_at=now)
    if not claimed:
        return row
    result = refresh_dashboard_figures.enqueue()
    if result.is_finished:
        return DashboardFigures.objects.get(pk=row.pk)
    row.requested_at = now
    return row


def for_secretariat(now: datetime.datetime) -> Counted:
    """The Secretariat's figures as last counted, with a new count asked for when something
    was written since or they are older than ``MAX_AGE``. One query when they are current."""
    row = DashboardFigures.objects.filter(key=KEY).annotate(**_newest_ids()).first()
    if row is None or row.figures.get("version") != VERSION:
        row = store(now)  # the first view ever, or after a release that counts more: once, here
    elif [getattr(row, name) for name in MARKED] != row.marker or row.computed_at < now - MAX_AGE:
        row = ask_for_refresh(row, now)
    return Counted(row.figures, row.computed_at, refreshing=bool(row.requested_at))


def refresh(now: datetime.datetime) -> None:
    """The refresh button: a new count asked for (made at once if there is none yet)."""
    row = DashboardFigures.objects.filter(key=KEY).first()
    if row is None:
        store(now)
    else:
        ask_for_refresh(row, now)
