"""The implementation report: its content for a resolution, a work plan and a period, its
language, the changes since a snapshot, and the PDF and XLSX downloads."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from commitments import services as mandate_services
from commitments.models import Mandate, ProgramArea, WorkPlan
from core.choices import Audience
from reporting import snapshots
from reporting.forms import ReportForm
from reporting.report import ReportAudience, Scope, build_report, update_line
from states.models import AssistanceRequest
from tests import factories

pytestmark = pytest.mark.django_db

MS = Mandate.Status


@pytest.fixture
def resolution(staff):
    """Three mandates in two sections: one with a public then an internal update, a request
    from Mexico and an activity; one with only an internal update; one untouched."""
    resolution = factories.make_resolution("CICTE/RES. 1/24", adopted_on=datetime.date(2024, 6, 6))
    cyber = factories.make_section(resolution, title="Promotion of cybersecurity")
    borders = factories.make_section(resolution, title="Border management")
    first = factories.make_mandate(cyber, owners=["CICTE Secretariat"], text="To hold a hemispheric meeting.")
    mandate_services.change_mandate_status(
        mandate=first, new_status=MS.IN_PROGRESS, by=staff, note="Meeting planned for May.", audience=Audience.PUBLIC
    )
    mandate_services.add_mandate_update(mandate=first, by=staff, note="Budget still to be confirmed.")
    second = factories.make_mandate(cyber, owners=["Member States"], text="To share incident schemas.")
    mandate_services.add_mandate_update(mandate=second, by=staff, note="Internal only.")
    third = factories.make_mandate(borders, text="To train immigration officers.")
    request = factories.make_request("MEX", by=staff, mandates=[first], title="Cyber workshop")
    factories.make_activity(
        request, mandate=first, title="National cyber workshop", participants_women=6, participants_men=4
    )
    return {"resolution": resolution, "first": first, "second": second, "third": third, "request": request}


def test_a_resolutions_report_lists_every_mandate_with_status_owners_and_latest_update(resolution, staff):
    scope = Scope(resolution=resolution["resolution"], audience=ReportAudience.SECRETARIAT)
    report = build_report(scope=scope, user=staff)

    entries = list(report.entries())
    assert [entry.mandate for entry in entries] == [resolution["first"], resolution["second"], resolution["third"]]
    assert [section.title for section in report.resolutions[0].sections] == [
        "Promotion of cybersecurity",
        "Border management",
    ]
    first = entries[0]
    assert (first.status, first.owners) == ("in_progress", ["CICTE Secretariat"])
    # The Secretariat's version holds its internal notes: the latest update is the internal one.
    assert first.latest_update.note == "Budget still to be confirmed."
    assert [r.reference for r in first.requests] == [resolution["request"].reference]
    assert [a.title for a in first.activities] == ["National cyber workshop"]
    assert entries[2].latest_update is None


def test_the_report_gives_a_summary_per_member_state_and_totals(resolution, staff):
    report = build_report(scope=Scope(resolution=resolution["resolution"]), user=staff)

    assert [(s.name, s.requests, s.open_requests, s.activities, s.women, s.participants) for s in report.states] == [
        ("Mexico", 1, 1, 1, 6, 10)
    ]
    totals = report.totals
    assert (totals.mandates, totals.requests, totals.activities, totals.participants) == (3, 1, 1, 10)
    assert totals.by_status == [("not_started", "Not started", 2), ("in_progress", "In progress", 1)]
    assert totals.women_share == pytest.approx(0.6)


def test_a_reader_outside_the_secretariat_sees_only_public_updates_and_own_requests(resolution, focal_cl):
    report = build_report(scope=Scope(resolution=resolution["resolution"]), user=focal_cl)

    first, second, _third = report.entries()
    assert first.latest_update.note == "Meeting planned for May."
    assert second.latest_update is None
    assert first.requests == [] and report.states == []


def test_a_work_plans_report_holds_its_resolutions_mandates_and_those_in_its_program_areas(staff):
    plan = WorkPlan.objects.get(start_year=2023)
    in_resolution = factories.make_mandate(factories.make_section(factories.make_resolution(work_plan=plan)))
    in_area = factories.make_mandate()
    in_area.program_areas.set([ProgramArea.objects.filter(work_plan=plan).first()])
    factories.make_mandate()  # neither

    report = build_report(scope=Scope(work_plan=plan), user=staff)

    assert {entry.mandate for entry in report.entries()} == {in_resolution, in_area}


def test_a_period_narrows_requests_and_activities_and_takes_the_latest_update_by_its_end(resolution, staff):
    AssistanceRequest.objects.filter(pk=resolution["request"].pk).update(received_on=datetime.date(2023, 1, 1))
    scope = Scope(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))

    report = build_report(scope=scope, user=staff)

    entries = {entry.mandate: entry for entry in report.entries()}
    assert set(entries) == {resolution["first"], resolution["second"], resolution["third"]}
    assert entries[resolution["first"]].requests == []
    assert entries[resolution["first"]].latest_update is None  # every update was written after 2024


def test_a_periods_report_takes_an_update_recorded_after_the_period_that_happened_within_it(
    resolution, staff, staff_client
):
    late = mandate_services.add_mandate_update(
        mandate=resolution["third"],
        by=staff,
        note="Workshop held in Lima.",
        audience=Audience.PUBLIC,
        happened_on=datetime.date(2024, 11, 20),  # recorded today, long after the period
    )
    period = {"start": "2024-01-01", "end": "2024-12-31"}

    report = build_report(scope=Scope(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)), user=staff)
    html = staff_client.get(reverse("report_view"), _query(resolution, **period)).content.decode()

    entry = next(entry for entry in report.entries() if entry.mandate == resolution["third"])
    assert entry.latest_update == late
    # Dated the day it happened, not the day it was written (the page, the PDF and the workbook).
    assert '<time datetime="2024-11-20">Nov. 20, 2024</time> · Workshop held in Lima.' in html
    assert update_line(late) == "Nov. 20, 2024 · Workshop held in Lima."


def test_the_report_shows_the_changes_since_a_snapshot_among_its_own_mandates(resolution, staff):
    snapshot = snapshots.take_snapshot(name="CICTE 24", taken_on=timezone.localdate(), by=staff)
    mandate_services.change_mandate_status(mandate=resolution["third"], new_status=MS.COMPLETED, by=staff)
    elsewhere = factories.make_mandate()
    mandate_services.change_mandate_status(mandate=elsewhere, new_status=MS.COMPLETED, by=staff)

    report = build_report(scope=Scope(resolution=resolution["resolution"], since=snapshot), user=staff)

    assert [c.obj for c in report.changes.completed] == [resolution["third"]]


def test_the_report_is_written_in_the_chosen_language(resolution, staff):
    resolution["first"].translations = {"es": "Celebrar una reunión hemisférica."}
    resolution["first"].save()

    with translation.override("es"):
        report = build_report(scope=Scope(resolution=resolution["resolution"], language="es"), user=staff)
        first = next(report.entries())
        assert (first.text, first.text_language) == ("Celebrar una reunión hemisférica.", "es")
        assert first.status_label == "En curso"
        assert report.states[0].name == "México"


def test_the_report_page_shows_every_mandate_and_offers_the_downloads(resolution, staff_client):
    query = {"resolution": resolution["resolution"].pk, "language": "en", "audience": "secretariat"}

    response = staff_client.get(reverse("report_view"), query)

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("To hold a hemispheric meeting.", "To share incident schemas.", "To train immigration officers."):
        assert text in html
    assert "status-in_progress" in html and "Budget still to be confirmed." in html
    assert "<dt>Owners</dt><dd>CICTE Secretariat</dd>" in html
    assert reverse("report_download", args=["pdf"]) in html and 'rel="stylesheet" href="/static/css/report.css"' in html


def test_a_report_with_both_a_resolution_and_a_work_plan_is_refused(resolution, staff_client):
    plan = WorkPlan.objects.get(start_year=2023)

    response = staff_client.get(
        reverse("report_view"), {"resolution": resolution["resolution"].pk, "work_plan": plan.pk, "language": "en"}
    )

    assert response.status_code == 400
    assert "not both" in response.content.decode()


def test_the_pdf_download_is_a_pdf_holding_the_mandates_text(resolution, staff_client):
    response = staff_client.get(
        reverse("report_download", args=["pdf"]), {"resolution": resolution["resolution"].pk, "language": "fr"}
    )

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="cicte-implementation-report-cicteres-124-fr.pdf"' in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "To hold a hemispheric meeting." in text
    assert "Mexique" in text  # the state's name in the report's language, in the embedded font


def test_the_xlsx_download_opens_with_its_rows_and_formulas_escaped(resolution, staff_client):
    factories.make_mandate(resolution["third"].section, text='=HYPERLINK("http://evil","x")')

    response = staff_client.get(
        reverse("report_download", args=["xlsx"]), {"resolution": resolution["resolution"].pk, "language": "en"}
    )

    workbook = load_workbook(io.BytesIO(response.content))
    # The resolution asks member states to act: its national reports have a sheet of their own.
    assert workbook.sheetnames == ["Summary", "Mandates", "Requests", "Activities", "Member states", "National reports"]
    rows = list(workbook["Mandates"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Resolution", "Section", "Paragraph", "Status")
    texts = [row[5] for row in rows[1:]]
    assert "To hold a hemispheric meeting." in texts
    assert '\'=HYPERLINK("http://evil","x")' in texts
    assert all(cell.data_type != "f" for row in workbook["Mandates"].iter_rows() for cell in row)
    requests = list(workbook["Requests"].iter_rows(values_only=True))
    assert requests[1][0] == resolution["request"].reference


def _report_queries(user, resolution) -> int:
    with CaptureQueriesContext(connection) as queries:
        build_report(scope=Scope(resolution=resolution), user=user)
    return len(queries)


def test_the_report_issues_the_same_number_of_queries_for_3_and_for_60_mandates(resolution, staff):
    small = _report_queries(staff, resolution["resolution"])
    section = resolution["first"].section
    for _ in range(57):
        mandate = factories.make_mandate(section, owners=["CICTE Secretariat", "Member States"])
        mandate_services.add_mandate_update(mandate=mandate, by=staff, note="Progress.")
        request = factories.make_request("CHL", by=staff, mandates=[mandate])
        factories.make_activity(request, mandate=mandate)

    assert _report_queries(staff, resolution["resolution"]) == small


def test_a_mandate_without_a_translation_is_shown_in_its_original_language_with_a_note(resolution, staff_client):
    response = staff_client.get(reverse("report_view"), {"resolution": resolution["resolution"].pk, "language": "es"})

    html = response.content.decode()
    assert '<p class="mandate-text" lang="en">To hold a hemispheric meeting.</p>' in html
    assert "(Inglés)" in html  # the language named in the report's language


def test_changing_the_report_brings_back_the_choices_made(resolution, staff_client):
    response = staff_client.get(reverse("report_index"), {"resolution": resolution["resolution"].pk, "language": "fr"})

    form = response.context["form"]
    assert form["resolution"].value() == str(resolution["resolution"].pk)
    assert form["language"].value() == "fr"


# --- Who the report is for ---------------------------------------------------------------

INTERNAL = "INTERNAL: Secretariat only"


def _query(resolution, **extra) -> dict:
    return {"resolution": resolution["resolution"].pk, "language": "en", **extra}


def _pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_report_is_for_the_member_states_by_default_and_shows_their_latest_public_update(resolution, staff):
    report = build_report(scope=Scope(resolution=resolution["resolution"]), user=staff)

    first, second, _third = report.entries()
    assert first.latest_update.note == "Meeting planned for May."  # not the later internal note
    assert second.latest_update is None  # its only update is internal
    assert not report.internal and report.internal_marking == ""


def test_the_member_states_report_page_hides_internal_notes_and_carries_no_internal_marking(resolution, staff_client):
    response = staff_client.get(reverse("report_view"), _query(resolution))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Meeting planned for May." in html
    assert "Budget still to be confirmed." not in html and "Internal only." not in html
    assert INTERNAL not in html


def test_the_secretariats_report_page_shows_internal_notes_under_an_internal_banner(resolution, viewer_client):
    response = viewer_client.get(reverse("report_view"), _query(resolution, audience="secretariat"))

    html = response.content.decode()
    assert "Budget still to be confirmed." in html and "Internal only." in html
    assert f'<p class="report-internal" role="note">{INTERNAL}' in html
    assert "<title>INTERNAL ·" in html
    # The downloads offered from the page are the same internal version.
    assert "audience=secretariat" in html


def test_the_member_states_pdf_and_workbook_hold_no_internal_note(resolution, staff_client):
    pdf = staff_client.get(reverse("report_download", args=["pdf"]), _query(resolution))
    xlsx = staff_client.get(reverse("report_download", args=["xlsx"]), _query(resolution))

    text = "".join(_pdf_pages(pdf.content))
    assert "Meeting planned for May." in text and "Budget" not in text and "Internal only." not in text
    assert INTERNAL not in text
    workbook = load_workbook(io.BytesIO(xlsx.content))
    cells = [str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert not any("Budget" in c or "Internal only." in c or INTERNAL in c for c in cells)
    assert any("Meeting planned for May." in c for c in cells)
    assert "internal" not in pdf["Content-Disposition"] + xlsx["Content-Disposition"]


def test_every_page_of_the_secretariats_pdf_is_marked_internal(resolution, staff_client):
    section = resolution["third"].section
    for number in range(40):  # enough mandates for several pages
        factories.make_mandate(section, text=f"To report on measure {number} at length. " * 6)

    response = staff_client.get(reverse("report_download", args=["pdf"]), _query(resolution, audience="secretariat"))

    pages = _pdf_pages(response.content)
    assert len(pages) > 2
    # At the top (header) and at the bottom (footer) of every page, the cover included.
    assert all(page.count(INTERNAL) == 2 for page in pages)
    assert "Budget still to be confirmed." in "".join(pages)
    assert response["Content-Disposition"].endswith('-en-internal-secretariat-only.pdf"')


def test_every_sheet_of_the_secretariats_workbook_is_marked_internal_in_its_first_row_and_header(
    resolution, staff_client
):
    response = staff_client.get(reverse("report_download", args=["xlsx"]), _query(resolution, audience="secretariat"))

    workbook = load_workbook(io.BytesIO(response.content))
    for sheet in workbook:
        assert str(sheet["A1"].value).startswith(INTERNAL), sheet.title
        assert sheet.oddHeader.center.text.startswith(INTERNAL), sheet.title
    mandates = list(workbook["Mandates"].iter_rows(values_only=True))
    assert mandates[1][:4] == ("Resolution", "Section", "Paragraph", "Status")
    assert "Budget still to be confirmed." in " ".join(str(row[6]) for row in mandates[2:])
    assert response["Content-Disposition"].endswith('-en-internal-secretariat-only.xlsx"')


def test_a_focal_point_cannot_get_the_secretariats_report_even_by_forging_the_parameter(resolution, focal_mx_client):
    for url in (
        reverse("report_view"),
        reverse("report_download", args=["pdf"]),
        reverse("report_download", args=["xlsx"]),
    ):
        response = focal_mx_client.get(url, _query(resolution, audience="secretariat"))
        assert response.status_code == 403
        assert b"Budget still to be confirmed." not in response.content


def test_the_secretariats_version_is_refused_to_anyone_outside_the_secretariat(resolution, focal_mx):
    form = ReportForm(_query(resolution, audience="secretariat"), user=focal_mx)
    assert not form.is_valid() and form.errors["audience"][0].startswith("Only the Secretariat")
    with pytest.raises(PermissionDenied):
        build_report(
            scope=Scope(resolution=resolution["resolution"], audience=ReportAudience.SECRETARIAT), user=focal_mx
        )


def test_an_unknown_audience_is_refused_with_the_form(resolution, staff_client):
    response = staff_client.get(reverse("report_view"), _query(resolution, audience="everyone"))

    assert response.status_code == 400
    assert b"Budget still to be confirmed." not in response.content


@pytest.mark.parametrize("prefilter_above", [0, 10_000])
def test_a_large_reports_national_section_names_the_same_mandates_as_a_small_ones(
    resolution, staff, monkeypatch, prefilter_above
):
    # A large report finds the mandates addressed to member states first (report.py); the
    # section is the same either way: only "To share incident schemas." asks states to act.
    monkeypatch.setattr("reporting.report.NATIONAL_PREFILTER_ABOVE", prefilter_above)
    scope = Scope(resolution=resolution["resolution"], audience=ReportAudience.SECRETARIAT)
    report = build_report(scope=scope, user=staff)
    assert [summary.mandate for summary in report.national] == [resolution["second"]]
