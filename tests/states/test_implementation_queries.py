"""The state page, the implementation pages and the matrix issue as many queries with 1,000
mandates and reports behind them as with 30: nothing is fetched row by row. (30, so that the
second page exists at both sizes: a page past the end costs a count to find the last one.)"""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model

from commitments.models import Mandate, Owner
from states.implementation import NationalImplementationReport
from states.models import MemberState
from tests import factories
from tests.test_query_counts import queries

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)
Status = NationalImplementationReport.Status


class World:
    """A resolution whose mandates, all addressed to member states, collect reports of
    Mexico and Chile (two entries each, so that 'latest' has something to choose from)."""

    def __init__(self):
        self.section = factories.make_section(factories.make_resolution("CICTE/doc.9/24"))
        self.owner = Owner.objects.get(is_member_states=True)
        self.states = list(MemberState.objects.filter(iso3__in=["MEX", "CHL"]))
        self.author = get_user_model().objects.get(username="focal-mx")
        self.first = None

    def grow(self, count: int) -> None:
        numbers = [next(_numbers) for _ in range(count)]
        mandates = Mandate.objects.bulk_create(
            Mandate(
                resolution=self.section.resolution,
                section=self.section,
                number=str(number),
                position=number,
                tree_position=f"{number:04d}",
                text=f"Member states are urged to act on item {number}.",
                language="en",
            )
            for number in numbers
        )
        self.first = self.first or mandates[0]
        Mandate.owners.through.objects.bulk_create(
            Mandate.owners.through(mandate=mandate, owner=self.owner) for mandate in mandates
        )
        statuses = itertools.cycle(Status.values)
        NationalImplementationReport.objects.bulk_create(
            NationalImplementationReport(
                state=state,
                mandate=mandate,
                status=next(statuses),
                narrative="Entry.",
                reported_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
                author=self.author,
                public=day == 1,
            )
            for mandate in mandates
            for state in self.states
            for day in (0, 1)
        )


PAGES = [
    "/states/MEX/",
    "/states/MEX/implementation/",
    "/states/MEX/implementation/?page=2",
    "/states/MEX/implementation/new/",
    "/states/MEX/implementation/{first}/",
    "/mandates/{first}/",
    "/implementation/matrix/",
    "/implementation/matrix/?since=2025-01-02&sort=-document",
    "/implementation/matrix/export/csv/",
    "/implementation/matrix/export/xlsx/",
    "/implementation/reminders/?since=2025-01-02",
]
SECRETARIAT_ONLY = ("/implementation/",)


@pytest.mark.parametrize("persona", ["staff_client", "focal_mx_client", "focal_cl_client"])
def test_every_page_issues_as_many_queries_with_1000_rows_as_with_30(request, focal_mx, persona):
    client = request.getfixturevalue(persona)
    world = World()
    world.grow(30)
    urls = [page.format(first=world.first.pk) for page in PAGES]
    if persona != "staff_client":
        urls = [url for url in urls if not url.startswith(SECRETARIAT_ONLY)]
    if persona == "focal_cl_client":
        urls = [url.replace("/MEX/", "/CHL/") for url in urls]

    few = {url: queries(client, url) for url in urls}
    world.grow(990)
    many = {url: queries(client, url) for url in urls}

    assert many == few
    assert max(few.values()) <= 25, few
