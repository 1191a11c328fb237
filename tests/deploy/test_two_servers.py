"""Two app servers and one worker, started by the very scripts the image and compose.yaml run
(deploy/*.sh), sharing one PostgreSQL database, one Redis and one bucket: a focal point files a
request with a document through one server, the Secretariat works it through the other, the
document downloads from both, and the worker (not a web request) sends the emails.

A throwaway database of its own (created, migrated by deploy/migrate.sh, dropped), production
settings (DEBUG off, the database task queue), bounded in time. PostgreSQL only (conftest)."""

import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import requests
from django.conf import settings

from tests.states.fixtures import PDF_BYTES

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PASSWORD = "two servers, one truth"  # noqa: S105
# ~45 s measured on a 2-core machine at load 13 (the release steps take half); the bound catches
# a hang (a server that never answers, a worker that never sends), not a slow machine.
DEADLINE_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_url(name: str) -> str:
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "postgres", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


@pytest.fixture
def throwaway_database():
    name = f"cicte_deploy_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield server_url(name)
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Browser:
    """A visitor with its own cookies. The cookies are Secure (DEBUG is off) and the servers
    speak plain http here, behind no proxy: they are sent by hand, as a browser would over https."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def _send(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        response = requests.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=20, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path: str) -> requests.Response:
        return self._send("GET", path)

    def post(self, path: str, data: dict, files=None) -> requests.Response:
        data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        return self._send("POST", path, data=data, files=files)

    def sign_in(self, username: str) -> None:
        """Through the real login form, with the CSRF token it carries."""
        form = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        response = self._send(
            "POST", "/accounts/login/", data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        )
        assert response.status_code == 302, response.text[:500]
        assert "sessionid" in self.cookies


def field(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def emails_in(folder: Path) -> list[email.message.EmailMessage]:
    messages = []
    for path in folder.glob("*.log"):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.strip() + "\n", policy=email.policy.default))
    return messages


def test_two_app_servers_and_a_worker_serve_one_request_filed_on_one_and_worked_on_the_other(
    throwaway_database, bucket, tmp_path
):
    started = time.monotonic()
    mail = tmp_path / "mail"
    port_a, port_b = free_port(), free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "MFA_REQUIRED": "false",
        "DATABASE_URL": throwaway_database,
        "CACHE_URL": "redis://127.0.0.1:6379/14",
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "STATIC_ROOT": str(tmp_path / "static"),
        "SITE_URL": f"http://127.0.0.1:{port_a}",
        "BIND": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        **bucket.environment(),
    }
    logs = tmp_path / "logs"
    logs.mkdir()
    processes: dict[str, subprocess.Popen] = {}

    def start(name: str, script: str, **extra) -> subprocess.Popen:
        with open(logs / f"{name}.log", "w") as out:  # the child keeps its own copy of the descriptor
            processes[name] = subprocess.Popen(
                [str(DEPLOY / script)], env={**environment, **extra}, stdout=out, stderr=subprocess.STDOUT
            )
        return processes[name]

    def log(name: str) -> str:
        return (logs / f"{name}.log").read_text()[-3000:]

    try:
        # The release steps, as the image (collectstatic at build) and compose's "migrate" run them.
        for name, script in [("migrate", "migrate.sh"), ("collectstatic", "collectstatic.sh")]:
            start(name, script)
        for name in ("migrate", "collectstatic"):
            assert processes[name].wait(timeout=DEADLINE_SECONDS) == 0, log(name)
        accounts = (
            "from django.contrib.auth.models import Group, User\n"
            "from core import roles\n"
            "from states.models import FocalPoint, MemberState\n"
            f"staff = User.objects.create_user('deploy-staff', 'staff@example.org', {PASSWORD!r}, is_staff=True)\n"
            "staff.groups.add(Group.objects.get(name=roles.STAFF_GROUP))\n"
            f"focal = User.objects.create_user('deploy-focal', 'focal@example.org', {PASSWORD!r})\n"
            "FocalPoint.objects.create(user=focal, state=MemberState.objects.get(iso3='MEX'))\n"
        )
        print(f"release steps done at {time.monotonic() - started:.1f} s")
        start("web-a", "web.sh", PORT=str(port_a))
        start("web-b", "web.sh", PORT=str(port_b))
        start("worker", "worker.sh")
        # The two accounts, created while the servers boot.
        made = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", accounts],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert made.returncode == 0, made.stderr[-3000:]

        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        for name, port in (("web-a", port_a), ("web-b", port_b)):
            # Ready when the check the compose file's healthcheck runs says so.
            while subprocess.run([str(DEPLOY / "healthcheck.sh")], env={**environment, "PORT": str(port)}).returncode:
                assert processes[name].poll() is None, log(name)
                assert time.monotonic() - started < DEADLINE_SECONDS, log(name)
                time.sleep(0.2)

        print(f"servers healthy at {time.monotonic() - started:.1f} s")
        # Mexico's focal point files a request with a document through server A…
        focal = Browser(a)
        focal.sign_in("deploy-focal")
        form = focal.get("/requests/new/").text
        filed = focal.post(
            "/requests/new/",
            {
                "title": "Training on cyber incident response",
                "request_type": "capacity_building",
                "description": "Our CSIRT asks for a one-week course.",
                "submission_token": field(form, "submission_token"),
            },
            files={"documents": ("note-verbale.pdf", PDF_BYTES, "application/pdf")},
        )
        assert filed.status_code == 302, filed.text[:2000]
        detail = filed.headers["Location"]
        reference = re.search(r"REQ-[\w-]+", detail).group(0)

        # …and the Secretariat works it through server B, signed in there.
        staff = Browser(b)
        staff.sign_in("deploy-staff")
        page = staff.get(detail)
        assert page.status_code == 200 and reference in page.text
        document = re.search(r"/attachments/(\d+)/", page.text).group(0)
        changed = staff.post(
            f"{detail}status/",
            {
                "version": field(page.text, "version"),
                "new_status": "accepted",
                "note": "Two trainers confirmed for March.",
                "audience": "state",
            },
        )
        assert changed.status_code == 302, changed.text[:2000]

        # Server A shows the focal point what server B wrote; the document is in the one bucket
        # and downloads, through the checking view, from either server.
        seen = focal.get(detail).text
        assert "Two trainers confirmed for March." in seen and "Accepted" in seen
        assert len(bucket.keys()) == 1
        for visitor, base in ((focal, a), (staff, b), (staff, a), (focal, b)):
            visitor.base = base
            download = visitor.get(document)
            assert download.status_code == 200, (base, download.status_code)
            assert download.content == PDF_BYTES
        assert requests.get(a + document, allow_redirects=False, timeout=10).status_code == 302  # anonymous: sign in

        # The worker, not a web request, sends the new-request email to the Secretariat and the
        # status change to the focal point.
        while True:
            sent = {(str(message["To"]), str(message["Subject"])) for message in emails_in(mail)}
            to_staff = [subject for to, subject in sent if to == "staff@example.org" and reference in subject]
            to_focal = [subject for to, subject in sent if to == "focal@example.org" and reference in subject]
            if to_staff and to_focal:
                break
            assert time.monotonic() - started < DEADLINE_SECONDS, (sent, log("worker"))
            time.sleep(0.3)
        assert log("worker").count("path=states.outbox.deliver_emails state=SUCCESSFUL") >= 2
        print(f"emails sent by the worker at {time.monotonic() - started:.1f} s")
        assert time.monotonic() - started < DEADLINE_SECONDS
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
