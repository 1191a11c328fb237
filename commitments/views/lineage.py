"""Lineage on the mandate page: staff remove a wrong link (kept as history, never proposed again
for the pair) and pick another predecessor among the proposals for the mandate's text."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from commitments import services
from commitments.lineage import MandateLink, propose_predecessors
from commitments.models import Mandate
from core import roles
from core.filters import as_id


def safe_next(request, default: str) -> str:
    """The page the form was on (this site's only), else ``default``."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return back
    return default


def mandate_links(mandate: Mandate) -> list[MandateLink]:
    """The links in force from and to ``mandate``, for staff to remove a wrong one."""
    links = MandateLink.objects.active().filter(Q(from_mandate=mandate) | Q(to_mandate=mandate))
    related = ("from_mandate__resolution", "from_mandate__section", "from_mandate__parent")
    related += ("to_mandate__resolution", "to_mandate__section", "to_mandate__parent")
    return list(links.select_related(*related)[:50])


def _staff_mandate(request, pk: int) -> Mandate:
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    visible = Mandate.objects.visible_to(request.user).select_related("resolution", "section", "parent")
    return get_object_or_404(visible, pk=pk)


@require_POST
def link_remove(request, pk: int):
    """Staff remove one of the mandate's links (``link``): it leaves the chain, with who and when."""
    mandate = _staff_mandate(request, pk)
    link_id = as_id(request.POST.get("link", ""))
    links = MandateLink.objects.active().select_related("from_mandate", "to_mandate")
    link = links.filter(Q(from_mandate=mandate) | Q(to_mandate=mandate), pk=link_id).first()
    if link is None:
        raise BadRequest("no such link of this mandate")
    services.remove_mandate_link(link=link, by=request.user)
    messages.success(request, gettext("Link removed: %(link)s.") % {"link": link})
    return redirect(safe_next(request, mandate.get_absolute_url()))


def predecessor_choice(request, pk: int):
    """The likely predecessors of the mandate (the import's proposals for its text, none whose
    link staff removed or that is already linked), each with its score, for staff to link one
    (POST ``older`` and ``kind``)."""
    mandate = _staff_mandate(request, pk)
    if request.method == "POST":
        older = Mandate.objects.visible_to(request.user).filter(pk=as_id(request.POST.get("older", ""))).first()
        kind = request.POST.get("kind", "")
        if older is None or kind not in MandateLink.Kind.values:
            raise BadRequest("predecessor or kind missing")
        try:
            services.confirm_mandate_link(newer=mandate, older=older, kind=kind, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse("commitments:predecessor_choice", args=[mandate.pk]))
        messages.success(
            request, gettext("Linked: %(kind)s %(older)s.") % {"kind": MandateLink.Kind(kind).label, "older": older}
        )
        return redirect(mandate.get_absolute_url())
    links = MandateLink.objects.filter(from_mandate=mandate)
    left_out = set(links.values_list("to_mandate", flat=True))
    resolution = mandate.resolution
    proposal = propose_predecessors(
        [mandate.text],
        body=resolution.body,
        language=mandate.language,
        symbol=resolution.symbol,
        before=resolution.adopted_on,
        rejected=[left_out],
    )[0]
    choices = proposal.alternatives if proposal else []
    visible = Mandate.objects.visible_to(request.user).select_related("resolution", "section", "parent")
    found = visible.in_bulk([each.mandate_id for each in choices])
    context = {
        "mandate": mandate,
        "choices": [(found[each.mandate_id], each) for each in choices if each.mandate_id in found],
        "kinds": MandateLink.Kind.choices,
        "removed": links.filter(removed_at__isnull=False).select_related(
            "to_mandate__resolution", "to_mandate__section", "to_mandate__parent", "removed_by"
        ),
    }
    return render(request, "commitments/predecessor_choice.html", context)
