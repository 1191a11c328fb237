"""Corrections made in the admin leave a trace of who changed what, from what, to what."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from states.models import MemberState
from tests import factories
from tests.admin.forms import admin_form_data

pytestmark = pytest.mark.django_db


def _change(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return client.post(url, admin_form_data(client.get(url), **changes))


def test_an_activity_corrected_in_the_admin_records_the_old_and_new_values(administrator, administrator_client):
    # Under a mandate only: the state of an activity under a request is its request's, fixed.
    mexico = MemberState.objects.get(iso3="MEX")
    activity = factories.make_activity(mandate=factories.make_mandate(), state=mexico, participants_women=14)
    chile = MemberState.objects.get(iso3="CHL")

    response = _change(administrator_client, activity, participants_women="16", state=str(chile.pk))

    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(activity.pk), content_type__model="activity")
    assert entry.user == administrator
    message = entry.get_change_message()
    assert "14 → 16" in message
    assert f"{MemberState.objects.get(iso3='MEX')} → {chile}" in message


def test_a_member_state_saved_unchanged_records_no_values(administrator_client):
    mexico = MemberState.objects.get(iso3="MEX")

    _change(administrator_client, mexico)

    entry = LogEntry.objects.get(object_id=str(mexico.pk), content_type__model="memberstate")
    assert "→" not in entry.get_change_message()
