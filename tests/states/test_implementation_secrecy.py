"""National implementation reports are a state's own business: its focal points and the
Secretariat read them; another state's focal point gets 404 and sees counts only, and nothing
it can open, download or count says which state said what, unless a state made its entry public."""

import pytest
from django.test import override_settings
from django.urls import reverse

from states.implementation import status_counts
from tests import factories
from tests.listing_helpers import content
from tests.states.implementation_fixtures import Status, addressed_mandate, pdf_report, report

pytestmark = pytest.mark.django_db

SECRET = "The Mexican cabinet approved the strategy in closed session."


@pytest.fixture
def mexican_report(report_files, focal_mx):
    mandate = addressed_mandate()
    return pdf_report("MEX", mandate, by=focal_mx, status=Status.IMPLEMENTED, narrative=SECRET)


def test_chiles_focal_point_gets_404_on_mexicos_report_history(focal_cl_client, mexican_report):
    url = reverse("states:implementation_history", args=["MEX", mexican_report.mandate_id])

    assert focal_cl_client.get(url).status_code == 404


def test_chiles_focal_point_gets_404_on_mexicos_report_document(focal_cl_client, mexican_report):
    assert focal_cl_client.get(mexican_report.get_document_url()).status_code == 404


def test_chiles_focal_point_gets_404_on_mexicos_implementation_pages(focal_cl_client, mexican_report):
    for name in ("states:implementation_state", "states:implementation_add"):
        assert focal_cl_client.get(reverse(name, args=["MEX"])).status_code == 404


def test_mexicos_focal_point_reads_its_report_and_its_document(focal_mx_client, mexican_report):
    page = focal_mx_client.get(reverse("states:implementation_history", args=["MEX", mexican_report.mandate_id]))
    document = focal_mx_client.get(mexican_report.get_document_url())

    assert SECRET in page.content.decode()
    assert document.status_code == 200
    assert document["X-Content-Type-Options"] == "nosniff"
    assert content(document).startswith(b"%PDF-")


def test_chile_sees_on_the_mandate_page_how_many_states_report_each_status_never_who(
    focal_cl_client, mexican_report, staff
):
    report("BRA", mexican_report.mandate, by=staff, status=Status.IN_PROGRESS, narrative="A secret plan of Brasilia.")

    html = focal_cl_client.get(mexican_report.mandate.get_absolute_url()).content.decode()

    total = status_counts(mexican_report.mandate).total
    assert f"1 of {total}" in html  # one implemented, one in progress
    assert "What member states report" in html
    for revealing in (SECRET, "A secret plan of Brasilia.", "Mexico", "Brazil", "México", "Brasil"):
        assert revealing not in html


def test_the_counts_name_no_state(mexican_report, staff):
    report("BRA", mexican_report.mandate, by=staff, status=Status.IMPLEMENTED)

    counts = status_counts(mexican_report.mandate)

    assert {row.status: row.count for row in counts.rows}[Status.IMPLEMENTED] == 2
    assert counts.reported == 2 and counts.not_reported == counts.total - 2
    assert "MEX" not in repr(counts) and "BRA" not in repr(counts)


def test_counts_follow_each_states_latest_entry_only(mexican_report, focal_mx):
    report("MEX", mexican_report.mandate, by=focal_mx, status=Status.NOT_APPLICABLE)

    counts = {row.status: row.count for row in status_counts(mexican_report.mandate).rows}

    assert counts[Status.IMPLEMENTED] == 0
    assert counts[Status.NOT_APPLICABLE] == 1


def test_chiles_exports_hold_nothing_of_mexicos_report(focal_cl_client, mexican_report):
    for name in ("commitments:mandate_export", "states:request_export", "states:activity_export"):
        for fmt in ("csv", "json"):
            response = focal_cl_client.get(reverse(name, args=[fmt]))
            assert response.status_code == 200
            assert SECRET.encode() not in content(response)


def test_focal_points_may_not_open_the_matrix_its_export_or_the_reminder_round(
    focal_cl_client, focal_mx_client, mexican_report
):
    for client in (focal_cl_client, focal_mx_client):
        assert client.get(reverse("states:implementation_matrix")).status_code == 403
        assert client.get(reverse("states:implementation_matrix_export", args=["csv"])).status_code == 403
        assert client.post(reverse("states:implementation_reminders"), {"since": "2020-01-01"}).status_code == 403


def test_an_entry_made_public_is_read_by_other_states_without_its_author(focal_cl_client, focal_mx, report_files):
    mandate = addressed_mandate()
    report("MEX", mandate, by=focal_mx, narrative="Published strategy, available online.", public=True)

    history = focal_cl_client.get(reverse("states:implementation_history", args=["MEX", mandate.pk]))
    mandate_page = focal_cl_client.get(mandate.get_absolute_url()).content.decode()

    assert history.status_code == 200
    assert "Published strategy, available online." in history.content.decode()
    assert focal_mx.username not in history.content.decode()
    assert "Made public by their states" in mandate_page and "Mexico" in mandate_page


def test_a_private_entry_stays_hidden_beside_a_public_one(focal_cl_client, focal_mx, report_files):
    mandate = addressed_mandate()
    report("MEX", mandate, by=focal_mx, narrative="Public summary.", public=True)
    report("MEX", mandate, by=focal_mx, narrative=SECRET)

    html = focal_cl_client.get(reverse("states:implementation_history", args=["MEX", mandate.pk])).content.decode()

    assert "Public summary." in html
    assert SECRET not in html


def test_the_secretariat_reads_every_states_reports(viewer_client, mexican_report):
    url = reverse("states:implementation_history", args=["MEX", mexican_report.mandate_id])

    assert SECRET in viewer_client.get(url).content.decode()
    assert viewer_client.get(mexican_report.get_document_url()).status_code == 200


@override_settings(PUBLIC_MANDATES=True)
def test_anonymous_visitors_of_public_mandates_see_counts_and_public_entries_only(client, focal_mx, report_files):
    mandate = addressed_mandate()
    report("MEX", mandate, by=focal_mx, narrative=SECRET)
    report("BRA", mandate, by=factories.make_focal_point("BRA"), narrative="Published by Brazil.", public=True)

    html = client.get(mandate.get_absolute_url()).content.decode()

    assert "What member states report" in html
    assert SECRET not in html and "Mexico" not in html
    assert "Brazil" in html  # Brazil chose to publish its entry
