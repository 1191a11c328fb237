"""A mandate is "stale" after STALE_AFTER_DAYS without an update, counted from the later of
its last update and its resolution's adoption, not from the day it was imported."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from commitments import services
from commitments.models import Mandate
from tests import factories

pytestmark = pytest.mark.django_db


def _mandate(adopted_on: datetime.date | None, text: str) -> Mandate:
    # Imported today, whatever the adoption date.
    resolution = factories.make_resolution(adopted_on=adopted_on)
    return factories.make_mandate(factories.make_section(resolution), text=text)


def _stale_texts(client) -> set[str]:
    html = client.get("/mandates/", {"stale": "on"}).content.decode()
    return {m.text for m in Mandate.objects.all() if m.text in html}


@override_settings(STALE_AFTER_DAYS=90)
def test_a_mandate_adopted_in_2023_and_untouched_since_is_stale_though_imported_today(staff_client, staff):
    _mandate(datetime.date(2023, 6, 1), "To hold a regional cyber exercise.")
    _mandate(timezone.localdate() - datetime.timedelta(days=10), "To publish a guide on incident response.")
    updated = _mandate(datetime.date(2023, 6, 1), "To train border officials.")
    services.add_mandate_update(mandate=updated, by=staff, note="Course planned for May.")

    assert _stale_texts(staff_client) == {"To hold a regional cyber exercise."}


@override_settings(STALE_AFTER_DAYS=90)
def test_the_dashboard_counts_mandates_stale_since_their_adoption(staff):
    _mandate(datetime.date(2023, 6, 1), "To hold a regional cyber exercise.")
    _mandate(timezone.localdate() - datetime.timedelta(days=10), "To publish a guide on incident response.")

    stale = Mandate.objects.stale(timezone.now(), 90)

    assert [m.text for m in stale] == ["To hold a regional cyber exercise."]


@override_settings(STALE_AFTER_DAYS=90)
def test_an_update_recorded_today_about_last_spring_leaves_the_mandate_stale_and_dated_last_spring(staff_client, staff):
    last_spring = timezone.localdate() - datetime.timedelta(days=200)
    late = _mandate(datetime.date(2023, 6, 1), "To hold a regional cyber exercise.")
    fresh = _mandate(datetime.date(2023, 6, 1), "To train border officials.")
    services.add_mandate_update(mandate=late, by=staff, note="The exercise was held.", happened_on=last_spring)
    services.add_mandate_update(mandate=fresh, by=staff, note="Course planned for May.")

    assert _stale_texts(staff_client) == {"To hold a regional cyber exercise."}
    # The list's "last update" is the day it happened, not the day it was written.
    html = staff_client.get("/mandates/", {"q": "regional cyber exercise"}).content.decode()
    assert f'<time datetime="{last_spring.isoformat()}">' in html
