"""Parse-and-save time of the importer: the seed resolution, and a generated resolution of
300 paragraphs (targets: seed < 0.5 s, 300 paragraphs < 3 s). Not a test: run it by hand.

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
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
