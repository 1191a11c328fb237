"""Each list, detail and export issues the same number of queries with 10 rows behind it as
with 1,000: nothing is fetched row by row. Rows are made with bulk_create to stay fast."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Mandate, MandateUpdate, Owner, ProgramArea, Section
from core.choices import Audience
from states.models import Activity, AssistanceRequest, MemberState
from tests import factories
from tests.listing_helpers import content

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


class World:
    """A resolution whose 'hub' mandate collects updates, requests and activities as it grows."""

    def __init__(self, staff):
        self.staff = staff
        self.section = factories.make_section(factories.make_resolution("CICTE/doc.1/24"))
        self.hub = factories.make_mandate(self.section, number="1", position=1, owners=["Member States"])
        self.owner = Owner.objects.get(name_en="CICTE Secretariat")
        self.area = ProgramArea.objects.first()
        self.states = [MemberState.objects.get(iso3="MEX"), MemberState.objects.get(iso3="CHL")]

    def grow(self, count: int) -> None:
        numbers = [next(_numbers) + 1 for _ in range(count)]
        mandates = Mandate.objects.bulk_create(
            Mandate(
                resolution=self.section.resolution,
                section=self.section,
                number=str(number),
                position=number,
                tree_position=f"{number:04d}",
                text=f"To act on item {number}.",
                language="en",
                deadline=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            )
            for number in numbers
        )
        Mandate.owners.through.objects.bulk_create(
            Mandate.owners.through(mandate=mandate, owner=self.owner) for mandate in mandates
        )
        Mandate.program_areas.through.objects.bulk_create(
            Mandate.program_areas.through(mandate=mandate, programarea=self.area) for mandate in mandates
        )
        MandateUpdate.objects.bulk_create(
            MandateUpdate(mandate=self.hub, author=self.staff, note=f"Note {number}", audience=Audience.PUBLIC)
            for number in numbers
        )
        requests = AssistanceRequest.objects.bulk_create(
            AssistanceRequest(
                reference=f"REQ-2024-{number:04d}",
                state=self.states[number % 2],
                title=f"Request {number}",
                description="Assistance.",
                request_type=AssistanceRequest.Type.TECHNICAL,
                received_on=datetime.date(2024, 1, 1),
                assigned_to=self.staff,
                program_area=self.area,
            )
            for number in numbers
        )
        AssistanceRequest.mandates.through.objects.bulk_create(
            AssistanceRequest.mandates.through(assistancerequest=request, mandate=mandate)
            for request, mandate in zip(requests, mandates, strict=True)
        )
        AssistanceRequest.mandates.through.objects.bulk_create(
            AssistanceRequest.mandates.through(assistancerequest=request, mandate=self.hub) for request in requests
        )
        Activity.objects.bulk_create(
            Activity(
                request=request,
                mandate=self.hub,
                state=request.state,
                activity_type=Activity.Type.TRAINING,
                title=f"Course {request.reference}",
                start_date=datetime.date(2024, 2, 1),
                end_date=datetime.date(2024, 2, 2),
                participants_women=3,
                participants_men=2,
                funding_source=f"Donor {request.pk % 7}",
            )
            for request in requests
        )


def queries(client, url: str) -> int:
    client.get(url)  # warm caches (content types, sessions) so both counts compare like with like
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        content(response)  # a streamed export queries while it is read
    assert response.status_code == 200, url
    return len(captured)


PAGES = [
    "/mandates/",
    "/mandates/?stale=on&overdue=on&sort=-updated",
    "/mandates/?q=act&sort=status",
    "/mandates/{hub}/",
    "/resolutions/{resolution}/",
    "/mandates/export/csv/",
    "/mandates/export/xlsx/",
    "/mandates/export/json/",
    "/requests/",
    "/requests/?mandate=item&sort=state",
    "/requests/export/csv/",
    "/requests/export/json/",
    "/activities/",
    "/activities/?sort=-participants",
    "/activities/export/xlsx/",
    "/states/MEX/",
]


@pytest.mark.parametrize("persona", ["staff_client", "focal_mx_client"])
def test_every_page_issues_as_many_queries_with_1000_rows_as_with_10(request, staff, persona):
    # One world per persona, every page measured at both sizes: growing 1,000 rows once is
    # what makes this test slow, so it is not repeated per page.
    client = request.getfixturevalue(persona)
    world = World(staff)
    urls = [page.format(hub=world.hub.pk, resolution=world.section.resolution_id) for page in PAGES]

    world.grow(10)
    few = {url: queries(client, url) for url in urls}
    world.grow(990)
    many = {url: queries(client, url) for url in urls}

    assert many == few
    assert max(few.values()) <= 20, few


def _grow_resolutions(count: int, start: int) -> None:
    """``count`` more resolutions, each with three sections of two mandates (the dashboard draws
    a bar per resolution and per section)."""
    for number in range(start, start + count):
        resolution = factories.make_resolution(
            f"CICTE/RES. {number}/24", adopted_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=number)
        )
        sections = Section.objects.bulk_create(
            Section(resolution=resolution, position=position, title=f"Section {position}") for position in (1, 2, 3)
        )
        Mandate.objects.bulk_create(
            Mandate(
                resolution=resolution,
                section=section,
                number=str(n),
                position=n,
                tree_position=f"{n:04d}",
                text="To act.",
                language="en",
                status=Mandate.Status.IN_PROGRESS if n == 1 else Mandate.Status.NOT_STARTED,
            )
            for section in sections
            for n in (1, 2)
        )


def test_the_dashboard_issues_as_many_queries_and_keeps_its_size_with_60_resolutions_as_with_6(staff, staff_client):
    world = World(staff)
    world.grow(10)
    _grow_resolutions(5, 1)
    few_queries = queries(staff_client, "/")
    few_bytes = len(staff_client.get("/").content)

    world.grow(990)
    _grow_resolutions(55, 6)
    many_queries = queries(staff_client, "/")
    many_bytes = len(staff_client.get("/").content)

    assert many_queries == few_queries
    # Numbers get longer, bars do not multiply: the older resolutions are one bar.
    assert many_bytes < few_bytes * 1.05, (few_bytes, many_bytes)


def test_a_mandate_cited_by_1000_requests_shows_them_a_page_at_a_time(staff, staff_client):
    world = World(staff)
    world.grow(1000)

    response = staff_client.get(f"/mandates/{world.hub.pk}/")
    html = response.content.decode()

    assert html.count('href="/requests/REQ-2024-') == 25
    assert "requests_page=2" in html
    second = staff_client.get(f"/mandates/{world.hub.pk}/?requests_page=40").content.decode()
    assert second.count('href="/requests/REQ-2024-') == 25
    assert len(response.content) < 100_000


def test_the_request_list_counts_an_unfiltered_big_table_from_the_statistics_on_postgresql(staff, staff_client):
    if connection.vendor != "postgresql":
        # SQLite keeps no such statistics; its lists count exactly (and are small).
        response = staff_client.get("/requests/")
        assert not response.context["page_obj"].paginator.estimated
        return
    World(staff).grow(200)
    with connection.cursor() as cursor:
        # What ANALYZE would record for a big table, without making one.
        cursor.execute("UPDATE pg_class SET reltuples = 250000 WHERE oid = 'states_assistancerequest'::regclass")
    with CaptureQueriesContext(connection) as captured:
        response = staff_client.get("/requests/")
    assert "of about 250,000" in response.content.decode() or "of about 250000" in response.content.decode()
    assert not any("COUNT(*)" in query["sql"] and "states_assistancerequest" in query["sql"] for query in captured)
    # A filtered list counts exactly.
    filtered = staff_client.get("/requests/?status=received")
    assert filtered.context["page_obj"].paginator.count == 200
