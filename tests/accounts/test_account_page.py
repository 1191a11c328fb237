"""A user's own account page: email for notifications, language, and the ways in to tokens,
second factor and password."""

import pytest

from accounts.models import SignInEvent
from tests.accounts.conftest import PASSWORD, signed_in

pytestmark = pytest.mark.django_db


def test_the_username_in_the_header_opens_the_account_page_which_links_to_tokens_security_and_password(staff_member):
    maria = signed_in(staff_member)

    header = maria.get("/mandates/").content.decode()
    page = maria.get("/account/").content.decode()

    assert 'href="/account/" title="Your account">maria</a>' in header
    for link in ('href="/account/tokens/"', 'href="/account/security/"', 'href="/account/password/"'):
        assert link in page


def test_a_focal_point_chooses_spanish_and_a_new_address_and_reads_the_site_and_digests_in_spanish(
    mexican_focal_point,
):
    juan = signed_in(mexican_focal_point)

    response = juan.post("/account/", {"email": "juan.perez@sre.example", "language": "es"})

    assert response.status_code == 302
    mexican_focal_point.refresh_from_db()
    assert mexican_focal_point.email == "juan.perez@sre.example"
    assert mexican_focal_point.focal_point.language == "es"  # reminders and digests follow
    assert "Seguimiento de mandatos del CICTE" in juan.get("/account/").content.decode()


def test_a_bad_address_is_refused_with_the_form_and_nothing_changes(mexican_focal_point):
    juan = signed_in(mexican_focal_point)

    response = juan.post("/account/", {"email": "not an address", "language": "fr"})

    assert response.status_code == 400
    mexican_focal_point.refresh_from_db()
    assert mexican_focal_point.email == "juan@example.org"
    assert mexican_focal_point.focal_point.language == ""


def test_changing_the_password_needs_the_old_one_and_is_recorded(staff_member):
    maria = signed_in(staff_member)

    wrong = maria.post(
        "/account/password/",
        {
            "old_password": "guess",
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
    )
    right = maria.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
    )

    assert wrong.status_code == 400
    assert right.status_code == 302 and maria.get("/account/").status_code == 200  # still signed in
    staff_member.refresh_from_db()
    assert staff_member.check_password("another-long-passphrase")
    assert SignInEvent.objects.filter(user=staff_member, kind="password_changed").count() == 1
