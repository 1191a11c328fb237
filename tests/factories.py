"""Plain factory functions for tests: each makes one valid row, overridable by keyword."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from commitments.models import Mandate, Owner, Resolution, Section
from core import roles
from states import services
from states.models import Activity, AssistanceRequest, FocalPoint, MemberState

_counter = itertools.count(1)

User = get_user_model()


def make_user(username: str | None = None, *, group: str | None = None, **fields) -> User:
    username = username or f"user{next(_counter)}"
    fields.setdefault("email", f"{username}@example.org")
    user = User.objects.create_user(username=username, password=None, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_admin(username: str = "admin") -> User:
    return User.objects.create_superuser(username=username, email=f"{username}@example.org", password=None)


def make_staff(username: str | None = None) -> User:
    return make_user(username, group=roles.STAFF_GROUP, is_staff=True)


def make_viewer(username: str | None = None) -> User:
    return make_user(username, group=roles.VIEWER_GROUP)


def make_focal_point(iso3: str, username: str | None = None) -> User:
    user = make_user(username or f"focal-{iso3.lower()}-{next(_counter)}")
    FocalPoint.objects.create(user=user, state=MemberState.objects.get(iso3=iso3))
    return user


def _letters(number: int) -> str:
    """1 → "A", 27 → "AA": unique symbols without digits, so that a search for a paragraph
    number never matches a test resolution's symbol by accident."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def make_resolution(symbol: str | None = None, **fields) -> Resolution:
    fields.setdefault("body", "CICTE")
    fields.setdefault("original_language", "es")
    return Resolution.objects.create(symbol=symbol or f"CICTE/TEST.{_letters(next(_counter))}", **fields)


def make_section(resolution: Resolution | None = None, position: int | None = None, **fields) -> Section:
    resolution = resolution or make_resolution()
    if position is None:
        position = resolution.sections.count() + 1
    return Section.objects.create(resolution=resolution, position=position, **fields)


def make_mandate(section: Section | None = None, *, owners: list[str] = (), **fields) -> Mandate:
    section = section or make_section()
    parent = fields.get("parent")
    siblings = Mandate.objects.filter(section=section, parent=parent)
    position = fields.pop("position", siblings.count() + 1)
    fields.setdefault("number", str(position))
    fields.setdefault("text", f"To request the CICTE Secretariat to act ({_letters(next(_counter))}).")
    fields.setdefault("language", "en")
    tree = f"{parent.tree_position}." if parent else ""
    mandate = Mandate.objects.create(
        resolution=section.resolution,
        section=section,
        position=position,
        tree_position=f"{tree}{position:04d}",
        **fields,
    )
    if owners:
        mandate.owners.set(Owner.objects.filter(name_en__in=owners))
    return mandate


def make_request(iso3: str = "MEX", *, by: User | None = None, mandates=(), **fields) -> AssistanceRequest:
    state = MemberState.objects.get(iso3=iso3)
    by = by or make_staff()
    fields.setdefault("title", "Review of the counter-terrorism financing law")
    fields.setdefault("description", "Technical assistance to review the draft law.")
    fields.setdefault("request_type", AssistanceRequest.Type.LEGISLATIVE)
    return services.submit_request(state=state, by=by, mandates=mandates, **fields)


def make_activity(request: AssistanceRequest | None = None, **fields) -> Activity:
    fields.setdefault("activity_type", Activity.Type.WORKSHOP)
    fields.setdefault("title", "National workshop")
    fields.setdefault("start_date", datetime.date(2024, 3, 4))
    fields.setdefault("end_date", datetime.date(2024, 3, 6))
    if request is not None:
        fields.setdefault("state", request.state)
    return Activity.objects.create(request=request, **fields)

def make_delivery_task():
    """A queued email delivery, as the database task backend stores it."""
    from django.test import override_settings

    from states import outbox

    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database):
        return outbox.deliver_emails.enqueue([]).db_result
