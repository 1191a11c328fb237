"""The seed resolution, imported, gives exactly what the acceptance file states."""

import datetime
import json

import pytest

from commitments.importer import import_resolution_file
from commitments.models import Mandate, Resolution
from tests.commitments.importer_helpers import DATA, SEED, parse

pytestmark = pytest.mark.django_db
EXPECTED = json.loads((DATA / "cicte-doc-6-23-rev2.fr.expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def document():
    return parse(SEED.read_text(encoding="utf-8"))


def check_paragraph(paragraph, expected, *, where):
    assert (paragraph.number or None) == expected["number"], where
    assert paragraph.text.startswith(expected["starts_with"]), (where, paragraph.text[:80])
    if expected.get("owners_include") is not None:
        assert set(expected["owners_include"]) <= {o.name for o in paragraph.owners}, where
    deadline = datetime.date.fromisoformat(expected["deadline"]) if expected["deadline"] else None
    assert paragraph.deadline == deadline, where
    if "conditions" in expected:
        assert sorted(paragraph.conditions) == sorted(expected["conditions"]), where
    assert len(paragraph.children) == len(expected.get("children", [])), where
    for child, expected_child in zip(paragraph.children, expected.get("children", []), strict=True):
        check_paragraph(child, expected_child, where=f"{where}.{expected_child['number']}")


def test_the_seed_header_reads_as_the_acceptance_file_states(document):
    expected = EXPECTED["document"]
    assert document.symbol == expected["symbol"]
    assert document.series == expected["series"]
    assert document.body == expected["body"]
    assert document.session == expected["session"]
    assert document.place == expected["place"]
    assert document.date == datetime.date.fromisoformat(expected["date"])
    assert document.language == expected["language"]
    assert document.original_language == expected["original_language"]
    assert document.title.startswith(expected["title_starts_with"])


def test_the_seed_has_the_counts_the_acceptance_file_states(document):
    assert document.counts() == EXPECTED["counts"]


def test_every_section_and_paragraph_of_the_seed_matches_the_acceptance_file(document):
    assert len(document.sections) == len(EXPECTED["sections"])
    for section, expected in zip(document.sections, EXPECTED["sections"], strict=True):
        assert section.position == expected["position"]
        assert section.title == expected["title"]
        assert len(section.paragraphs) == len(expected["paragraphs"]), section.title
        for paragraph, expected_paragraph in zip(section.paragraphs, expected["paragraphs"], strict=True):
            check_paragraph(paragraph, expected_paragraph, where=f"§{section.position} ¶{expected_paragraph['number']}")


def test_the_seed_keeps_no_debris_and_no_preamble(document):
    texts = [p.text for _s, _parent, p in document.paragraphs()]
    assert not any("[bookmark" in text or "[image" in text for text in texts)
    assert document.preamble == []


def test_the_seed_saved_through_the_importer_matches_the_acceptance_file_in_the_database(staff):
    report = import_resolution_file(SEED, by=staff)

    resolution = Resolution.objects.get()
    assert report.resolution == resolution
    expected = EXPECTED["document"]
    assert (resolution.symbol, resolution.series, resolution.body) == (
        expected["symbol"],
        expected["series"],
        expected["body"],
    )
    assert (resolution.session, resolution.place, resolution.original_language) == (23, "Mexico", "es")
    assert resolution.adopted_on == datetime.date(2023, 5, 18)
    assert list(resolution.sections.values_list("title", flat=True)) == [s["title"] for s in EXPECTED["sections"]]
    assert Mandate.objects.filter(resolution=resolution).count() == EXPECTED["counts"]["total_items"]
    assert Mandate.objects.filter(resolution=resolution, parent=None).count() == 11
    four = Mandate.objects.get(resolution=resolution, section__position=2, number="4", parent=None)
    assert four.deadline == datetime.date(2024, 12, 31)
    assert set(four.owners.values_list("name_en", flat=True)) >= {"Secretariat for Multidimensional Security"}
    assert resolution.texts.get().language == "fr"
