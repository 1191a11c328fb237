"""The dashboard's whole-table figures (stale mandates, by owner, by program area, by member
state, delivery times) are the Secretariat's, counted by a task and shown with their time
(``reporting.precomputed``): counted again after a write, said to be as of their time while a
new count waits in the queue, never a focal point's."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commitments.models import Owner
from reporting import precomputed
from reporting.models import DashboardFigures
from reporting.views.dashboard import dashboard_context
from tests import factories

pytestmark = pytest.mark.django_db

# Tasks queued as in production (the worker not running), instead of run inline.
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def owner():
    return Owner.objects.create(name_en="Inter-American port security working group")


def _owner_row(response, owner):
    return next(row for row in response.context["by_owner"] if row.label == owner.name_en)


def _listed(client, url) -> int:
    return client.get(url).context["page_obj"].paginator.count


def test_a_mandate_given_to_an_owner_counts_on_the_staff_dashboard_at_once_where_tasks_run_inline(staff_client, owner):
    factories.make_mandate(owners=[owner.name_en])
    assert _owner_row(staff_client.get("/"), owner).total == 1

    factories.make_mandate(owners=[owner.name_en])
    response = staff_client.get("/")

    row = _owner_row(response, owner)
    assert row.total == 2
    assert _listed(staff_client, row.url) == 2  # the figure opens exactly its list


def test_while_the_worker_has_not_counted_again_the_dashboard_says_its_figures_are_as_of_their_time(
    staff_client, owner
):
    factories.make_mandate(owners=[owner.name_en])
    counted_at = timezone.now() - datetime.timedelta(minutes=1)
    precomputed.store(counted_at)
    factories.make_mandate(owners=[owner.name_en])

    with override_settings(TASKS=QUEUED):
        response = staff_client.get("/")
        html = response.content.decode()

        assert _owner_row(response, owner).total == 1
        assert f"as of {timezone.localtime(counted_at):%H:%M}" in html
        assert "A new count is under way." in html
        # The list behind the figure counts live: the newer mandate is already in it.
        assert _listed(staff_client, _owner_row(response, owner).url) == 2

        precomputed.refresh_dashboard_figures.call()  # what the worker runs
        response = staff_client.get("/")

    assert _owner_row(response, owner).total == 2
    assert "A new count is under way." not in response.content.decode()


def test_a_busy_dashboard_asks_the_worker_for_one_count_not_one_per_view(staff_client, owner):
    factories.make_mandate(owners=[owner.name_en])
    precomputed.store(timezone.now() - datetime.timedelta(minutes=1))
    factories.make_mandate(owners=[owner.name_en])

    with override_settings(TASKS=QUEUED):
        from django_tasks_db.models import DBTaskResult

        for _ in range(3):
            staff_client.get("/")

        assert DBTaskResult.objects.filter(task_path__endswith="refresh_dashboard_figures").count() == 1


def test_figures_counted_too_long_ago_are_counted_again_even_without_a_write(staff_client, owner):
    factories.make_mandate(owners=[owner.name_en])
    precomputed.store(timezone.now() - precomputed.MAX_AGE - datetime.timedelta(minutes=1))
    # A change no marker sees (written around the services): only the age tells.
    DashboardFigures.objects.update(figures={**DashboardFigures.objects.get().figures, "owners": []})

    response = staff_client.get("/")

    assert _owner_row(response, owner).total == 1


def test_the_refresh_button_counts_again_for_staff_and_refuses_a_focal_point(staff_client, focal_mx_client, owner):
    factories.make_mandate(owners=[owner.name_en])
    precomputed.store()
    DashboardFigures.objects.update(figures={**DashboardFigures.objects.get().figures, "owners": []})

    assert focal_mx_client.post(reverse("dashboard_refresh")).status_code == 403
    assert DashboardFigures.objects.get().figures["owners"] == []
    assert staff_client.get(reverse("dashboard_refresh")).status_code == 405

    response = staff_client.post(reverse("dashboard_refresh"))

    assert response.status_code == 302
    assert _owner_row(staff_client.get("/"), owner).total == 1


def test_a_focal_point_never_reads_nor_writes_the_secretariats_figures(focal_mx, focal_mx_client):
    factories.make_request("MEX")
    factories.make_request("CHL")
    precomputed.store()

    response = focal_mx_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("states:state_detail", args=["MEX"])

    # Were a dashboard drawn for a focal point, it would count live over what it sees.
    DashboardFigures.objects.all().delete()
    context = dashboard_context(focal_mx)
    assert [row.label for row in context["requests_by_state"]] == ["Mexico"]
    assert context["counted"].as_of is None
    assert not DashboardFigures.objects.exists()


def test_the_dashboard_with_current_figures_reads_them_in_one_query_and_no_big_table(staff_client, owner):
    factories.make_request("MEX")
    factories.make_mandate(owners=[owner.name_en])
    staff_client.get("/")  # counted once, inline

    with CaptureQueriesContext(connection) as captured:
        staff_client.get("/")
    sql = [query["sql"] for query in captured]

    big_tables = ('"commitments_mandate"', '"states_assistancerequest"', '"states_activity"', "_update")
    reading_them = [query for query in sql if any(table in query for table in big_tables)]

    # One query reads the figures and, by index, the newest id of each big table; no other
    # touches them (the names of owners and states shown, the four resolutions' sections).
    assert len(reading_them) == 1
    assert '"reporting_dashboardfigures"' in reading_them[0]


def test_the_older_resolutions_bar_holds_exactly_the_mandates_of_the_resolutions_not_shown(staff_client):
    oldest = factories.make_section(factories.make_resolution("CICTE/RES. 1/20", adopted_on=datetime.date(2020, 3, 1)))
    for _ in range(3):
        factories.make_mandate(oldest)
    for year in range(21, 25):
        resolution = factories.make_resolution(f"CICTE/RES. 1/{year}", adopted_on=datetime.date(2000 + year, 3, 1))
        factories.make_mandate(factories.make_section(resolution))

    rows = staff_client.get("/").context["by_resolution"]

    assert [row.label for row in rows][:4] == [
        "CICTE/RES. 1/24",
        "CICTE/RES. 1/23",
        "CICTE/RES. 1/22",
        "CICTE/RES. 1/21",
    ]
    older = rows[4]
    assert older.label == "Older resolutions"
    assert [(segment.key, segment.value) for segment in older.segments] == [("not_started", 3)]
