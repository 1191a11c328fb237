"""The scale generator leaves the rows as the services would: each update happened on the day
it was written, and each mandate's latest-update days are those of its updates."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Max, Q
from django.utils import timezone

from commitments.models import Mandate, MandateUpdate
from core.choices import Audience
from states.models import RequestUpdate

pytestmark = pytest.mark.django_db


def test_generated_updates_happen_on_their_day_and_the_mandates_keep_their_latest_days():
    call_command("generate_scale", requests=150, seed=3, stdout=io.StringIO())

    for update in [*MandateUpdate.objects.all(), *RequestUpdate.objects.all()[:200]]:
        assert update.happened_on == timezone.localdate(update.created_at)
    expected = Mandate.objects.annotate(
        any_day=Max("updates__happened_on"),
        public_day=Max("updates__happened_on", filter=Q(updates__audience=Audience.PUBLIC)),
    )
    rows = [(m.latest_update_on, m.latest_public_update_on, m.any_day, m.public_day) for m in expected]
    assert any(row[0] is not None for row in rows)
    assert any(row[0] != row[1] for row in rows)  # some internal note is the latest
    assert all((latest, public) == (any_day, public_day) for latest, public, any_day, public_day in rows)
