"""A wrong link is removed, not deleted, and replaced by a later choice: from the mandate page
(remove, then choose another predecessor) or by picking another in a re-import's preview. The
removed row keeps who removed it and when, and the pair is never proposed again."""

import pytest
from django.urls import reverse

from commitments import services
from commitments.models import MandateLink
from tests.commitments.test_importer_web import confirm_data
from tests.commitments.test_lineage import next_year, paragraph, upload
from tests.commitments.test_lineage_preview_pick import three_years, year_before  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def confirm(client, **fields):
    data = confirm_data(client) | {"lineage-shown": "1", **fields}
    assert client.post(reverse("commitments:import_confirm"), data).status_code == 302


@pytest.fixture
def linked(three_years, staff_client):  # noqa: F811
    """2022, 2023 and 2024 imported; 2024's §1 ¶1 linked as proposed: renews 2023's."""
    confirm(staff_client)
    link = MandateLink.objects.get(from_mandate=paragraph("9/24", 1, "1"))
    assert link.to_mandate == paragraph("6/23", 1, "1")
    return link


def remove(client, link):
    url = reverse("commitments:link_remove", args=[link.from_mandate_id])
    return client.post(url, {"link": link.pk})


def test_staff_remove_a_wrong_link_from_the_mandate_page_and_it_leaves_the_chain(linked, staff, staff_client):
    newer = linked.from_mandate
    page = staff_client.get(newer.get_absolute_url()).content.decode()
    assert "Remove this link" in page and "CICTE/doc.6/23 rev. 2" in page
    response = remove(staff_client, linked)
    assert response.status_code == 302 and response.url == newer.get_absolute_url()
    linked.refresh_from_db()
    assert linked.removed_by == staff and linked.removed_at is not None  # kept, with who and when
    page = staff_client.get(newer.get_absolute_url()).content.decode()
    assert 'class="lineage-chain"' not in page
    assert "Link removed" in page  # the timeline says so


def test_the_older_mandates_page_offers_the_removal_too(linked, staff_client):
    page = staff_client.get(linked.to_mandate.get_absolute_url()).content.decode()
    assert "Remove this link" in page
    url = reverse("commitments:link_remove", args=[linked.to_mandate_id])
    assert staff_client.post(url, {"link": linked.pk}).status_code == 302
    assert not MandateLink.objects.active().filter(pk=linked.pk).exists()


def test_after_removing_it_staff_choose_another_predecessor_and_the_removed_one_is_not_offered(linked, staff_client):
    remove(staff_client, linked)
    newer, wrong, right = linked.from_mandate, linked.to_mandate, paragraph("3/22", 1, "1")
    url = reverse("commitments:predecessor_choice", args=[newer.pk])
    page = staff_client.get(url).content.decode()
    assert f'name="older" value="{right.pk}"' in page
    assert f'name="older" value="{wrong.pk}"' not in page
    assert "removed by" in page
    response = staff_client.post(url, {"older": right.pk, "kind": "renews"})
    assert response.status_code == 302 and response.url == newer.get_absolute_url()
    chain = staff_client.get(newer.get_absolute_url()).content.decode()
    chain = chain[chain.index('class="lineage-chain"') :].split("</ol>")[0]
    assert "CICTE/doc.3/22" in chain and "CICTE/doc.6/23" not in chain


def test_a_re_import_does_not_propose_a_pair_whose_link_was_removed(linked, staff_client):
    remove(staff_client, linked)
    upload(staff_client, next_year())
    page = staff_client.get(reverse("commitments:import_preview")).content.decode()
    row = page[page.index('<th scope="row">§1 ¶1</th>') :].split("</tr>")[0]
    assert "CICTE/doc.3/22 §1 ¶1" in row
    assert "CICTE/doc.6/23" not in row


def test_a_re_import_picking_another_predecessor_replaces_the_earlier_link(linked, staff, staff_client):
    upload(staff_client, next_year())
    picked = paragraph("3/22", 1, "1")
    confirm(staff_client, **{"lineage-§1 ¶1": "renews", "predecessor-§1 ¶1": str(picked.pk)})
    linked.refresh_from_db()
    assert linked.removed_by == staff and linked.removed_at is not None
    active = MandateLink.objects.active().get(from_mandate=linked.from_mandate)
    assert (active.to_mandate, active.kind) == (picked, "renews")


def test_a_re_import_saying_no_link_removes_the_earlier_one(linked, staff_client):
    upload(staff_client, next_year())
    confirm(staff_client, **{"lineage-§1 ¶1": ""})
    assert not MandateLink.objects.active().filter(from_mandate=linked.from_mandate).exists()
    assert MandateLink.objects.filter(pk=linked.pk).exists()


def test_a_re_import_saying_nothing_keeps_the_link(linked, staff_client):
    upload(staff_client, next_year())
    confirm(staff_client)
    assert MandateLink.objects.active().get(from_mandate=linked.from_mandate) == linked


def test_a_removed_link_may_be_confirmed_again_as_a_new_row(linked, staff):
    services.remove_mandate_link(link=linked, by=staff)
    again = services.confirm_mandate_link(newer=linked.from_mandate, older=linked.to_mandate, kind="renews", by=staff)
    assert again.pk != linked.pk and again.removed_at is None
    assert MandateLink.objects.filter(from_mandate=linked.from_mandate, to_mandate=linked.to_mandate).count() == 2


def test_only_staff_remove_or_choose(linked, viewer_client, focal_mx_client):
    for client in (viewer_client, focal_mx_client):
        assert remove(client, linked).status_code == 403
        url = reverse("commitments:predecessor_choice", args=[linked.from_mandate_id])
        assert client.get(url).status_code == 403
    page = viewer_client.get(linked.from_mandate.get_absolute_url()).content.decode()
    assert "Remove this link" not in page
    assert MandateLink.objects.active().filter(pk=linked.pk).exists()


@pytest.mark.parametrize("data", [{}, {"link": "x"}, {"link": "999999"}, {"link": "١"}])
def test_a_bad_removal_is_refused_with_a_4xx_and_changes_nothing(linked, staff_client, data):
    url = reverse("commitments:link_remove", args=[linked.from_mandate_id])
    assert staff_client.post(url, data).status_code == 400
    assert MandateLink.objects.active().filter(pk=linked.pk).exists()


def test_a_link_of_another_mandate_is_not_removed_through_this_ones_page(linked, staff_client):
    other = paragraph("9/24", 1, "2")
    url = reverse("commitments:link_remove", args=[other.pk])
    assert staff_client.post(url, {"link": linked.pk}).status_code == 400


@pytest.mark.parametrize("data", [{}, {"older": "1", "kind": "copies"}, {"older": "x", "kind": "renews"}])
def test_a_bad_choice_is_refused_with_a_4xx(linked, staff_client, data):
    url = reverse("commitments:predecessor_choice", args=[linked.from_mandate_id])
    assert staff_client.post(url, data).status_code == 400
