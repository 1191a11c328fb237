import pytest

from states.models import AssistanceRequest
from tests import factories

pytestmark = pytest.mark.django_db


def test_focal_point_sees_only_its_own_states_requests(focal_mx, focal_cl):
    mexican = factories.make_request("MEX")
    chilean = factories.make_request("CHL")

    assert list(AssistanceRequest.objects.visible_to(focal_mx)) == [mexican]
    assert list(AssistanceRequest.objects.visible_to(focal_cl)) == [chilean]


def test_focal_point_gets_404_for_another_states_request(focal_cl_client):
    mexican = factories.make_request("MEX")

    response = focal_cl_client.get(mexican.get_absolute_url())

    assert response.status_code == 404


def test_references_count_up_within_a_year(staff):
    first = factories.make_request("MEX", by=staff)
    second = factories.make_request("CHL", by=staff)

    assert first.reference.endswith("-0001")
    assert second.reference.endswith("-0002")
