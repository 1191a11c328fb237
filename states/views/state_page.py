"""A member state's page, for its focal points and the Secretariat: its requests and where
each stands, what was delivered to it, how many people were trained, and the mandates that ask
member states to act with what the state has said on each (the implementation section, a page
of 25 and a link to the rest). Every figure comes from what the viewer may see."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core import roles
from states.models import Activity, AssistanceRequest, Attachment, MemberState, RequestUpdate

# Each table on the page shows this many rows and links to its full, filterable list.
LATEST = 25


def _status_counts(requests, state: MemberState) -> list[dict]:
    # COUNT(*), not of the key: the index states_request_state_status answers alone (reading
    # 16,000 rows of a big state took 100 ms).
    counts = dict(requests.values_list("status").annotate(n=Count("*")).order_by())
    url = reverse("states:request_list")
    return [
        {"label": label, "count": counts[value], "url": f"{url}?state={state.pk}&status={value}"}
        for value, label in AssistanceRequest.Status.choices
        if counts.get(value)
    ]


def _participants(activities) -> dict:
    totals = activities.aggregate(
        women=Sum("participants_women", default=0),
        men=Sum("participants_men", default=0),
        other=Sum("participants_other", default=0),
        activities=Count("pk"),
    )
    totals["total"] = totals["women"] + totals["men"] + totals["other"]
    totals["women_percent"] = 100 * totals["women"] / totals["total"] if totals["total"] else None
    return totals


def _latest(rows: QuerySet, field: str, path: str = "request"):
    return Subquery(rows.filter(**{path: OuterRef("pk")}).order_by(f"-{field}").values(field)[:1])


def with_last_change(requests: QuerySet, user) -> QuerySet:
    """``last_change_at``: when the request last changed in a way ``user`` can see (an update,
    a document or an activity it may read; else its filing). Not ``updated_at``, which every
    write bumps, a Secretariat-only note included: that date would tell a state something
    happened that it may not read."""
    created = "created_at"
    return requests.annotate(
        last_change_at=Greatest(
            created,
            Coalesce(_latest(RequestUpdate.objects.visible_to(user), "created_at"), created),
            Coalesce(_latest(Attachment.objects.visible_to(user), "uploaded_at"), created),
            Coalesce(_latest(Activity.objects.visible_to(user), "created_at"), created),
        )
    )


def state_detail(request, iso3):
    state = get_object_or_404(MemberState.objects.visible_to(request.user), iso3=iso3.upper())
    requests = AssistanceRequest.objects.visible_to(request.user).filter(state=state)
    activities = Activity.objects.visible_to(request.user).filter(state=state)
    status_counts = _status_counts(requests, state)
    context = {
        "state": state,
        "status_counts": status_counts,
        "requests": with_last_change(requests.select_related("program_area"), request.user)[:LATEST],
        "request_count": sum(row["count"] for row in status_counts),
        "activities": activities.select_related("request")[:LATEST],
        "participants": _participants(activities),
        "may_file": roles.focal_state_id(request.user) == state.pk and state.can_file_requests(),
    }
    return render(request, "states/state_detail.html", context)
