"""Parse-and-save time of the importer: the seed resolution, a generated resolution of
300 paragraphs, and a real-like one: a UN resolution of 300 operative paragraphs as
``pdftotext -layout`` writes it (wrapped lines, 38 pages with running headers, job numbers and
page numbers, page-foot footnotes, paragraphs broken by pages, a chapeau every 25 paragraphs).
Targets: seed < 0.5 s, 300 paragraphs < 3 s, real-like parse + save well under 1 s.
Not a test: run it by hand.

    DEBUG=true .venv/bin/python tests/benchmarks/bench_import.py
    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python tests/benchmarks/bench_import.py

It works in a throw-away test database (created and destroyed here), never in yours.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cicte.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SEED = ROOT / "commitments" / "data" / "cicte-doc-6-23-rev2.fr.txt"


def generated(paragraphs: int = 300) -> str:
    """A CICTE-style resolution: 30 sections of 10 paragraphs, every third with three sub-items."""
    lines = [
        "COMITÉ INTERAMÉRICAIN CONTRE LE TERRORISME (CICTE)",
        "",
        "VINGT-CINQUIÈME SESSION ORDINAIRE\tOEA/Ser.L/X.2.25",
    ]
    lines += ["25 mai 2025\tCICTE/doc.9/25", "Washington\t25 mai 2025", "\tOriginal: anglais", ""]
    lines += ["PROJET DE RÉSOLUTION GÉNÉRÉ", "", "(Approuvé à la troisième séance plénière, le 25 mai 2025)", ""]
    count = 0
    for section in range(1, 31):
        lines += [f"Section numéro {section} sur la sécurité", ""]
        for number in range(1, 11):
            count += 1
            lines.append(
                f"{number}. De demander au Secrétariat du CICTE de soutenir les États membres qui en font la demande, "
                f"dans la mesure où les ressources sont disponibles, pour l'activité {count} en 2026."
            )
            if number % 3 == 0:
                lines += [f"{letter}. le volet {letter} de l'activité {count} ;" for letter in "abc"]
            lines.append("")
    assert count == paragraphs
    return "\n".join(lines)


def real_like(paragraphs: int = 300) -> str:
    """The synthetic UN resolution of the corpus, grown to ``paragraphs`` operative paragraphs."""
    from tests.commitments.synthetic_resolutions import UN, layout_text

    base = UN["en"]
    operative = []
    footnotes = {1: base.footnotes[1]}
    for number in range(1, paragraphs + 1):
        kind = number % 5
        if number % 25 == 0:
            operative.append(("Decides the following:", ["That the meeting shall be open to all States;",
                                                         "That its report shall be published."]))  # fmt: skip
            continue
        text = [
            f"Requests the Secretary-General to submit to the General Assembly a report on item {number}, "
            "including the views of Member States, within existing resources;",
            f"Encourages Member States to exchange good practices on question {number} and to cooperate "
            "with the regional centres in 2026;",
            f"Welcomes the programme of action adopted at its tenth special session and recalls paragraph {number};",
            "Decides to include in the provisional agenda of its eighty-first session the item entitled "
            f"“Question {number}”;",
            f"Requests the Conference on Disarmament to consider question {number} and to report on it;",
        ][kind]
        if number % 8 == 0:  # a page breaks this paragraph
            words = text.split(" ")
            text = " ".join(words[:8]) + " |" + " ".join(words[8:])
        if number % 11 == 0:
            footnotes[len(footnotes) + 1] = f"A/80/{100 + number}."
            text = text.rstrip(";") + f";{len(footnotes)}"
        operative.append((text, []))
    resolution = type(base)(**{**base.__dict__, "operative": operative, "footnotes": footnotes})
    return layout_text(resolution)


def timed(label: str, run, repeat: int = 5) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(f"{label:<48} median {statistics.median(times):.3f} s  max {max(times):.3f} s  ({repeat} runs)")


def main() -> None:
    from commitments.importer import parse_upload, save_parsed
    from commitments.importer.owners import AliasTable
    from commitments.importer.parse import parse_text
    from commitments.models import Resolution

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        seed = SEED.read_bytes()
        big = generated()
        layout = real_like()

        def seed_new():
            Resolution.objects.all().delete()
            save_parsed(parse_upload(seed, SEED.name), by=None, source_name=SEED.name)

        def seed_again():
            save_parsed(parse_upload(seed, SEED.name), by=None, source_name=SEED.name)

        def big_new():
            Resolution.objects.all().delete()
            save_parsed(parse_text(big, aliases=AliasTable.from_db()), by=None)

        def big_again():
            save_parsed(parse_text(big, aliases=AliasTable.from_db()), by=None)

        timed("seed (19 items): parse + create", seed_new)
        timed("seed: parse + re-import, unchanged", seed_again)
        timed("generated (300 paragraphs + 300 sub-items): create", big_new)
        timed("generated: parse + re-import, unchanged", big_again)
        timed("generated: parse only", lambda: parse_text(big, aliases=AliasTable.from_db()))

        def layout_new():
            Resolution.objects.all().delete()
            save_parsed(parse_upload(layout.encode(), "real-like.txt"), by=None, source_name="real-like.txt")

        def layout_again():
            save_parsed(parse_upload(layout.encode(), "real-like.txt"), by=None, source_name="real-like.txt")

        document = parse_upload(layout.encode(), "real-like.txt")
        counts = document.counts()
        print(f"real-like layout text: {len(layout) // 1000} kB, {layout.count(chr(12)) + 1} pages, {counts}")
        assert counts["top_level_paragraphs"] == 300, counts
        timed("real-like layout (300 paragraphs): parse + create", layout_new)
        timed("real-like layout: parse + re-import, unchanged", layout_again)
        timed("real-like layout: parse only", lambda: parse_upload(layout.encode(), "real-like.txt"))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
