"""Named personas shared by the whole suite: anonymous, administrator, staff, viewer, and the
focal points of Mexico and of Chile."""

import pytest
from django.test import Client

from tests import factories


@pytest.fixture
def administrator(db):
    return factories.make_admin()


@pytest.fixture
def staff(db):
    return factories.make_staff("staff")


@pytest.fixture
def viewer(db):
    return factories.make_viewer("viewer")


@pytest.fixture
def focal_mx(db):
    return factories.make_focal_point("MEX", "focal-mx")


@pytest.fixture
def focal_cl(db):
    return factories.make_focal_point("CHL", "focal-cl")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)


@pytest.fixture
def viewer_client(viewer):
    return _client_for(viewer)


@pytest.fixture
def focal_mx_client(focal_mx):
    return _client_for(focal_mx)


@pytest.fixture
def focal_cl_client(focal_cl):
    return _client_for(focal_cl)
