"""Issue 12's benchmark: the site search and the import's predecessor proposals over 100,000
mandates (300 resolutions of one body, 334 paragraphs each, a Spanish version of each). Not a
test; it fills the database it is given once (BENCH/… symbols), then measures.

    psql -h 127.0.0.1 -U postgres -c 'create database bench12'
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench12 DEBUG=true PYTHONPATH=.
    .venv/bin/python manage.py migrate && .venv/bin/python tests/benchmarks/bench_search_lineage.py

Or over a copy of the performance issue's scale database (100,000 mandates), as it is:

    psql -h 127.0.0.1 -U postgres -c 'create database perf12 template perf10_250k strategy file_copy'
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf12 DEBUG=true PYTHONPATH=. BENCH_EXISTING=1
    .venv/bin/python manage.py migrate && .venv/bin/python tests/benchmarks/bench_search_lineage.py

Search: 8 queries (common and rare words, two and three words, a symbol and paragraph, §/¶
labels, a Spanish word, nothing found) five times each, in process: median and p95 in ms.
Proposals: 300 new paragraphs (150 renewed from the latest resolution, lightly edited)
against the body's earlier mandates (capped at MAX_CANDIDATES). Then the count of the words'
rarity (refresh_mandate_terms) and the similar-mandates panel of 20 mandates.
"""

import datetime
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cicte.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.urls import reverse  # noqa: E402

from commitments.lineage import propose_predecessors  # noqa: E402
from commitments.models import Mandate, Resolution, Section  # noqa: E402
from commitments.overlap import refresh_term_frequencies, similar_mandates  # noqa: E402
from core import roles  # noqa: E402
from reporting.search import search_everything  # noqa: E402
from tests import factories  # noqa: E402

WORDS = (
    "cyber security incident severity scheme national strategy terrorism financing border aviation port "
    "cooperation capacity training workshop women inclusion critical infrastructure resilience exchange "
    "information technical assistance legislation review extremism prevention sport ministerial meeting "
    "hemispheric network response team forensic evidence cryptocurrency maritime customs document fraud"
).split()
QUERIES = ["severity", "cyber strategy", "BENCH/doc.12 7", "§1 ¶4", "Secretaría", "forensic evidence maritime",
           "zzzz", "training women"]  # fmt: skip


def sentence(rng: random.Random, words: int = 30) -> str:
    return "To request the Secretariat to " + " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def fill(rng: random.Random) -> None:
    for number in range(300):
        resolution = Resolution.objects.create(
            symbol=f"BENCH/doc.{number}",
            body="CICTE",
            adopted_on=datetime.date(1990, 1, 1) + datetime.timedelta(days=30 * number),
            original_language="en",
        )
        section = Section.objects.create(resolution=resolution, position=1)
        Mandate.objects.bulk_create(
            Mandate(resolution=resolution, section=section, number=str(i + 1), position=i + 1,
                    tree_position=f"{i + 1:04d}", text=sentence(rng), language="en",
                    translations={"es": "Solicitar a la Secretaría " + sentence(rng, 10)})
            for i in range(334)
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    rng = random.Random(7)
    # BENCH_EXISTING=1: measure a database filled already (a copy of the performance issue's
    # scale database), through its latest resolution, instead of filling BENCH/… resolutions.
    existing = os.environ.get("BENCH_EXISTING") == "1"
    if not existing and not Resolution.objects.filter(symbol="BENCH/doc.299").exists():
        fill(rng)
    latest = Resolution.objects.order_by(F("adopted_on").desc(nulls_last=True), "-pk").first()
    body, symbol = (latest.body, latest.symbol) if existing else ("CICTE", "BENCH/doc.299")
    queries = QUERIES if not existing else [*QUERIES[:2], f"{symbol} 7", *QUERIES[3:]]
    staff = get_user_model().objects.filter(username="bench-search-staff").first()
    if staff is None:
        staff = factories.make_user("bench-search-staff")
        staff.groups.add(Group.objects.get_or_create(name=roles.STAFF_GROUP)[0])
    print("mandates", Mandate.objects.count())
    reverse("search")  # warm: the URL patterns load at the first link
    search_everything(user=staff, text="severity")
    times = []
    for query in queries * 5:
        start = time.perf_counter()
        search_everything(user=staff, text=query)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    median = statistics.median(times)
    print(f"search: {len(times)} runs, median {median:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    # Half renewed from the latest resolution (lightly edited), half new.
    renewed = Mandate.objects.filter(resolution__symbol=symbol).values_list("text", flat=True)[:150]
    texts = [text.replace("Secretariat", "CICTE Secretariat", 1) for text in renewed]
    texts += [sentence(rng) for _ in range(300 - len(texts))]
    start = time.perf_counter()
    proposals = propose_predecessors(texts, body=body, language="en", symbol="NEW/1")
    elapsed = time.perf_counter() - start
    renewed = sum(1 for proposal in proposals[:150] if proposal and proposal.kind == "renews")
    print(f"proposals for 300 paragraphs: {elapsed:.2f} s; {renewed} of the 150 renewed found as renews")
    start = time.perf_counter()
    refresh_term_frequencies()
    print(f"refresh_mandate_terms: {time.perf_counter() - start:.1f} s")
    # The similar-mandates panel of 20 mandates of the latest resolution, as staff see it.
    visible = Mandate.objects.visible_to(staff)
    panel = []
    for mandate in Mandate.objects.filter(resolution__symbol=symbol).order_by("pk")[:20]:
        start = time.perf_counter()
        similar_mandates(mandate, visible)
        panel.append((time.perf_counter() - start) * 1000)
    panel.sort()
    print(f"similar-mandates panel: 20 mandates, median {statistics.median(panel):.1f} ms, max {panel[-1]:.1f} ms")


if __name__ == "__main__":
    main()
