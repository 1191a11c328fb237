"""Size and time of the import preview for a generated resolution of about 300 and about 2,000
paragraphs (the issue 9 finding: a 1,989-paragraph text gave a 7.8 MB preview page and made
every other page of that user slower, because the parse sat in the session). Not a test: run it
by hand.

    DEBUG=true .venv/bin/python tests/benchmarks/bench_preview.py
    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python tests/benchmarks/bench_preview.py

It prints, for each size, the upload time, the preview page's size and time, the size of the
session row, and the time of another page (the mandate list) while the preview is pending.
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


def generated(items: int) -> str:
    """A CICTE-style resolution of ``items`` paragraphs and sub-items: the import benchmark's
    header, then sections of ten paragraphs, every third paragraph with three sub-items."""
    from tests.benchmarks.bench_import import generated as three_hundred

    lines = [three_hundred().split("Section numéro 1 ")[0]]
    count, section = 0, 0
    while count < items:
        section += 1
        lines += [f"Section numéro {section} sur la sécurité", ""]
        for number in range(1, 11):
            if count >= items:
                break
            count += 1
            lines.append(
                f"{number}. De demander au Secrétariat du CICTE de soutenir les États membres qui en font la demande, "
                f"dans la mesure où les ressources sont disponibles, pour l'activité {count} en 2026."
            )
            for letter in "abc" if number % 3 == 0 else "":
                if count < items:
                    count += 1
                    lines.append(f"{letter}. le volet {letter} de l'activité {count} ;")
            lines.append("")
    return "\n".join(lines)


def measure(client, items: int) -> None:
    from django.contrib.sessions.models import Session
    from django.urls import reverse

    text = generated(items).encode()
    start = time.perf_counter()
    response = client.post(reverse("commitments:import_upload"), {"text": text.decode(), "language": "fr"})
    upload = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    times, size = [], 0
    for _ in range(3):
        start = time.perf_counter()
        page = client.get(reverse("commitments:import_preview"))
        times.append(time.perf_counter() - start)
        size = len(page.content)
    session = max(len(row.session_data) for row in Session.objects.all())
    other = []
    for _ in range(5):
        start = time.perf_counter()
        client.get(reverse("commitments:mandate_list"))
        other.append(time.perf_counter() - start)
    print(
        f"{items:>5} items: text {len(text) / 1024:7.0f} KB · upload {upload:5.2f} s · "
        f"preview {size / 1024:7.0f} KB in {statistics.median(times):5.2f} s · session row {session / 1024:6.0f} KB · "
        f"mandate list while pending {statistics.median(other) * 1000:5.0f} ms"
    )


def main() -> None:
    from django.test import Client

    from tests import factories

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        client = Client()
        client.force_login(factories.make_staff("bench-staff"))
        start = time.perf_counter()
        client.get(reverse_list())
        print(f"mandate list with nothing pending: {(time.perf_counter() - start) * 1000:.0f} ms")
        for items in (300, 1989):
            measure(client, items)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def reverse_list() -> str:
    from django.urls import reverse

    return reverse("commitments:mandate_list")


if __name__ == "__main__":
    main()
