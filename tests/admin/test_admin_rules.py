"""The admin's own rules: visibility through ``visible_to``, focal points made from the user
form, read-only history, attachments reached through their checking view, the email outbox."""

from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from states.models import AssistanceRequest, FocalPoint, MemberState, OutgoingEmail
from tests import factories
from tests.admin.forms import admin_form_data

pytestmark = pytest.mark.django_db


def test_the_admin_shows_a_focal_point_only_its_own_states_requests_even_with_admin_access(client):
    # A misconfigured account: a focal point given the staff flag and a view permission.
    focal = factories.make_focal_point("CHL", "focal-cl-staff")
    focal.is_staff = True
    focal.save()
    focal.user_permissions.add(Permission.objects.get(codename="view_assistancerequest"))
    chilean, mexican = factories.make_request("CHL"), factories.make_request("MEX")
    client.force_login(focal)

    listing = client.get(reverse("admin:states_assistancerequest_changelist"))
    other = client.get(reverse("admin:states_assistancerequest_change", args=[mexican.pk]))

    assert [request.pk for request in listing.context["cl"].result_list] == [chilean.pk]
    assert other.status_code == 302  # the admin's answer to an object it cannot find


def test_the_administrator_makes_a_focal_point_by_creating_a_user_with_a_state(administrator_client):
    url = reverse("admin:auth_user_add")
    page = administrator_client.get(url)
    peru = MemberState.objects.get(iso3="PER")
    data = admin_form_data(
        page,
        username="focal-pe",
        password1="a long Peruvian passphrase",
        password2="a long Peruvian passphrase",
        usable_password="true",
        **{"focal_point-0-state": str(peru.pk), "focal_point-0-position": "Ministry of the Interior"},
    )

    response = administrator_client.post(url, data)

    assert response.status_code == 302
    focal_point = FocalPoint.objects.get(user__username="focal-pe")
    assert (focal_point.state, focal_point.position) == (peru, "Ministry of the Interior")


def test_a_requests_page_lists_its_attachments_with_links_to_the_checking_view(populated, administrator_client):
    request = populated[AssistanceRequest]
    attachment = request.attachments.get()

    response = administrator_client.get(reverse("admin:states_assistancerequest_change", args=[request.pk]))

    assert f'href="{reverse("states:attachment_download", args=[attachment.pk])}"'.encode() in response.content


def test_staff_retry_sending_waiting_emails_from_the_outbox(staff_client, mailoutbox):
    waiting = OutgoingEmail.objects.create(to="focal@example.org", subject="[CICTE] REQ-2031-0001", body="Hello")

    response = staff_client.post(
        reverse("admin:states_outgoingemail_changelist"),
        {"action": "retry_sending", "_selected_action": [waiting.pk]},
        follow=True,
    )

    waiting.refresh_from_db()
    assert waiting.sent_at is not None and waiting.attempts == 1
    assert [message.subject for message in mailoutbox] == ["[CICTE] REQ-2031-0001"]
    assert "1 waiting email queued for sending." in response.content.decode()


def test_a_failed_retry_is_counted_and_the_email_keeps_waiting(staff_client):
    waiting = OutgoingEmail.objects.create(to="focal@example.org", subject="[CICTE] test", body="Hello")

    with mock.patch("states.outbox.send_mail", side_effect=OSError("SMTP down")):
        staff_client.post(
            reverse("admin:states_outgoingemail_changelist"),
            {"action": "retry_sending", "_selected_action": [waiting.pk]},
        )

    waiting.refresh_from_db()
    assert (waiting.sent_at, waiting.attempts, waiting.last_error) == (None, 1, "SMTP down")


def test_viewers_may_not_retry_sending(client):
    viewer = factories.make_viewer("viewer-with-admin")
    viewer.is_staff = True
    viewer.save()
    client.force_login(viewer)

    response = client.get(reverse("admin:states_outgoingemail_changelist"))

    assert response.status_code == 200
    action_form = response.context["action_form"]  # None when no action is left
    assert action_form is None or "retry_sending" not in dict(action_form.fields["action"].choices)
