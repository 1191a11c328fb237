"""The demo's national implementation reports: what a dozen member states say they have done on
the mandates addressed to them, so that the matrix, a state's page and the mandate pages show
positions, their history and the "12 of 34" counts on a fresh `make run`.

Written through ``states.implementation_services.record_implementation_report``, as a focal point
or the Secretariat would write them: Mexico and Chile by their own focal points, the others
recorded by staff on the state's behalf (as from a note verbale). Deterministic, and loading it
twice adds nothing."""

from __future__ import annotations

import datetime

from commitments.models import Resolution
from states.implementation import ImplementationStatus, NationalImplementationReport, addressed_mandates
from states.implementation_services import record_implementation_report
from states.models import MemberState

# (state, share of the addressed mandates it reports on, in tenths): the most active reporters first.
REPORTERS = [("MEX", 10), ("CHL", 9), ("COL", 8), ("CAN", 7), ("BRA", 6), ("ARG", 5), ("PER", 5), ("JAM", 4)]
# A state's positions cycle through these, so every status shows on the matrix.
STATUS_CYCLE = [
    ImplementationStatus.IMPLEMENTED,
    ImplementationStatus.IN_PROGRESS,
    ImplementationStatus.IN_PROGRESS,
    ImplementationStatus.NOT_STARTED,
    ImplementationStatus.IMPLEMENTED,
    ImplementationStatus.NOT_APPLICABLE,
]
NARRATIVES = {
    ImplementationStatus.IMPLEMENTED: "Adopted by the national authority; the measures are in force.",
    ImplementationStatus.IN_PROGRESS: "An inter-agency working group is drafting the measures.",
    ImplementationStatus.NOT_STARTED: "Scheduled for the next planning cycle.",
    ImplementationStatus.NOT_APPLICABLE: "Does not apply to our legal system.",
}
# Mexico revised a position during the year: its page shows the history of that mandate.
REVISED_FROM = ImplementationStatus.NOT_STARTED


def load_reports(users: dict, resolution: Resolution, *, reported_on: datetime.date) -> str:
    """Record the demo states' positions on ``resolution``'s mandates addressed to member states."""
    mandates = list(addressed_mandates(resolution.mandates.all()).order_by("pk"))
    if not mandates or NationalImplementationReport.objects.filter(mandate__in=mandates).exists():
        return "national implementation reports already loaded"
    states = MemberState.objects.in_bulk([iso3 for iso3, _ in REPORTERS], field_name="iso3")
    own_focal_points = {"MEX": users["focal-mx"], "CHL": users["focal-cl"]}
    written = 0
    for offset, (iso3, tenths) in enumerate(REPORTERS):
        author = own_focal_points.get(iso3, users["staff"])
        for index, mandate in enumerate(mandates[: max(1, len(mandates) * tenths // 10)]):
            status = STATUS_CYCLE[(index + offset) % len(STATUS_CYCLE)]
            day = reported_on + datetime.timedelta(days=index % 90)
            if iso3 == "MEX" and index == 0:
                _report(states[iso3], mandate, author, REVISED_FROM, day - datetime.timedelta(days=120))
                written += 1
            _report(states[iso3], mandate, author, status, day)
            written += 1
    return f"{written} national implementation reports from {len(REPORTERS)} states"


def _report(state, mandate, author, status, day) -> None:
    record_implementation_report(
        state=state,
        mandate=mandate,
        by=author,
        status=status,
        narrative=NARRATIVES[status],
        reported_on=day,
        public=status == ImplementationStatus.IMPLEMENTED,
    )
