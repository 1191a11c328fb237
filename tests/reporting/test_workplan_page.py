"""The work-plan page: the Secretariat reads planned vs delivered, every figure opens the list
behind it, staff file progress reports from it, and its cost does not grow with the work
behind it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commitments.workplan import Indicator, ProgressReport
from states.models import Activity, MemberState
from tests.commitments.workplan_helpers import make_commitment, make_indicator, period, work_plan_2023

pytestmark = pytest.mark.django_db


def _activities(commitment, count: int, *, ends=datetime.date(2023, 9, 15)) -> None:
    mexico = MemberState.objects.get(iso3="MEX")
    mandate = commitment.mandates.first()
    Activity.objects.bulk_create(
        Activity(
            mandate=mandate,
            commitment=commitment,
            state=mexico,
            activity_type=Activity.Type.TRAINING,
            title=f"Training {index}",
            start_date=ends - datetime.timedelta(days=1),
            end_date=ends,
            participants_women=2,
            participants_men=1,
        )
        for index in range(count)
    )


@pytest.fixture
def plan():
    commitment = make_commitment(code="CYB-1", title="National CSIRTs strengthened")
    counted = make_indicator(commitment, code="CYB-1.a", name="Trainings delivered", target=6)
    _activities(commitment, 3)
    # Someone else's activity, and one of no commitment: never counted here.
    _activities(make_commitment(code="CYB-2"), 2)
    return commitment, counted


def _page(client):
    return client.get(reverse("workplan_detail", args=[work_plan_2023().pk]))


def _links(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]


# --- Who may open it -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["workplan", "workplan_detail"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    args = [work_plan_2023().pk] if name == "workplan_detail" else []

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["workplan", "workplan_detail"])
def test_a_focal_point_is_refused_the_work_plan(client, focal_mx, name, plan):
    client.force_login(focal_mx)
    args = [work_plan_2023().pk] if name == "workplan_detail" else []

    response = client.get(reverse(name, args=args))

    assert response.status_code == 403
    assert "CYB-1" not in response.content.decode()


def test_a_focal_point_cannot_file_a_report(client, focal_mx, plan):
    _commitment, indicator = plan
    client.force_login(focal_mx)

    response = client.post(reverse("progress_report_file", args=[indicator.pk]), {})

    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "viewer"])
def test_the_secretariat_reads_the_work_plan(client, persona, plan, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("workplan"))

    assert response.status_code == 200
    assert "National CSIRTs strengthened" in response.content.decode()


def test_a_viewer_sees_no_filing_form_and_may_not_file(client, viewer, plan):
    _commitment, indicator = plan
    client.force_login(viewer)

    assert "File the report" not in _page(client).content.decode()
    response = client.post(reverse("progress_report_file", args=[indicator.pk]), {})
    assert response.status_code == 403


def test_activities_and_requests_lists_offer_no_commitment_filter_to_a_focal_point(client, focal_mx, plan):
    commitment, _indicator = plan
    client.force_login(focal_mx)

    response = client.get(reverse("states:activity_list"), {"commitment": commitment.pk})

    assert response.status_code == 200
    assert "Work Plan commitment" not in response.content.decode()


# --- What it shows ---------------------------------------------------------------------------


def test_the_page_shows_target_actual_and_share_of_target(client, staff, plan):
    client.force_login(staff)

    html = _page(client).content.decode()
    row = html[html.index('id="indicator-') :]
    row = row[: row.index("</tr>")]

    assert "Trainings delivered" in row
    assert ">6<" in row  # target
    assert ">3</a>" in row  # actual
    assert ">50%</a>" in row


def test_the_actual_opens_exactly_the_activities_it_counts(client, staff, plan):
    commitment, indicator = plan
    client.force_login(staff)
    html = _page(client).content.decode()
    url = next(link for link in _links(html) if f"commitment={commitment.pk}" in link and "ended_from" in link)

    listing = client.get(url)

    assert listing.status_code == 200
    titles = {activity.title for activity in listing.context["page_obj"].object_list}
    assert titles == {"Training 0", "Training 1", "Training 2"}


def test_every_period_figure_links_to_a_list_that_answers(client, staff, plan):
    client.force_login(staff)
    html = _page(client).content.decode()
    lists = {link for link in _links(html) if "ended_from" in link or "delivered_from" in link}

    assert lists
    assert all(client.get(link).status_code == 200 for link in lists)


def test_the_chart_and_its_table_say_the_same(client, staff, plan):
    client.force_login(staff)

    html = _page(client).content.decode()

    assert "<svg" in html and "CYB-1.a: 50" in html
    assert "Show the figures as a table" in html
    assert "style=" not in html and "<script" not in html  # strict CSP


def test_an_unfiled_past_period_shows_as_overdue(client, staff, plan):
    client.force_login(staff)

    html = _page(client).content.decode()

    assert "Progress reports overdue" in html
    assert "overdue since" in html


# --- Filing from the page --------------------------------------------------------------------


def test_staff_open_one_indicators_filing_form_at_a_time(client, staff, plan):
    _commitment, indicator = plan
    client.force_login(staff)
    url = reverse("workplan_detail", args=[work_plan_2023().pk])

    plain = client.get(url).content.decode()
    asked = client.get(url, {"file": indicator.pk}).content.decode()

    assert "File the report" not in plain and f"?file={indicator.pk}" in plain
    assert asked.count("File the report") == 1 and f'name="indicator-{indicator.pk}-rating"' in asked


@pytest.mark.parametrize("value", ["x", "-1", "99999999999999999999999", "١٢"])
def test_a_bad_file_parameter_shows_the_page_without_a_form(client, staff, plan, value):
    client.force_login(staff)

    response = client.get(reverse("workplan_detail", args=[work_plan_2023().pk]), {"file": value})

    assert response.status_code == 200
    assert "File the report" not in response.content.decode()



def _form(indicator: Indicator, code: str, **fields) -> dict:
    prefix = f"indicator-{indicator.pk}"
    data = {"period": period(indicator, code).pk, "rating": "on_track", "narrative": "Three trainings held."}
    data.update(fields)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def test_staff_file_a_report_and_the_computed_value_is_frozen(client, staff, plan):
    commitment, indicator = plan
    client.force_login(staff)

    response = client.post(
        reverse("progress_report_file", args=[indicator.pk]), _form(indicator, "2023-H2"), follow=True
    )

    assert response.status_code == 200
    assert "filed" in response.content.decode()
    report = ProgressReport.objects.get()
    assert (report.value, report.author, report.rating) == (3, staff, "on_track")
    _activities(commitment, 4)
    assert ProgressReport.objects.get().value == 3


def test_a_second_report_for_the_period_is_refused_with_a_message(client, staff, plan):
    _commitment, indicator = plan
    client.force_login(staff)
    url = reverse("progress_report_file", args=[indicator.pk])
    client.post(url, _form(indicator, "2023-H2"))

    response = client.post(url, _form(indicator, "2023-H2", rating="off_track"))

    assert response.status_code == 400
    assert "already filed" in response.content.decode()
    assert list(ProgressReport.objects.values_list("rating", flat=True)) == ["on_track"]


def test_a_correction_is_filed_when_asked_for(client, staff, plan):
    _commitment, indicator = plan
    client.force_login(staff)
    url = reverse("progress_report_file", args=[indicator.pk])
    client.post(url, _form(indicator, "2023-H2"))

    response = client.post(url, _form(indicator, "2023-H2", rating="at_risk", correction="on"))

    assert response.status_code == 302
    assert ProgressReport.objects.current().get().rating == "at_risk"
    assert ProgressReport.objects.count() == 2


@pytest.mark.parametrize(
    "fields",
    [{"period": "999999"}, {"period": "x"}, {"rating": "great"}, {"evidence_url": "not a link"}, {"period": ""}],
)
def test_a_bad_form_is_a_400_with_a_message_and_files_nothing(client, staff, plan, fields):
    _commitment, indicator = plan
    client.force_login(staff)

    response = client.post(reverse("progress_report_file", args=[indicator.pk]), _form(indicator, "2023-H2", **fields))

    assert response.status_code == 400
    assert "was not filed" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_reported_indicator_takes_its_value_from_the_form(client, staff, plan):
    commitment, _indicator = plan
    reported = make_indicator(
        commitment, code="CYB-1.b", name="Strategy adopted", measurement="reported", unit="yes_no", target=1
    )
    client.force_login(staff)

    response = client.post(reverse("progress_report_file", args=[reported.pk]), _form(reported, "2024-H1", value="1"))

    assert response.status_code == 302
    assert ProgressReport.objects.get().value == 1
    html = _page(client).content.decode()
    assert ">100%</a>" in html


def test_unknown_indicator_is_a_404(client, staff):
    client.force_login(staff)

    assert client.post(reverse("progress_report_file", args=[987654]), {}).status_code == 404


# --- Cost ------------------------------------------------------------------------------------


# Every request's own reads (session, user, groups, second factors, focal point): not the page's.
PLUMBING = re.compile(r'FROM "(django_session|auth_user|auth_group|otp_\w+|django_otp_\w+|states_focalpoint|axes_\w+)"')


def _queries(client) -> int:
    url = reverse("workplan_detail", args=[work_plan_2023().pk])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    sql = [query["sql"] for query in captured]
    # Savepoints are the database driver's bookkeeping (PostgreSQL's, not SQLite's), not reads.
    return sum(not PLUMBING.search(q) and not q.startswith(("SAVEPOINT", "RELEASE", "UPDATE")) for q in sql)


@pytest.mark.parametrize("rows", [10, 1000])
def test_the_page_costs_the_same_queries_with_10_or_1000_rows_behind_it(client, staff, rows):
    commitment = make_commitment(code="CYB-9")
    make_indicator(commitment, code="A")
    make_indicator(commitment, code="B", measurement="participants", unit="participants", by_gender=True)
    make_indicator(make_commitment(code="BRD-1", area_code="border-management"), code="C", measurement="reported")
    _activities(commitment, rows)
    file_period = period(commitment.indicators.get(code="A"), "2023-H2")
    ProgressReport.objects.create(period=file_period, value=rows, measurement="activity_count", rating="on_track")
    client.force_login(staff)
    _page(client)  # warm the session and the user's groups

    # The plan, its commitments, indicators, periods, reports and mandates, the activities and
    # requests delivered (grouped), the program areas, the other plans.
    assert _queries(client) == 10


def test_the_latest_work_plan_opens_at_work_plan(client, staff):
    client.force_login(staff)

    response = client.get(reverse("workplan"))

    assert response.context["page"].work_plan == work_plan_2023()
    assert timezone.localdate() == response.context["page"].today
