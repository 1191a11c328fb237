"""Issue 10's benchmark: every page of its table served by gunicorn (2 sync workers, DEBUG off,
production settings) from a database filled by ``manage.py generate_scale``. Not a test.

    createdb ...; DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale20k DEBUG=true \\
        .venv/bin/python manage.py migrate && ... manage.py generate_scale --requests 20000 --seed 1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale20k .venv/bin/python tests/benchmarks/bench_scale.py

For each page: warm-ups, then ``--runs`` sequential requests (fewer when one takes longer than
``--slow`` seconds: the table says how many); median and p95 in ms, the queries of one response
(a header set by the benchmark-only middleware, or counted in-process for streamed responses),
bytes, and, for the lists and the bare view, requests/s with 4 concurrent clients. Worker RSS
is read after the whole run. The bare view (``tests/benchmarks/bench_app.py``) renders 25 rows
of the request table through the same middleware: the yardstick of list throughput.

Sessions are created directly in the database for the generator's two accounts (``scale-staff``
and ``scale-focal-mex``, which have no password): the same session a login would leave.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

ENV = {
    "DJANGO_SETTINGS_MODULE": "tests.benchmarks.bench_settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),  # throwaway, for this run only
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "false",
    # The benchmark's sessions are made directly, without a second factor.
    "MFA_REQUIRED": "false",
    "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "cicte-bench-static"),
}
LOG = Path(tempfile.gettempdir()) / "cicte-bench-gunicorn.log"
LIST_PAGES = (
    "requests",
    "requests?status",
    "requests?q",
    "mandates",
    "mandates?q",
    "mandates?sort=-updated",
    "mandates?stale",
    "activities",
)


def setup(database_url: str) -> None:
    os.environ.update(ENV, DATABASE_URL=database_url)
    import django

    django.setup()


def fixtures() -> dict:
    """Sessions for the two personas and the ids the pages need, read from the generated data."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from commitments.models import Mandate, WorkPlan
    from states.models import AssistanceRequest, MemberState

    User = get_user_model()

    def session_for(username: str) -> str:
        user = User.objects.get(username=username)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    through = AssistanceRequest.mandates.through.objects
    hub = through.values("mandate").annotate(n=Count("id")).order_by("-n").first()
    plan = WorkPlan.objects.annotate(n=Count("resolutions__mandates")).order_by("-n").first()
    mexico = MemberState.objects.get(iso3="MEX")
    return {
        "staff": session_for("scale-staff"),
        "focal": session_for("scale-focal-mex"),
        "hub": hub["mandate"],
        "hub_requests": hub["n"],
        "plan": plan.pk,
        "plan_mandates": plan.n,
        "mexico": mexico.pk,
        "requests": AssistanceRequest.objects.count(),
        "mandates": Mandate.objects.count(),
    }


def pages(f: dict) -> list[tuple[str, str, str]]:
    """(name, persona, path)."""
    report_of_plan = f"/reports/view/?work_plan={f['plan']}&language=en"
    return [
        ("dashboard", "staff", "/"),
        ("requests", "staff", "/requests/"),
        ("requests?status", "staff", "/requests/?status=in_progress"),
        ("requests?q", "staff", "/requests/?q=maritime+ports"),
        ("requests (focal point)", "focal", "/requests/"),
        ("mandates", "staff", "/mandates/"),
        ("mandates?q", "staff", "/mandates/?q=maritime+ports"),
        ("mandates?sort=-updated", "staff", "/mandates/?sort=-updated"),
        ("mandates?stale", "staff", "/mandates/?stale=on"),
        ("mandates?stale (focal point)", "focal", "/mandates/?stale=on"),
        ("activities", "staff", "/activities/"),
        ("state page MEX (focal point)", "focal", "/states/MEX/"),
        (f"mandate page ({f['hub_requests']:,} requests)", "staff", f"/mandates/{f['hub']}/"),
        ("CSV export (requests of MEX)", "staff", f"/requests/export/csv/?state={f['mexico']}"),
        (f"report, work plan ({f['plan_mandates']:,} mandates)", "staff", report_of_plan),
        ("report, everything", "staff", "/reports/view/?language=en"),
        ("bare view (25 rows)", "staff", "/__bench/bare/"),
    ]


class Server:
    def __init__(self, port: int, timeout: int) -> None:
        self.port = port
        self.timeout = timeout

    def __enter__(self) -> Server:
        env = {**os.environ}
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        self.process = subprocess.Popen(
            [GUNICORN, "cicte.wsgi:application", "--workers", "2", "--worker-class", "sync"]
            + ["--bind", f"127.0.0.1:{self.port}", "--timeout", str(self.timeout), "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stderr=open(LOG, "w"),  # noqa: SIM115 - open for the server's lifetime
        )
        for _ in range(100):
            try:
                self.get("/accounts/login/", "")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def get(self, path: str, cookie: str) -> tuple[float, int, int, str, str]:
        """(seconds, status, bytes, queries header, first line of the body's rows)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout + 10)
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1", "Accept-Language": "en"})
        response = connection.getresponse()
        try:
            body = response.read()
        except http.client.HTTPException:
            # A streamed response that failed half-way (the server logged why).
            return time.perf_counter() - started, 599, 0, "?", b""
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        return elapsed, response.status, len(body), response.getheader("X-Bench-Queries", "?"), body

    def worker_rss_mb(self) -> list[float]:
        out = subprocess.run(
            ["ps", "-o", "rss=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(line) / 1024 for line in out.split()]


def count_in_process(path: str, username: str) -> int:
    """Queries of a streamed response, read to its end."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        b"".join(response.streaming_content) if response.streaming else response.content
    return len(captured)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def throughput(server: Server, path: str, cookie: str, clients: int = 4, each: int = 10) -> float:
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda _n: server.get(path, cookie), range(clients * each)))
    return clients * each / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--slow", type=float, default=5.0, help="seconds; slower pages get --slow-runs runs")
    parser.add_argument("--slow-runs", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=300, help="gunicorn's worker timeout, seconds")
    parser.add_argument("--only", help="comma-separated words; measure only pages whose name has one")
    parser.add_argument("--skip", help="comma-separated words; skip pages whose name has one")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("set DATABASE_URL or --database-url to a database filled by manage.py generate_scale")
    setup(args.database_url)
    f = fixtures()
    cookies = {"staff": f["staff"], "focal": f["focal"]}
    usernames = {"staff": "scale-staff", "focal": "scale-focal-mex"}
    print(f"{f['requests']:,} requests, {f['mandates']:,} mandates; gunicorn 2 sync workers, DEBUG off")
    rows = []
    with Server(args.port, args.timeout) as server:
        for name, persona, path in pages(f):
            if args.only and not any(word in name for word in args.only.split(",")):
                continue
            if args.skip and any(word in name for word in args.skip.split(",")):
                continue
            times, runs = [], args.runs
            for n in range(args.warmups + runs):
                elapsed, status, size, queries, body = server.get(path, cookies[persona])
                if status != 200:
                    print(f"  {name}: HTTP {status} after {elapsed:.1f} s (see {LOG})", file=sys.stderr)
                    break
                if n == 0 and elapsed > args.slow:
                    runs = args.slow_runs
                    warmups = 0
                    times.append(elapsed)
                    break
                if n >= args.warmups:
                    times.append(elapsed)
            else:
                warmups = args.warmups
            if status == 200 and runs == args.slow_runs and len(times) == 1:
                times += [server.get(path, cookies[persona])[0] for _ in range(runs - 1)]
            if status != 200:
                rows.append((name, f"HTTP {status}", "", "", "", "", "", ""))
                continue
            if queries == "streamed":
                queries = f"{count_in_process(path, usernames[persona])} (streamed)"
            extra = ""
            if path.startswith("/requests/export/"):
                lines = body.count(b"\n") - 1
                extra = f"{lines / statistics.median(times):,.0f} rows/s"
            elif name.split(" ")[0] in LIST_PAGES or name.startswith("bare") or name in LIST_PAGES:
                extra = f"{throughput(server, path, cookies[persona]):,.1f} req/s (4 clients)"
            rows.append(
                (
                    name,
                    f"{statistics.median(times) * 1000:,.0f}",
                    f"{p95(times) * 1000:,.0f}",
                    str(len(times)),
                    queries,
                    f"{size / 1024:,.0f} KB",
                    extra,
                    f"{max(server.worker_rss_mb() or [0]):,.0f}",
                )
            )
            print(f"  {name}: {rows[-1][1]} ms (warm-ups {warmups})", file=sys.stderr)
        rss = server.worker_rss_mb()
    print("| page | median ms | p95 ms | runs | queries | size | throughput | max worker RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"Worker RSS after the run: {', '.join(f'{mb:,.0f} MB' for mb in rss)}")


if __name__ == "__main__":
    main()
