"""Time a large report's file as the task worker builds it (``report_files.render``), on an
existing database (read only: no ReportFile is written), and print seconds, CPU and peak RSS.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf10_250k \\
        .venv/bin/python tests/benchmarks/bench_report_files.py --scope plan --fmt pdf
    ... --scope all --fmt xlsx
    ... --scope all --fmt pdf --split 0          # one PDF, as before the split
    ... --scope all --fmt pdf --workers 1        # the parts one after the other

``--scope plan`` is the work plan with the most mandates; ``--user`` who reads it (a member of
the Secretariat; scale-staff is the scale generator's). ``--out`` keeps the file.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cicte.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("AXES_ENABLED", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402


def _mb(usage) -> float:
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    from commitments.models import WorkPlan
    from reporting import report_files
    from reporting.report import Scope

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scope", choices=["plan", "all"], default="plan")
    parser.add_argument("--fmt", choices=["pdf", "xlsx"], default="pdf")
    parser.add_argument("--split", type=int, help="split PDFs above this many mandates (0: never)")
    parser.add_argument("--part", type=int, help="mandates per part")
    parser.add_argument("--workers", type=int, help="processes building parts")
    parser.add_argument("--user", default="scale-staff")
    parser.add_argument("--language", default="en")
    parser.add_argument("--out", help="write the file here")
    args = parser.parse_args()
    if args.split is not None:
        settings.REPORT_SPLIT_MANDATES = args.split or 10**9
    if args.part:
        settings.REPORT_PART_MANDATES = args.part
    if args.workers:
        settings.REPORT_PARALLEL_WORKERS = args.workers
    user = get_user_model().objects.get(username=args.user)
    work_plan = None
    if args.scope == "plan":
        work_plan = WorkPlan.objects.annotate(n=Count("resolutions__mandates")).order_by("-n").first()
    scope = Scope(work_plan=work_plan, language=args.language)
    mandates = scope.mandates(user).count()
    started, cpu = time.perf_counter(), time.process_time()
    fmt, content = report_files.render(scope, user, args.fmt)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"{args.scope} {args.fmt} -> {fmt}: {mandates} mandates, {seconds:.1f} s "
        f"(cpu {cpu:.1f} s here, {children.ru_utime + children.ru_stime:.1f} s in parts), "
        f"{len(content) / 1e6:.1f} MB, peak rss {_mb(resource.getrusage(resource.RUSAGE_SELF)):.0f} MB "
        f"(largest part process {_mb(children):.0f} MB)"
    )
    if args.out:
        Path(args.out).write_bytes(content)


if __name__ == "__main__":
    main()
