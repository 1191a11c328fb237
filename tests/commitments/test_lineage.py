"""Lineage between resolutions: links staff confirm (renews, amends, supersedes, consolidates),
the chain and word diff on both mandates' pages, the predecessors' history in the timeline, and
the predecessor the importer proposes for each paragraph of a later resolution."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.importer.owners import AliasTable
from commitments.importer.parse import parse_text
from commitments.importer.save import prefill_from_existing, save_parsed
from commitments.lineage import chain_of, not_carried_forward, propose_for_document
from commitments.models import Mandate, MandateLink, MandateUpdate
from core.choices import Audience
from tests import factories
from tests.commitments.importer_helpers import SEED
from tests.commitments.test_importer_web import confirm_data

pytestmark = pytest.mark.django_db
SEED_TEXT = SEED.read_text(encoding="utf-8")
AMENDED_FROM = "de soutenir les États membres qui en font la demande"
AMENDED_TO = "d'accompagner, par des ateliers nationaux et des missions d'experts, les pays qui le souhaitent"
UNRELATED = "4. De convoquer un concours de poésie sur les océans, les récifs et la biodiversité marine."


def next_year(text: str = SEED_TEXT) -> str:
    """The 2023 resolution as the 2024 session might adopt it: a new symbol and date; §1 ¶3
    amended; §1 ¶5 dropped; §2 ¶4 replaced by a paragraph on another subject; the rest verbatim."""
    text = text.replace("CICTE/doc.6/23 rev. 2", "CICTE/doc.9/24").replace("18 mai 2023", "18 mai 2024")
    text = text.replace("OEA/Ser.L/X.2.23", "OEA/Ser.L/X.2.24").replace(AMENDED_FROM, AMENDED_TO, 1)
    lines = text.split("\n")
    lines = [line for line in lines if not line.startswith("5. De remercier le gouvernement du Mexique")]
    fourth = next(i for i, line in enumerate(lines) if line.startswith("4. De demander au SSM, par l'intermédiaire"))
    lines[fourth] = UNRELATED
    return "\n".join(lines)


def import_text(text, by):
    document = prefill_from_existing(parse_text(text, aliases=AliasTable.from_db()))
    return save_parsed(document, by=by, source_name="resolution.txt")


def paragraph(symbol_part, section, number):
    return Mandate.objects.get(
        resolution__symbol__contains=symbol_part, section__position=section, number=number, parent=None
    )


@pytest.fixture
def two_years(staff):
    import_text(SEED_TEXT, staff)
    import_text(next_year(), staff)


def dry_run_json(tmp_path, text) -> dict:
    path = tmp_path / "next.fr.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_resolution", str(path), "--dry-run", "--json", stdout=out)
    return json.loads(out.getvalue())


def top_level(data, section, number) -> dict:
    sections = {s["position"]: s for s in data["sections"]}
    return next(p for p in sections[section]["paragraphs"] if p["number"] == number)


# ---- the link and its service -----------------------------------------------------------


def test_a_mandate_cannot_be_linked_to_itself(staff):
    mandate = factories.make_mandate()
    with pytest.raises(ValidationError):
        services.confirm_mandate_link(newer=mandate, older=mandate, kind="renews", by=staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateLink.objects.create(from_mandate=mandate, to_mandate=mandate, kind="renews", confirmed_at=timezone.now())


def test_the_same_link_is_held_once(staff):
    older, newer = factories.make_mandate(), factories.make_mandate()
    services.confirm_mandate_link(newer=newer, older=older, kind="renews", by=staff)
    services.confirm_mandate_link(newer=newer, older=older, kind="renews", by=staff)
    assert MandateLink.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateLink.objects.create(from_mandate=newer, to_mandate=older, kind="renews", confirmed_at=timezone.now())


def test_superseding_moves_the_older_mandate_to_superseded_with_its_update(staff):
    older, newer = factories.make_mandate(), factories.make_mandate()
    services.confirm_mandate_link(newer=newer, older=older, kind="supersedes", by=staff)
    older.refresh_from_db()
    assert older.status == Mandate.Status.SUPERSEDED
    assert MandateUpdate.objects.filter(mandate=older, new_status="superseded", author=staff).exists()


def test_renewing_leaves_the_older_mandates_status_alone(staff):
    older, newer = factories.make_mandate(status="in_progress"), factories.make_mandate()
    link = services.confirm_mandate_link(newer=newer, older=older, kind="renews", by=staff)
    older.refresh_from_db()
    assert older.status == "in_progress"
    assert (link.confirmed_by, link.kind) == (staff, "renews")


# ---- the pages --------------------------------------------------------------------------


def test_both_mandates_pages_show_the_chain_and_the_words_changed(two_years, staff, viewer_client):
    older, newer = paragraph("6/23", 1, "3"), paragraph("9/24", 1, "3")
    services.confirm_mandate_link(newer=newer, older=older, kind="amends", by=staff)
    for mandate in (older, newer):
        page = viewer_client.get(mandate.get_absolute_url()).content.decode()
        chain = page[page.index('class="lineage-chain"') :]
        assert chain.index("CICTE/doc.6/23 rev. 2") < chain.index("CICTE/doc.9/24")
        assert "<ins>d&#x27;accompagner, par des ateliers nationaux" in page
        assert "<del>États membres</del> <ins>pays</ins>" in page
    assert f'href="{older.get_absolute_url()}"' in viewer_client.get(newer.get_absolute_url()).content.decode()


def test_a_chain_runs_over_three_resolutions_oldest_first(staff):
    first, second, third = (factories.make_mandate() for _ in range(3))
    services.confirm_mandate_link(newer=second, older=first, kind="renews", by=staff)
    services.confirm_mandate_link(newer=third, older=second, kind="renews", by=staff)
    assert chain_of(second, Mandate.objects.all()) == [first, second, third]


def test_a_renewed_mandates_timeline_carries_its_predecessors_updates_labelled(two_years, staff, viewer_client):
    older, newer = paragraph("6/23", 1, "1"), paragraph("9/24", 1, "1")
    services.add_mandate_update(mandate=older, by=staff, note="Workshop held in Lima.", audience=Audience.PUBLIC)
    services.confirm_mandate_link(newer=newer, older=older, kind="renews", by=staff)
    page = viewer_client.get(newer.get_absolute_url()).content.decode()
    assert "Workshop held in Lima." in page
    assert "under CICTE/doc.6/23 rev. 2" in page
    # Read-only and going one way: the older mandate does not take the newer one's history.
    services.add_mandate_update(mandate=newer, by=staff, note="Renewed in 2024.", audience=Audience.PUBLIC)
    assert "Renewed in 2024." not in viewer_client.get(older.get_absolute_url()).content.decode()


def test_an_accepted_link_survives_a_re_import_of_the_newer_resolution(two_years, staff):
    older, newer = paragraph("6/23", 1, "2"), paragraph("9/24", 1, "2")
    services.confirm_mandate_link(newer=newer, older=older, kind="renews", by=staff)
    import_text(next_year(), staff)
    assert MandateLink.objects.filter(from_mandate=newer, to_mandate=older).exists()


# ---- proposals --------------------------------------------------------------------------


def test_the_dry_run_proposes_each_paragraphs_predecessor_with_kind_and_score(staff, tmp_path):
    import_text(SEED_TEXT, staff)
    data = dry_run_json(tmp_path, next_year())
    verbatim = top_level(data, 1, "1")["predecessor"]
    assert verbatim["symbol"] == "CICTE/doc.6/23 rev. 2" and verbatim["number"] == "§1 ¶1"
    assert verbatim["kind"] == "renews" and verbatim["score"] >= 0.95
    amended = top_level(data, 1, "3")["predecessor"]
    assert amended["number"] == "§1 ¶3" and amended["kind"] == "amends" and amended["score"] < 0.95
    assert top_level(data, 2, "4")["predecessor"] is None
    sub_item = top_level(data, 1, "4")["children"][0]["predecessor"]
    assert sub_item["number"] == "§1 ¶4.a"


def test_a_renumbered_paragraph_is_proposed_its_old_number(staff, tmp_path):
    import_text(SEED_TEXT, staff)
    # The 2024 text without 2023's §2 ¶1: its ¶2 becomes ¶1.
    text = next_year()
    lines = [line for line in text.split("\n") if not line.startswith("1. De se réjouir des mesures prises")]
    lines = [
        line.replace("2. De prendre de nouvelles mesures", "1. De prendre de nouvelles mesures", 1) for line in lines
    ]
    proposal = top_level(dry_run_json(tmp_path, "\n".join(lines)), 2, "1")["predecessor"]
    assert proposal["number"] == "§2 ¶2" and proposal["kind"] == "renews"


def test_without_an_earlier_resolution_of_the_body_nothing_is_proposed(tmp_path):
    data = dry_run_json(tmp_path, SEED_TEXT)
    assert all(p["predecessor"] is None for s in data["sections"] for p in s["paragraphs"])


def test_earlier_mandates_no_paragraph_continues_are_listed_as_not_carried_forward(two_years):
    document = parse_text(next_year(), aliases=AliasTable.from_db())
    dropped = not_carried_forward(document, propose_for_document(document))
    labels = {mandate.display_number for mandate in dropped}
    assert "§1 ¶5" in labels and "§2 ¶4" in labels
    assert "§1 ¶1" not in labels


# ---- the import preview -----------------------------------------------------------------


def upload(client, text):
    file = SimpleUploadedFile("next.fr.txt", text.encode(), content_type="text/plain")
    return client.post(reverse("commitments:import_upload"), {"file": file, "language": ""})


def test_the_preview_proposes_predecessors_and_lists_what_is_not_carried_forward(staff, staff_client):
    import_text(SEED_TEXT, staff)
    upload(staff_client, next_year())
    page = staff_client.get(reverse("commitments:import_preview")).content.decode()
    proposals = page[page.index('id="import-lineage"') :]
    assert 'name="lineage-§1 ¶1"' in proposals and "CICTE/doc.6/23 rev. 2 §1 ¶1" in proposals
    assert 'name="lineage-§2 ¶4"' not in proposals  # a new subject: no predecessor
    dropped = paragraph("6/23", 1, "5")
    assert f'name="supersede" value="{dropped.pk}"' in proposals


def test_staff_accept_change_and_reject_proposals_then_see_the_chain(staff, staff_client):
    import_text(SEED_TEXT, staff)
    upload(staff_client, next_year())
    dropped = paragraph("6/23", 1, "5")
    data = confirm_data(staff_client)
    data |= {"lineage-shown": "1", "lineage-§1 ¶1": "renews", "lineage-§1 ¶2": "supersedes", "lineage-§1 ¶3": ""}
    data["supersede"] = [str(dropped.pk)]
    response = staff_client.post(reverse("commitments:import_confirm"), data)
    assert response.status_code == 302
    links = {
        (link.from_mandate.display_number, link.kind) for link in MandateLink.objects.select_related("from_mandate")
    }
    assert ("§1 ¶1", "renews") in links and ("§1 ¶2", "supersedes") in links
    assert not MandateLink.objects.filter(from_mandate=paragraph("9/24", 1, "3")).exists()
    assert paragraph("6/23", 1, "2").status == "superseded"
    dropped.refresh_from_db()
    assert dropped.status == "superseded"
    page = staff_client.get(paragraph("9/24", 1, "1").get_absolute_url()).content.decode()
    assert 'class="lineage-chain"' in page and "CICTE/doc.6/23 rev. 2 §1 ¶1" in page
