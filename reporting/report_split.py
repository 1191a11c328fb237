"""A very large report's PDF, built in parts side by side: a ZIP of one summary PDF (totals,
changes, work plan, member states) and the mandates, with the national reports on them, in
PDFs of a few thousand each, whole resolutions in document order.

One PDF of everything (100,000 mandates, 30,000 pages) took the worker a minute and a half and
a gigabyte: its rows and every page are held until the last one is written. Each part here is
built by its own process (``REPORT_PARALLEL_WORKERS``, one per core) from its own rows, so the
parts run at once and memory is bounded by the largest part. The summary is computed from the
parts' requests and activities (each counted once, as in one file), so the files hold exactly
what one PDF of the same choices would.
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import os
import tempfile
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from itertools import groupby

from django.conf import settings
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reporting import report_rows
from reporting.report import Report, Scope, _summaries, _totals, build_report, finish
from reporting.report_pdf import render_pdf


def split_above() -> int:
    """PDFs of more mandates than this are built in parts (a ZIP)."""
    return settings.REPORT_SPLIT_MANDATES


def part_mandates() -> int:
    """About how many mandates one part holds (a resolution is never cut)."""
    return settings.REPORT_PART_MANDATES


def workers() -> int:
    return settings.REPORT_PARALLEL_WORKERS or min(4, os.cpu_count() or 1)


def plan(scope: Scope, user, size: int, processes: int = 1) -> list[tuple[int, ...]]:
    """The parts' resolutions: consecutive resolutions of at most about ``size`` mandates in
    all, as many parts as a multiple of ``processes`` so that they end together (a work plan's
    20,000 mandates: four parts in two rounds rather than three, the last one alone)."""
    ids = list(scope.mandates(user).in_document_order().values_list("resolution_id", flat=True).iterator(10000))
    if not ids:
        return []
    processes = max(1, processes)
    count = processes * -(-len(ids) // (size * processes))  # how many parts
    parts: list[list[int]] = [[] for _part in range(count)]
    start = 0
    for resolution_id, mandates in groupby(ids):
        number = sum(1 for _m in mandates)
        # Each resolution in the part where its middle falls: parts of about equal size.
        parts[min(count - 1, (start + number // 2) * count // len(ids))].append(resolution_id)
        start += number
    parts = [part for part in parts if part]
    return [tuple(part) for part in parts]


@dataclasses.dataclass
class _Part:
    """What a part's process sends back: its file, and what the summary counts of it."""

    name: str
    path: str  # the part's PDF, written by its process
    mandate_ids: list[int]
    statuses: Counter
    # What the summary counts of each request and activity, as plain values (pickled back fast).
    requests: list[tuple]
    activities: list[tuple]


REQUEST_COUNTED = ("pk", "state_id", "status", "delivered_on")
ACTIVITY_COUNTED = ("pk", "state_id", "participants_women", "participants_men", "participants_other")


def _rows(cls, names, parts, attribute) -> list:
    """The parts' requests or activities, each once in the order first met, as rows again."""
    state_rows = report_rows.states()
    seen = {}
    for part in parts:
        for values in getattr(part, attribute):
            if values[0] not in seen:
                row = seen[values[0]] = report_rows._fill(cls, names, values)
                row.state = state_rows.get(row.state_id)
    return list(seen.values())


def _part_label(report: Report, number: int, total: int) -> str:
    resolutions = [entry.resolution.symbol for entry in report.resolutions]
    label = _("Part %(number)s of %(total)s") % {"number": number, "total": total}
    if resolutions:
        label += " · " + _("mandates of %(first)s to %(last)s") % {"first": resolutions[0], "last": resolutions[-1]}
    return label


def _build_part(job) -> _Part:
    scope, user, number, total, stem, directory = job
    name = f"{stem}-part-{number:02d}-of-{total:02d}.pdf"
    with translation.override(scope.language):
        report = build_report(scope=scope, user=user)
        path = os.path.join(directory, name)
        with open(path, "wb") as handle:
            handle.write(render_pdf(report, part=_part_label(report, number, total)))
    entries = list(report.entries())
    return _Part(
        name=name,
        path=path,
        mandate_ids=[entry.mandate.pk for entry in entries],
        statuses=Counter(entry.status for entry in entries),
        requests=[[getattr(row, name) for name in REQUEST_COUNTED] for row in report.requests],
        activities=[[getattr(row, name) for name in ACTIVITY_COUNTED] for row in report.activities],
    )


# In a forked process: the parent's connections it inherited, should any have been open. Kept
# and never used or closed: closing one would end the parent's session on the shared socket.
_INHERITED: list = []


def _forget_inherited_connections() -> None:
    """A forked process's first step: open connections of its own for its part."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _INHERITED.append(connection.connection)
            connection.connection = None


def _in_child(job) -> _Part:
    try:
        return _build_part(job)
    finally:
        connections.close_all()  # this process's own connections, opened for its part


def _parts(jobs: list) -> list[_Part]:
    """The parts in order: in worker processes, or here when one worker is asked for or the
    caller is inside a transaction (a test's: another process would not see its rows)."""
    processes = min(workers(), len(jobs))
    if processes <= 1 or any(connection.in_atomic_block for connection in connections.all()):
        return [_build_part(job) for job in jobs]
    # A forked process must not share our database sockets: each opens its own.
    connections.close_all()
    # A process that dies (killed for its memory) fails the report (BrokenProcessPool) instead
    # of leaving it waiting, as multiprocessing.Pool would.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_forget_inherited_connections) as pool:
        return list(pool.map(_in_child, jobs))


def render_split_pdf(scope: Scope, user, stem: str) -> bytes:
    """The ZIP of the report's summary and its parts (``stem``: the files' names' start).
    Call inside ``translation.override(scope.language)``."""
    resolution_parts = plan(scope, user, part_mandates(), workers())
    total = len(resolution_parts)
    part_scope = dataclasses.replace(scope, since=None)  # changes are read once, for the summary
    with tempfile.TemporaryDirectory(prefix="cicte-report-") as directory:
        jobs = [
            (dataclasses.replace(part_scope, resolution_ids=ids), user, number, total, stem, directory)
            for number, ids in enumerate(resolution_parts, start=1)
        ]
        return _archive(scope, user, stem, _parts(jobs))


def _archive(scope: Scope, user, stem: str, parts: list[_Part]) -> bytes:
    """The summary, computed from the parts, and the ZIP of it and of the parts' files."""
    requests = _rows(report_rows.RequestRow, REQUEST_COUNTED, parts, "requests")
    activities = _rows(report_rows.ActivityRow, ACTIVITY_COUNTED, parts, "activities")
    summary = Report(
        scope=scope,
        title=scope.title(),
        generated_at=timezone.now(),
        resolutions=[],
        requests=requests,
        activities=activities,
        states=_summaries(requests, activities, scope.language),
        totals=_totals(sum((part.statuses for part in parts), Counter()), requests, activities),
    )
    finish(summary, user, [pk for part in parts for pk in part.mandate_ids])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        archive.writestr(f"{stem}-summary.pdf", render_pdf(summary, parts=[part.name for part in parts]))
        for part in parts:
            archive.write(part.path, part.name)
    return buffer.getvalue()
