"""Every option of the implementation report in every format: the page, the PDF and the
spreadsheet answer for each scope (a resolution, a work plan, a period alone), each language
and with or without the changes since a snapshot."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from commitments import services as mandate_services
from commitments.models import Mandate, WorkPlan
from reporting import snapshots
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "fr", "pt"]
SCOPES = ["resolution", "work_plan", "period"]
FORMATS = ["page", "pdf", "xlsx"]


@pytest.fixture
def report_data(staff):
    """A resolution of the 2023-2024 work plan with a mandate changed after a snapshot, a
    mandate added after it and a request opened after it: every group of "changes" is filled."""
    plan = WorkPlan.objects.get(start_year=2023)
    resolution = factories.make_resolution("CICTE/RES. 9/24", adopted_on=datetime.date(2024, 3, 1), work_plan=plan)
    section = factories.make_section(resolution, title="Promotion of cybersecurity")
    first = factories.make_mandate(section, owners=["CICTE Secretariat"], text="To hold a hemispheric meeting.")
    snapshot = snapshots.take_snapshot(name="Twenty-fourth regular session", taken_on=timezone.localdate(), by=staff)
    mandate_services.change_mandate_status(mandate=first, new_status=Mandate.Status.IN_PROGRESS, by=staff)
    added = factories.make_mandate(section, text="To train immigration officers.")
    request = factories.make_request("MEX", by=staff, mandates=[first, added], title="Cyber workshop")
    factories.make_activity(request, mandate=first, title="National cyber workshop", participants_women=3)
    return {"resolution": resolution, "plan": plan, "snapshot": snapshot}


def _query(data, scope: str, language: str, since: bool) -> dict:
    query = {"language": language}
    if scope == "resolution":
        query["resolution"] = data["resolution"].pk
    elif scope == "work_plan":
        query["work_plan"] = data["plan"].pk
    else:
        query.update(start="2024-01-01", end=f"{timezone.localdate().year}-12-31")
    if since:
        query["since"] = data["snapshot"].pk
    return query


def _text(fmt: str, content: bytes) -> str:
    if fmt == "pdf":
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content))
        return " ".join(str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v)
    return content.decode()


@pytest.mark.parametrize("since", [False, True], ids=["whole", "since-snapshot"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_report_option_answers_in_every_format_with_the_mandates(
    report_data, staff_client, fmt, scope, language, since
):
    url = reverse("report_view") if fmt == "page" else reverse("report_download", args=[fmt])

    response = staff_client.get(url, _query(report_data, scope, language, since))

    assert response.status_code == 200
    text = _text(fmt, response.content)
    assert "To hold a hemispheric meeting." in text
    assert "To train immigration officers." in text


@pytest.mark.parametrize("fmt", ["page", "pdf"])
def test_the_changes_since_a_snapshot_name_the_snapshot_and_what_changed(report_data, staff_client, fmt):
    url = reverse("report_view") if fmt == "page" else reverse("report_download", args=[fmt])

    response = staff_client.get(url, _query(report_data, "resolution", "en", since=True))

    text = " ".join(_text(fmt, response.content).split())
    assert "Twenty-fourth regular session" in text
    assert "Mandates that changed status" in text and "Mandates added" in text and "Requests opened" in text
