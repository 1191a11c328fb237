"""A request update is addressed explicitly: staff press "Send to Mexico" or "Save as internal
note"; nothing reaches the state unless they chose it, and the choice works without JavaScript."""

import re

import pytest

from core.choices import Audience
from states.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexican_request(staff, focal_mx):
    return factories.make_request("MEX", by=staff, title="Cyber workshop")


def _update_form(html: str) -> str:
    return re.search(r'<form[^>]*id="update-form".*?</form>', html, re.S).group(0)


def _hidden(client, request) -> dict[str, str]:
    """The update form's hidden fields as the page gives them (a one-time token, if any)."""
    form = _update_form(client.get(request.get_absolute_url()).content.decode())
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def _buttons(html: str) -> list[tuple[str, str]]:
    form = _update_form(html)
    return [
        (value, " ".join(label.split()))
        for value, label in re.findall(
            r'<button type="submit" name="audience" value="(\w+)"[^>]*>(.*?)</button>', form, re.S
        )
    ]


def test_staff_see_who_an_update_goes_to_on_its_two_buttons_internal_first(staff_client, mexican_request):
    response = staff_client.get(mexican_request.get_absolute_url())

    assert _buttons(response.content.decode()) == [("internal", "Save as internal note"), ("state", "Send to Mexico")]


def test_the_send_button_names_the_requesting_state_in_the_readers_language(staff_client, mexican_request):
    response = staff_client.get(mexican_request.get_absolute_url(), headers={"accept-language": "es"})

    labels = dict(_buttons(response.content.decode()))
    assert "México" in labels["state"]


def test_an_update_sent_without_choosing_stays_internal_and_tells_no_one(staff_client, mexican_request):
    OutgoingEmail.objects.all().delete()

    staff_client.post(
        f"/requests/{mexican_request.reference}/updates/",
        {**_hidden(staff_client, mexican_request), "note": "Budget line not confirmed."},
    )

    update = mexican_request.updates.get(note="Budget line not confirmed.")
    assert update.audience == Audience.INTERNAL
    assert not OutgoingEmail.objects.filter(to__icontains="focal-mx").exists()


def test_each_button_on_the_page_addresses_the_update_as_it_says(staff_client, mexican_request, focal_mx_client):
    page = staff_client.get(mexican_request.get_absolute_url()).content.decode()
    (internal, _label), (state, _label) = _buttons(page)

    url = f"/requests/{mexican_request.reference}/updates/"
    staff_client.post(url, {**_hidden(staff_client, mexican_request), "note": "Donor hesitates.", "audience": internal})
    staff_client.post(url, {**_hidden(staff_client, mexican_request), "note": "Trainers confirmed.", "audience": state})

    seen_by_mexico = focal_mx_client.get(mexican_request.get_absolute_url()).content.decode()
    assert "Trainers confirmed." in seen_by_mexico
    assert "Donor hesitates." not in seen_by_mexico
