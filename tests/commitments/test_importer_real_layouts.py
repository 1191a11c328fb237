"""Each failure class seen on real resolutions, in English, Spanish, French and Portuguese, on
the synthetic variants of tests/commitments/synthetic_resolutions.py: clean text, layout text,
PDF and Word forms of the same resolution read the same."""

import datetime
import functools

import pytest

from commitments.importer import parse_upload
from commitments.importer.rejoin import rejoin_split_words
from tests.commitments import synthetic_resolutions as synthetic
from tests.commitments.importer_helpers import by_number, owner_names, parse

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "es", "fr", "pt")
FORMS = synthetic.FORMS
PRINTED = ("layout.txt", "pdf")  # the forms with pages: running headers, job numbers, page-foot notes


@functools.cache
def _bytes(style: str, language: str, form: str) -> bytes:
    return synthetic.render(_resolution(style, language), form)


def _resolution(style: str, language: str):
    return (synthetic.UN if style == "un" else synthetic.OAS)[language]


def read(style: str, language: str, form: str):
    return parse_upload(_bytes(style, language, form), f"variant.{form.split('.')[-1]}")


def top(document):
    return [paragraph for section in document.sections for paragraph in section.paragraphs]


def all_texts(document):
    return document.preamble + [paragraph.text for _section, _parent, paragraph in document.paragraphs()]


# The preamble ends only at the resolving formula or the first numbered paragraph.


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_footnote_number_after_the_closing_comma_leaves_the_paragraph_in_the_preamble(language, form):
    document = read("un", language, form)

    second = document.preamble[2]
    assert second.endswith(","), second
    assert len(top(document)) == 6
    if form != "docx":  # Word keeps its footnotes out of the text
        assert document.preamble_notes[2] == [_resolution("un", language).footnotes[1]]
        assert document.to_dict()["preamble_notes"][2] == document.preamble_notes[2]


@pytest.mark.parametrize("form", PRINTED)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_preambular_paragraph_broken_by_a_page_goes_on_with_its_digits(language, form):
    document = read("un", language, form)

    recalling = document.preamble[1]
    assert "55/25" in recalling and recalling.endswith("2001,"), recalling
    assert not any(text.startswith("56/14") for text in all_texts(document))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_openers_that_no_list_knows_stay_in_the_preamble(language, form):
    expected = [" ".join(p.replace(synthetic.PAGE, "").split()) for p in _resolution("un", language).preamble]

    document = read("un", language, form)

    assert [text.rstrip("1") for text in document.preamble[1:]] == [text.rstrip("1") for text in expected]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_opener_in_capitals_split_over_two_lines_is_one_opener(language, form):
    resolution = _resolution("oas", language)

    document = read("oas", language, form)

    assert document.preamble[0] == " ".join(resolution.opener)
    assert len(document.preamble) == 5


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_preambular_paragraph_ending_with_a_semicolon_and_and_stays_preamble(language, form):
    document = read("oas", language, form)

    assert document.preamble[3].endswith(("; and", "; y", " ; et", "; e")), document.preamble[3]
    assert [p.number for p in top(document)] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrapped_adoption_note_is_the_header_not_a_paragraph(language, form):
    document = read("oas", language, form)

    assert document.date == datetime.date(2025, 6, 4)
    assert document.symbol == "CP/RES. 1250 (2500/25)"
    tail = _resolution("oas", language).note[1]
    assert not any(tail[:20] in text for text in all_texts(document))


# The operative part ends at the closing line; footnotes are notes, never mandates.


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_closing_line_ends_the_operative_part(language, form):
    resolution = _resolution("un", language)

    document = read("un", language, form)

    assert [p.number for p in top(document)] == ["1", "2", "3", "4", "5", "6"]
    assert not any(resolution.closing[0] in text for text in all_texts(document))
    assert not any(note in text for note in resolution.footnotes.values() for text in all_texts(document))


@pytest.mark.parametrize("form", ("clean.txt", *PRINTED))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_footnote_is_kept_as_a_note_of_the_paragraph_that_calls_it(language, form):
    resolution = _resolution("un", language)

    document = read("un", language, form)

    third = by_number(top(document), "3")
    assert third.notes == [resolution.footnotes[2]]
    assert third.text.endswith(";")


@pytest.mark.parametrize("language", LANGUAGES)
def test_notes_travel_through_the_preview_json(language):
    document = read("un", language, "clean.txt")

    again = type(document).from_dict(document.to_dict())

    paragraph = document.to_dict()["sections"][0]["paragraphs"][2]
    assert paragraph["notes"] == [_resolution("un", language).footnotes[2]]
    assert by_number(top(again), "3").notes == paragraph["notes"]


# Page furniture, wherever it sits.


@pytest.mark.parametrize("form", PRINTED)
@pytest.mark.parametrize("language", LANGUAGES)
def test_job_numbers_running_headers_and_page_numbers_never_reach_a_paragraph(language, form):
    resolution = _resolution("un", language)
    running = resolution.title.split(". ", 1)[1]

    document = read("un", language, form)

    texts = all_texts(document)
    assert not any(resolution.job in text or resolution.job.replace("-", "") in text for text in texts)
    assert sum(running in text for text in texts) == 1  # ¶6 names the item by the title, nothing else
    second = by_number(top(document), "2")
    assert second.text.endswith(_resolution("un", language).operative[1][0].split(synthetic.PAGE)[1]), second.text


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_oas_document_codes_and_the_isbn_are_no_paragraphs(language, form):
    document = read("oas", language, form)

    assert len(top(document)) == 5
    assert not any("ISBN" in text or "CP25863" in text for text in all_texts(document))


@pytest.mark.parametrize("language", LANGUAGES)
def test_margin_numbers_written_twice_are_not_left_in_the_text(language):
    document = read("oas", language, "layout.txt")

    for paragraph in top(document):
        assert not paragraph.text[:1].isdigit(), paragraph.text


# Numbering: a chapeau keeps its own "1. … 2. …".


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sentence_ending_in_a_colon_keeps_its_numbered_items(language, form):
    document = read("un", language, form)

    chapeau = by_number(top(document), "4")
    assert chapeau.text.endswith(":")
    assert [child.number for child in chapeau.children] == ["1", "2"]


# The UN symbol.


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_un_symbol_is_read_from_the_title_line(language, form):
    document = read("un", language, form)

    assert document.symbol == "A/RES/80/57"
    assert document.title == _resolution("un", language).title.split(". ", 1)[1]
    assert document.session == 80


@pytest.mark.parametrize("symbol", ["A/L.632", "A/80/L.12", "A/C.1/80/L.5"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_resolution_is_read_with_its_draft_symbol(language, symbol):
    resolution = _resolution("un", language)
    text = synthetic.clean_text(resolution).replace(resolution.title, resolution.title.split(". ", 1)[1])
    text = text.replace(resolution.header[0], f"{resolution.header[0]}\n\n{symbol}", 1)

    document = parse(text)

    assert document.symbol == symbol


# Owners.


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_alone_and_the_secretary_general_after_decides_that_are_the_general_secretariat(language, form):
    document = read("un", language, form)

    assert owner_names(by_number(top(document), "2")) == {"General Secretariat"}
    assert owner_names(by_number(top(document), "3")) == {"General Secretariat"}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_with_no_owner_row_is_proposed_not_given_to_member_states(language, form):
    expected = {"en": "Conference on Disarmament", "es": "Conferencia de Desarme", "fr": "Conférence du désarmement",
                "pt": "Conferência sobre Desarmamento"}[language]  # fmt: skip

    document = read("un", language, form)

    first = by_number(top(document), "1")
    assert first.owners == []
    assert first.proposed_owner == expected
    assert document.to_dict()["sections"][0]["paragraphs"][0]["proposed_owner"] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_oas_resolution_gives_la_secretaria_alone_to_the_general_secretariat(language):
    document = read("oas", language, "clean.txt")

    assert owner_names(by_number(top(document), "1")) == {"General Secretariat"}
    assert owner_names(by_number(top(document), "3")) == {"Member States"}


# Deadlines.


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_and_a_year_in_a_historical_clause_are_no_deadline_the_next_agenda_is(language, form):
    document = read("un", language, form)

    historical = by_number(top(document), "5")
    assert (historical.deadline, historical.deadline_text) == (None, "")
    assert synthetic.SESSION_DEADLINE[language] in by_number(top(document), "6").deadline_text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "1. Welcomes the Convention adopted in 1995 and the programme adopted at its tenth special session."),
        ("es", "1. Acoge con beneplácito la Convención aprobada en 1995 y el programa aprobado en su décimo período "
               "extraordinario de sesiones."),
        ("fr", "1. Se félicite de la Convention adoptée en 1995 et du programme adopté à sa dixième session "
               "extraordinaire."),
        ("pt", "1. Acolhe a Convenção adotada em 1995 e o programa adotado na sua décima sessão extraordinária."),
    ],
)  # fmt: skip
def test_history_is_no_deadline_even_without_an_adoption_date(language, text):
    document = parse(text, language=language)

    paragraph = top(document)[0]
    assert (paragraph.deadline, paragraph.deadline_text) == (None, "")


# PDF text: words split in justified lines.


@pytest.mark.parametrize(
    ("words", "split", "joined"),
    [
        ("The Representative of Chile spoke. The Representative left.", "The Re presentative", "The Representative"),
        ("El Presidente habló. El Presidente de la República.", "El Presi dente", "El Presidente"),
        ("Le Représentant du Chili a parlé. Le Représentant est parti.", "Le Repré sentant", "Le Représentant"),
        ("Os acontecimentos recentes. Os acontecimentos.", "Os acontecimen tos", "Os acontecimentos"),
    ],
)
def test_words_that_pypdf_split_are_joined_with_the_documents_own_vocabulary(words, split, joined):
    blocks = rejoin_split_words([words, f"{split} y a la sesión."])

    assert blocks[1].startswith(joined)
    assert blocks[0] == words


def test_two_real_words_are_not_glued_together():
    blocks = rejoin_split_words(["to come in to the room and into the hall, in the end, to the point"])

    assert blocks == ["to come in to the room and into the hall, in the end, to the point"]


@pytest.mark.parametrize(
    "line",
    ["11-42453", "11-42453 (E)", "*1142453*", "11-42453 (S) *1142453*", "1142453S.doc", "AC01617T01", "CP25863T01",
     "ISBN 978-0-8270-5593-3", "---", "__________________"],
)  # fmt: skip
def test_a_line_of_page_furniture_is_dropped_wherever_it_sits(line):
    text = (
        "1. Requests the Secretary-General to submit a report on the implementation of the present resolution, "
        f"including the views of\n\n{line}\n\nMember States;\n\n2. Decides to remain seized of the matter."
    )

    document = parse(text, language="en")

    first = top(document)[0]
    assert first.text.endswith("including the views of Member States;"), first.text
    assert len(top(document)) == 2


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("en", "Recalling the Convention on the Safety of United Nations and Associated Personnel", "(1994),"),
        ("es", "Recordando la Convención sobre la Seguridad del Personal de las Naciones Unidas y el Personal Asociado",
         "(1994),"),
        ("fr", "Rappelant la Convention sur la sécurité du personnel des Nations Unies et du personnel associé",
         "(1994),"),
        ("pt", "Recordando a Convenção sobre a Segurança do Pessoal das Nações Unidas e Pessoal Associado", "(1994),"),
    ],
)  # fmt: skip
def test_a_preambular_paragraph_broken_before_a_bracket_goes_on(language, before, after):
    resolution = _resolution("un", language)
    text = synthetic.clean_text(resolution).replace(
        resolution.preamble[-1], f"{before}\n\n{after}\n\n{resolution.preamble[-1]}"
    )

    document = parse(text)

    assert f"{before} {after}" in document.preamble
    assert len(top(document)) == 6


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_running_header_between_two_paragraphs_is_no_section(language):
    resolution = _resolution("un", language)
    running = f"A/RES/80/57\n\n{resolution.title.split('. ', 1)[1]}"
    third = "3. " + resolution.operative[2][0]
    text = synthetic.clean_text(resolution).replace(third, f"{running}\n\n{third}")

    document = parse(text)

    assert [section.title for section in document.sections] == [""]
    assert [p.number for p in top(document)] == ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize(
    ("language", "signature"),
    [("en", "(Signed) José Pérez, Chair"), ("es", "(Firmado) José Pérez, Presidente"),
     ("fr", "(Signé) José Pérez, Président"), ("pt", "(Assinado) José Pérez, Presidente")],
)  # fmt: skip
def test_a_signature_block_closes_the_operative_part(language, signature):
    resolution = _resolution("oas", language)
    last = "5. " + resolution.operative[4][0]
    text = synthetic.clean_text(resolution).replace(last, f"{last}\n\n{signature}\n\nJosé Pérez")

    document = parse(text)

    assert [p.number for p in top(document)] == ["1", "2", "3", "4", "5"]
    assert not any("Pérez" in text for text in all_texts(document))
