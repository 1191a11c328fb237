"""What the implementation report says of national implementation reports: per mandate
addressed to member states, how many states report each status (everyone's version), and
each state's position in the Secretariat's version only."""

import datetime

import pytest

from states.implementation import national_summaries, status_counts
from tests import factories
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
