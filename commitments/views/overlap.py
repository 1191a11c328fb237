"""Overlap hints: the Secretariat's review page of similar pairs and the verdict on one pair
(the mandate page's panel is built in commitments.views.mandates)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from commitments import services
from commitments.models import Mandate, Resolution
from commitments.overlap import REVIEW_PAGE_SIZE, PairVerdict, review_pairs
from commitments.views.lineage import safe_next
from core import roles
from core.filters import as_id


def overlap_review(request):
    """One page of a resolution's mandates (the newest resolution unless ``?resolution=``) with
    the unreviewed mandates elsewhere that resemble them: at most ``REVIEW_PAGE_SIZE`` mandates
    scored per page, whatever the size of the table."""
    if not roles.is_secretariat(request.user):
        raise PermissionDenied
    resolutions = Resolution.objects.order_by("-adopted_on", "-pk")
    chosen = as_id(request.GET.get("resolution", ""))
    resolution = resolutions.filter(pk=chosen).first() if chosen else resolutions.first()
    number = min(as_id(request.GET.get("page", "1")) or 1, 10_000)
    visible = Mandate.objects.visible_to(request.user)
    mandates = []
    if resolution is not None:
        start = (number - 1) * REVIEW_PAGE_SIZE
        rows = visible.filter(resolution=resolution).select_related("resolution", "section", "parent")
        mandates = list(rows.in_document_order()[start : start + REVIEW_PAGE_SIZE + 1])
    context = {
        "resolution": resolution,
        "resolutions": resolutions[:50],
        "pairs": review_pairs(mandates[:REVIEW_PAGE_SIZE], visible),
        "number": number,
        "has_previous": number > 1,
        "has_next": len(mandates) > REVIEW_PAGE_SIZE,
        "verdicts": PairVerdict.choices,
        "can_mark": roles.is_secretariat_staff(request.user),
    }
    return render(request, "commitments/overlap_review.html", context)


@require_POST
def overlap_mark(request):
    """Staff mark one pair duplicate, related or distinct; it is not proposed again."""
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    ids = [as_id(request.POST.get(name, "")) for name in ("one", "other")]
    visible = Mandate.objects.visible_to(request.user)
    found = visible.in_bulk([pk for pk in ids if pk])
    verdict = request.POST.get("verdict", "")
    if not all(pk in found for pk in ids) or verdict not in PairVerdict.values:
        raise BadRequest("pair or verdict missing")
    try:
        services.review_mandate_pair(one=found[ids[0]], other=found[ids[1]], verdict=verdict, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("Marked %(verdict)s: %(one)s and %(other)s.")
            % {"verdict": PairVerdict(verdict).label, "one": found[ids[0]], "other": found[ids[1]]},
        )
    # Back to the page the form was on (this site's only), else the review page.
    return redirect(safe_next(request, reverse("commitments:overlap_review")))
