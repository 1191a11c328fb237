"""A mandate keeps the day of its latest update twice: of any update (what the Secretariat
reads) and of the public ones (what everyone else reads). The list's "last update" column, its
sort and the stale filter read them, and must say what the updates themselves say."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import services
from commitments.models import Mandate, MandateUpdate
from core.choices import Audience
from tests import factories
from tests.listing_helpers import listed

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def _days(mandate: Mandate) -> tuple:
    mandate.refresh_from_db()
    return mandate.latest_update_on, mandate.latest_public_update_on


def test_a_public_update_moves_both_days_and_an_internal_one_only_the_secretariats(staff):
    mandate = factories.make_mandate()
    assert _days(mandate) == (None, None)

    services.add_mandate_update(
        mandate=mandate, by=staff, note="Published.", audience=Audience.PUBLIC, happened_on=_days_ago(30)
    )
    assert _days(mandate) == (_days_ago(30), _days_ago(30))

    services.add_mandate_update(mandate=mandate, by=staff, note="Between us.", happened_on=_days_ago(5))
    assert _days(mandate) == (_days_ago(5), _days_ago(30))


def test_a_back_dated_update_leaves_the_later_one_the_latest(staff):
    mandate = factories.make_mandate()
    services.add_mandate_update(
        mandate=mandate, by=staff, note="Recent.", audience=Audience.PUBLIC, happened_on=_days_ago(2)
    )
    services.add_mandate_update(
        mandate=mandate, by=staff, note="Old news.", audience=Audience.PUBLIC, happened_on=_days_ago(90)
    )

    assert _days(mandate) == (_days_ago(2), _days_ago(2))


def test_a_status_change_and_an_edit_trace_move_the_days_too(staff):
    mandate = factories.make_mandate()
    services.change_mandate_status(
        mandate=mandate,
        new_status=Mandate.Status.IN_PROGRESS,
        by=staff,
        audience=Audience.PUBLIC,
        happened_on=_days_ago(10),
    )
    assert _days(mandate) == (_days_ago(10), _days_ago(10))

    services.record_mandate_edit(mandate=mandate, by=staff, changes={"Deadline": ("", "2030-01-01")})
    assert _days(mandate) == (TODAY, _days_ago(10))


def _reference_last_update(user):
    """What the list said before the days were kept: the latest update ``user`` may read,
    looked up per mandate."""
    latest = (
        MandateUpdate.objects.visible_to(user)
        .filter(mandate=OuterRef("pk"))
        .order_by("-happened_on")
        .values("happened_on")[:1]
    )
    return Mandate.objects.annotate(reference_on=Subquery(latest))


@pytest.fixture
def history(staff):
    """Mandates adopted long ago with public, internal, both or no updates, at various ages."""
    long_ago = timezone.now() - datetime.timedelta(days=400)
    resolution = factories.make_resolution(adopted_on=_days_ago(400))
    section = factories.make_section(resolution)
    plans = {
        "untouched": [],
        "public recent": [(Audience.PUBLIC, 3)],
        "public old": [(Audience.PUBLIC, 200)],
        "internal recent": [(Audience.INTERNAL, 3)],
        "internal recent, public old": [(Audience.PUBLIC, 200), (Audience.INTERNAL, 3)],
        "public recent, internal old": [(Audience.INTERNAL, 200), (Audience.PUBLIC, 4)],
    }
    for number, (text, updates) in enumerate(plans.items(), start=1):
        mandate = factories.make_mandate(section, number=str(number), text=f"To act: {text}.")
        for audience, age in updates:
            services.add_mandate_update(
                mandate=mandate, by=staff, note=text, audience=audience, happened_on=_days_ago(age)
            )
    Mandate.objects.update(created_at=long_ago)
    return plans


@pytest.mark.parametrize("persona", ["staff", "focal_mx", "viewer"])
@override_settings(STALE_AFTER_DAYS=90)
def test_the_stale_filter_and_the_sort_by_last_update_say_what_each_readers_updates_say(request, history, persona):
    user = request.getfixturevalue(persona)
    client = request.getfixturevalue(f"{persona}_client")
    cutoff = _days_ago(90)
    reference = list(_reference_last_update(user).order_by("pk"))
    expected_stale = {m.text for m in reference if m.reference_on is None or m.reference_on < cutoff}
    newest_first = sorted(
        reference, key=lambda m: (m.reference_on is None, -(m.reference_on or TODAY).toordinal(), m.pk)
    )

    stale = listed(client.get("/mandates/", {"stale": "on"}))
    by_update = listed(client.get("/mandates/", {"sort": "-updated"}))

    assert {m.text for m in stale} == expected_stale
    assert [m.text for m in by_update] == [m.text for m in newest_first]
    assert [m.last_update_on for m in by_update] == [m.reference_on for m in newest_first]
    assert {m.text for m in Mandate.objects.stale(timezone.now(), 90, user=user)} == expected_stale


@override_settings(STALE_AFTER_DAYS=90, PUBLIC_MANDATES=True)
def test_an_anonymous_visitor_of_public_mandates_counts_only_the_public_updates(client, history):
    stale = {m.text for m in listed(client.get("/mandates/", {"stale": "on"}))}
    expected = {m.text for m in Mandate.objects.stale(timezone.now(), 90, user=AnonymousUser())}

    assert stale == expected
    assert "To act: internal recent." in stale
    assert "To act: public recent." not in stale


def test_a_focal_point_does_not_see_an_internal_note_freshen_a_mandate(focal_mx_client, history):
    stale = {m.text for m in listed(focal_mx_client.get("/mandates/", {"stale": "on"}))}

    assert "To act: internal recent." in stale
    assert "To act: internal recent, public old." in stale
    assert "To act: public recent, internal old." not in stale


def test_the_stale_list_runs_the_same_queries_for_three_mandates_as_for_thirty(staff_client, staff, history):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get("/mandates/", {"stale": "on", "sort": "-updated"}).status_code == 200
        return len(captured)

    few = queries()
    section = Mandate.objects.first().section
    for number in range(30):
        mandate = factories.make_mandate(section, number=str(100 + number), text=f"To act again {number}.")
        services.add_mandate_update(
            mandate=mandate, by=staff, note="Old.", audience=Audience.PUBLIC, happened_on=_days_ago(300)
        )

    assert queries() == few
