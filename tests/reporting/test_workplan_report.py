"""The implementation report's work-plan section: planned vs delivered per indicator, the same on
the page, in the PDF and in the workbook; the count of overdue reports only in the
Secretariat's version."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting.report import Scope
from reporting.report_workplan import work_plan_rows
from states.models import Activity, MemberState
from tests.commitments.workplan_helpers import make_commitment, make_indicator, work_plan_2023

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    commitment = make_commitment(code="CYB-1", title="National CSIRTs strengthened")
    make_indicator(commitment, code="CYB-1.a", name="Trainings delivered", target=6)
    for day in (5, 6, 7):
        Activity.objects.create(
            mandate=commitment.mandates.first(),
            commitment=commitment,
            state=MemberState.objects.get(iso3="MEX"),
            activity_type="training",
            title=f"Training {day}",
            start_date=datetime.date(2023, 9, day),
            end_date=datetime.date(2023, 9, day),
        )
    return commitment


def _query(**extra) -> dict:
    return {"work_plan": work_plan_2023().pk, "language": "en", **extra}


def test_the_report_of_the_work_plan_shows_planned_vs_delivered(staff_client, plan):
    html = staff_client.get(reverse("report_view"), _query()).content.decode()

    section = html[html.index("Work Plan: planned vs delivered") :]
    row = section[section.index("CYB-1.a") :]
    row = row[: row.index("</tr>")]
    assert "Trainings delivered" in row and ">6<" in row and ">3<" in row and ">50%<" in row
    assert "Reports overdue" not in section  # the member states' version


def test_only_the_secretariats_version_counts_overdue_reports(staff_client, plan):
    html = staff_client.get(reverse("report_view"), _query(audience="secretariat")).content.decode()

    assert "Reports overdue" in html[html.index("Work Plan: planned vs delivered") :]


def test_a_resolutions_report_shows_the_commitments_implementing_its_mandates(staff, plan):
    resolution = plan.mandates.first().resolution
    other = make_commitment(code="BRD-9", title="Not about this resolution")
    make_indicator(other, code="BRD-9.a")

    rows = work_plan_rows(Scope(resolution=resolution), staff)

    assert [row.indicator.split(" · ")[0] for row in rows] == ["CYB-1.a"]


def test_actuals_are_measured_as_of_the_end_of_the_reports_period(staff, plan):
    rows = work_plan_rows(Scope(work_plan=work_plan_2023(), end=datetime.date(2023, 9, 6)), staff)

    assert rows[0].actual == 2


def test_the_workbook_has_the_same_rows(staff_client, plan):
    response = staff_client.get(reverse("report_download", args=["xlsx"]), _query())

    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = workbook["Work Plan"]
    cells = [[str(cell.value) for cell in row] for row in sheet.iter_rows()]
    row = next(row for row in cells if row[2].startswith("CYB-1.a"))
    assert row[4:7] == ["6", "3", "50%"]


def test_the_pdf_has_the_section(staff_client, plan):
    response = staff_client.get(reverse("report_download", args=["pdf"]), _query())

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    section = text[text.index("Work Plan: planned vs delivered") :]
    assert "CYB-1.a" in section and "50%" in section
