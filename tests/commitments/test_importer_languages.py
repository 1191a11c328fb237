"""Resolutions in English, Spanish and Portuguese, a UN General Assembly resolution and an OAS
General Assembly resolution, as text, as a .docx and as a PDF built here."""

import datetime

import pytest

from commitments.importer import ResolutionImportError, parse_upload
from tests.commitments.documents import build_docx, build_pdf
from tests.commitments.importer_helpers import by_number, owner_names, parse, sample

pytestmark = pytest.mark.django_db

CICTE = "CICTE Secretariat"
SMS = "Secretariat for Multidimensional Security"
STATES = "Member States"


def check_cicte_2024(document, language):
    """The English original and its Portuguese text say the same things."""
    assert document.language == language
    assert document.symbol == "CICTE/doc.5/24 rev. 1"
    assert (document.series, document.body, document.session) == ("OEA/Ser.L/X.2.24", "CICTE", 24)
    assert (document.place, document.date, document.original_language) == (
        "Santiago, Chile",
        datetime.date(2024, 4, 12),
        "en",
    )
    assert [len(section.paragraphs) for section in document.sections] == [4, 4, 1]
    first, cyber, convention = document.sections
    reaffirm, support, assist, thanks = first.paragraphs
    assert owner_names(reaffirm) == {STATES} and reaffirm.kind == "action"  # "… and to support …"
    assert owner_names(support) == {CICTE}
    assert support.conditions == ["on_request", "subject_to_resources"]
    assert support.deadline == datetime.date(2025, 12, 31)
    assert owner_names(assist) == {CICTE, SMS}
    assert [child.number for child in assist.children] == ["a", "b", "c"]
    assert all(owner_names(child) == {CICTE, SMS} for child in assist.children)
    assert assist.children[2].deadline == datetime.date(2025, 6, 30)
    assert thanks.kind == "declaratory" and thanks.owners == []
    welcome, urge, encourage, report = cyber.paragraphs
    assert welcome.kind == "declaratory"
    assert owner_names(urge) == {STATES} and urge.deadline == datetime.date(2025, 4, 15)
    assert owner_names(encourage) == {STATES} and encourage.conditions == ["voluntary"]
    assert owner_names(report) == {SMS}
    assert report.deadline is None and report.deadline_text  # "at its next regular session": no invented date
    assert convention.paragraphs[0].number == "" and owner_names(convention.paragraphs[0]) == {STATES}


def test_an_english_cicte_resolution_is_read_with_owners_deadlines_and_conditions():
    document = parse(sample("cicte-doc-5-24.en.txt"))

    check_cicte_2024(document, "en")
    assert document.title.startswith("Draft paragraphs for the omnibus resolution")
    assert document.sections[2].paragraphs[0].text.startswith("To call upon member states")
    assert document.sections[1].paragraphs[3].deadline_text == "at its next regular session"


def test_an_english_resolution_in_a_docx_with_word_numbering_and_a_header_table_reads_the_same():
    data = build_docx(sample("cicte-doc-5-24.en.txt"))

    document = parse_upload(data, "resolution.docx")

    check_cicte_2024(document, "en")
    assert by_number(document.sections[0].paragraphs, "2").text.startswith("To request the CICTE Secretariat")


def test_a_portuguese_resolution_in_a_pdf_loses_its_running_header_page_numbers_footnote_and_hyphenation():
    lines = [line.replace("\t", "   ") for line in sample("cicte-doc-5-24.pt.txt").split("\n") if line.strip()]
    index = next(i for i, line in enumerate(lines) if line.startswith("3. Incentivar"))
    lines[index] = [
        "3. Incentivar os Estados membros a compartilhar, de forma voluntária, suas estra-",
        "tégias e políticas nacionais de cibersegurança.",
    ]
    pdf = build_pdf(lines, running_header="CICTE/doc.5/24 rev. 1", footnote=("terrorismo,", "Ver CICTE/INF.2/24."))

    document = parse_upload(pdf, "resolucao.pdf")

    check_cicte_2024(document, "pt")
    texts = [paragraph.text for _s, _p, paragraph in document.paragraphs()]
    assert document.sections[1].paragraphs[2].text.endswith("suas estratégias e políticas nacionais de cibersegurança.")
    assert not any("- 1 -" in text or "- 2 -" in text or "Ver CICTE/INF" in text for text in texts)
    assert "terrorismo, e apoiar" in document.sections[0].paragraphs[0].text  # the footnote marker is gone
    assert sum("CICTE/doc.5/24" in text for text in texts) == 0  # the running header too


def test_a_spanish_resolution_reads_its_owners_through_the_spanish_aliases():
    document = parse(sample("cicte-doc-6-23-rev2.es.txt"))

    assert (document.language, document.original_language, document.place) == ("es", "es", "Ciudad de México")
    assert document.title == "Proyectos de párrafos para la resolución ómnibus sobre seguridad multidimensional"
    first, cyber, measures, convention = document.sections
    assert owner_names(first.paragraphs[2]) == {CICTE}
    assert first.paragraphs[2].conditions == ["on_request", "subject_to_resources"]
    assert first.paragraphs[4].deadline == datetime.date(2024, 6, 30)  # "primer semestre de 2024"
    assert first.paragraphs[4].kind == "action"  # thanks, "y convocar …"
    assert cyber.paragraphs[0].kind == "declaratory"  # "Acoger con beneplácito"
    assert owner_names(cyber.paragraphs[2]) == {SMS, CICTE}  # "a la SSM, a través de la Secretaría del CICTE"
    assert cyber.paragraphs[2].owner_phrase == "SSM, a través de la Secretaría del CICTE"
    assert cyber.paragraphs[3].deadline == datetime.date(2024, 12, 31)  # "en 2024"
    assert [child.number for child in measures.paragraphs[0].children] == ["i", "ii", "iii", "iv", "v"]
    assert measures.paragraphs[0].children[2].conditions == ["voluntary"]
    assert owner_names(convention.paragraphs[0]) == {STATES}


def test_a_un_general_assembly_resolution_keeps_its_preamble_apart_from_its_operative_paragraphs():
    document = parse(sample("a-res-80-41.en.txt"))

    assert (document.symbol, document.body, document.session) == ("A/RES/80/41", "United Nations General Assembly", 80)
    assert document.date == datetime.date(2025, 12, 3)
    assert document.title == "Cooperation against the terrorist use of information and communications technologies"
    assert document.preamble[0] == "The General Assembly,"
    assert [line.split()[0] for line in document.preamble[1:]] == ["Recalling", "Noting", "Bearing", "Welcoming"]
    paragraphs = document.sections[0].paragraphs
    assert [p.number for p in paragraphs] == ["1", "2", "3", "4", "5"]
    requests, calls, encourages, welcomes, decides = paragraphs
    assert owner_names(requests) == {"General Secretariat"} and requests.owner_phrase == "Secretary-General"
    assert requests.deadline is None and requests.deadline_text == "at its eighty-first session"
    assert owner_names(calls) == {STATES} and [c.number for c in calls.children] == ["a", "b"]
    assert all(owner_names(child) == {STATES} for child in calls.children)
    assert encourages.conditions == ["on_request", "subject_to_resources"]
    assert welcomes.kind == "declaratory"
    assert owner_names(decides) == {"General Assembly"}  # the body that adopts it decides


def test_an_oas_general_assembly_resolution_has_its_preamble_then_resolves_into_sections():
    document = parse(sample("ag-res-2880.en.txt"))

    assert document.symbol == "AG/RES. 2880 (XLVI-O/16)"
    assert (document.body, document.session, document.series) == ("General Assembly", 46, "OEA/Ser.P/XLVI-O.2")
    assert (document.place, document.date) == ("Santo Domingo, Dominican Republic", datetime.date(2016, 6, 15))
    assert document.title == "Advancing Hemispheric Security: a multidimensional approach"
    assert [line.split()[0] for line in document.preamble] == ["THE", "HAVING", "RECALLING", "BEARING"]
    assert [s.title.split(".")[0] for s in document.sections] == ["I", "II"]
    terrorism, measures = document.sections
    assert terrorism.paragraphs[0].kind == "declaratory"
    assert owner_names(terrorism.paragraphs[1]) == {CICTE}
    assert terrorism.paragraphs[1].conditions == ["on_request", "subject_to_resources"]
    assert owner_names(terrorism.paragraphs[2]) == {"Permanent Council"}
    assert terrorism.paragraphs[2].deadline == datetime.date(2017, 6, 30)
    assert measures.paragraphs[0].deadline == datetime.date(2016, 7, 15)
    assert measures.paragraphs[1].deadline_text == "at its forty-seventh regular session"


def test_a_text_too_short_to_detect_its_language_is_read_in_the_language_staff_choose():
    text = "1. Solicitar a la SSM un informe."

    with pytest.raises(ResolutionImportError) as caught:
        parse(text)
    assert caught.value.code == "unknown_language"
    document = parse(text, language="es")
    assert owner_names(document.sections[0].paragraphs[0]) == {SMS}
