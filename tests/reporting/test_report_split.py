"""A very large report's PDF comes as a ZIP: a summary, and its mandates in parts built side by
side. The files together hold what one PDF of the same choices would: every mandate once, the
same totals (a request under mandates of two parts counted once), the national reports."""

import datetime
import io
import re
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from reporting import report_files, report_split
from reporting.models import ReportFile
from reporting.report import Scope, build_report
from reporting.report_pdf import render_pdf
from tests import factories

pytestmark = pytest.mark.django_db
# Two mandates make a "very large" PDF here, each resolution a part of its own.
SPLIT_SMALL = override_settings(REPORT_SPLIT_MANDATES=2, REPORT_PART_MANDATES=1, REPORT_PARALLEL_WORKERS=2)
TEXTS = ["To hold a hemispheric meeting.", "To train CSIRT staff.", "To publish a guide.", "To map ports."]


def two_resolutions(staff):
    mandates = []
    for number, texts in ((3, TEXTS[:2]), (4, TEXTS[2:])):
        resolution = factories.make_resolution(f"CICTE/RES. {number}/25", adopted_on=datetime.date(2025, 3, 1))
        section = factories.make_section(resolution, title="Promotion of cybersecurity")
        mandates += [factories.make_mandate(section, owners=["CICTE Secretariat"], text=text) for text in texts]
    # One request under a mandate of each resolution: in both parts, one request in the totals.
    request = factories.make_request("MEX", by=staff, mandates=[mandates[0], mandates[3]], title="Port workshop")
    factories.make_activity(request, title="Port security course", participants_women=3, participants_men=2)
    return mandates


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _files(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name.rsplit("-en-", 1)[-1]: _text(archive.read(name)) for name in archive.namelist()}


def _totals(text: str) -> list[str]:
    return re.findall(r"^(?:Mandates|Assistance requests|Activities delivered|Participants|Women) \d+$", text, re.M)


def _check_split(content: bytes, single: str):
    files = _files(content)
    assert list(files) == ["summary.pdf", "part-01-of-02.pdf", "part-02-of-02.pdf"]
    parts = files["part-01-of-02.pdf"] + files["part-02-of-02.pdf"]
    for text in TEXTS:
        assert parts.count(text) == single.count(text) == 1
    assert "Part 2 of 2 · mandates of CICTE/RES. 4/25 to CICTE/RES. 4/25" in files["part-02-of-02.pdf"]
    assert "Port workshop" in files["part-01-of-02.pdf"] and "Port workshop" in files["part-02-of-02.pdf"]
    summary = files["summary.pdf"]
    assert _totals(summary) == _totals(single)
    assert "Assistance requests 1" in _totals(summary)  # under two parts, counted once
    assert "Summary by member state" in summary and "Mexico" in summary
    assert "part-02-of-02.pdf" in summary  # it names the files holding the mandates
    assert not any(text in summary for text in TEXTS)


@SPLIT_SMALL
def test_a_very_large_pdf_is_a_zip_of_a_summary_and_parts_holding_what_one_pdf_would(staff):
    two_resolutions(staff)
    scope = Scope(language="en")

    fmt, content = report_files.render(scope, staff, "pdf")

    assert fmt == "zip"
    with translation.override("en"):
        single = _text(render_pdf(build_report(scope=scope, user=staff)))
    _check_split(content, single)


@SPLIT_SMALL
def test_a_spreadsheet_is_never_split(staff):
    two_resolutions(staff)

    fmt, content = report_files.render(Scope(language="en"), staff, "xlsx")

    assert fmt == "xlsx" and content.startswith(b"PK")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@SPLIT_SMALL
def test_the_worker_builds_the_parts_in_processes_of_their_own_and_files_a_zip(staff, tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    monkeypatch.setattr(ReportFile._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))
    two_resolutions(staff)
    with translation.override("en"):
        single = _text(render_pdf(build_report(scope=Scope(language="en"), user=staff)))
    queued = ReportFile.objects.create(
        requested_by=staff, params={"language": "en"}, audience="states", language="en", fmt="pdf"
    )

    built = report_files.build(queued)

    assert (built.status, built.fmt, built.error) == ("ready", "zip", "")
    assert built.file.name.endswith(".zip")
    assert report_files.CONTENT_TYPES[built.fmt] == "application/zip"
    with built.file.open("rb") as handle:
        _check_split(handle.read(), single)


def test_the_parts_take_whole_resolutions_in_order_and_as_many_as_the_processes_can_share(staff):
    resolutions = []
    for number, count in ((5, 3), (6, 1), (7, 2), (8, 2)):
        resolution = factories.make_resolution(f"CICTE/RES. {number}/25")
        section = factories.make_section(resolution)
        for _ in range(count):
            factories.make_mandate(section)
        resolutions.append(resolution.pk)

    parts = report_split.plan(Scope(), staff, size=4, processes=2)

    assert [pk for part in parts for pk in part] == sorted(resolutions)  # each once, in order
    assert len(parts) == 2  # 8 mandates in parts of at most about 4: one for each process
    assert report_split.plan(Scope(), staff, size=100, processes=1) == [tuple(sorted(resolutions))]


@SPLIT_SMALL
@override_settings(REPORT_BACKGROUND_MANDATES=1, REPORT_PAGE_MANDATES=1)
def test_the_page_of_a_report_too_large_for_one_pdf_says_a_zip_is_coming(staff, staff_client):
    two_resolutions(staff)

    page = staff_client.get(reverse("report_view"), {"language": "en"}, follow=True)

    html = page.content.decode()
    assert page.status_code == 200
    assert "is being prepared as a ZIP of PDF files" in html
    assert "is being prepared as a PDF;" not in html
