"""Files and texts the importer cannot use are refused with a message naming the problem;
nothing is written; random and mutated texts never make the parser crash or hang."""

import io
import json
import random
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.importer import ResolutionImportError, limits, parse_upload
from commitments.importer.owners import AliasTable, OwnerRef
from commitments.importer.parse import parse_text
from commitments.importer.sanitize import clean_text
from commitments.models import Mandate, Resolution
from tests.commitments.importer_helpers import SEED

pytestmark = pytest.mark.django_db
SEED_TEXT = SEED.read_text(encoding="utf-8")


def refused(data: bytes, name: str) -> ResolutionImportError:
    with pytest.raises(ResolutionImportError) as caught:
        parse_upload(data, name)
    assert caught.value.messages[0]
    assert Resolution.objects.count() == 0 and Mandate.objects.count() == 0
    return caught.value


def scanned_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 150, 200, style="F")  # a page that is only an image of text
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("data", "name", "code", "words"),
    [
        (b"", "empty.txt", "empty", "empty"),
        (b"   \n\n  ", "blank.txt", "empty", "empty"),
        (b"\x00\x01\x02\x03binary\x00" * 200, "blob.txt", "binary", "binary"),
        (b"%PDF-1.7\n%%garbage that is no PDF at all", "broken.pdf", "corrupt", "damaged"),
        (b"this is not a zip", "broken.docx", "corrupt", "Word"),
        (b"PK\x03\x04 not really", "broken.docx", "corrupt", "Word"),
        (b"1. To request things.", "resolution.doc", "unsupported_type", ".docx"),
        (b"1. To request things.", "resolution.odt", "unsupported_type", ".pdf"),
        (b"%PDF-1.4 a pdf named as text", "resolution.txt", "binary", "PDF"),
        (
            "Le comité a tenu une réunion et les délégations ont parlé de la sécurité.".encode(),
            "notes.txt",
            "no_operative_paragraphs",
            "operative",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_naming_the_problem(data, name, code, words):
    error = refused(data, name)
    assert error.code == code
    assert words.lower() in error.messages[0].lower()


def test_a_scanned_pdf_without_a_text_layer_is_refused():
    error = refused(scanned_pdf(), "scan.pdf")
    assert error.code == "no_text" and "OCR" in error.messages[0]


def test_a_docx_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCX_UNPACKED_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<a>" + "x" * 5000 + "</a>")
    assert refused(buffer.getvalue(), "bomb.docx").code == "too_large"


@override_settings(RESOLUTION_UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused():
    assert refused(b"1. To request the CICTE Secretariat to act.\n" * 100, "big.txt").code == "too_large"


def test_a_text_with_ten_thousand_paragraphs_is_refused_quickly():
    text = "\n\n".join(f"To request the CICTE Secretariat to act on item {n}." for n in range(1, 10001))
    error = refused(text.encode(), "huge.txt")
    assert error.code == "too_many_paragraphs" and "2000" in error.messages[0]


def test_a_text_over_the_length_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    assert refused(SEED_TEXT.encode(), "seed.txt").code == "too_long"


# The fuzzing runs on a fixed alias table, so that it needs no database between examples.
TABLE = AliasTable.from_rows(
    [
        ("fr", "Secrétariat du CICTE", 1, "CICTE Secretariat"),
        ("fr", "SSM", 2, "Secretariat for Multidimensional Security"),
        ("fr", "États membres", 3, "Member States"),
        ("en", "CICTE Secretariat", 1, "CICTE Secretariat"),
        ("en", "Member States", 3, "Member States"),
    ],
    OwnerRef(3, "Member States"),
)
FRAGMENTS = st.sampled_from(
    ["1. ", "a. ", "ii. ", "(b) ", "\n", "\n\n", "\t", "\f", "De demander au ", "SSM", "Secrétariat du CICTE",
     "To request the ", "RESOLVES:", "The General Assembly,", "Recalling ", "en 2024", "premier semestre de 2024",
     "by 15 April 2025", "[bookmark: x]", "[image: y]", "- 2 -", "_____", "1 note", "terrorisme1 ", "estra-\ntégias",
     "(Approved at the fourth plenary session, held on 18 May 2023)", "CICTE/doc.6/23 rev. 2", "OEA/Ser.L/X.2.23",
     "Original: espagnol", "qui en font la demande", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ",,,,;;;;", "é", "’"]
)  # fmt: skip


def parse_or_refuse(text: str, language: str | None = None) -> None:
    try:
        document = parse_text(text, aliases=TABLE, language=language)
    except ResolutionImportError:
        return
    document.to_dict()  # and what it produced can be shown and kept


FUZZ = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=3000))
def test_random_text_never_makes_the_parser_raise_anything_but_its_own_error(text):
    parse_or_refuse(text)


@FUZZ
@given(st.lists(FRAGMENTS | st.text(max_size=40), max_size=120), st.sampled_from([None, "en", "fr"]))
def test_texts_made_of_resolution_fragments_never_crash_the_parser(pieces, language):
    parse_or_refuse("".join(pieces), language)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(0, 400), FRAGMENTS), max_size=12))
def test_the_seed_cut_and_spliced_at_random_never_crashes_the_parser(mutations):
    text = SEED_TEXT
    for position, length, fragment in mutations:
        text = text[:position] + fragment + text[position + length :]
    parse_or_refuse(text)


@settings(max_examples=30, deadline=3000)
@given(
    st.sampled_from(["a", "1", "-", " ", "é", "(", "[", ".", "\n", "a-", "1. ", "De ", "et de ", "au SSM, "]),
    st.integers(20_000, 200_000),
)
def test_long_runs_of_one_pattern_are_parsed_in_bounded_time(piece, length):
    parse_or_refuse("De demander " + piece * (length // len(piece)) + ".", "fr")


# Issue 9: the binary check samples the first 20,000 characters; the cleaning runs on all of it.
def test_a_nul_after_the_first_20000_characters_of_a_txt_never_reaches_the_parse():
    data = (SEED_TEXT + "\n\n" + "Rappelant ses résolutions, " * 1000 + "\x00\x01 fin.\n").encode()
    assert len(data) > 20_000

    document = parse_upload(data, "late-nul.txt")

    dumped = json.dumps(document.to_dict(with_source=True), ensure_ascii=False)
    assert "\\u0000" not in dumped and "\\u0001" not in dumped


def test_a_pdf_whose_text_layer_decodes_to_lone_surrogates_is_read_without_them():
    from tests.fuzz.samples import pdf_with_lone_surrogates

    document = parse_upload(pdf_with_lone_surrogates(SEED_TEXT), "surrogates.pdf")

    assert document.symbol == "CICTE/doc.6/23 rev. 2"
    json.dumps(document.to_dict(with_source=True), ensure_ascii=False).encode("utf-8")  # no lone surrogate


def test_the_command_prints_a_pdf_with_lone_surrogates_as_json(tmp_path, capsys):
    from tests.fuzz.samples import pdf_with_lone_surrogates

    path = tmp_path / "surrogates.pdf"
    path.write_bytes(pdf_with_lone_surrogates(SEED_TEXT))

    call_command("import_resolution", str(path), "--dry-run", "--json")

    assert json.loads(capsys.readouterr().out)["document"]["symbol"] == "CICTE/doc.6/23 rev. 2"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x00b\x07c\x1bd\x7fe\x9ff", "abcdef"),
        ("line\x0bbreak\u2028and\x85more", "line\nbreak\nand\nmore"),
        ("tab\tnew\nline\rpage\fkept", "tab\tnew\nline\rpage\fkept"),
        ("lone \ud800 and \udfff gone", "lone  and  gone"),
        ("a pair \ud83d\ude00 joined", "a pair \U0001f600 joined"),
    ],
)
def test_clean_text_drops_controls_and_lone_surrogates_and_keeps_layout(dirty, clean):
    assert clean_text(dirty) == clean


# Issue 9: fuzz .docx and .pdf files too, not only text. A small seeded run of the mutations
# that tests/fuzz/fuzz_importer.py runs by the ten thousand (same seeds, same files).
@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_seeded_mutated_files_of_each_type_never_crash_the_importer(kind):
    from tests.fuzz.mutations import case

    outcomes = set()
    for number in range(12):
        name, data = case(random.Random(f"suite-{kind}-{number}"), kind)
        try:
            document = parse_upload(data, name)
        except ResolutionImportError as error:
            assert error.messages[0]
            outcomes.add("refused")
        else:
            json.dumps(document.to_dict(with_source=True), ensure_ascii=False).encode("utf-8")
            outcomes.add("parsed")
    assert outcomes == {"parsed", "refused"}  # the mutations reach both sides


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_seeded_mutated_files_never_make_the_upload_preview_or_confirm_answer_a_server_error(staff_client, kind):
    from tests.fuzz.fuzz_importer import run_case

    for number in range(3):
        _kind, _outcome, crash = run_case(number * 3 + "txt docx pdf".split().index(kind), staff_client, "suite", True)
        assert crash == "", crash
