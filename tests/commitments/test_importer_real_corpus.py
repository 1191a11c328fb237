"""Every document of the real corpus (tests/data/real) comes out exactly as a careful reader
says: symbol, operative count, owners, deadlines, preamble, no furniture or preamble as mandates."""

import pytest

from commitments.importer import parse_file
from commitments.importer.scoring import load_expected, score_document
from tests.commitments import synthetic_resolutions as synthetic
from tests.commitments.importer_helpers import DATA

pytestmark = pytest.mark.django_db
REAL = DATA / "real"
EXPECTED = load_expected(REAL)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_corpus_document_comes_out_exactly_right(name):
    score = score_document(REAL / name, EXPECTED[name], parse_file)

    assert score.exact, "\n".join(score.notes)


def test_every_file_of_the_corpus_has_its_expectations():
    files = {path.name for path in REAL.iterdir() if path.suffix in (".txt", ".pdf", ".docx")}

    assert files == set(EXPECTED)


@pytest.mark.parametrize("resolution", list(synthetic.resolutions()), ids=lambda r: f"{r.style}-{r.language}")
def test_the_committed_synthetic_texts_are_what_the_generator_writes(resolution):
    for form in ("clean.txt", "layout.txt"):
        committed = (REAL / synthetic.file_name(resolution, form)).read_bytes()
        assert committed == synthetic.render(resolution, form), form
    assert EXPECTED[synthetic.file_name(resolution, "pdf")] == synthetic.expected_for(resolution)
