"""What the implementation report says of national implementation reports: per mandate
addressed to member states, how many states report each status (everyone's version), and
each state's position in the Secretariat's version only."""

import datetime
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from states.implementation import national_summaries, status_counts
from tests import factories
from tests.listing_helpers import content
from tests.states.implementation_fixtures import Status, addressed_mandate, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def positions(focal_mx, focal_cl, staff):
    first = addressed_mandate()
    second = addressed_mandate()
    secretariat_only = factories.make_mandate(owners=["CICTE Secretariat"])
    report("MEX", first, by=focal_mx, status=Status.IN_PROGRESS, reported_on=datetime.date(2025, 3, 1))
    report("MEX", first, by=focal_mx, status=Status.IMPLEMENTED, reported_on=datetime.date(2026, 3, 1))
    report("CHL", first, by=staff, status=Status.IMPLEMENTED, reported_on=datetime.date(2025, 6, 1))
    return first, second, secretariat_only


def test_each_mandate_addressed_to_member_states_gets_its_counts_and_no_other(positions):
    first, second, secretariat_only = positions

    summaries = national_summaries([first, second, secretariat_only], with_states=False)

    assert [summary.mandate for summary in summaries] == [first, second]
    counts = {row.status: row.count for row in summaries[0].counts.rows}
    assert counts[Status.IMPLEMENTED] == 2 and counts[Status.IN_PROGRESS] == 0
    assert summaries[0].counts == status_counts(first)
    assert summaries[1].counts.reported == 0


def test_the_member_states_version_names_no_state(positions):
    summaries = national_summaries(list(positions), with_states=False)

    assert all(summary.positions == [] for summary in summaries)


def test_the_secretariats_version_lists_each_states_latest_position(positions):
    summaries = national_summaries(list(positions), with_states=True)

    listed = [(p.state.iso3, p.status, p.on_behalf) for p in summaries[0].positions]
    assert listed == [("CHL", Status.IMPLEMENTED, True), ("MEX", Status.IMPLEMENTED, False)]


def test_a_report_as_of_a_past_date_counts_the_positions_held_then(positions):
    summaries = national_summaries(list(positions), with_states=True, as_of=datetime.date(2025, 12, 31))

    listed = [(p.state.iso3, p.status) for p in summaries[0].positions]
    assert listed == [("CHL", Status.IMPLEMENTED), ("MEX", Status.IN_PROGRESS)]


@pytest.fixture
def resolution(focal_mx, staff):
    section = factories.make_section()
    mandate = addressed_mandate(section=section)
    factories.make_mandate(section, owners=["CICTE Secretariat"])
    report("MEX", mandate, by=focal_mx, status=Status.IMPLEMENTED)
    report("CHL", mandate, by=staff, status=Status.IN_PROGRESS)
    return section.resolution


def national_section(response) -> str:
    html = response.content.decode()
    start = html.index('id="national-heading"')
    return html[start : html.index("</section>", start)]


def report_url(resolution, fmt=None, **params):
    url = reverse("report_view") if fmt is None else reverse("report_download", args=[fmt])
    return url + "?" + urlencode({"resolution": resolution.pk, "language": "en", **params})


def test_the_member_states_version_of_the_report_counts_and_names_no_state(staff_client, resolution):
    section = national_section(staff_client.get(report_url(resolution)))

    total = status_counts(resolution.mandates.first()).total
    assert f"1 of {total}" in section
    for name in ("Mexico", "Chile", "on the state"):
        assert name not in section


def test_the_secretariats_version_of_the_report_lists_each_states_position(staff_client, resolution):
    section = national_section(staff_client.get(report_url(resolution, audience="secretariat")))

    assert "Mexico" in section and "Chile" in section
    assert "the Secretariat, on the state&#x27;s behalf" in section


@pytest.mark.parametrize("audience, sheets", [("states", 1), ("secretariat", 2)])
def test_the_workbook_has_the_counts_and_the_list_per_state_only_for_the_secretariat(
    staff_client, resolution, audience, sheets
):
    response = staff_client.get(report_url(resolution, "xlsx", audience=audience))

    workbook = load_workbook(io.BytesIO(content(response)))
    national = [name for name in workbook.sheetnames if name.startswith("National reports")]
    assert len(national) == sheets
    cells = [str(cell) for row in workbook[national[0]].iter_rows(values_only=True) for cell in row]
    assert "Mexico" not in " ".join(cells)
    if sheets == 2:
        by_state = " ".join(str(c) for row in workbook[national[1]].iter_rows(values_only=True) for c in row)
        assert "Mexico" in by_state and "Chile" in by_state


@pytest.mark.parametrize("audience, names_states", [("states", False), ("secretariat", True)])
def test_the_pdf_carries_the_counts_and_the_list_per_state_only_for_the_secretariat(
    staff_client, resolution, audience, names_states
):
    response = staff_client.get(report_url(resolution, "pdf", audience=audience))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content(response))).pages)
    national = text[text.index("National implementation reports") :]
    assert "Implemented: 1 of" in national
    assert ("Mexico" in national and "Chile" in national) is names_states
