"""CICTE's paragraphs go on in the General Assembly's omnibus resolution ("Advancing Hemispheric
Security"), in its section on CICTE: importing a CICTE resolution proposes those mandates as
predecessors too, with the real 2023 CICTE text as both the omnibus's section and next year's
resolution. Other sections of the omnibus, and other assemblies, are not candidates."""

import datetime

import pytest

from commitments.importer.owners import AliasTable
from commitments.importer.parse import parse_text
from commitments.lineage import propose_for_document
from tests import factories
from tests.commitments.test_lineage import SEED_TEXT, import_text, next_year

pytestmark = pytest.mark.django_db

OMNIBUS = "AG/RES. 2990 (LIII-O/23)"


def parsed(text):
    return parse_text(text, aliases=AliasTable.from_db())


def real_paragraphs() -> dict:
    """The 2023 resolution's top-level paragraphs by (section, number)."""
    return {
        (section.position, paragraph.number): paragraph.text
        for section, parent, paragraph in parsed(SEED_TEXT).paragraphs()
        if parent is None
    }


def proposals_by_paragraph(text) -> dict:
    document = parsed(text)
    keys = [(section.position, paragraph.number) for section, parent, paragraph in document.paragraphs()]
    rows = zip(keys, propose_for_document(document), strict=True)
    return {key: proposal for key, proposal in rows if key[1] and len(key) == 2}


@pytest.fixture
def omnibus():
    """The June 2023 omnibus: a section on CICTE carrying §1 ¶1 of CICTE's 2023 resolution, a
    section on sport carrying §2 ¶2 (no word of CICTE) and §1 ¶3 (naming the CICTE Secretariat);
    and a United Nations General Assembly resolution with a section on CICTE carrying §2 ¶1."""
    texts = real_paragraphs()
    assert "CICTE" not in texts[(2, "2")] and "CICTE" in texts[(1, "3")]
    resolution = factories.make_resolution(
        OMNIBUS, body="General Assembly", adopted_on=datetime.date(2023, 6, 23), original_language="fr"
    )
    on_cicte = factories.make_section(resolution, title="Comité interaméricain contre le terrorisme")
    on_sport = factories.make_section(resolution, title="Sécurité du sport et des grands événements")
    found = {"cicte": factories.make_mandate(on_cicte, number="1", language="fr", text=texts[(1, "1")])}
    factories.make_mandate(on_sport, number="1", language="fr", text=texts[(2, "2")])
    found["names_cicte"] = factories.make_mandate(on_sport, number="2", language="fr", text=texts[(1, "3")])
    united_nations = factories.make_resolution(
        "A/RES/78/1", body="United Nations General Assembly", adopted_on=datetime.date(2023, 9, 1)
    )
    section = factories.make_section(united_nations, title="CICTE")
    factories.make_mandate(section, number="1", language="fr", text=texts[(2, "1")])
    return found


def test_next_years_cicte_paragraphs_are_proposed_the_omnibus_sections_on_cicte(omnibus):
    proposals = proposals_by_paragraph(next_year())
    carried = proposals[(1, "1")]
    assert (carried.symbol, carried.mandate_id, carried.kind) == (OMNIBUS, omnibus["cicte"].pk, "renews")
    amended = proposals[(1, "3")]  # amended in 2024, and its omnibus paragraph names the CICTE Secretariat
    assert (amended.symbol, amended.mandate_id, amended.kind) == (OMNIBUS, omnibus["names_cicte"].pk, "amends")


def test_the_omnibus_other_sections_and_other_assemblies_are_not_candidates(omnibus):
    proposals = proposals_by_paragraph(next_year())
    assert proposals[(2, "2")] is None
    assert proposals[(2, "1")] is None


def test_cicte_own_earlier_paragraph_comes_first_and_the_omnibus_one_is_an_alternative(omnibus, staff):
    import_text(SEED_TEXT, staff)  # CICTE's own 2023 resolution, adopted before the omnibus
    carried = proposals_by_paragraph(next_year())[(1, "1")]
    assert carried.symbol == "CICTE/doc.6/23 rev. 2"
    assert OMNIBUS in [each.symbol for each in carried.alternatives]


def test_a_general_assembly_import_does_not_take_cicte_paragraphs_as_its_own(omnibus, staff):
    import_text(SEED_TEXT, staff)
    text = next_year().replace("CICTE/doc.9/24", "AG/RES. 3010 (LIV-O/24)")
    document = parsed(text)
    assert document.body == "General Assembly"
    symbols = {proposal.symbol for proposal in propose_for_document(document) if proposal}
    assert symbols <= {OMNIBUS}
