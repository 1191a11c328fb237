"""Template tags that bring national implementation reports into pages of other views: a
state's section on its page, and a mandate's counts on the mandate page (whose view, in
``commitments``, may not import ``states``)."""

from __future__ import annotations

from django import template

from core import roles
from states.implementation import NationalImplementationReport, addressed_mandates, status_counts
from states.views.implementation import state_positions, with_report_form

register = template.Library()


@register.inclusion_tag("states/includes/implementation_section.html", takes_context=True)
def implementation_section(context, state):
    """ "Mandates addressed to member states" on a state's page: the first page of what the
    state has said on each, and the form to add an entry for whoever may."""
    request = context["request"]
    section = {**state_positions(request.user, state), "request": request, "summary": True}
    return with_report_form(section, request.user)


@register.inclusion_tag("states/includes/implementation_counts.html", takes_context=True)
def implementation_counts(context, mandate):
    """On a mandate addressed to member states: how many states report each status (never
    which), the reader's own state's position, and the entries states made public."""
    user = context["request"].user
    if not addressed_mandates().filter(pk=mandate.pk).exists():
        return {"addressed": False}
    visible = NationalImplementationReport.objects.visible_to(user).filter(mandate=mandate)
    state_id = roles.focal_state_id(user)
    own = visible.filter(state_id=state_id).latest_positions().first() if state_id else None
    public = visible.filter(public=True).latest_positions().select_related("state").order_by("state__name_en")
    return {
        "addressed": True,
        "mandate": mandate,
        "counts": status_counts(mandate),
        "own": own,
        "own_state": user.focal_point.state if state_id else None,
        "public_reports": public,
        "is_secretariat": roles.is_secretariat(user),
        "request": context["request"],
    }
