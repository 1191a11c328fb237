"""The member-state portal end to end in Chromium: Mexico files a request with a document, staff
work it, Mexico sees what is addressed to it and nothing internal, Chile sees none of it."""

import pytest

from states.models import AssistanceRequest
from tests import factories
from tests.browser.conftest import log_in, run_axe
from tests.states.fixtures import PDF_BYTES, use_private_storage

# serialized_rollback: the member states and roles made by data migrations survive each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct-horse-battery-staple"


def person(make, *args):
    user = make(*args)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def signed_in(browser, live_server):
    """Open a browser context for a user, each with its own cookies."""
    contexts = []

    def open_as(username: str):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, username, PASSWORD)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_a_request_travels_from_mexico_to_the_secretariat_and_back_without_leaking(
    signed_in, tmp_path, monkeypatch, artifacts_dir
):
    use_private_storage(monkeypatch, tmp_path / "private")
    person(factories.make_staff, "portal-staff")
    person(factories.make_focal_point, "MEX", "portal-mx")
    person(factories.make_focal_point, "CHL", "portal-cl")
    mandate = factories.make_mandate(text="To provide technical assistance on cybersecurity incident response.")
    note_verbale = tmp_path / "note-verbale.pdf"
    note_verbale.write_bytes(PDF_BYTES)

    # Mexico's focal point files the request, with its note verbale, under the mandate found by typing.
    mexico = signed_in("portal-mx")
    mexico.click("text=New request")
    mexico.fill("#id_title", "Incident response training for the national CSIRT")
    mexico.select_option("#id_request_type", "capacity_building")
    mexico.fill("#id_description", "A one-week course for twenty analysts.")
    mexico.fill("input.option-filter", "incident response")
    mexico.select_option("#id_mandates", str(mandate.pk))
    mexico.set_input_files("#id_documents", str(note_verbale))
    mexico.click("button:has-text('Submit the request')")
    mexico.wait_for_url("**/requests/REQ-*/")
    request = AssistanceRequest.objects.get()
    assert request.state.iso3 == "MEX"
    assert list(request.mandates.all()) == [mandate]
    assert mexico.locator("#main").get_by_text("note-verbale.pdf").is_visible()
    mexico.screenshot(path=str(artifacts_dir / "portal-mexico-filed.png"), full_page=True)

    # Staff accept it, log an activity, write to the state and write an internal note.
    staff = signed_in("portal-staff")
    staff.goto(request.get_absolute_url())
    staff.check("#status-form input[value='accepted']")
    staff.click("#status-form button[type=submit]")
    staff.wait_for_selector("text=Status changed.")
    staff.click("text=Log an activity")
    staff.select_option("#id_activity_type", "training")
    staff.fill("#id_title", "CSIRT incident response course")
    staff.fill("#id_start_date", "2026-03-02")
    staff.fill("#id_end_date", "2026-03-06")
    staff.fill("#id_place", "Mexico City")
    staff.fill("#id_participants_women", "9")
    staff.fill("#id_participants_men", "11")
    staff.click("button:has-text('Log the activity')")
    staff.wait_for_selector("text=Activity logged.")
    staff.goto(request.get_absolute_url())
    # Who reads an update is the button pressed.
    staff.fill("#update-form textarea", "Two trainers are confirmed for March.")
    staff.click("#update-form button:has-text('Send to Mexico')")
    staff.wait_for_selector("text=Update added.")
    staff.fill("#update-form textarea", "Budget line not yet approved by the donor.")
    staff.click("#update-form button:has-text('Save as internal note')")
    staff.wait_for_selector("text=Update added.")
    assert staff.get_by_text("Budget line not yet approved by the donor.").is_visible()

    # Mexico sees the activity and the update, not the internal note.
    mexico.goto(request.get_absolute_url())
    timeline = mexico.locator(".timeline").inner_text()
    assert "CSIRT incident response course" in timeline
    assert "Two trainers are confirmed for March." in timeline
    assert "Budget line" not in mexico.content()
    assert "Accepted" in mexico.locator(".page-header").inner_text()
    mexico.screenshot(path=str(artifacts_dir / "portal-mexico-timeline.png"), full_page=True)
    assert run_axe(mexico) == []
    document = request.attachments.get()
    download = mexico.request.get(document.get_absolute_url())
    assert download.status == 200
    assert download.headers["content-disposition"].startswith("attachment")

    # Chile sees none of it: every address answers 404.
    chile = signed_in("portal-cl")
    activity = request.activities.get()
    for url in (request.get_absolute_url(), activity.get_absolute_url(), document.get_absolute_url()):
        assert chile.request.get(url).status == 404, url
    response = chile.goto(request.get_absolute_url())
    assert response.status == 404
    assert "Incident response training" not in chile.content()
