"""Time the implementation report (page, PDF, XLSX) and the dashboard at benchmark scale.

Not a test (pytest collects ``test_*.py`` only). It builds a throwaway test database (SQLite
by default, or the server of ``DATABASE_URL`` under Django's ``test_`` name), fills it with
bulk inserts and prints timings:

    DEBUG=true .venv/bin/python tests/benchmarks/bench_report.py
    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/cicte_e .venv/bin/python tests/benchmarks/bench_report.py
    ... bench_report.py --resolutions 2 --mandates 50 --requests 100 --activities 200   # a quick run

Target: each report under a minute at 20 resolutions x 300 mandates, 2,000 requests and
5,000 activities.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cicte.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

WORDS = (
    "to request the CICTE Secretariat to continue supporting member states that so request in strengthening "
    "national coordination mechanisms cybersecurity capacity building border management information exchange "
    "subject to available resources good practices critical infrastructure violent extremism financing"
).split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build(*, resolutions: int, mandates: int, requests: int, activities: int, seed: int = 7) -> dict:
    """Bulk-insert the data set; statuses are set directly (the history rows are inserted too)."""
    from django.contrib.auth.models import Group, User

    from commitments.models import Mandate, MandateUpdate, Owner, ProgramArea, Resolution, Section, WorkPlan
    from core import roles
    from core.choices import Audience
    from states.models import Activity, AssistanceRequest, MemberState, RequestUpdate

    rng = random.Random(seed)
    staff = User.objects.create_user("bench-staff")
    staff.groups.add(Group.objects.get(name=roles.STAFF_GROUP))
    owners = list(Owner.objects.all())
    areas = list(ProgramArea.objects.all())
    states = list(MemberState.objects.all())
    plan = WorkPlan.objects.first()
    sections_per = 10
    mandate_rows = []
    for r in range(resolutions):
        resolution = Resolution.objects.create(
            symbol=f"CICTE/RES. {r + 1}/{23 + r % 3}",
            title=_text(rng, 12),
            adopted_on=datetime.date(2023 + r % 3, 5, 18),
            original_language="es",
            work_plan=plan,
        )
        sections = Section.objects.bulk_create(
            Section(resolution=resolution, position=s + 1, title=_text(rng, 4)) for s in range(sections_per)
        )
        for m in range(mandates):
            section = sections[m % sections_per]
            position = m // sections_per + 1
            mandate_rows.append(
                Mandate(
                    resolution=resolution,
                    section=section,
                    number=str(position),
                    position=position,
                    tree_position=f"{position:04d}",
                    text=_text(rng, rng.randint(30, 90)),
                    language="es",
                    status=rng.choice(Mandate.Status.values),
                    deadline=datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
                    if rng.random() < 0.3
                    else None,
                )
            )
    all_mandates = Mandate.objects.bulk_create(mandate_rows, batch_size=1000)
    Mandate.owners.through.objects.bulk_create(
        [
            Mandate.owners.through(mandate_id=m.pk, owner_id=o.pk)
            for m in all_mandates
            for o in rng.sample(owners, rng.randint(1, 2))
        ],
        batch_size=2000,
    )
    Mandate.program_areas.through.objects.bulk_create(
        [Mandate.program_areas.through(mandate_id=m.pk, programarea_id=rng.choice(areas).pk) for m in all_mandates],
        batch_size=2000,
    )
    MandateUpdate.objects.bulk_create(
        [
            MandateUpdate(
                mandate=m,
                author=staff,
                old_status=Mandate.Status.NOT_STARTED,
                new_status=m.status,
                note=_text(rng, 25),
                audience=rng.choice([Audience.PUBLIC, Audience.INTERNAL]),
            )
            for m in all_mandates
            for _ in range(2)
        ],
        batch_size=2000,
    )
    request_rows = []
    for n in range(requests):
        received = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 1000))
        status = rng.choice(AssistanceRequest.Status.values)
        delivered = status in ("delivered", "closed")
        request_rows.append(
            AssistanceRequest(
                reference=f"REQ-{received.year}-{n + 1:04d}",
                state=rng.choice(states),
                title=_text(rng, 8)[:200],
                description=_text(rng, 40),
                request_type=rng.choice(AssistanceRequest.Type.values),
                received_on=received,
                status=status,
                delivered_on=received + datetime.timedelta(days=rng.randint(10, 300)) if delivered else None,
                assigned_to=staff,
            )
        )
    all_requests = AssistanceRequest.objects.bulk_create(request_rows, batch_size=1000)
    AssistanceRequest.mandates.through.objects.bulk_create(
        [
            AssistanceRequest.mandates.through(assistancerequest_id=r.pk, mandate_id=m.pk)
            for r in all_requests
            for m in rng.sample(all_mandates, rng.randint(1, 2))
        ],
        batch_size=2000,
    )
    RequestUpdate.objects.bulk_create(
        [RequestUpdate(request=r, author=staff, new_status=r.status, note=_text(rng, 15)) for r in all_requests],
        batch_size=2000,
    )
    activity_rows = []
    for _ in range(activities):
        start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 1100))
        under_request = rng.random() < 0.6
        request = rng.choice(all_requests) if under_request else None
        activity_rows.append(
            Activity(
                request=request,
                mandate=rng.choice(all_mandates),
                state=request.state if request else (rng.choice(states) if rng.random() < 0.5 else None),
                activity_type=rng.choice(Activity.Type.values),
                title=_text(rng, 6)[:200],
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(0, 4)),
                participants_women=rng.randint(0, 30),
                participants_men=rng.randint(0, 30),
                participants_other=rng.randint(0, 2),
                funding_source=rng.choice(["Canada", "United States", "Spain", "OAS Regular Fund", ""]),
            )
        )
    Activity.objects.bulk_create(activity_rows, batch_size=1000)
    return {"staff": staff, "resolution": Resolution.objects.order_by("pk").first()}


def _time(client: Client, url: str) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.content), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resolutions", type=int, default=20)
    parser.add_argument("--mandates", type=int, default=300, help="per resolution")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--activities", type=int, default=5000)
    args = parser.parse_args()

    settings.ALLOWED_HOSTS = ["*"]
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in production use, rather than Django's default in-memory test database.
        database.setdefault("TEST", {})["NAME"] = "/tmp/cicte-bench-report.sqlite3"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        data = build(
            resolutions=args.resolutions,
            mandates=args.mandates,
            requests=args.requests,
            activities=args.activities,
        )
        print(
            f"{connection.vendor}: {args.resolutions} resolutions x {args.mandates} mandates, "
            f"{args.requests} requests, {args.activities} activities built in {time.perf_counter() - started:.1f} s"
        )
        client = Client()
        client.force_login(data["staff"])
        one = f"resolution={data['resolution'].pk}&language=en"
        every = f"end={timezone.localdate().isoformat()}&language=es"
        cases = [
            ("dashboard", "/"),
            ("report page, one resolution", f"/reports/view/?{one}"),
            ("report PDF, one resolution", f"/reports/download.pdf?{one}"),
            ("report XLSX, one resolution", f"/reports/download.xlsx?{one}"),
            ("report page, every resolution", f"/reports/view/?{every}"),
            ("report PDF, every resolution", f"/reports/download.pdf?{every}"),
            ("report XLSX, every resolution", f"/reports/download.xlsx?{every}"),
        ]
        print(f"{'what':34} {'seconds':>8} {'size':>12} {'queries':>8}")
        for label, url in cases:
            elapsed, size, queries = _time(client, url)
            print(f"{label:34} {elapsed:8.2f} {size / 1024:10.0f} kB {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
