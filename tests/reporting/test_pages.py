"""Who reaches the dashboard, the report and the snapshots, what the dashboard page shows,
and its query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Mandate
from states.models import AssistanceRequest, MemberState
from tests import factories

pytestmark = pytest.mark.django_db

SECRETARIAT_PAGES = [
    reverse("report_index"),
    reverse("report_view") + "?language=en",
    reverse("report_download", args=["pdf"]) + "?language=en",
    reverse("report_download", args=["xlsx"]) + "?language=en",
    reverse("snapshot_list"),
]


@pytest.mark.parametrize("url", ["/", *SECRETARIAT_PAGES])
def test_an_anonymous_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_focal_point_landing_on_the_site_root_goes_to_its_states_page(focal_mx_client):
    response = focal_mx_client.get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("states:state_detail", args=["MEX"])


@pytest.mark.parametrize("url", SECRETARIAT_PAGES)
def test_a_focal_point_cannot_open_the_secretariats_report_or_snapshots(focal_mx_client, url):
    assert focal_mx_client.get(url).status_code == 403


def test_a_focal_point_cannot_open_a_snapshot_or_a_comparison(focal_mx_client, staff):
    from reporting.snapshots import take_snapshot

    snapshot = take_snapshot(name="Session", taken_on=datetime.date.today(), by=staff)

    assert focal_mx_client.get(snapshot.get_absolute_url()).status_code == 403
    assert (
        focal_mx_client.get(reverse("snapshot_compare"), {"before": snapshot.pk, "after": "today"}).status_code == 403
    )


@pytest.mark.parametrize("persona", ["staff_client", "viewer_client", "administrator_client"])
def test_the_secretariat_sees_the_dashboard_at_the_site_root(request, persona):
    response = request.getfixturevalue(persona).get("/")

    assert response.status_code == 200
    assert "dashboard/dashboard.html" in [t.name for t in response.templates]


def test_the_dashboard_shows_the_counts_and_links_to_the_list_behind_each(staff_client):
    section = factories.make_section()
    for status in (Mandate.Status.COMPLETED, Mandate.Status.IN_PROGRESS, Mandate.Status.IN_PROGRESS):
        factories.make_mandate(section, owners=["CICTE Secretariat"], status=status)
    factories.make_request("MEX")

    html = staff_client.get("/").content.decode()

    assert '<span class="kpi-value">3</span>' in html
    assert "33% completed" in html
    assert 'href="/mandates/?status=in_progress"' in html
    assert f'href="/requests/?state={MemberState.objects.get(iso3="MEX").pk}"' in html
    assert 'href="/mandates/?overdue=1"' in html
    # Every chart has a title and a description, and a table equivalent follows it.
    assert html.count('<svg class="chart"') == html.count("<desc id=") >= 8
    assert "Show the figures as a table" in html


def test_the_dashboards_figures_count_only_what_the_viewer_may_see(staff, focal_mx):
    from reporting.views.dashboard import dashboard_context

    mandate = factories.make_mandate()
    factories.make_request("MEX", by=staff, mandates=[mandate])
    chile = factories.make_request("CHL", by=staff, mandates=[mandate])
    factories.make_activity(chile, mandate=mandate, participants_women=9)
    factories.make_activity(None, mandate=mandate, participants_women=4)  # regional: no state

    secretariat, focal_point = dashboard_context(staff), dashboard_context(focal_mx)

    assert (secretariat["requests_total"], secretariat["gender"].women) == (2, 13)
    assert (focal_point["requests_total"], focal_point["gender"].women) == (1, 0)
    assert [row.label for row in focal_point["requests_by_state"]] == ["Mexico"]


def _rows(n: int):
    section = factories.make_section()
    staff = factories.make_staff()
    statuses = list(Mandate.Status)
    for index in range(n):
        mandate = factories.make_mandate(section, owners=["CICTE Secretariat"], status=statuses[index % len(statuses)])
        if index % 10 == 0:
            request = factories.make_request(
                ["MEX", "CHL", "COL"][index % 3], by=staff, mandates=[mandate], received_on=datetime.date(2024, 1, 1)
            )
            AssistanceRequest.objects.filter(pk=request.pk).update(
                status=AssistanceRequest.Status.DELIVERED, delivered_on=datetime.date(2024, 2, 1)
            )
            factories.make_activity(request, mandate=mandate, participants_women=2, funding_source=f"Donor {index % 4}")


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_dashboard_issues_the_same_number_of_queries_with_10_and_with_1000_rows(staff_client):
    _rows(10)
    small = _dashboard_queries(staff_client)
    _rows(990)

    assert _dashboard_queries(staff_client) == small
