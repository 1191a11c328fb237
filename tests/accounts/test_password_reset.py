"""Password reset by email: the link goes out through the outbox in the user's language, and
works once."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import SignInEvent
from core.preferences import UserPreferences
from states.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db


def ask_for_reset(client: Client, email: str):
    return client.post("/accounts/password-reset/", {"email": email})


def reset_link(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", body).group(1)


def test_a_spanish_speaking_focal_point_gets_the_reset_link_in_spanish_through_the_outbox(
    django_capture_on_commit_callbacks,
):
    juan = factories.make_focal_point("MEX", "juan")
    juan.set_password("an-old-passphrase-of-juan")
    juan.save()
    UserPreferences.objects.create(user=juan, language="es")

    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_reset(Client(), juan.email)

    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    queued = OutgoingEmail.objects.get(to=juan.email)
    assert "Seguimiento de mandatos del CICTE" in queued.body  # the signature, in Spanish
    assert "/accounts/reset/" in queued.body
    assert [message.to for message in mail.outbox] == [[juan.email]]  # delivered by the task


def test_the_reset_link_sets_a_new_password_once_and_then_says_it_no_longer_works():
    maria = factories.make_staff("maria")
    maria.set_password("an-old-passphrase-of-maria")
    maria.save()
    ask_for_reset(Client(), maria.email)
    link = reset_link(OutgoingEmail.objects.get(to=maria.email).body)
    browser = Client()

    form_page = browser.get(link, follow=True)
    done = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase-42", "new_password2": "a-brand-new-passphrase-42"},
    )
    again = Client().get(link, follow=True)

    assert done.status_code == 302 and done["Location"] == "/accounts/reset/done/"
    maria.refresh_from_db()
    assert maria.check_password("a-brand-new-passphrase-42")
    assert "This link no longer works" in again.content.decode()
    assert "new_password1" not in again.content.decode()
    kinds = list(SignInEvent.objects.filter(user=maria).values_list("kind", flat=True))
    assert sorted(kinds) == ["password_changed", "reset_asked"]


def test_an_unknown_address_gets_the_same_answer_and_no_email():
    response = ask_for_reset(Client(), "nobody@example.org")

    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    assert OutgoingEmail.objects.count() == 0


def test_asking_again_within_a_quarter_hour_sends_no_second_email():
    maria = factories.make_staff("maria")
    maria.set_password("an-old-passphrase-of-maria")
    maria.save()

    ask_for_reset(Client(), maria.email)
    second = ask_for_reset(Client(), maria.email)

    assert second.status_code == 302
    assert OutgoingEmail.objects.filter(to=maria.email).count() == 1


def test_the_login_page_offers_the_reset_link():
    assert 'href="/accounts/password-reset/"' in Client().get("/accounts/login/").content.decode()
