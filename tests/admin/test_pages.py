"""Every admin page opens, for the people who may use the admin and only for them."""

import pytest
from django.contrib import admin
from django.urls import reverse

from commitments.models import Mandate

pytestmark = pytest.mark.django_db

# The tracker's models and the accounts; django-axes' login logs are its own business.
REGISTERED = sorted(
    ((model, model_admin) for model, model_admin in admin.site._registry.items() if model._meta.app_label != "axes"),
    key=lambda item: item[0]._meta.label,
)
MODEL_IDS = [model._meta.label for model, _model_admin in REGISTERED]


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_tracker_is_in_the_admin():
    from django.apps import apps

    tracker_models = {
        model for label in ("commitments", "states", "reporting") for model in apps.get_app_config(label).get_models()
    }
    assert tracker_models <= set(admin.site._registry)


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_the_administrator_opens_every_changelist_and_searches_it(model, model_admin, populated, administrator_client):
    assert model in populated, "the populated fixture lacks a row of this model"

    response = administrator_client.get(_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
    if model_admin.search_fields:
        searched = administrator_client.get(_url(model, "changelist"), {"q": "no such thing anywhere"})
        assert searched.status_code == 200
        assert searched.context["cl"].result_count == 0


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_the_administrator_opens_every_change_form(model, model_admin, populated, administrator_client):
    response = administrator_client.get(_url(model, "change", populated[model].pk))

    assert response.status_code == 200


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_the_administrator_opens_every_add_form_where_adding_is_allowed(
    model, model_admin, populated, administrator_client, rf, administrator
):
    request = rf.get("/")
    request.user = administrator
    expected = 200 if model_admin.has_add_permission(request) else 403

    assert administrator_client.get(_url(model, "add")).status_code == expected


def test_searching_mandates_finds_them_by_their_words(populated, administrator_client):
    Mandate.objects.filter(pk=populated[Mandate].pk).update(text="To strengthen maritime port security.")

    response = administrator_client.get(_url(Mandate, "changelist"), {"q": "maritime"})

    assert [mandate.pk for mandate in response.context["cl"].result_list] == [populated[Mandate].pk]


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_secretariat_staff_see_every_changelist_but_users_and_groups(model, model_admin, populated, staff_client):
    response = staff_client.get(_url(model, "changelist"))

    # Accounts, roles, API tokens, second factors and the sign-in trail are the administrator's
    # alone, and so are the previews other people have pending.
    administrators_only = ("auth", "api", "accounts", "otp_totp", "otp_static")
    admin_only = model._meta.app_label in administrators_only or model._meta.label == "commitments.PendingImport"
    assert response.status_code == (403 if admin_only else 200)


def test_secretariat_staff_may_edit_mandates_but_not_their_history(populated, staff_client):
    mandate_page = staff_client.get(_url(Mandate, "change", populated[Mandate].pk))

    assert mandate_page.context["has_change_permission"] is True
    update = populated[Mandate].updates.get()
    assert staff_client.get(_url(type(update), "add")).status_code == 403
    assert staff_client.post(_url(type(update), "delete", update.pk), {"post": "yes"}).status_code == 403


@pytest.mark.parametrize("persona", ["focal_mx_client", "viewer_client"])
def test_people_without_the_staff_flag_cannot_reach_the_admin(persona, request, populated):
    client = request.getfixturevalue(persona)

    for url in (reverse("admin:index"), _url(Mandate, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
