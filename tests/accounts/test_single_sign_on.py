"""Single sign-on through OpenID Connect, against a small provider the test starts."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from joserfc.jwk import RSAKey

from accounts.models import ExternalIdentity, SignInEvent
from core import roles
from tests import factories
from tests.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    with Provider() as running:
        settings = override_settings(
            OIDC_ISSUER=running.issuer,
            OIDC_CLIENT_ID=CLIENT_ID,
            OIDC_CLIENT_SECRET=CLIENT_SECRET,
            OIDC_PROVIDER_NAME="OAS directory",
            SITE_URL="http://testserver",
        )
        with settings:
            yield running


def sign_in_through(provider: Provider, browser: Client, *, subject: str, **claims):
    start = browser.get("/accounts/sso/?next=/mandates/")
    assert start.status_code == 302
    return browser.get(provider.sign_in(start["Location"], subject=subject, **claims))


def test_someone_signing_in_through_the_provider_for_the_first_time_gets_an_account_with_no_role(provider):
    browser = Client()

    response = sign_in_through(
        provider, browser, subject="a1b2", preferred_username="ana.silva", email="ana@oas.example", email_verified=True
    )

    assert response.status_code == 302 and response["Location"] == "/mandates/"
    user = get_user_model().objects.get(external_identities__subject="a1b2")
    assert user.username == "ana.silva" and user.email == "ana@oas.example"
    assert roles.role_label(user) == "none" and not user.is_staff and not user.has_usable_password()
    assert browser.get(reverse("states:request_create")).status_code == 403  # no role: may file nothing
    assert "Dashboard" not in browser.get("/").content.decode()
    event = SignInEvent.objects.get(user=user, kind="signed_in")
    assert event.detail == "single sign-on"


def test_signing_in_again_finds_the_same_account_with_the_role_an_administrator_gave(provider):
    sign_in_through(provider, Client(), subject="a1b2", preferred_username="ana.silva")
    user = get_user_model().objects.get(username="ana.silva")
    user.groups.add(factories.Group.objects.get(name=roles.STAFF_GROUP))

    browser = Client()
    sign_in_through(provider, browser, subject="a1b2", preferred_username="renamed")

    assert get_user_model().objects.filter(external_identities__issuer=provider.issuer).count() == 1
    assert "Dashboard" in browser.get("/").content.decode()


def test_an_existing_account_with_the_same_username_or_email_is_never_taken_over(provider):
    official = factories.make_staff("ana.silva")

    sign_in_through(provider, Client(), subject="zz9", preferred_username="ana.silva", email=official.email)

    newcomer = ExternalIdentity.objects.get(subject="zz9").user
    assert newcomer != official and newcomer.username == "ana.silva-2"
    assert roles.role_label(newcomer) == "none" and roles.role_label(official) == "staff"


def test_an_address_the_provider_says_it_has_not_verified_is_not_kept(provider):
    sign_in_through(
        provider, Client(), subject="q7", preferred_username="pat", email="pat@x.example", email_verified=False
    )

    assert ExternalIdentity.objects.get(subject="q7").user.email == ""


def test_a_token_signed_with_a_key_the_provider_never_published_signs_nobody_in(provider):
    provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": "provider-key"})
    browser = Client()

    response = sign_in_through(provider, browser, subject="evil", preferred_username="mallory")

    assert response.status_code == 400
    assert "Single sign-on did not work" in response.content.decode()
    assert "_auth_user_id" not in browser.session
    assert not get_user_model().objects.filter(username="mallory").exists()
    assert SignInEvent.objects.filter(kind="sso_failed").exists()


def test_the_providers_answer_is_refused_in_another_browser_or_a_second_time(provider):
    browser = Client()
    start = browser.get("/accounts/sso/")
    back = provider.sign_in(start["Location"], subject="a1b2", preferred_username="ana.silva")

    elsewhere = Client().get(back)  # no attempt of this browser's: the state does not match
    once = browser.get(back)
    twice = browser.get(back)

    assert elsewhere.status_code == 400
    assert once.status_code == 302
    assert twice.status_code == 400


def test_the_login_page_offers_the_provider_only_when_configured(provider):
    assert "Sign in with OAS directory" in Client().get("/accounts/login/").content.decode()
    with override_settings(OIDC_ISSUER=""):
        assert "Sign in with" not in Client().get("/accounts/login/").content.decode()
        assert Client().get("/accounts/sso/").status_code == 404
