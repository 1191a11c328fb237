"""Fuzz the importer and the upload form with seeded mutations of .txt, .docx and .pdf files,
and count the server errors (there must be none). Not a test: run it by hand.

    DEBUG=true .venv/bin/python tests/fuzz/fuzz_importer.py --cases 10000 --workers 2
    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python tests/fuzz/fuzz_importer.py
    DEBUG=true .venv/bin/python tests/fuzz/fuzz_importer.py --case 4711      # replay one case

Each case goes (1) through the importer as the command line uses it (``parse_upload`` and the
parse's JSON, encoded as UTF-8), and (2) through the web flow as a staff member: the upload
form, the preview, and, for every ``--confirm-every``-th file the importer accepted, the
confirm, which writes to the database (PostgreSQL refuses what SQLite takes). A crash is an
exception other than ``ResolutionImportError`` in (1), or an answer of 500 or more, or an
exception, in (2); each is written with its traceback under ``tests/fuzz/crashes/``.

Each worker works in its own throw-away test database (created and destroyed here).
"""

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cicte.settings")
CRASHES = Path(__file__).resolve().parent / "crashes"
KINDS = ("txt", "docx", "pdf")


def kind_of(number: int) -> str:
    return KINDS[number % len(KINDS)]


def run_case(number: int, client, seed: str, confirm: bool) -> tuple[str, str, str]:
    """(kind, outcome, crash description or "") for case ``number``."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from commitments.importer import ResolutionImportError, parse_upload
    from tests.fuzz.mutations import case

    kind = kind_of(number)
    name, data = case(random.Random(f"{seed}-{number}"), kind)
    try:
        document = parse_upload(data, name)
        json.dumps(document.to_dict(with_source=True), ensure_ascii=False).encode("utf-8")
        outcome = "parsed"
    except ResolutionImportError:
        outcome = "refused"
    except Exception:  # noqa: BLE001 - counting every crash is the point
        return kind, "crash", _crash(number, name, data, "importer", traceback.format_exc())
    try:
        response = client.post(reverse("commitments:import_upload"), {"file": SimpleUploadedFile(name, data)})
        steps = [("upload", response)]
        if response.status_code == 302:
            preview = client.get(reverse("commitments:import_preview"))
            steps.append(("preview", preview))
            if confirm and preview.status_code == 200:
                steps.append(("confirm", client.post(reverse("commitments:import_confirm"), _confirm_data(preview))))
        for step, answer in steps:
            if answer.status_code >= 500:
                return kind, "crash", _crash(number, name, data, step, f"HTTP {answer.status_code}")
    except Exception:  # noqa: BLE001
        return kind, "crash", _crash(number, name, data, "web", traceback.format_exc())
    return kind, outcome, ""


def _confirm_data(preview) -> dict:
    context = preview.context
    formset, owners, pending = context["formset"], context["owners_formset"], context["pending"]
    data = {"token": pending.token, "revision": pending.revision, "page": context["page_number"], "action": "confirm"}
    data |= {f"p-{key}": value for key, value in formset.management_form.initial.items()}
    data |= {f"o-{key}": value for key, value in owners.management_form.initial.items()}
    data |= {f"doc-{key}": "" if value is None else value for key, value in context["document_form"].initial.items()}
    for index, initial in enumerate(formset.initial):
        data |= {f"p-{index}-{key}": "" if value is None else value for key, value in initial.items()}
    return data


def _crash(number: int, name: str, data: bytes, step: str, detail: str) -> str:
    CRASHES.mkdir(exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    (CRASHES / f"{number}-{digest}-{name}").write_bytes(data)
    last = detail.strip().splitlines()[-1] if detail.strip() else detail
    (CRASHES / f"{number}-{digest}.txt").write_text(f"case {number} ({name}), step {step}\n\n{detail}\n")
    return f"{step}: {last}"


def worker(arguments) -> tuple[Counter, list[str], float]:
    worker_number, numbers, seed, confirm_every = arguments
    import django

    django.setup()
    logging.disable(logging.CRITICAL)  # fpdf's font subsetting, pypdf's warnings, axes
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests import factories

    # PostgreSQL: one database per worker; SQLite: in memory (no fsync on every commit).
    name = f"test_fuzz_importer_{worker_number}" if connection.vendor == "postgresql" else None
    for database in (settings.DATABASES["default"], connection.settings_dict):
        database.setdefault("TEST", {})["NAME"] = name
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    counts: Counter = Counter()
    crashes: list[str] = []
    start = time.perf_counter()
    try:
        client = Client()
        client.force_login(factories.make_staff(f"fuzz-{worker_number}"))
        accepted = 0
        for number in numbers:
            kind, outcome, crash = run_case(number, client, seed, confirm=accepted % confirm_every == 0)
            accepted += outcome == "parsed"
            counts[(kind, outcome)] += 1
            if crash:
                crashes.append(f"case {number} ({kind}) {crash}")
                print(f"worker {worker_number}: case {number} ({kind}) {crash}", file=sys.stderr, flush=True)
            if sum(counts.values()) % 250 == 0:
                done, seconds = sum(counts.values()), time.perf_counter() - start
                print(f"worker {worker_number}: {done} cases in {seconds:.0f} s", file=sys.stderr, flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return counts, crashes, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("--case", type=int, help="run only this case (to replay a crash)")
    parser.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--seed", default="issue-9")
    parser.add_argument("--confirm-every", type=int, default=5, help="confirm every Nth file the importer accepted")
    options = parser.parse_args()
    numbers = [options.case] if options.case is not None else list(range(options.first, options.first + options.cases))
    workers = 1 if options.case is not None else options.workers
    jobs = [(w, numbers[w::workers], options.seed, options.confirm_every) for w in range(workers)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = pool.map(worker, jobs)
    counts: Counter = sum((result[0] for result in results), Counter())
    crashes = [crash for result in results for crash in result[1]]
    print(f"seed {options.seed!r}: {len(numbers)} cases in {time.perf_counter() - started:.0f} s, {workers} workers")
    for kind in KINDS:
        row = {outcome: counts[(kind, outcome)] for outcome in ("parsed", "refused", "crash")}
        print(f"  .{kind:<5} {sum(row.values()):>6} files: {row['parsed']:>6} parsed, {row['refused']:>6} refused, "
              f"{row['crash']:>4} server errors")  # fmt: skip
    print(f"server errors: {len(crashes)}")
    for crash in crashes[:50]:
        print("  " + crash)
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
