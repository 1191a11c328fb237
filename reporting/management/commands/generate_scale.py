"""``manage.py generate_scale --requests 250000 --seed 1``: a Secretariat's ten years of data
(issue 10's shape) loaded through bulk inserts, for benchmarks and for sizing a server.

At ``--requests 250000``: 300 resolutions holding 100,000 mandates, 250,000 requests over the 35
member states with about 4.4 updates each (1.1 million), 50,000 activities. Smaller runs scale
every count in proportion. The same seed on the same starting database gives the same rows.

The rows respect every constraint and the invariants the services keep: a request's status is
the new status of its last status update and each status change follows the workflow's
transition table (with a reason where one is required); references follow the per-year
counters, which are moved past the numbers used; ``delivered_on``/``closed_on`` are the dates
of the updates that delivered and closed the request; ``version`` counts the edits; a mandate's
status is that of its last status update. Timestamps are those of the ten years, not of the
moment the command runs (so ``auto_now`` is suspended while it inserts).
"""

from __future__ import annotations

import contextlib
import datetime
import random
import time
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone

from commitments.models import Mandate, MandateUpdate, Owner, ProgramArea, Resolution, Section, WorkPlan
from core import roles
from core.choices import Audience
from states.models import Activity, AssistanceRequest, FocalPoint, MemberState, RequestCounter, RequestUpdate
from states.workflow import REASON_REQUIRED, REQUEST_TRANSITIONS

# Issue 10's full scale, reached at --requests 250000; every count scales with --requests.
FULL_REQUESTS = 250_000
FULL_MANDATES = 100_000
FULL_RESOLUTIONS = 300
FULL_ACTIVITIES = 50_000
SECTIONS_PER_RESOLUTION = 8
FIRST_YEAR, LAST_YEAR = 2016, 2025
# Every timestamp falls before this, so runs on different days give the same rows.
HORIZON = datetime.datetime(2026, 6, 30, 12, 0, tzinfo=datetime.UTC)
# The "hub" mandate that many requests cite (6,974 of 250,000 in the data).
HUB_SHARE = 0.028
PREFIX = "SCALE"
STAFF_USERS = 20

WORDS = (
    "request the CICTE Secretariat continue support member states strengthening national coordination "
    "mechanisms cybersecurity capacity building border management information exchange subject available "
    "resources good practices critical infrastructure violent extremism financing terrorism maritime "
    "security aviation cooperation training legislative review incident response teams ports customs "
    "biological chemical nuclear materials proliferation emerging technologies public private partnerships"
).split()
NOTES = (
    "Call with the focal point; next steps agreed.",
    "Terms of reference shared for comments.",
    "Expert identified; dates being confirmed.",
    "Funding request sent to donors.",
    "Draft report circulated to the national authorities.",
    "Follow-up meeting held online.",
)
REASONS = {
    AssistanceRequest.Status.DECLINED: "Outside the program's scope.",
    AssistanceRequest.Status.ON_HOLD: "Waiting for donor funding.",
    AssistanceRequest.Status.WITHDRAWN: "The state no longer needs the assistance.",
}
# The way most requests move; at each step a request goes on this way, takes another allowed
# transition, or stops where it is.
FORWARD = {
    "received": "under_review",
    "under_review": "accepted",
    "accepted": "in_progress",
    "in_progress": "delivered",
    "on_hold": "accepted",
    "delivered": "closed",
}
MANDATE_STATUSES = ["not_started"] * 3 + ["in_progress"] * 4 + ["completed"] * 2 + ["ongoing"] * 2
MANDATE_STATUSES += ["no_action_required", "superseded"]


@contextlib.contextmanager
def historical_timestamps(*model_classes) -> Iterator[None]:
    """Let bulk inserts keep the dates given (``auto_now``/``auto_now_add`` set them to now)."""
    saved = []
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField | models.DateField) and (field.auto_now or field.auto_now_add):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def scaled(full: int, requests: int, minimum: int = 1) -> int:
    return max(minimum, round(full * requests / FULL_REQUESTS))


class Generator:
    def __init__(self, *, requests: int, seed: int, batch_size: int, out) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.requests = requests
        self.batch_size = batch_size
        self.out = out
        self.counts: dict[str, int] = {}

    def log(self, message: str) -> None:
        self.out.write(message)

    def text(self, words: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=words)).capitalize() + "."

    def deadline(self, adopted: datetime.date) -> datetime.date | None:
        return adopted + datetime.timedelta(days=self.rng.randint(180, 900)) if self.rng.random() < 0.3 else None

    def moment(self, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        hour = self.rng.randint(13, 22) if hour is None else hour
        return min(datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC), HORIZON)

    # --- people -------------------------------------------------------------------------------

    def people(self) -> None:
        User = get_user_model()
        staff_group = Group.objects.get(name=roles.STAFF_GROUP)
        names = [f"{PREFIX.lower()}-staff"] + [f"{PREFIX.lower()}-staff-{n:02d}" for n in range(1, STAFF_USERS)]
        users = []
        for name in names:
            user = User(username=name, first_name="Staff", last_name=name.rsplit("-", 1)[-1].title())
            user.set_unusable_password()
            users.append(user)
        self.staff = User.objects.bulk_create(users)
        staff_group.user_set.add(*self.staff)
        focal = User(username=f"{PREFIX.lower()}-focal-mex")
        focal.set_unusable_password()
        focal.save()
        FocalPoint.objects.create(user=focal, state=MemberState.objects.get(iso3="MEX"))

    # --- commitments --------------------------------------------------------------------------

    def work_plans(self) -> dict[int, WorkPlan]:
        """Two-year work plans over the ten years, each with the reference plan's program areas."""
        template = list(ProgramArea.objects.filter(work_plan__start_year=2023).order_by("code"))
        by_year: dict[int, WorkPlan] = {}
        self.areas: dict[int, list[ProgramArea]] = {}
        for start in range(FIRST_YEAR, LAST_YEAR + 1, 2):
            plan, _created = WorkPlan.objects.get_or_create(
                start_year=start, end_year=start + 1, defaults={"title": f"CICTE Work Plan {start}-{start + 1}"}
            )
            for area in template:
                ProgramArea.objects.get_or_create(
                    work_plan=plan,
                    code=area.code,
                    defaults={f"name_{c}": getattr(area, f"name_{c}") for c in ("en", "es", "fr", "pt")},
                )
            self.areas[plan.pk] = list(plan.program_areas.order_by("code"))
            by_year[start] = by_year[start + 1] = plan
        return by_year

    def mandates(self, plans: dict[int, WorkPlan]) -> None:
        rng = self.rng
        resolutions = scaled(FULL_RESOLUTIONS, self.requests, 3)
        per_resolution = max(SECTIONS_PER_RESOLUTION, scaled(FULL_MANDATES, self.requests) // resolutions)
        owners = list(Owner.objects.order_by("name_en"))
        span = (datetime.date(LAST_YEAR, 12, 31) - datetime.date(FIRST_YEAR, 1, 1)).days
        self.mandate_ids: list[int] = []
        self.mandates_by_plan: dict[int, list[int]] = {}
        self.mandate_area: dict[int, list[int]] = {}
        statuses: dict[int, str] = {}
        for r in range(resolutions):
            adopted = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(days=span * r // resolutions)
            plan = plans[adopted.year]
            resolution = Resolution.objects.create(
                symbol=f"{PREFIX}/RES. {r + 1} ({adopted.year})",
                series=f"OEA/Ser.L/X.2.{adopted.year - 2000}",
                body="CICTE",
                session=adopted.year - 2000,
                adopted_on=adopted,
                original_language=rng.choice(["en", "es"]),
                title=self.text(10),
                work_plan=plan,
                created_at=self.moment(adopted, 12),
                updated_at=self.moment(adopted, 12),
            )
            created = resolution.created_at
            sections = Section.objects.bulk_create(
                Section(resolution=resolution, position=s + 1, title=self.text(4)[:-1])
                for s in range(SECTIONS_PER_RESOLUTION)
            )
            # Every fifth paragraph is a sub-item (a., b., …) of the paragraph before it.
            tops, subs = [], []
            numbered: dict[int, int] = {}  # paragraphs numbered so far, per section and per parent
            for m in range(per_resolution):
                section_index = m * SECTIONS_PER_RESOLUTION // per_resolution
                fields = {
                    "resolution": resolution,
                    "section": sections[section_index],
                    "text": self.text(rng.randint(25, 80)),
                    "language": resolution.original_language,
                    "kind": "declaratory" if rng.random() < 0.1 else "action",
                    "status": rng.choice(MANDATE_STATUSES),
                    "on_request": rng.random() < 0.3,
                    "subject_to_resources": rng.random() < 0.4,
                    "deadline": self.deadline(adopted),
                    "created_at": created,
                    "updated_at": created,
                }
                if m % 5 == 4 and tops and tops[-1][1]["section"] is fields["section"]:
                    parent_index = len(tops) - 1
                    siblings = numbered.get(-1 - parent_index, 0)
                    numbered[-1 - parent_index] = siblings + 1
                    number = chr(ord("a") + siblings)
                    subs.append((parent_index, {**fields, "number": number, "position": siblings + 1}))
                else:
                    number = numbered.get(section_index, 0) + 1
                    numbered[section_index] = number
                    tops.append((None, {**fields, "number": str(number), "position": number}))
            top_rows = Mandate.objects.bulk_create(
                [Mandate(**f, tree_position=f"{f['position']:04d}") for _p, f in tops], batch_size=self.batch_size
            )
            sub_rows = Mandate.objects.bulk_create(
                [
                    Mandate(**f, parent=top_rows[p], tree_position=f"{top_rows[p].tree_position}.{f['position']:04d}")
                    for p, f in subs
                ],
                batch_size=self.batch_size,
            )
            rows = top_rows + sub_rows
            areas = self.areas[plan.pk]
            Mandate.owners.through.objects.bulk_create(
                [
                    Mandate.owners.through(mandate_id=m.pk, owner_id=o.pk)
                    for m in rows
                    for o in rng.sample(owners, rng.choice([1, 1, 1, 2]))
                ],
                batch_size=self.batch_size,
            )
            Mandate.program_areas.through.objects.bulk_create(
                [Mandate.program_areas.through(mandate_id=m.pk, programarea_id=rng.choice(areas).pk) for m in rows],
                batch_size=self.batch_size,
            )
            for m in rows:
                statuses[m.pk] = m.status
                self.mandate_ids.append(m.pk)
                self.mandates_by_plan.setdefault(plan.pk, []).append(m.pk)
            self.mandate_area[resolution.pk] = [a.pk for a in areas]
        self.counts["resolutions"] = resolutions
        self.counts["mandates"] = len(self.mandate_ids)
        self.mandate_updates(statuses)
        # The most cited mandate: the first paragraph of the newest resolution.
        self.hub = max(self.mandate_ids)
        self.log(f"  {resolutions} resolutions, {len(self.mandate_ids)} mandates")

    def mandate_updates(self, statuses: dict[int, str]) -> None:
        """One status change for each mandate that left "not started" (its status and version
        follow it), and a public note on some."""
        rng = self.rng
        updates, versions = [], []
        created = dict(Mandate.objects.filter(pk__in=statuses).values_list("pk", "created_at"))
        for pk, status in statuses.items():
            when = min(created[pk] + datetime.timedelta(days=rng.randint(30, 700)), HORIZON)
            if status != "not_started":
                updates.append(
                    MandateUpdate(
                        mandate_id=pk,
                        author=rng.choice(self.staff),
                        created_at=when,
                        happened_on=timezone.localdate(when),
                        old_status="not_started",
                        new_status=status,
                        note=rng.choice(NOTES),
                        audience=Audience.PUBLIC,
                    )
                )
                versions.append(pk)
            if rng.random() < 0.3:
                updates.append(
                    MandateUpdate(
                        mandate_id=pk,
                        author=rng.choice(self.staff),
                        created_at=when + datetime.timedelta(hours=1),
                        happened_on=timezone.localdate(when + datetime.timedelta(hours=1)),
                        note=rng.choice(NOTES),
                        audience=rng.choice([Audience.PUBLIC, Audience.INTERNAL]),
                    )
                )
        MandateUpdate.objects.bulk_create(updates, batch_size=self.batch_size)
        # A status change is an edit: the services bump the version with it.
        for start in range(0, len(versions), self.batch_size):
            Mandate.objects.filter(pk__in=versions[start : start + self.batch_size]).update(version=2)
        # The mandates' latest-update days, as the services keep them.
        ids = list(statuses)
        for start in range(0, len(ids), self.batch_size):
            Mandate.objects.filter(pk__in=ids[start : start + self.batch_size]).refresh_latest_updates()
        self.counts["mandate updates"] = len(updates)

    # --- requests -----------------------------------------------------------------------------

    def history(self, received: datetime.date) -> list[tuple[str, str, str, datetime.datetime]]:
        """(old status, new status, note, when) from "received" along the workflow, with notes
        that change nothing in between."""
        rng = self.rng
        when = self.moment(received)
        entries = [("", "received", "Request submitted.", when)]
        status = "received"
        while REQUEST_TRANSITIONS[status] and rng.random() < 0.72:
            allowed = sorted(REQUEST_TRANSITIONS[status])
            forward = FORWARD.get(status)
            new = forward if forward in allowed and rng.random() < 0.85 else rng.choice(allowed)
            when = min(when + datetime.timedelta(days=rng.randint(1, 90), hours=rng.randint(0, 5)), HORIZON)
            entries.append((status, new, REASONS.get(new, rng.choice(NOTES)) if new in REASON_REQUIRED else "", when))
            status = new
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            when = min(when + datetime.timedelta(days=rng.randint(1, 30)), HORIZON)
            entries.append(("", "", rng.choice(NOTES), when))
        return entries

    def requests_and_activities(self, plans: dict[int, WorkPlan]) -> None:
        rng = self.rng
        states = list(MemberState.objects.order_by("iso3"))
        # Larger states file more; Mexico among the busiest, as in the measurements.
        weights = [3 if s.iso3 in ("MEX", "BRA", "COL", "USA", "ARG") else 1 for s in states]
        counters = dict(RequestCounter.objects.values_list("year", "last_number"))
        span = (datetime.date(LAST_YEAR, 12, 31) - datetime.date(FIRST_YEAR, 1, 1)).days
        total_activities = scaled(FULL_ACTIVITIES, self.requests)
        under_requests = total_activities * 6 // 10
        made = {"requests": 0, "request updates": 0, "request mandates": 0, "activities": 0}
        done = 0
        while done < self.requests:
            size = min(self.batch_size, self.requests - done)
            rows, histories, cited = [], [], []
            for _ in range(size):
                received = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(days=rng.randint(0, span))
                history = self.history(received)
                counters[received.year] = counters.get(received.year, 0) + 1
                changes = [e for e in history if e[1]]
                status = changes[-1][1]
                delivered = [e[3].date() for e in changes if e[1] == "delivered"]
                closed = changes[-1][3].date() if status in AssistanceRequest.Status.closed_values() else None
                state = rng.choices(states, weights)[0]
                plan = plans[received.year]
                rows.append(
                    AssistanceRequest(
                        reference=f"REQ-{received.year}-{counters[received.year]:04d}",
                        state=state,
                        title=self.text(rng.randint(4, 9))[:200],
                        description=self.text(rng.randint(15, 40)),
                        program_area_id=rng.choice(self.areas[plan.pk]).pk if rng.random() < 0.8 else None,
                        request_type=rng.choice(AssistanceRequest.Type.values),
                        channel=rng.choice(AssistanceRequest.Channel.values),
                        received_on=received,
                        priority=rng.choice(["low", "normal", "normal", "normal", "high", "urgent"]),
                        status=status,
                        assigned_to=rng.choice(self.staff) if rng.random() < 0.85 else None,
                        delivered_on=delivered[-1] if delivered else None,
                        closed_on=closed,
                        version=len(changes),
                        created_at=history[0][3],
                        updated_at=history[-1][3],
                    )
                )
                histories.append(history)
                mandates = {self.hub} if rng.random() < HUB_SHARE else set()
                while len(mandates) < rng.choice([1, 1, 2, 3]):
                    plan_mandates = self.mandates_by_plan.get(plan.pk) or self.mandate_ids
                    mandates.add(rng.choice(plan_mandates) if rng.random() < 0.8 else rng.choice(self.mandate_ids))
                cited.append(sorted(mandates))
            requests = AssistanceRequest.objects.bulk_create(rows, batch_size=self.batch_size)
            updates = []
            for request, history in zip(requests, histories, strict=True):
                version = 0
                for old, new, note, when in history:
                    if new:
                        version += 1
                    updates.append(
                        RequestUpdate(
                            request_id=request.pk,
                            author=request.assigned_to or self.staff[0],
                            created_at=when,
                            happened_on=timezone.localdate(when),
                            old_status=old,
                            new_status=new,
                            note=note,
                            audience=Audience.INTERNAL if rng.random() < 0.2 else Audience.STATE,
                            request_version=version if new else None,
                        )
                    )
            RequestUpdate.objects.bulk_create(updates, batch_size=self.batch_size)
            links = [
                AssistanceRequest.mandates.through(assistancerequest_id=request.pk, mandate_id=mandate)
                for request, mandates in zip(requests, cited, strict=True)
                for mandate in mandates
            ]
            AssistanceRequest.mandates.through.objects.bulk_create(links, batch_size=self.batch_size)
            share = round(under_requests * (done + size) / self.requests) - round(under_requests * done / self.requests)
            activities = []
            for index in rng.sample(range(size), min(share, size)):
                request = requests[index]
                start = request.received_on + datetime.timedelta(days=rng.randint(20, 400))
                activities.append(self.activity(start, request=request, mandate_id=cited[index][0]))
            Activity.objects.bulk_create(activities, batch_size=self.batch_size)
            done += size
            made["requests"] += size
            made["request updates"] += len(updates)
            made["request mandates"] += len(links)
            made["activities"] += len(activities)
            self.log(f"  {done} requests, {made['request updates']} updates")
        # Activities under a mandate alone: regional ones (no state) and national ones.
        regional = [
            self.activity(
                datetime.date(FIRST_YEAR, 3, 1) + datetime.timedelta(days=rng.randint(0, span)),
                mandate_id=rng.choice(self.mandate_ids),
                state=rng.choice(states) if rng.random() < 0.5 else None,
            )
            for _ in range(total_activities - made["activities"])
        ]
        Activity.objects.bulk_create(regional, batch_size=self.batch_size)
        made["activities"] += len(regional)
        for year, last in counters.items():
            RequestCounter.objects.update_or_create(year=year, defaults={"last_number": last})
        self.counts.update(made)

    def activity(self, start: datetime.date, *, request=None, mandate_id=None, state=None) -> Activity:
        rng = self.rng
        online = rng.random() < 0.3
        return Activity(
            request=request,
            mandate_id=mandate_id,
            state=request.state if request else state,
            activity_type=rng.choice(Activity.Type.values),
            title=self.text(rng.randint(3, 7))[:200],
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randint(0, 4)),
            place="" if online else rng.choice(["Washington, D.C.", "Mexico City", "Bogotá", "Kingston", "Lima"]),
            online=online,
            participants_women=rng.randint(0, 30),
            participants_men=rng.randint(0, 30),
            participants_other=rng.randint(0, 2),
            funding_source=rng.choice(["Canada", "United States", "Spain", "OAS Regular Fund", ""]),
            created_by=rng.choice(self.staff),
            created_at=self.moment(start),
        )


class Command(BaseCommand):
    help = "Load a Secretariat's ten years of data (issue 10's shape) through bulk inserts, seeded."

    def add_arguments(self, parser):
        parser.add_argument(
            "--requests", type=int, default=FULL_REQUESTS, help="assistance requests; every other count scales"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, requests: int, seed: int, batch_size: int, **options):
        if requests < 1 or batch_size < 1:
            raise CommandError("--requests and --batch-size must be positive.")
        if Resolution.objects.filter(symbol__startswith=f"{PREFIX}/").exists():
            raise CommandError("This database already holds generated data; use a fresh database.")
        started = time.monotonic()
        generator = Generator(requests=requests, seed=seed, batch_size=batch_size, out=self.stdout)
        timestamped = (Mandate, MandateUpdate, Resolution, AssistanceRequest, RequestUpdate, Activity)
        with historical_timestamps(*timestamped), transaction.atomic():
            generator.people()
            plans = generator.work_plans()
            generator.mandates(plans)
            generator.requests_and_activities(plans)
        summary = ", ".join(f"{n:,} {what}" for what, n in generator.counts.items())
        self.stdout.write(self.style.SUCCESS(f"{summary} in {time.monotonic() - started:.0f} s."))
        self.stdout.write(
            f"Accounts (no password; for benchmarks): {PREFIX.lower()}-staff, {PREFIX.lower()}-focal-mex. "
            f"Most cited mandate: #{generator.hub}."
        )
