"""A member state's page: its requests and where each stands, the activities delivered to it,
participants trained by gender, and the mandates that ask member states to act."""

import pytest
from django.test import Client

from commitments.models import Mandate
from states import services
from states.models import AssistanceRequest
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexico(staff):
    law = factories.make_request("MEX", by=staff, title="Financing law review")
    cyber = factories.make_request("MEX", by=staff, title="Cyber response team")
    services.change_request_status(request=cyber, new_status=AssistanceRequest.Status.UNDER_REVIEW, by=staff)
    factories.make_request("CHL", by=staff, title="Chilean border training")
    factories.make_activity(law, title="Law workshop", participants_women=6, participants_men=3, participants_other=1)
    factories.make_activity(cyber, title="Cyber course", participants_women=4, participants_men=6)
    return law, cyber


def test_focal_point_sees_its_states_requests_and_where_each_stands(focal_mx_client, mexico):
    html = focal_mx_client.get("/states/MEX/").content.decode()

    assert "Financing law review" in html
    assert "Cyber response team" in html
    assert "Under review" in html
    assert "Chilean border training" not in html


def test_status_counts_link_to_the_filtered_request_list(focal_mx_client, mexico):
    response = focal_mx_client.get("/states/MEX/")
    counts = {row["label"]: row["count"] for row in response.context["status_counts"]}

    assert counts == {"Received": 1, "Under review": 1}
    state_id = mexico[0].state_id
    assert f'href="/requests/?state={state_id}&amp;status=under_review"' in response.content.decode()


def test_participants_are_counted_by_gender_with_the_share_of_women(focal_mx_client, mexico):
    participants = focal_mx_client.get("/states/MEX/").context["participants"]

    assert (participants["women"], participants["men"], participants["other"]) == (10, 9, 1)
    assert participants["total"] == 20
    assert participants["women_percent"] == 50


def test_activities_delivered_to_the_state_are_listed(focal_mx_client, mexico):
    html = focal_mx_client.get("/states/MEX/").content.decode()

    assert "Law workshop" in html
    assert "Cyber course" in html


def test_the_mandates_that_ask_member_states_to_act_are_listed(focal_mx_client):
    factories.make_mandate(text="Member states are urged to ratify.", owners=["Member States"])
    factories.make_mandate(text="The Secretariat shall report.", owners=["CICTE Secretariat"])
    factories.make_mandate(
        text="Member states completed it.", owners=["Member States"], status=Mandate.Status.COMPLETED
    )

    html = focal_mx_client.get("/states/MEX/").content.decode()

    assert "Member states are urged to ratify." in html
    assert "The Secretariat shall report." not in html
    assert "Member states completed it." not in html


def test_a_focal_point_gets_404_for_another_states_page(focal_mx_client, mexico):
    assert focal_mx_client.get("/states/CHL/").status_code == 404


def test_staff_read_every_states_page(viewer_client, mexico):
    response = viewer_client.get("/states/chl/")

    assert response.status_code == 200
    assert "Chilean border training" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get("/states/MEX/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_state_name_is_in_the_users_language(focal_mx_client):
    html = focal_mx_client.get("/states/MEX/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "<h1>México</h1>" in html
