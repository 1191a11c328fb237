"""The dashboard learns from the Work Plan: the "By program area" card counts the mandates that
the commitments of each area implement (imported mandates carry no area of their own), and the
overdue progress reports are a key figure, each opening the list or page behind it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import Mandate, ProgramArea
from reporting.dashboard import mandates_by_program_area
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, work_plan_2023

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """Cybersecurity: one mandate implemented by a commitment, one tagged, one both (counted
    once). Border management: one implemented. One mandate in no area at all."""
    plan = work_plan_2023()
    cyber = ProgramArea.objects.get(work_plan=plan, code="cybersecurity")
    implemented, tagged, both, border, loose = (factories.make_mandate() for _ in range(5))
    make_commitment(mandates=[implemented, both])
    make_commitment(mandates=[both])
    make_commitment(area_code="border-management", mandates=[border])
    tagged.program_areas.add(cyber)
    both.program_areas.add(cyber)
    return {"cyber": (implemented, tagged, both), "border": (border,), "loose": loose}


def test_mandates_count_in_the_area_of_the_commitments_implementing_them(areas):
    items = mandates_by_program_area(Mandate.objects.all())

    assert [(item.label, item.value) for item in items] == [
        ("Cybersecurity", 3),
        ("Border management (maritime, port, aviation, supply chain, tourism and major events)", 1),
    ]


def test_each_area_figure_opens_exactly_its_mandates(staff_client, areas):
    items = {item.label: item for item in mandates_by_program_area(Mandate.objects.all())}

    listing = staff_client.get(items["Cybersecurity"].url)

    assert listing.status_code == 200
    shown = {mandate.pk for mandate in listing.context["page_obj"].object_list}
    assert shown == {mandate.pk for mandate in areas["cyber"]}


def test_the_dashboard_fills_the_program_area_card_from_the_work_plan(staff_client, areas):
    html = staff_client.get(reverse("home")).content.decode()

    card = html[html.index('id="area-heading"') :]
    card = card[: card.index("</section>")]
    assert "Cybersecurity: 3" in card
