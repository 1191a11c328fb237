"""Large implementation reports: built as files by the task worker, listed under My reports,
emailed to their requester when ready, downloaded only by who may read them, pruned after a
while; the page of a large scope stays small. And the report's queries do not grow with it."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from commitments import services as mandate_services
from reporting.models import ReportFile
from reporting.report import Scope, _entries, build_report
from states.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db
WITH_WORKER = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
# Three mandates make a "large" report here: the same path as 20,000 in production.
SMALL_THRESHOLD = override_settings(REPORT_BACKGROUND_MANDATES=2, REPORT_PAGE_MANDATES=1)


@pytest.fixture
def report_storage(tmp_path, monkeypatch):
    location = tmp_path / "reports"
    monkeypatch.setattr(ReportFile._meta.get_field("file"), "storage", FileSystemStorage(location=location))
    return location


def three_mandates(staff):
    resolution = factories.make_resolution("CICTE/RES. 9/25", adopted_on=datetime.date(2025, 3, 1))
    section = factories.make_section(resolution, title="Promotion of cybersecurity")
    texts = ["To hold a hemispheric meeting.", "To train CSIRT staff.", "To publish a guide."]
    mandates = [factories.make_mandate(section, owners=["CICTE Secretariat"], text=text) for text in texts]
    factories.make_request("MEX", by=staff, mandates=[mandates[0]], title="Workshop on incident response")
    return resolution


@WITH_WORKER
@DATABASE_TASKS
@SMALL_THRESHOLD
def test_a_large_report_is_built_by_the_worker_and_its_requester_emailed_a_link_only_they_may_use(
    staff, staff_client, focal_mx_client, report_storage
):
    resolution = three_mandates(staff)

    page = staff_client.get(reverse("report_view"), {"resolution": resolution.pk, "language": "en"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "This page shows the first 1 of 3 mandates" in html
    assert "To hold a hemispheric meeting." in html
    assert "To publish a guide." not in html  # the rest is in the file
    queued = ReportFile.objects.get()
    assert (queued.requested_by, queued.status, queued.fmt) == (staff, "queued", "pdf")
    assert DBTaskResult.objects.filter(status="READY", task_path__endswith="build_report_file").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "ready", queued.error
    email = OutgoingEmail.objects.get(subject="Your implementation report is ready")
    assert email.to == staff.email
    assert queued.get_absolute_url() in email.body
    listed = staff_client.get(reverse("report_files")).content.decode()
    assert f'href="{queued.get_absolute_url()}"' in listed
    download = staff_client.get(queued.get_absolute_url())
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages)
    assert "To publish a guide." in text  # the whole report, not the page's first mandate
    assert focal_mx_client.get(queued.get_absolute_url()).status_code == 404


@SMALL_THRESHOLD
def test_a_large_reports_spreadsheet_is_queued_and_the_user_sent_to_my_reports(staff, staff_client, report_storage):
    resolution = three_mandates(staff)

    response = staff_client.get(
        reverse("report_download", args=["xlsx"]), {"resolution": resolution.pk, "language": "en"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("report_files")
    assert ReportFile.objects.get().fmt == "xlsx"


@SMALL_THRESHOLD
def test_reloading_a_large_reports_page_queues_its_file_once(staff, staff_client, report_storage):
    resolution = three_mandates(staff)

    for _ in range(3):
        staff_client.get(reverse("report_view"), {"resolution": resolution.pk, "language": "en"})

    assert ReportFile.objects.count() == 1


def test_a_small_report_is_still_downloaded_at_once(staff, staff_client, report_storage):
    resolution = three_mandates(staff)

    response = staff_client.get(
        reverse("report_download", args=["pdf"]), {"resolution": resolution.pk, "language": "en"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not ReportFile.objects.exists()


def ready_report_file(user, location, monkeypatch) -> ReportFile:
    """A member states' version, ready, asked for by ``user`` (for the authorization matrix)."""
    monkeypatch.setattr(ReportFile._meta.get_field("file"), "storage", FileSystemStorage(location=location))
    return ready_file(user)


def ready_file(user, audience="states", age=datetime.timedelta(0)) -> ReportFile:
    report_file = ReportFile.objects.create(
        requested_by=user, audience=audience, language="en", fmt="pdf", title="Report", status="ready", size=3
    )
    report_file.file.save("report.pdf", ContentFile(b"PDF"))
    ReportFile.objects.filter(pk=report_file.pk).update(created_at=timezone.now() - age)
    return report_file


def test_the_secretariats_version_is_refused_to_a_requester_no_longer_in_the_secretariat(report_storage, client):
    former = factories.make_focal_point("MEX", "moved-to-a-mission")
    client.force_login(former)
    internal = ready_file(former, audience="secretariat")
    public = ready_file(former)

    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(public.get_absolute_url()).status_code == 200


def test_my_reports_lists_only_my_own_files(staff, viewer_client, report_storage):
    ready_file(staff)

    html = viewer_client.get(reverse("report_files")).content.decode()

    assert "You have not asked for a report file yet." in html


def test_pruning_deletes_old_files_and_keeps_recent_ones(staff, report_storage):
    old = ready_file(staff, age=datetime.timedelta(days=20))
    recent = ready_file(staff, age=datetime.timedelta(days=2))
    old_path = report_storage / old.file.name

    call_command("prune_report_files", "--days", "14", stdout=io.StringIO())

    assert list(ReportFile.objects.all()) == [recent]
    assert not old_path.exists()
    assert (report_storage / recent.file.name).exists()


def _queries(user, resolution) -> tuple[int, int]:
    """(queries of the whole report, queries of its mandates and their rows)."""
    scope = Scope(resolution=resolution)
    with CaptureQueriesContext(connection) as report:
        build_report(scope=scope, user=user)
    with CaptureQueriesContext(connection) as rows:
        _entries(scope, user)
    return len(report), len(rows)


def test_the_report_reads_10_and_200_mandates_with_their_rows_in_the_same_queries(staff):
    resolution = factories.make_resolution("CICTE/RES. 5/25")
    section = factories.make_section(resolution)

    def add(count):
        for _ in range(count):
            mandate = factories.make_mandate(section, owners=["CICTE Secretariat", "Member States"])
            mandate_services.add_mandate_update(mandate=mandate, by=staff, note="Progress.")
            request = factories.make_request("CHL", by=staff, mandates=[mandate])
            factories.make_activity(request, mandate=mandate)

    add(10)
    (whole, rows) = _queries(staff, resolution)
    add(190)

    # The mandates and their rows: one query per kind (mandates, member states, owners, latest
    # updates, requests, activities, resolutions, sections) and the owners' names.
    assert _queries(staff, resolution) == (whole, rows)
    assert rows == 9
