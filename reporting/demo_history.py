"""Demo data: two years of CICTE work after the 2023 and 2024 sessions, written through the
services so that the history, the snapshots and the dashboards agree.

- mandates of both resolutions moved through their statuses on the days it happened, with
  public notes and Secretariat-only ones, some left untouched (so some are stale);
- 42 assistance requests from twelve member states received from January 2024 on, in every
  status of the workflow, each with its history dated when it happened, notes for the state and
  internal ones, and activities with participants by gender where work was delivered;
- a snapshot at the twenty-fourth regular session (Santiago, 12 April 2024) and one at the end
  of 2024, read back from that history.

Deterministic (no randomness) and keyed: requests by state and title, mandate histories by
"has no update yet", snapshots by name; running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from commitments import services as mandate_services
from commitments.models import Mandate, Resolution
from core.choices import Audience
from reporting import snapshots
from reporting.models import Snapshot
from states import services
from states.models import AssistanceRequest, MemberState, OutgoingEmail

MS = Mandate.Status
RS = AssistanceRequest.Status

STATES = ["MEX", "CHL", "COL", "PER", "ARG", "BRA", "CRI", "DOM", "GTM", "JAM", "PAN", "TTO"]
FIRST_RECEIVED = datetime.date(2024, 1, 8)
SESSION_2024 = ("Twenty-fourth regular session (Santiago, April 2024)", datetime.date(2024, 4, 12))
END_OF_2024 = ("End of 2024", datetime.date(2024, 12, 31))

# (title, request type, type of the activity that delivers it)
TOPICS = [
    ("National workshop on preventing violent extremism online", "capacity_building", "workshop"),
    ("Review of the draft counter-terrorism financing law", "legislative", "legislative_review"),
    ("Cyber incident response exercise for the national CSIRT", "capacity_building", "exercise"),
    ("Technical mission on the national cybersecurity strategy", "technical", "technical_mission"),
    ("Training on fraudulent travel document detection", "capacity_building", "training"),
    ("Security plan for a major sporting event", "technical", "technical_mission"),
    ("Protection of critical infrastructure: tabletop exercise", "capacity_building", "exercise"),
    ("Exchange of good practices on terrorist financing investigations", "information_exchange", "conference"),
]

# The status each request ends in, in turn: every status of the workflow appears, the common
# ones most often.
OUTCOMES = [
    RS.CLOSED,
    RS.DELIVERED,
    RS.IN_PROGRESS,
    RS.ACCEPTED,
    RS.UNDER_REVIEW,
    RS.RECEIVED,
    RS.DELIVERED,
    RS.IN_PROGRESS,
    RS.ON_HOLD,
    RS.DECLINED,
    RS.CLOSED,
    RS.WITHDRAWN,
    RS.IN_PROGRESS,
    RS.DELIVERED,
]

# The path to each outcome from "received", with the days after receipt each step happened.
PATHS = {
    RS.RECEIVED: [],
    RS.UNDER_REVIEW: [(RS.UNDER_REVIEW, 6)],
    RS.ACCEPTED: [(RS.UNDER_REVIEW, 6), (RS.ACCEPTED, 21)],
    RS.IN_PROGRESS: [(RS.UNDER_REVIEW, 5), (RS.ACCEPTED, 18), (RS.IN_PROGRESS, 40)],
    RS.DELIVERED: [(RS.UNDER_REVIEW, 4), (RS.ACCEPTED, 15), (RS.IN_PROGRESS, 35), (RS.DELIVERED, 95)],
    RS.CLOSED: [(RS.UNDER_REVIEW, 4), (RS.ACCEPTED, 14), (RS.IN_PROGRESS, 30), (RS.DELIVERED, 80), (RS.CLOSED, 110)],
    RS.ON_HOLD: [(RS.UNDER_REVIEW, 7), (RS.ACCEPTED, 25), (RS.ON_HOLD, 50)],
    RS.DECLINED: [(RS.UNDER_REVIEW, 8), (RS.DECLINED, 30)],
    RS.WITHDRAWN: [(RS.UNDER_REVIEW, 9), (RS.WITHDRAWN, 28)],
}

NOTES_FOR_THE_STATE = {
    RS.UNDER_REVIEW: "The Secretariat is reviewing the request with the program team.",
    RS.ACCEPTED: "Accepted: dates will be proposed to the permanent mission.",
    RS.IN_PROGRESS: "Experts confirmed; preparations are under way with the national authorities.",
    RS.DELIVERED: "Delivered as planned. The final report will follow.",
    RS.CLOSED: "The final report was sent to the permanent mission; the request is closed.",
    RS.ON_HOLD: "On hold until funding is confirmed for the next period.",
    RS.DECLINED: "Declined: the request falls outside the CICTE Work Plan; the Secretariat suggests another program.",
    RS.WITHDRAWN: "Withdrawn by the state: the national authority will cover this itself.",
}
INTERNAL_NOTES = [
    "Funding line: Canada counter-terrorism capacity-building program; confirm the venue with the mission.",
    "Internal: align with the cyber program's annual budget before committing dates.",
    "Internal: the national focal point changed in March; copy both addresses.",
]

# Mandate statuses in turn (action mandates only); None leaves the mandate untouched.
MANDATE_PLAN = [MS.IN_PROGRESS, MS.ONGOING, None, MS.COMPLETED, MS.IN_PROGRESS, None, MS.ONGOING, MS.NOT_STARTED]


@dataclass
class Summary:
    requests: int = 0
    mandates: int = 0
    snapshots: int = 0

    def __str__(self) -> str:
        return (
            f"{self.requests} new requests, {self.mandates} mandate histories, {self.snapshots} snapshots "
            f"({AssistanceRequest.objects.count()} requests from "
            f"{AssistanceRequest.objects.values('state').distinct().count()} states in all)"
        )


def _on(day: datetime.date, today: datetime.date) -> datetime.date:
    return min(day, today)


def _mandate_histories(resolutions: list[Resolution], staff, today: datetime.date) -> int:
    written = 0
    for resolution in resolutions:
        adopted = resolution.adopted_on or datetime.date(2023, 3, 1)
        action = (
            Mandate.objects.filter(resolution=resolution)
            .exclude(kind=Mandate.Kind.DECLARATORY)
            .order_by("section__position", "tree_position")
        )
        for index, (mandate, status) in enumerate(zip(action, itertools.cycle(MANDATE_PLAN), strict=False)):
            if status is None or mandate.updates.exists():
                continue
            started = _on(adopted + datetime.timedelta(days=45 + 9 * index), today)
            first = MS.IN_PROGRESS if status in (MS.COMPLETED, MS.NOT_STARTED) else status
            mandate_services.change_mandate_status(
                mandate=mandate,
                new_status=first,
                by=staff,
                note="Work started with the member states that asked for it.",
                audience=Audience.PUBLIC,
                happened_on=started,
            )
            mandate_services.add_mandate_update(
                mandate=mandate,
                by=staff,
                note=INTERNAL_NOTES[index % len(INTERNAL_NOTES)],
                happened_on=_on(started + datetime.timedelta(days=20), today),
            )
            if status in (MS.COMPLETED, MS.NOT_STARTED):
                mandate_services.change_mandate_status(
                    mandate=mandate,
                    new_status=status,
                    by=staff,
                    note="Completed; reported to the Committee."
                    if status == MS.COMPLETED
                    else "Paused: no state has asked for it yet.",
                    audience=Audience.PUBLIC,
                    happened_on=_on(started + datetime.timedelta(days=240), today),
                )
            written += 1
    return written


def _activity(request: AssistanceRequest, staff, mandate: Mandate | None, kind: str, day: datetime.date, n: int):
    start = day
    services.log_activity(
        request=request,
        by=staff,
        values={
            "mandate": mandate,
            "activity_type": kind,
            "title": f"{request.title} ({request.state.name_en})",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=2),
            "online": n % 5 == 0,
            "place": "" if n % 5 == 0 else f"{request.state.name_en}, national capital",
            "participants_women": 8 + n % 11,
            "participants_men": 10 + (3 * n) % 13,
            "participants_other": n % 3,
            "institutions": "Ministry of Foreign Affairs; national police; financial intelligence unit",
            "funding_source": ["Canada", "United States", "Spain", "OAS regular fund"][n % 4],
        },
    )


def _request(n: int, state: MemberState, mandates: list[Mandate], users: dict, today: datetime.date) -> bool:
    # Each state asks for something different each time (3 × round: 0, 3, 6, 1 apart, mod 8).
    title, request_type, activity_type = TOPICS[(n % len(STATES) + 3 * (n // len(STATES))) % len(TOPICS)]
    if AssistanceRequest.objects.filter(state=state, title=title).exists():
        return False
    staff = users["staff"]
    span = max((today - datetime.timedelta(days=7) - FIRST_RECEIVED).days, 1)
    received = FIRST_RECEIVED + datetime.timedelta(days=span * n // 42)
    outcome = OUTCOMES[n % len(OUTCOMES)]
    steps = PATHS[outcome]
    # Requests received lately have had less time: their steps are drawn closer together.
    room = (today - received).days
    last = steps[-1][1] if steps else 0
    scale = min(1.0, room / last) if last else 1.0
    focal = {"MEX": users["focal-mx"], "CHL": users["focal-cl"]}.get(state.iso3)
    request = services.submit_request(
        state=state,
        by=focal or staff,
        title=title,
        description=f"{state.name_en} asks the CICTE Secretariat for support: {title.lower()}.",
        request_type=request_type,
        mandates=mandates,
        channel=AssistanceRequest.Channel.PORTAL if focal else AssistanceRequest.Channel.NOTE_VERBALE,
        received_on=received,
        assigned_to=staff if n % 4 else None,
    )
    for step, (status, days) in enumerate(steps):
        day = _on(received + datetime.timedelta(days=round(days * scale)), today)
        by = focal if status == RS.WITHDRAWN and focal else staff
        services.change_request_status(
            request=request, new_status=status, by=by, note=NOTES_FOR_THE_STATE[status], happened_on=day
        )
        if step == 1:
            services.add_request_update(
                request=request,
                by=staff,
                note=INTERNAL_NOTES[n % len(INTERNAL_NOTES)],
                audience=Audience.INTERNAL,
                happened_on=day,
            )
        if status == RS.IN_PROGRESS and outcome in (RS.DELIVERED, RS.CLOSED, RS.IN_PROGRESS):
            activity_day = _on(day + datetime.timedelta(days=max(1, round(30 * scale))), today)
            _activity(request, staff, mandates[0] if mandates else None, activity_type, activity_day, n)
    return True


def load_history(users: dict, resolutions: list[Resolution]) -> Summary:
    """The mandates' and requests' two years of work described above (keyed: a second run
    adds nothing). Call ``take_snapshots`` once every other demo row is written."""
    today = timezone.localdate()
    summary = Summary()
    summary.mandates = _mandate_histories(resolutions, users["staff"], today)
    action = list(
        Mandate.objects.filter(resolution__in=resolutions)
        .exclude(kind=Mandate.Kind.DECLARATORY)
        .order_by("resolution__adopted_on", "section__position", "tree_position")
    )
    states = {state.iso3: state for state in MemberState.objects.filter(iso3__in=STATES)}
    for n in range(42):
        state = states[STATES[n % len(STATES)]]
        linked = [action[(5 * n) % len(action)], action[(5 * n + 3) % len(action)]] if action else []
        summary.requests += _request(n, state, list(dict.fromkeys(linked)), users, today)
    return summary


def take_snapshots(users: dict, summary: Summary) -> None:
    """The snapshots at the 2024 session and at the end of 2024, read back from the history."""
    for name, day in (SESSION_2024, END_OF_2024):
        if day <= timezone.localdate() and not Snapshot.objects.filter(name=name).exists():
            snapshots.take_snapshot(name=name, taken_on=day, by=users["staff"])
            summary.snapshots += 1


def first_new_email() -> int:
    return (OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def drop_emails(first: int) -> None:
    """The demo writes a past, not news: the messages its services queued are never sent (the
    delivery task, run after commit, finds them gone)."""
    OutgoingEmail.objects.filter(pk__gte=first).delete()
