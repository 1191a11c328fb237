"""Helpers for the importer tests: sample texts and parsing with the aliases in the database."""

from pathlib import Path

from commitments.importer.owners import AliasTable
from commitments.importer.parse import parse_text

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = Path(__file__).resolve().parents[2] / "commitments" / "data" / "cicte-doc-6-23-rev2.fr.txt"


def sample(name: str) -> str:
    return (DATA / "resolutions" / name).read_text(encoding="utf-8")


def parse(text: str, **kwargs):
    return parse_text(text, aliases=AliasTable.from_db(), **kwargs)


def by_number(paragraphs, number):
    return next(p for p in paragraphs if p.number == number)


def owner_names(paragraph) -> set[str]:
    return {owner.name for owner in paragraph.owners}
