"""Overlap hints: a mandate's similar mandates in other resolutions or bodies, best first, on
its page (a bounded panel) and on the Secretariat's review page, and staff's verdict on a pair
(duplicate, related, distinct), after which the pair is not proposed again."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments import services
from commitments.models import Mandate, MandatePairReview
from commitments.overlap import similar_mandates
from tests import factories

pytestmark = pytest.mark.django_db

SCHEMES = "To develop common incident severity schemes among national computer security incident response teams."
SCHEMES_AGAIN = (
    "To develop common incident severity schemes among the national computer security incident response teams."
)
SCHEMES_CHANGED = "To publish incident severity schemes for the region's response teams, with examples."
UNRELATED = "To convene a poetry competition on oceans, reefs and marine biodiversity."


def mandate_in(body: str, text: str, symbol: str | None = None) -> Mandate:
    return factories.make_mandate(factories.make_section(factories.make_resolution(symbol, body=body)), text=text)


@pytest.fixture
def texts():
    """A CICTE mandate, its near copy at the General Assembly, a reworded one at CICTE next year,
    an unrelated one, and a near copy in the mandate's own resolution (never an overlap)."""
    mandate = mandate_in("CICTE", SCHEMES)
    same_resolution = factories.make_mandate(mandate.section, text=SCHEMES_AGAIN)
    return {
        "mandate": mandate,
        "copy": mandate_in("General Assembly", SCHEMES_AGAIN),
        "changed": mandate_in("CICTE", SCHEMES_CHANGED),
        "unrelated": mandate_in("CICTE", UNRELATED),
        "same_resolution": same_resolution,
    }


def test_similar_mandates_rank_the_near_copy_first_then_the_reworded_one_and_leave_out_the_rest(texts):
    found = similar_mandates(texts["mandate"], Mandate.objects.all())
    assert [each.mandate for each in found] == [texts["copy"], texts["changed"]]
    assert found[0].score > found[1].score
    assert found[0].score >= 0.9


def test_staff_see_the_similar_mandates_on_a_mandates_page_with_the_other_body_named(texts, staff_client):
    page = staff_client.get(texts["mandate"].get_absolute_url()).content.decode()
    assert "Similar mandates elsewhere" in page
    panel = page[page.index("overlap-heading") :]
    assert panel.index(texts["copy"].resolution.symbol) < panel.index(texts["changed"].resolution.symbol)
    assert texts["unrelated"].resolution.symbol not in panel


def test_a_focal_point_sees_no_overlap_panel(texts, focal_mx_client):
    response = focal_mx_client.get(texts["mandate"].get_absolute_url())
    assert response.status_code == 200
    assert "Similar mandates elsewhere" not in response.content.decode()


def mark(client, one, other, verdict, next_url=""):
    data = {"one": one.pk, "other": other.pk, "verdict": verdict, "next": next_url}
    return client.post(reverse("commitments:overlap_mark"), data)


def test_a_pair_marked_distinct_is_not_proposed_again_on_either_mandates_page_nor_the_review_page(
    texts, staff, staff_client
):
    mandate, copy = texts["mandate"], texts["copy"]
    review = reverse("commitments:overlap_review") + f"?resolution={mandate.resolution_id}"

    def listed() -> set:
        return {(pair.mandate, pair.other) for pair in staff_client.get(review).context["pairs"]}

    assert (mandate, copy) in listed()
    response = mark(staff_client, copy, mandate, "distinct", next_url=mandate.get_absolute_url())
    assert response.status_code == 302 and response.url == mandate.get_absolute_url()
    row = MandatePairReview.objects.get()
    assert (row.first, row.second, row.verdict, row.reviewed_by) == (mandate, copy, "distinct", staff)
    assert [each.mandate for each in similar_mandates(mandate, Mandate.objects.all())] == [texts["changed"]]
    assert mandate not in [each.mandate for each in similar_mandates(copy, Mandate.objects.all())]
    assert (mandate, copy) not in listed() and (mandate, texts["changed"]) in listed()
    # Both mandates' timelines say so, for the Secretariat.
    assert mandate.updates.filter(note__contains="distinct").exists()
    assert copy.updates.filter(note__contains="distinct").exists()


def test_marking_a_pair_again_changes_its_verdict_and_keeps_one_row(texts, staff):
    services.review_mandate_pair(one=texts["mandate"], other=texts["copy"], verdict="related", by=staff)
    services.review_mandate_pair(one=texts["copy"], other=texts["mandate"], verdict="duplicate", by=staff)
    assert list(MandatePairReview.objects.values_list("verdict", flat=True)) == ["duplicate"]


def test_a_mandate_is_not_paired_with_itself_nor_given_an_unknown_verdict(texts, staff):
    with pytest.raises(ValidationError):
        services.review_mandate_pair(one=texts["mandate"], other=texts["mandate"], verdict="related", by=staff)
    with pytest.raises(ValidationError):
        services.review_mandate_pair(one=texts["mandate"], other=texts["copy"], verdict="maybe", by=staff)
    assert not MandatePairReview.objects.exists()


# ---- authorization -------------------------------------------------------------------------


def test_the_review_page_is_the_secretariats_viewers_read_it_without_the_buttons(
    texts, client, staff_client, viewer_client, focal_mx_client
):
    url = reverse("commitments:overlap_review") + f"?resolution={texts['mandate'].resolution_id}"
    assert client.get(url).status_code == 302
    assert focal_mx_client.get(url).status_code == 403
    viewer_page = viewer_client.get(url).content.decode()
    assert texts["copy"].get_absolute_url() in viewer_page and 'name="verdict"' not in viewer_page
    assert 'name="verdict"' in staff_client.get(url).content.decode()


def test_only_staff_may_mark_a_pair(texts, client, viewer_client, focal_mx_client):
    assert reverse("login") in mark(client, texts["mandate"], texts["copy"], "duplicate").url
    assert mark(viewer_client, texts["mandate"], texts["copy"], "duplicate").status_code == 403
    assert mark(focal_mx_client, texts["mandate"], texts["copy"], "duplicate").status_code == 403
    assert not MandatePairReview.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"one": "1x", "other": "2", "verdict": "related"},
        {"one": "999999", "other": "999998", "verdict": "related"},
        {"verdict": "maybe"},
        {"one": "same", "other": "same", "verdict": "related"},
    ],
)
def test_a_bad_marking_is_refused_with_a_4xx_and_changes_nothing(texts, staff_client, data):
    data = dict(data)
    if data.get("one") == "same":
        data["one"] = data["other"] = texts["mandate"].pk
    if data.get("verdict") == "maybe":
        data |= {"one": texts["mandate"].pk, "other": texts["copy"].pk}
    response = staff_client.post(reverse("commitments:overlap_mark"), data)
    if data.get("one") == data.get("other") and data.get("one"):
        # Two known mandates but the same one: the service says why, nothing is written.
        assert response.status_code == 302
        assert "not compared with itself" in staff_client.get(response.url).content.decode()
    else:
        assert response.status_code == 400
    assert not MandatePairReview.objects.exists()


def test_the_mark_form_goes_back_only_to_this_site(texts, staff_client):
    response = mark(staff_client, texts["mandate"], texts["copy"], "related", next_url="https://evil.example/")
    assert response.url == reverse("commitments:overlap_review")


# ---- cost ----------------------------------------------------------------------------------


def test_the_mandate_page_with_its_panel_costs_the_same_queries_with_10_or_200_similar_mandates(staff_client):
    mandate = mandate_in("CICTE", SCHEMES)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = staff_client.get(mandate.get_absolute_url())
        assert response.status_code == 200 and "Similar mandates elsewhere" in response.content.decode()
        return len(captured)

    def add(count: int) -> None:
        section = factories.make_section(factories.make_resolution(body="General Assembly"))
        for number in range(count):
            factories.make_mandate(section, text=f"{SCHEMES_CHANGED} Variant {number}.")

    add(10)
    few = queries()
    add(190)
    assert queries() == few
