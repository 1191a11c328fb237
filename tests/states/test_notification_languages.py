"""Every email is written in its recipient's language, whoever made the change and whatever
language their own page was in: the account page's choice, else a focal point's email
language, else the site's default."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from core.preferences import UserPreferences
from states import notifications, services
from states.implementation_services import send_reminder_round
from states.models import FocalPoint, OutgoingEmail
from tests import factories
from tests.states.implementation_fixtures import addressed_mandate

pytestmark = pytest.mark.django_db


def speaks(user, language: str):
    UserPreferences.objects.create(user=user, language=language)
    return user


def email_to(user) -> OutgoingEmail:
    return OutgoingEmail.objects.get(to=user.email)


def test_one_request_reaches_a_spanish_speaking_and_an_english_speaking_staff_member_each_in_their_language(
    focal_mx,
):
    carmen = speaks(factories.make_staff("carmen"), "es")
    john = speaks(factories.make_staff("john"), "en")

    with translation.override("fr"):  # the focal point files it from a page in French
        request = factories.make_request("MEX", by=focal_mx, title="Cyber workshop")

    to_carmen, to_john = email_to(carmen), email_to(john)
    assert to_carmen.subject == f"[CICTE] {request.reference}: nueva solicitud de Mexico"
    assert "presentó la solicitud de asistencia" in to_carmen.body and "Tipo:" in to_carmen.body
    assert to_john.subject == f"[CICTE] {request.reference}: new request from Mexico"
    assert "submitted the assistance request" in to_john.body and "Type:" in to_john.body


def test_a_focal_point_without_a_choice_of_their_own_gets_their_states_email_language(staff, focal_mx):
    FocalPoint.objects.filter(user=focal_mx).update(language="pt")
    request = factories.make_request("MEX", by=focal_mx)
    OutgoingEmail.objects.all().delete()

    services.change_request_status(request=request, new_status="under_review", by=staff)

    assert email_to(focal_mx).subject == f"[CICTE] {request.reference}: agora Em análise"


def test_a_focal_points_own_choice_wins_over_the_states_email_language(staff, focal_mx):
    FocalPoint.objects.filter(user=focal_mx).update(language="pt")
    speaks(focal_mx, "es")
    request = factories.make_request("MEX", by=focal_mx)
    OutgoingEmail.objects.all().delete()

    services.change_request_status(request=request, new_status="under_review", by=staff)

    assert ": ahora " in email_to(focal_mx).subject


def test_a_recipient_who_chose_nothing_gets_the_sites_default_not_the_senders_language(focal_mx):
    pedro = factories.make_staff("pedro")

    with translation.override("es"):
        request = factories.make_request("MEX", by=focal_mx)

    assert email_to(pedro).subject == f"[CICTE] {request.reference}: new request from Mexico"


def test_a_spanish_speaking_staff_member_gets_the_password_reset_email_in_spanish():
    carmen = speaks(factories.make_staff("carmen"), "es")
    carmen.set_password("a-passphrase-of-carmen")
    carmen.save()

    Client().post("/accounts/password-reset/", {"email": carmen.email}, HTTP_ACCEPT_LANGUAGE="en")

    queued = email_to(carmen)
    assert queued.subject == "[CICTE] Restablecer su contraseña"
    assert "Para elegir una nueva contraseña" in queued.body


def test_notifying_many_staff_in_several_languages_reads_their_languages_in_one_query(
    focal_mx, django_assert_max_num_queries
):
    for number, language in enumerate(["es", "en", "fr", "pt", ""] * 4):
        user = factories.make_staff(f"staff-{number}")
        if language:
            speaks(user, language)
    request = factories.make_request("MEX", by=focal_mx)
    OutgoingEmail.objects.all().delete()

    # One for the staff and their languages, one insert per message and language's task.
    with django_assert_max_num_queries(1 + 20 + 4 + 2):
        notifications.request_submitted(request)

    assert OutgoingEmail.objects.count() == 20


def test_the_database_refuses_a_language_outside_the_four_official_ones(staff):
    with pytest.raises(IntegrityError, match="core_userpreferences_language_valid"), transaction.atomic():
        UserPreferences.objects.create(user=staff, language="de")


def test_a_focal_points_own_choice_wins_in_the_national_report_reminder_too(staff, focal_mx):
    addressed_mandate(text="Member states are urged to ratify the Inter-American Convention.")
    FocalPoint.objects.filter(user=focal_mx).update(language="fr")
    speaks(focal_mx, "pt")

    send_reminder_round(by=staff, since=datetime.date(2026, 1, 1))

    assert "México" in email_to(focal_mx).subject and "Relatórios" in email_to(focal_mx).subject


@override_settings(REPORT_BACKGROUND_MANDATES=1, REPORT_PAGE_MANDATES=1)
def test_the_report_is_ready_email_is_in_its_readers_language_whatever_the_reports(
    staff, staff_client, django_capture_on_commit_callbacks
):
    speaks(staff, "es")
    resolution = factories.make_resolution("CICTE/RES. 9/26", adopted_on=datetime.date(2026, 3, 1))
    section = factories.make_section(resolution, title="Promotion of cybersecurity")
    for text in ("To hold a meeting.", "To publish a guide."):
        factories.make_mandate(section, owners=["CICTE Secretariat"], text=text)

    with django_capture_on_commit_callbacks(execute=True):  # the report is built after commit
        staff_client.get(reverse("report_view"), {"resolution": resolution.pk, "language": "en"})

    assert email_to(staff).subject == "Su informe de implementación está listo"
