"""Named personas shared by the whole suite: anonymous, administrator, staff, viewer, and the
focal points of Mexico and of Chile."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import translation

from tests import factories
from tests.states.fixtures import use_private_storage

# Data migrations that load reference data (member states, owners and aliases, work plans).
REFERENCE_DATA = [
    ("states.migrations.0002_member_states", "load_states"),
    ("commitments.migrations.0002_reference_data", "load"),
    ("commitments.migrations.0004_general_secretariat_aliases", "load"),
]


@pytest.fixture(autouse=True)
def _default_language():
    """A page requested in Portuguese leaves Portuguese active in this thread (LocaleMiddleware
    activates, nothing deactivates): start every test in the default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _private_storage_in_a_temporary_folder(tmp_path_factory, monkeypatch):
    """Documents a test writes land in this run's temporary folder, never in the developer's
    var/private beside the demo's own (a test that needs its own folder sets another)."""
    use_private_storage(monkeypatch, tmp_path_factory.getbasetemp() / "private")


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, concurrency) end by emptying every table, which takes the
    reference data the migrations loaded with it; load it again for whichever test comes next."""
    names = request.fixturenames
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("_django_db_helper")
    elif "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    else:
        return
    from django.contrib.auth.models import Group

    from core import roles
    from core.apps import sync_role_groups
    from states.models import MemberState

    if not MemberState.objects.exists():
        for module, function in REFERENCE_DATA:
            getattr(importlib.import_module(module), function)(apps, None)
    if not Group.objects.filter(name=roles.STAFF_GROUP).exists():
        # A serialized test's flush skips post_migrate, which is what makes the role groups and
        # their permissions: make them as migrate would.
        sync_role_groups()


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
