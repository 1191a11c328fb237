"""Demo data for ``make run``: accounts for each persona, the seed resolution of 2023 and the
resolution of the 2024 session, two years of work on them (``reporting.demo_history``: 42
requests from twelve states in every status, activities, updates for both audiences, snapshots
at the 2024 session and at the end of 2024), requests of Mexico and Chile with documents, and
the Work Plan followed up (``reporting.demo_workplan``).

Everything is keyed so that running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from commitments.models import Mandate, Resolution
from core import roles
from core.choices import Audience
from reporting import demo_history, demo_implementation, demo_workplan
from states import services
from states.models import Activity, AssistanceRequest, FocalPoint, MemberState

ACCOUNTS = [
    ("admin", "administrator (Django admin, users and roles)"),
    ("staff", "Secretariat staff"),
    ("viewer", "Secretariat viewer (read only)"),
    ("focal-mx", "focal point of Mexico"),
    ("focal-cl", "focal point of Chile"),
]

SEED_RESOLUTION = Path(settings.BASE_DIR) / "commitments" / "data" / "cicte-doc-6-23-rev2.fr.txt"
# The paragraphs the twenty-fourth regular session adopted (Santiago, 12 April 2024).
SESSION_2024_RESOLUTION = Path(settings.BASE_DIR) / "commitments" / "data" / "cicte-doc-5-24.en.txt"
PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "demo-password"


def demo_password(generate: Callable[[], str]) -> str:
    """DEMO_PASSWORD from the environment, else the one generated on the first run."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    password = generate()
    PASSWORD_FILE.write_text(password)
    PASSWORD_FILE.chmod(0o600)
    return password


@transaction.atomic
def create_accounts(password: str) -> dict:
    User = get_user_model()
    users = {}
    # One hash for every demo account (each costs most of a second on purpose).
    hashed = make_password(password)
    for username, _description in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.password = hashed
        user.is_superuser = user.is_staff = username == "admin"
        if username == "staff":
            user.is_staff = True
            user.groups.add(Group.objects.get(name=roles.STAFF_GROUP))
        if username == "viewer":
            user.groups.add(Group.objects.get(name=roles.VIEWER_GROUP))
        user.save()
        users[username] = user
    for username, iso3 in (("focal-mx", "MEX"), ("focal-cl", "CHL")):
        FocalPoint.objects.update_or_create(
            user=users[username], defaults={"state": MemberState.objects.get(iso3=iso3)}
        )
    return users


def load_resolution(by, path: Path = SEED_RESOLUTION) -> Resolution:
    """A resolution (the seed by default), through the importer (see commitments.importer);
    importing the same text again updates it in place."""
    from commitments.importer import import_resolution_file

    return import_resolution_file(path, by=by).resolution


DEMO_REQUESTS = [
    {
        "iso3": "MEX",
        "title": "Workshop on preventing violent extremism online",
        "description": "Mexico asks for a national workshop on preventing the use of ICTs for violent extremism.",
        "request_type": AssistanceRequest.Type.CAPACITY_BUILDING,
        "mandate_number": ("1", "4"),
        "received_on": datetime.date(2024, 2, 12),
        "channel": AssistanceRequest.Channel.NOTE_VERBALE,
        "state_note": "Accepted: the workshop is planned for the second quarter.",
        "internal_note": "Funding from the Canada CT capacity-building program; confirm venue with the mission.",
        "activity": ("National workshop on online violent extremism", "Mexico City", 14, 18, "Canada"),
    },
    {
        "iso3": "CHL",
        "title": "Review of the national cybersecurity strategy",
        "description": "Chile asks for technical assistance to review its national cybersecurity strategy.",
        "request_type": AssistanceRequest.Type.TECHNICAL,
        "mandate_number": ("2", "3"),
        "received_on": datetime.date(2024, 3, 5),
        "channel": AssistanceRequest.Channel.EMAIL,
        "state_note": "Accepted: experts will join a technical mission in Santiago.",
        "internal_note": "Internal: align with the cyber program's annual budget before committing dates.",
        "activity": ("Technical mission on the cybersecurity strategy", "Santiago", 9, 7, "United States"),
    },
]


@transaction.atomic
def load_data(users: dict) -> str:
    first_email = demo_history.first_new_email()
    resolution = load_resolution(users["staff"])
    session_2024 = load_resolution(users["staff"], SESSION_2024_RESOLUTION)
    history = demo_history.load_history(users, [resolution, session_2024])
    created = 0
    for spec in DEMO_REQUESTS:
        state = MemberState.objects.get(iso3=spec["iso3"])
        if AssistanceRequest.objects.filter(state=state, title=spec["title"]).exists():
            continue
        section_position, number = spec["mandate_number"]
        mandate = Mandate.objects.get(
            resolution=resolution, section__position=int(section_position), parent=None, number=number
        )
        focal = users["focal-mx" if spec["iso3"] == "MEX" else "focal-cl"]
        request = services.submit_request(
            state=state,
            by=focal,
            title=spec["title"],
            description=spec["description"],
            request_type=spec["request_type"],
            mandates=[mandate],
            channel=spec["channel"],
            received_on=spec["received_on"],
            assigned_to=users["staff"],
        )
        staff = users["staff"]
        services.change_request_status(
            request=request,
            new_status=AssistanceRequest.Status.ACCEPTED,
            by=staff,
            note=spec["state_note"],
            audience=Audience.STATE,
        )
        services.add_request_update(request=request, by=staff, note=spec["internal_note"], audience=Audience.INTERNAL)
        services.change_request_status(
            request=request,
            new_status=AssistanceRequest.Status.IN_PROGRESS,
            by=staff,
            note="Preparations under way.",
            audience=Audience.STATE,
        )
        title, place, women, men, funding = spec["activity"]
        start = spec["received_on"] + datetime.timedelta(days=60)
        services.log_activity(
            request=request,
            by=staff,
            values={
                "mandate": mandate,
                "activity_type": Activity.Type.WORKSHOP,
                "title": title,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=2),
                "place": place,
                "participants_women": women,
                "participants_men": men,
                "institutions": "Ministry of Foreign Affairs; Police",
                "funding_source": funding,
            },
        )
        note_verbale = f"Note verbale of {state.name_en} requesting: {spec['title']}\n".encode()
        services.add_attachment(
            request=request,
            by=focal,
            upload=ContentFile(note_verbale, name="note-verbale.txt"),
            description="Note verbale (demo)",
        )
        memo = f"Internal budget memo on {request.reference} (demo): never shown to {state.name_en}.\n".encode()
        services.add_attachment(
            request=request,
            by=staff,
            upload=ContentFile(memo, name="budget-memo.txt"),
            audience=Audience.INTERNAL,
            description="Internal budget memo (demo)",
        )
        created += 1
    work_plan = demo_workplan.load_work_plan(users, resolution)
    national = demo_implementation.load_reports(users, session_2024, reported_on=datetime.date(2024, 6, 3))
    demo_history.take_snapshots(users, history)
    demo_history.drop_emails(first_email)
    mandates = f"{resolution.mandates.count()} mandates of {resolution.symbol}"
    mandates += f" and {session_2024.mandates.count()} of {session_2024.symbol}"
    return f"Demo data ready: {mandates}; {history}; {created} new requests with documents; {national}. {work_plan}"
