"""The dashboard's figures: each a small function over a QuerySet the caller has already
narrowed with ``visible_to(user)``, so every number counts only what the viewer may see.

Each function issues one aggregate query (``values().annotate(Count)``), whatever the number of
rows behind it, and returns plain data with, for every figure, the URL of the filtered list
that shows the rows behind it. The list pages' filter parameter names live in ``base.links``,
in one place, so that a renamed filter is one edit.

One module per kind of row (``mandates``, ``requests``, ``activities``) over a shared ``base``;
callers use this package's names (``from reporting import dashboard as figures``).
"""

from reporting.dashboard.activities import (
    ParticipantCounts,
    Participants,
    activities_over_time,
    funding_counts,
    funding_sources,
    participant_sums,
    participants_by_gender,
    period_counts,
)
from reporting.dashboard.base import Item, Row, links, list_url, status_counts
from reporting.dashboard.mandates import (
    RESOLUTIONS_SHOWN,
    Deadlines,
    deadline_counts,
    mandate_deadlines,
    mandates_by_owner,
    mandates_by_program_area,
    mandates_by_resolution,
    mandates_by_status,
    owner_counts,
    program_area_counts,
    resolution_counts,
)
from reporting.dashboard.requests import (
    DeliveryTimes,
    delivery_figures,
    delivery_times,
    percentile,
    requests_by_state,
    requests_by_status,
    state_counts,
)

__all__ = [
    "RESOLUTIONS_SHOWN",
    "Deadlines",
    "DeliveryTimes",
    "Item",
    "ParticipantCounts",
    "Participants",
    "Row",
    "activities_over_time",
    "deadline_counts",
    "delivery_figures",
    "delivery_times",
    "funding_counts",
    "funding_sources",
    "links",
    "list_url",
    "mandate_deadlines",
    "mandates_by_owner",
    "mandates_by_program_area",
    "mandates_by_resolution",
    "mandates_by_status",
    "owner_counts",
    "participant_sums",
    "participants_by_gender",
    "percentile",
    "period_counts",
    "program_area_counts",
    "requests_by_state",
    "requests_by_status",
    "resolution_counts",
    "state_counts",
    "status_counts",
]
