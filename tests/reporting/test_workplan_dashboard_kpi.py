"""The dashboard counts the Work Plan progress reports overdue, and the figure opens the list
of them on the work-plan page."""

import pytest
from django.urls import reverse

from tests.commitments.workplan_helpers import make_commitment, make_indicator

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_overdue_progress_reports(staff_client):
    make_indicator(make_commitment(code="CYB-1"))  # 2023-07 to 2024-12, half-yearly: 3 periods due

    html = staff_client.get(reverse("home")).content.decode()

    figure = html[html.index("Progress reports overdue") - 400 :]
    assert 'href="/work-plan/#overdue-heading"' in figure
    assert ">3<" in figure[: figure.index("Progress reports overdue")]
