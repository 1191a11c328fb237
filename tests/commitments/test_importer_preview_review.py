"""The preview tells the truth: paragraphs the importer is unsure of are flagged and listed
first; bodies the text addresses that have no owner are offered as new owners or mapped to an
existing one (issue 8, point 4)."""

import dataclasses

import pytest

from commitments.importer.doubts import FRAGMENT, NO_OWNER, PREAMBLE, UNKNOWN_OWNER, doubts
from commitments.importer.owners import AliasTable, OwnerRef
from commitments.importer.parse import ParsedDocument, ParsedParagraph, ParsedSection, parse_text
from commitments.importer.review import Review
from commitments.importer.save import prefill_from_existing, save_parsed
from commitments.models import Mandate, Owner, OwnerAlias
from tests.commitments.test_importer_web import CONFIRM, PREVIEW, UPLOAD, confirm_data, upload_seed

pytestmark = pytest.mark.django_db
CD = "Conference on Disarmament"
PARSER_PROPOSES_OWNERS = "proposed_owner" in {f.name for f in dataclasses.fields(ParsedParagraph)}


def paragraph(text, number="", kind="action", owners=(OwnerRef(1, "Member States"),), **extra):
    made = ParsedParagraph(number=number, text=text, kind=kind, owners=list(owners))
    for name, value in extra.items():
        setattr(made, name, value)
    return made


def document(*paragraphs, language="en"):
    return ParsedDocument(symbol="A/RES/1", language=language, sections=[ParsedSection(1, "", list(paragraphs))])


def test_the_importer_flags_what_a_careful_reader_would_check_first():
    parsed = document(
        paragraph("Requests the Secretary-General to report.", "1"),
        paragraph("Recalling its resolution 56/14 of 29 November 2001,"),
        paragraph("Requests the Conference on Disarmament to meet in", "2", owners=(), proposed_owner=CD),
        paragraph("2026 and to report;"),
        paragraph("A/80/237"),
        paragraph("Takes note of the report.", "3", kind="declaratory", owners=()),
        paragraph("Decides to remain seized of the matter.", "4", owners=()),
    )

    assert doubts(parsed) == [[], [PREAMBLE], [UNKNOWN_OWNER], [FRAGMENT], [FRAGMENT], [], [NO_OWNER]]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Deeply concerned by the threat of terrorism,"),
        ("en", "Bearing in mind the Charter of the Organization"),
        ("es", "Considerando que el terrorismo constituye una amenaza; y"),
        ("es", "Reafirmando además su compromiso con la Convención"),
        ("fr", "Rappelant ses résolutions antérieures"),
        ("fr", "Préoccupés par les menaces croissantes"),
        ("pt", "Reconhecendo a importância da cooperação"),
    ],
)
def test_preambular_openers_are_flagged_in_the_four_languages(language, text):
    assert PREAMBLE in doubts(document(paragraph("Decides to act.", "1"), paragraph(text), language=language))[1]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Requests the CICTE Secretariat to continue its work."),
        ("es", "Solicitar a la Secretaría del CICTE que continúe su labor."),
        ("fr", "De demander au Secrétariat du CICTE de poursuivre ses travaux."),
        ("pt", "Solicitar à Secretaria do CICTE que continue o seu trabalho."),
    ],
)
def test_an_operative_paragraph_is_not_flagged(language, text):
    assert doubts(document(paragraph("Decides to act.", "1"), paragraph(text), language=language))[1] == []


def test_the_preview_lists_the_doubtful_paragraphs_first_and_tints_them(staff_client, monkeypatch):
    import commitments.importer.review as review

    flags = {3: [PREAMBLE], 12: [FRAGMENT, NO_OWNER]}  # whatever the parser of the day finds
    monkeypatch.setattr(review, "doubts", lambda document: [flags.get(i, []) for i in range(19)])
    upload_seed(staff_client)

    preview = staff_client.get(PREVIEW)

    html = preview.content.decode()
    assert [(doubt["index"], doubt["reasons"]) for doubt in preview.context["doubtful"]] == sorted(flags.items())
    assert html.index('id="doubts"') < html.index('id="row-0"')
    assert 'href="#row-12"' in html and 'class="import-row depth-0 doubtful" id="row-3"' in html
    assert "possibly preamble" in html and "no owner found" in html


def test_a_proposed_owner_can_be_created_and_is_then_an_alias_for_the_next_import(staff):
    parsed = document(paragraph("Requests the Conference on Disarmament to meet.", "1", proposed_owner=CD))
    assert Review.of(parsed).proposed == [CD]

    save_parsed(parsed, by=staff, owner_decisions={CD: "create"})

    owner = Owner.objects.get(name_en=CD)
    assert list(Mandate.objects.get().owners.all()) == [owner]
    assert OwnerAlias.objects.filter(owner=owner, language="en", text=CD).exists()
    reread = parse_text(
        "1. Requests the Conference on Disarmament to meet.", aliases=AliasTable.from_db(), language="en"
    )
    assert [o.name for o in reread.sections[0].paragraphs[0].owners] == [CD]


def test_a_proposed_owner_can_be_mapped_to_an_existing_owner(staff):
    secretariat = Owner.objects.get(name_en="CICTE Secretariat")
    parsed = document(paragraph("Requests the Conference on Disarmament to meet.", "1", proposed_owner=CD))

    save_parsed(parsed, by=staff, owner_decisions={CD: str(secretariat.pk)})

    assert list(Mandate.objects.get().owners.all()) == [secretariat]
    assert OwnerAlias.objects.get(language="en", text=CD).owner == secretariat
    assert not Owner.objects.filter(name_en=CD).exists()


def test_an_owner_deleted_since_the_preview_is_refused_with_a_message(staff):
    parsed = document(paragraph("Requests the Conference on Disarmament to meet.", "1", proposed_owner=CD))
    with pytest.raises(Exception, match="no longer exists"):
        save_parsed(parsed, by=staff, owner_decisions={CD: "999999"})
    assert Mandate.objects.count() == 0 and not OwnerAlias.objects.filter(text=CD).exists()


@pytest.mark.skipif(not PARSER_PROPOSES_OWNERS, reason="the parser does not propose owners yet")
def test_the_preview_offers_to_create_or_map_a_body_the_text_addresses(staff_client):
    text = "A/RES/80/1\n\nThe General Assembly,\n\n1. Requests the Conference on Disarmament to meet in 2026.\n"
    staff_client.post(UPLOAD, {"text": text, "language": "en"})
    preview = staff_client.get(PREVIEW)
    assert [name for name, _form in preview.context["owners"]] == [CD]

    response = staff_client.post(CONFIRM, confirm_data(staff_client, **{"o-0-choice": "create"}))

    assert response.status_code == 302
    assert [o.name_en for o in Mandate.objects.get().owners.all()] == [CD]


def test_a_typed_symbol_and_header_are_kept_when_the_same_text_comes_again(staff):
    text = "The Committee,\n\nRESOLVES:\n\n1. To request the CICTE Secretariat to report in 2026.\n"
    first = parse_text(text, aliases=AliasTable.from_db(), language="en")
    first.symbol, first.place = "CICTE/RES. 1/25", "Washington"
    save_parsed(first, by=staff)

    again = prefill_from_existing(parse_text(text, aliases=AliasTable.from_db(), language="en"))

    assert (again.symbol, again.place) == ("CICTE/RES. 1/25", "Washington")


def test_a_bogus_owner_choice_is_refused_on_the_confirm(staff_client):
    upload_seed(staff_client)
    data = confirm_data(staff_client, **{"o-TOTAL_FORMS": "1", "o-0-choice": "create"})
    assert staff_client.post(CONFIRM, data).status_code == 400


def test_the_preview_runs_under_the_strict_csp_no_inline_script_or_style(staff_client):
    upload_seed(staff_client)
    html = staff_client.get(PREVIEW).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert "js/import-preview.js" in html and "css/import.css" in html
    assert html.count('<details class="import-row') == 19
