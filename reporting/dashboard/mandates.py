"""The dashboard's mandate figures: by status, owner, resolution and section, program area, deadline."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils.translation import gettext as _

from commitments.models import Mandate, Owner, ProgramArea, Resolution, Section
from commitments.workplan import Commitment
from reporting.dashboard.base import Item, Row, links, localized_names, reader_language, status_counts, status_segments

MandateStatus = Mandate.Status


def mandates_by_status(mandates: QuerySet, *, counted=None) -> list[Item]:
    counts = dict(status_counts(mandates) if counted is None else counted)
    return [
        Item(status.label, counts[status.value], links.mandates(status=status.value), status.value)
        for status in MandateStatus
        if counts.get(status.value)
    ]


def owner_counts(mandates: QuerySet) -> list[tuple[int | None, str, int]]:
    """(owner id or None, status, mandates) for ``mandates_by_owner``."""
    # Grouped by ids only; the few names are read apart (grouping by four name columns too
    # made the database carry them through the whole aggregate).
    return list(mandates.values_list("owners", "status").annotate(n=Count("id")).order_by())


def mandates_by_owner(mandates: QuerySet, *, counted=None) -> list[Row]:
    """One stacked bar per owner, split by status; a mandate with two owners counts for each.
    Mandates with no owner come last. ``counted``: ``owner_counts`` already made (the
    precomputed figures, ``reporting.precomputed``)."""
    counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    for owner, status, n in owner_counts(mandates) if counted is None else counted:
        counts[owner][status] = n
    names: dict[int | None, str] = {None: _("No owner named"), **localized_names(Owner, counts)}

    def owner_filter(owner: int | None) -> dict:
        return {"owner": owner} if owner is not None else {"no_owner": 1}

    rows = [
        Row(
            names[owner],
            links.mandates(**owner_filter(owner)),
            status_segments(
                by_status,
                MandateStatus,
                lambda status, owner=owner: links.mandates(**owner_filter(owner), status=status),
            ),
        )
        for owner, by_status in counts.items()
    ]
    rows.sort(key=lambda row: (row.label == names[None], -row.total, row.label))
    return rows


# The dashboard shows this many resolutions, newest first, each with its sections; the older
# ones are one bar linking to the list (300 resolutions x sections x statuses was 20,000 links
# and 3 MB of page).
RESOLUTIONS_SHOWN = 4


def resolution_counts(mandates: QuerySet, *, limit: int = RESOLUTIONS_SHOWN) -> dict:
    """For ``mandates_by_resolution``: {"shown": [(id, symbol)] of the ``limit`` newest
    resolutions, "older": whether there are more, "counts": [(resolution, section, status, n)]}."""
    shown = list(
        Resolution.objects.filter(Exists(mandates.filter(resolution=OuterRef("pk"))))
        .order_by(F("adopted_on").desc(nulls_last=True), "symbol")
        .values_list("pk", "symbol")[: limit + 1]
    )
    ids = [pk for pk, _symbol in shown[:limit]]
    rows = mandates.filter(resolution__in=ids).values_list("resolution", "section", "status").annotate(n=Count("id"))
    return {"shown": shown[:limit], "older": len(shown) > limit, "counts": list(rows.order_by())}


def mandates_by_resolution(
    mandates: QuerySet,
    *,
    limit: int = RESOLUTIONS_SHOWN,
    totals: dict[str, int] | None = None,
    counted: dict | None = None,
) -> list[Row]:
    """One stacked bar per resolution (the ``limit`` newest) with, as children, one per
    section; then, when there are more, one bar for all the older ones. Counts are grouped by
    ids (``resolution_counts``, or ``counted``: those already made); names and titles are read
    for the rows shown only."""
    counted = resolution_counts(mandates, limit=limit) if counted is None else counted
    shown, older = counted["shown"], counted["older"]
    ids = [pk for pk, _symbol in shown]
    counts: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for resolution_id, section_id, status, n in counted["counts"]:
        counts[resolution_id][section_id][status] = n
    language = reader_language()
    sections = {
        pk: (position, (translations or {}).get(language) or title)
        for pk, position, title, translations in Section.objects.filter(resolution__in=ids).values_list(
            "pk", "position", "title", "translations"
        )
    }
    result = []
    for resolution_id, symbol in shown:
        # Not ``totals``: that is the caller's count of every mandate, for the older ones below.
        in_resolution: dict[str, int] = defaultdict(int)
        children = []
        for section_id, by_status in sorted(counts[resolution_id].items(), key=lambda kv: sections[kv[0]][0]):
            for status, n in by_status.items():
                in_resolution[status] += n
            position, title = sections[section_id]
            children.append(
                Row(
                    f"§{position} {title}".strip(),
                    links.mandates(resolution=resolution_id, section=section_id),
                    status_segments(
                        by_status,
                        MandateStatus,
                        lambda status, r=resolution_id, s=section_id: links.mandates(
                            resolution=r, section=s, status=status
                        ),
                    ),
                )
            )
        result.append(
            Row(
                symbol,
                links.mandates(resolution=resolution_id),
                status_segments(
                    in_resolution,
                    MandateStatus,
                    lambda status, r=resolution_id: links.mandates(resolution=r, status=status),
                ),
                children,
            )
        )
    if older:
        if totals is None:
            totals = dict(mandates.values_list("status").annotate(n=Count("id")).order_by())
        # The older ones are everything else: the totals (which the caller has counted
        # already) less the resolutions shown.
        rest = dict(totals)
        for resolution_id, _symbol in shown:
            for by_status in counts[resolution_id].values():
                for status, n in by_status.items():
                    rest[status] = rest.get(status, 0) - n
        result.append(
            Row(
                # The list holds these after the resolutions above (its default order).
                _("Older resolutions"),
                links.mandates(),
                status_segments(rest, MandateStatus, lambda status: links.mandates(status=status)),
            )
        )
    return result


def program_area_counts(mandates: QuerySet) -> list[tuple[int, int]]:
    """(program area id, mandates) for ``mandates_by_program_area``: a mandate is in an area
    when tagged with it or when a Work Plan commitment of that area implements it (imported
    mandates carry no area of their own; their commitments do). One query, a count per area;
    the mandate list's ``program_area`` filter reads the same rule."""
    tagged = Mandate.program_areas.through.objects.filter(mandate=OuterRef("pk"), programarea=OuterRef(OuterRef("pk")))
    implemented = Commitment.mandates.through.objects.filter(
        mandate=OuterRef("pk"), commitment__program_area=OuterRef(OuterRef("pk"))
    )
    count = (
        mandates.filter(Exists(tagged) | Exists(implemented))
        .order_by()
        .values(group=Value(1))
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    areas = ProgramArea.objects.annotate(n=Subquery(count, output_field=IntegerField())).filter(n__gt=0)
    return list(areas.values_list("pk", "n"))


def mandates_by_program_area(mandates: QuerySet, *, counted=None) -> list[Item]:
    """Mandates per program area (a mandate in two areas counts in each), largest first;
    ``counted``: ``program_area_counts`` already made."""
    counts = dict(program_area_counts(mandates) if counted is None else counted)
    names = localized_names(ProgramArea, counts)
    items = [Item(names[area], n, links.mandates(program_area=area)) for area, n in counts.items()]
    return sorted(items, key=lambda item: (-item.value, item.label))


@dataclass(frozen=True)
class Deadlines:
    overdue: Item
    due_soon: Item
    stale: Item


def deadline_counts(
    mandates: QuerySet,
    *,
    today: datetime.date,
    now: datetime.datetime,
    due_soon_days: int,
    stale_days: int,
    reader=None,
) -> dict[str, int]:
    """{"overdue", "due_soon", "stale"} for ``mandate_deadlines``; stale counted from the
    updates ``reader`` may read (all when no reader is named)."""
    open_q = ~Q(status__in=MandateStatus.closed_values())
    soon = today + datetime.timedelta(days=due_soon_days)
    counts = mandates.aggregate(
        overdue=Count("id", filter=open_q & Q(deadline__lt=today)),
        due_soon=Count("id", filter=open_q & Q(deadline__gte=today, deadline__lte=soon)),
    )
    return {**counts, "stale": mandates.stale(now, stale_days, user=reader).count()}


def mandate_deadlines(
    mandates: QuerySet,
    *,
    today: datetime.date,
    now: datetime.datetime,
    due_soon_days: int,
    stale_days: int,
    counted: dict | None = None,
) -> Deadlines:
    """Open mandates overdue, due within ``due_soon_days``, and stale (no update for
    ``stale_days``): one query for the first two, one for stale (``deadline_counts``; none when
    ``counted`` holds them already: the precomputed figures).

    The "due soon" link narrows the list by deadline only (the list has no "open" filter), so
    it also shows the closed mandates whose deadline falls in the window."""
    soon = today + datetime.timedelta(days=due_soon_days)
    if counted is None:
        counted = deadline_counts(mandates, today=today, now=now, due_soon_days=due_soon_days, stale_days=stale_days)
    counts, stale = counted, counted["stale"]
    return Deadlines(
        overdue=Item(_("Overdue"), counts["overdue"], links.mandates(overdue=1)),
        due_soon=Item(
            _("Due within %(days)s days") % {"days": due_soon_days},
            counts["due_soon"],
            links.mandates(open=1, deadline_after=today.isoformat(), deadline_before=soon.isoformat()),
        ),
        stale=Item(
            _("No update for %(days)s days") % {"days": stale_days},
            stale,
            links.mandates(stale=1),
        ),
    )
