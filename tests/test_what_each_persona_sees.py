"""The authorization matrix, second half: not only which URLs each persona may open, but what
it *sees* there. For each persona (staff, viewer, the focal points of Mexico and Chile, an
anonymous visitor of the public mandate pages) the pages, flags, counts, dates and export
columns are captured before and after (a) changes to Mexico's requests and (b) Secretariat-only
notes, and must be identical for every persona who may not read that change.

A side channel is anything that differs: a "stale" badge that clears, a "last change" date
that moves, a count that grows, a column that appears.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from commitments import services as mandate_services
from commitments.models import Mandate, MandateUpdate
from core.choices import Audience
from states import services as request_services
from states.models import Activity, AssistanceRequest, MemberState, RequestUpdate
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERSONAS = ("staff", "viewer", "focal_mx", "focal_cl", "anonymous")
LONG_AGO = datetime.timedelta(days=200)

# Values that differ between two renderings of the same page (per-response tokens).
VOLATILE = [
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r'name="submission_token" value="[^"]*"'), 'name="submission_token" value=""'),
]
# The optimistic-lock version in a focal point's withdraw form is compared too: it moves only
# with what the state may read (``states.services.seen_version``).


def _normalized(html: str) -> str:
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    return html


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    head = f"{response.status_code} {response.get('Content-Type', '')} {response.get('Content-Disposition', '')}\n"
    if response.get("Content-Type", "").startswith(XLSX):
        # A workbook's cells, sheet by sheet (its zip carries a creation time).
        workbook = load_workbook(io.BytesIO(content))
        return head + "\n".join(
            f"{sheet.title}: {row}" for sheet in workbook for row in sheet.iter_rows(values_only=True)
        )
    return head + _normalized(content.decode("utf-8-sig"))


def _age(queryset, **fields) -> None:
    """Move rows back in time (``created_at`` and friends cannot be set through the services)."""
    then = timezone.now() - LONG_AGO
    queryset.update(**{field: then for field in fields})


@pytest.fixture
def world(staff):
    """A mandate that asks member states to act, quiet for 200 days but for a public update;
    one request of Mexico and one of Chile under it, each with an activity."""
    mandate = factories.make_mandate(owners=["Member States"], text="To strengthen border controls.")
    public = mandate_services.add_mandate_update(
        mandate=mandate,
        by=staff,
        note="Work has started.",
        audience=Audience.PUBLIC,
        happened_on=timezone.localdate() - LONG_AGO,
    )
    mexican = factories.make_request("MEX", by=staff, mandates=[mandate], title="Mexican border training")
    chilean = factories.make_request("CHL", by=staff, mandates=[mandate], title="Chilean border training")
    for request in (mexican, chilean):
        request_services.log_activity(
            request=request,
            by=staff,
            values={
                "activity_type": Activity.Type.TRAINING,
                "title": f"Course for {request.state.name_en}",
                "start_date": datetime.date(2024, 3, 4),
                "end_date": datetime.date(2024, 3, 5),
                "participants_women": 4,
                "participants_men": 6,
            },
        )
    _age(Mandate.objects.filter(pk=mandate.pk), created_at=True)
    _age(MandateUpdate.objects.filter(pk=public.pk), created_at=True)
    _age(AssistanceRequest.objects.all(), created_at=True, updated_at=True)
    _age(RequestUpdate.objects.all(), created_at=True)
    _age(Activity.objects.all(), created_at=True)
    return {"mandate": mandate, "mexican": mexican, "chilean": chilean}


@pytest.fixture
def clients(staff, viewer, focal_mx, focal_cl) -> dict[str, Client]:
    users = {"staff": staff, "viewer": viewer, "focal_mx": focal_mx, "focal_cl": focal_cl}
    clients = {"anonymous": Client()}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def _urls(persona: str, world) -> list[str]:
    """What each persona looks at: its state's page, the lists with their counts and flags, the
    exports with their columns and dates, the mandate's page; the report for the Secretariat."""
    mandate = world["mandate"]
    mandate_pages = [
        reverse("commitments:mandate_list"),
        reverse("commitments:mandate_list") + "?stale=on",
        mandate.get_absolute_url(),
        *(reverse("commitments:mandate_export", args=[fmt]) for fmt in ("csv", "json", "xlsx")),
    ]
    if persona == "anonymous":  # the public mandate pages (PUBLIC_MANDATES on)
        return mandate_pages
    states = {"focal_mx": ["MEX"], "focal_cl": ["CHL"]}.get(persona, ["MEX", "CHL"])
    urls = [
        *mandate_pages,
        *(reverse("states:state_detail", args=[iso3]) for iso3 in states),
        reverse("states:request_list"),
        reverse("states:activity_list"),
        *(reverse("states:request_export", args=[fmt]) for fmt in ("csv", "json", "xlsx")),
        *(reverse("states:activity_export", args=[fmt]) for fmt in ("csv", "json")),
        world["chilean"].get_absolute_url(),
    ]
    if persona in ("staff", "viewer"):
        # The member states' version of the report: what it prints may not move with a note.
        urls += [reverse("report_view") + "?language=en", reverse("report_download", args=["xlsx"]) + "?language=en"]
    return urls


def _seen(clients, world) -> dict[str, dict[str, str]]:
    return {persona: {url: _body(clients[persona].get(url)) for url in _urls(persona, world)} for persona in PERSONAS}


def _differences(before: dict, after: dict, personas) -> dict[str, list[str]]:
    return {
        persona: [url for url in before[persona] if before[persona][url] != after[persona][url]]
        for persona in personas
        if before[persona] != after[persona]
    }


def _mexican_changes(world, staff, focal_mx, administrator_client) -> None:
    """Everything that can happen to Mexico's requests, shared with Mexico or not."""
    mexican = world["mexican"]
    request_services.change_request_status(
        request=mexican, new_status=AssistanceRequest.Status.UNDER_REVIEW, by=staff, note="Looking at it."
    )
    mexican.refresh_from_db()
    request_services.add_request_update(request=mexican, by=staff, note="Trainers found.", audience=Audience.STATE)
    mexican.refresh_from_db()
    request_services.add_request_update(request=mexican, by=focal_mx, note="Dates confirmed.", audience=Audience.STATE)
    mexican.refresh_from_db()
    request_services.log_activity(
        request=mexican,
        by=staff,
        values={
            "activity_type": Activity.Type.WORKSHOP,
            "title": "Second Mexican workshop",
            "start_date": datetime.date(2024, 6, 3),
            "end_date": datetime.date(2024, 6, 4),
            "participants_women": 9,
        },
    )
    factories.make_request("MEX", by=focal_mx, mandates=[world["mandate"]], title="A new Mexican request")
    # An attempt to file an activity of Mexico's request under Chile, through the admin: refused.
    administrator_client.post(
        reverse("admin:states_activity_add"),
        {
            "request": mexican.pk,
            "state": MemberState.objects.get(iso3="CHL").pk,
            "activity_type": Activity.Type.WORKSHOP,
            "title": "Misfiled workshop",
            "start_date": "2024-07-01",
            "end_date": "2024-07-02",
            "participants_women": 50,
            "participants_men": 50,
            "participants_other": 0,
        },
    )


def _internal_changes(world, staff) -> None:
    """Secretariat-only notes and work: nothing a state or the public may read."""
    mandate_services.add_mandate_update(mandate=world["mandate"], by=staff, note="Donor call next week.")
    for request in (world["mexican"], world["chilean"]):
        request.refresh_from_db()
        request_services.add_request_update(
            request=request, by=staff, note="Budget line not confirmed.", audience=Audience.INTERNAL
        )
        request.refresh_from_db()
        request_services.assign_request(request=request, assignee=staff, by=staff)


@override_settings(PUBLIC_MANDATES=True)
def test_changes_to_mexicos_requests_change_nothing_chile_or_the_public_sees(
    world, clients, staff, focal_mx, administrator_client
):
    before = _seen(clients, world)

    _mexican_changes(world, staff, focal_mx, administrator_client)

    after = _seen(clients, world)
    assert _differences(before, after, ["focal_cl", "anonymous"]) == {}
    # The check has teeth: those who may read Mexico's requests do see the changes.
    assert set(_differences(before, after, ["staff", "viewer", "focal_mx"])) == {"staff", "viewer", "focal_mx"}
    assert not Activity.objects.filter(title="Misfiled workshop").exists()


@override_settings(PUBLIC_MANDATES=True)
def test_secretariat_only_notes_change_nothing_a_state_the_public_or_the_states_report_shows(world, clients, staff):
    before = _seen(clients, world)

    _internal_changes(world, staff)

    after = _seen(clients, world)
    assert _differences(before, after, ["focal_mx", "focal_cl", "anonymous"]) == {}
    for report in (reverse("report_view"), reverse("report_download", args=["xlsx"])):
        for persona in ("staff", "viewer"):
            assert after[persona][report + "?language=en"] == before[persona][report + "?language=en"], persona
    # The Secretariat does see its notes: the mandate is no longer stale for it.
    assert "badge-stale" in before["staff"][world["mandate"].get_absolute_url()]
    assert "badge-stale" not in after["staff"][world["mandate"].get_absolute_url()]
