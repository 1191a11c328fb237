"""The Secretariat's matrix of member states × mandates addressed to them (latest position
per cell, who has not reported since a date), its export, and the reminder round: one digest
per focal point, in the focal point's language, listing what its own state has not reported."""

import datetime

import pytest
from django.urls import reverse

from states.implementation import NationalImplementationReport
from states.models import FocalPoint, OutgoingEmail
from tests import factories
from tests.listing_helpers import export_table
from tests.states.implementation_fixtures import Status, addressed_mandate, report

pytestmark = pytest.mark.django_db

OLD = datetime.date(2025, 1, 15)
RECENT = datetime.date(2026, 6, 1)
SINCE = "2026-01-01"


@pytest.fixture
def mandates(focal_mx, focal_cl, staff):
    """Two mandates: Mexico reported on both (once long ago on the first), Chile on the second."""
    first = addressed_mandate(text="Member states are urged to ratify the Inter-American Convention.")
    second = addressed_mandate(text="Member states are encouraged to designate cyber incident teams.")
    report("MEX", first, by=focal_mx, status=Status.IN_PROGRESS, reported_on=OLD)
    report("MEX", first, by=focal_mx, status=Status.IMPLEMENTED, reported_on=RECENT)
    report("MEX", second, by=focal_mx, status=Status.NOT_STARTED, reported_on=OLD)
    report("CHL", second, by=focal_cl, status=Status.NOT_APPLICABLE, reported_on=RECENT)
    OutgoingEmail.objects.all().delete()
    return first, second


def matrix_cell(response, mandate, iso3):
    for row_mandate, cells in response.context["rows"]:
        if row_mandate == mandate:
            return next(report for state, report in cells if state.iso3 == iso3)
    raise AssertionError(f"{mandate} is not in the matrix")


def test_each_cell_shows_the_states_latest_position(viewer_client, mandates):
    first, second = mandates

    response = viewer_client.get(reverse("states:implementation_matrix"))

    assert matrix_cell(response, first, "MEX").status == Status.IMPLEMENTED
    assert matrix_cell(response, second, "CHL").status == Status.NOT_APPLICABLE
    assert matrix_cell(response, first, "CHL") is None


def test_the_since_filter_keeps_the_mandates_some_state_has_not_reported_on_since_the_date(viewer_client, mandates):
    response = viewer_client.get(reverse("states:implementation_matrix"), {"since": SINCE})

    listed = [mandate for mandate, _cells in response.context["rows"]]
    assert listed == list(mandates)  # 34 other states have reported on neither
    assert 'class="implementation-stale"' in response.content.decode()


def test_a_bad_since_date_is_a_form_error_not_a_server_error(viewer_client, mandates):
    response = viewer_client.get(reverse("states:implementation_matrix"), {"since": "not-a-date"})

    assert response.status_code == 200
    assert response.context["filter"].errors


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_holds_one_column_per_state_with_its_latest_position(viewer_client, mandates, fmt):
    table = export_table(viewer_client.get(reverse("states:implementation_matrix_export", args=[fmt])))

    header, rows = table[0], table[1:]
    mexico, chile = header.index("Mexico"), header.index("Chile")
    assert len(rows) == 2
    assert rows[0][mexico] == f"Implemented ({RECENT:%Y-%m-%d})"
    assert rows[1][chile] == f"Not applicable ({RECENT:%Y-%m-%d})"
    assert rows[0][chile] in ("", None)


def test_the_reminder_round_asks_for_confirmation_before_sending(staff_client, mandates):
    response = staff_client.get(reverse("states:implementation_reminders"), {"since": SINCE})

    assert response.status_code == 200
    assert "focal points would receive a digest" in response.content.decode()
    assert not OutgoingEmail.objects.exists()


def test_the_reminder_round_sends_one_digest_per_focal_point_in_its_language(staff_client, mandates, focal_mx):
    first, second = mandates
    second.translations = {"es": "Se alienta a los Estados miembros a designar equipos.", "fr": "Les États membres."}
    second.save()
    FocalPoint.objects.filter(user=focal_mx).update(language="es")
    second_mexican = factories.make_focal_point("MEX", "focal-mx-2")
    FocalPoint.objects.filter(user=second_mexican).update(language="fr")

    response = staff_client.post(reverse("states:implementation_reminders"), {"since": SINCE})

    assert response.status_code == 302
    digests = {message.to: message for message in OutgoingEmail.objects.all()}
    assert sorted(digests) == sorted([focal_mx.email, second_mexican.email, "focal-cl@example.org"])
    spanish, french = digests[focal_mx.email], digests[second_mexican.email]
    assert "México" in spanish.subject and "Se alienta a los Estados miembros" in spanish.body
    assert "Mexique" in french.subject and "Les États membres." in french.body
    # Mexico reported on the first mandate since the date, not on the second.
    assert second.resolution.symbol in spanish.body
    assert first.text[:40] not in spanish.body and second.text[:40] not in digests["focal-cl@example.org"].body


def test_the_confirmation_names_the_states_with_nobody_to_remind(staff_client, mandates):
    response = staff_client.get(reverse("states:implementation_reminders"), {"since": SINCE})

    unreachable = {state.iso3: count for state, count in response.context["unreachable"]}
    assert "MEX" not in unreachable and "CHL" not in unreachable  # their focal points get a digest
    assert unreachable["BRA"] == 2
    assert "write to their permanent missions" in response.content.decode()


def test_a_digest_lists_only_its_own_states_mandates_and_names_no_other_state(staff_client, mandates):
    staff_client.post(reverse("states:implementation_reminders"), {"since": SINCE})

    chilean = OutgoingEmail.objects.get(to="focal-cl@example.org")
    assert "Mexico" not in chilean.body and "Mexico" not in chilean.subject
    assert mandates[0].text[:40] in chilean.body


def test_asking_for_the_same_round_twice_the_same_day_sends_nothing_new(staff_client, mandates):
    url = reverse("states:implementation_reminders")
    staff_client.post(url, {"since": SINCE})
    sent = OutgoingEmail.objects.count()

    staff_client.post(url, {"since": SINCE})

    assert sent == 2 and OutgoingEmail.objects.count() == sent


@pytest.mark.parametrize("since", ["", "2999-01-01", "31/12/2025", "\x00"])
def test_a_reminder_round_with_a_bad_date_is_a_400_and_sends_nothing(staff_client, mandates, since):
    response = staff_client.post(reverse("states:implementation_reminders"), {"since": since})

    assert response.status_code == 400
    assert not OutgoingEmail.objects.exists()


def test_viewers_see_the_matrix_but_may_not_send_a_reminder_round(viewer_client, mandates):
    assert viewer_client.get(reverse("states:implementation_matrix")).status_code == 200
    assert viewer_client.post(reverse("states:implementation_reminders"), {"since": SINCE}).status_code == 403
    assert not OutgoingEmail.objects.exists()
    assert NationalImplementationReport.objects.count() == 4


@pytest.mark.parametrize(
    "params",
    [
        {"resolution": "99999999999999999999999"},
        {"resolution": "-1"},
        {"since": "2024-02-30"},
        {"sort": "-password"},
        {"page": "9999"},
        {"since": "1" * 500},
    ],
)
def test_hostile_matrix_parameters_get_a_page_not_a_server_error(viewer_client, mandates, params):
    for url in (reverse("states:implementation_matrix"), reverse("states:implementation_matrix_export", args=["csv"])):
        assert viewer_client.get(url, params).status_code == 200
