"""Password rules: the same validators refuse spaces-only passwords and the organisation's own
names with digits wherever a password is set (the admin, createsuperuser, validate_password)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()

REFUSED = [
    "          ",
    "\t\t\t\t\t\t\t\t\t\t\t",
    "cicte12345",
    "oea2024oea",
    "OAS-2024-oas!",
    "Cicte2025Cicte",
    "SSM.2024.oea",
]
ACCEPTED = ["Lima harbour at dawn", "Cicte-Lima-harbour-7", "correct horse battery staple"]


@pytest.mark.parametrize("password", REFUSED)
def test_spaces_and_the_organisations_names_with_digits_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, factories.make_user("official"))


@pytest.mark.parametrize("password", ACCEPTED)
def test_a_passphrase_that_only_mentions_the_organisation_is_accepted(password):
    validate_password(password, factories.make_user("official"))


@pytest.mark.parametrize("password", ["          ", "cicte12345", "oea2024oea"])
def test_the_admin_refuses_to_create_a_user_with_such_a_password(admin_client, password):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "new-official", "password1": password, "password2": password, "usable_password": "true"},
    )

    assert response.status_code == 200  # the form again, with its error
    assert not User.objects.filter(username="new-official").exists()


def test_the_admin_refuses_to_change_a_password_to_spaces(admin_client):
    official = factories.make_user("official")
    official.set_password("a-long-and-unusual-passphrase")
    official.save()

    response = admin_client.post(
        f"/admin/auth/user/{official.pk}/password/", {"password1": " " * 10, "password2": " " * 10}
    )

    assert response.status_code == 200
    official.refresh_from_db()
    assert official.check_password("a-long-and-unusual-passphrase")


@pytest.mark.parametrize("password", ["          ", "oea2024oea"])
def test_createsuperuser_without_prompt_refuses_such_a_password(monkeypatch, password):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)

    with pytest.raises(CommandError):
        call_command("createsuperuser", "--noinput", username="root", email="root@example.org", verbosity=0)

    assert not User.objects.filter(username="root").exists()


def test_createsuperuser_without_prompt_accepts_a_good_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Lima harbour at dawn")

    call_command("createsuperuser", "--noinput", username="root", email="root@example.org", verbosity=0)

    assert User.objects.get(username="root").check_password("Lima harbour at dawn")
