import pytest

from tests import factories
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


def test_staff_member_logs_in_and_lands_on_the_tracker(page):
    user = factories.make_staff("browser-staff")
    user.set_password(PASSWORD)
    user.save()

    log_in(page, "browser-staff", PASSWORD)

    assert page.locator(".who").inner_text() == "browser-staff"
