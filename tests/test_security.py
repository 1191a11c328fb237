"""Security settings a visitor or an auditor would notice: login throttling, session expiry,
password rules, CSRF, the security headers, the Content Security Policy and ``check --deploy``."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATES = BASE_DIR / "templates"
PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def mexican_official(db):
    user = factories.make_focal_point("MEX", "official")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client: Client, password: str):
    return client.post("/accounts/login/", {"username": "official", "password": password})


def test_the_login_page_is_open_to_everyone_and_everything_else_asks_for_it(client):
    assert client.get("/accounts/login/").status_code == 200
    response = client.get("/requests/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_five_failed_logins_lock_the_account_with_a_clear_message(client, mexican_official):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with its error

    locked = log_in(client, "wrong")
    even_right = log_in(client, PASSWORD)

    assert settings.AXES_FAILURE_LIMIT == 5
    for response in (locked, even_right):
        assert response.status_code == 429
        assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_resets_the_count(client, mexican_official):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")

    assert log_in(client, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    assert log_in(client, "wrong").status_code == 200  # counting starts again, not locked


def test_an_expired_session_sends_the_user_back_to_the_login_page(focal_mx_client):
    assert focal_mx_client.get("/requests/").status_code == 200

    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))

    response = focal_mx_client.get("/requests/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_sessions_end_with_the_browser_and_after_hours_of_inactivity():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    # The inactivity timeout is kept by core.sessions (tests/test_session_refresh.py) rather
    # than by saving the session on every request.
    assert "core.sessions.SessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.parametrize("weak", ["short1", "password123", "12345678901", "official01"])
def test_weak_passwords_are_refused(weak):
    user = factories.make_user("official")

    with pytest.raises(ValidationError):
        validate_password(weak, user)


def test_a_post_without_its_csrf_token_is_refused(focal_mx):
    request = factories.make_request("MEX", by=focal_mx)
    client = Client(enforce_csrf_checks=True)
    client.force_login(focal_mx)

    response = client.post(f"/requests/{request.reference}/updates/", {"note": "Forged from another site"})

    assert response.status_code == 403
    assert not request.updates.filter(note="Forged from another site").exists()


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    forms = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)
    missing = [
        path.relative_to(BASE_DIR)
        for path in TEMPLATES.rglob("*.html")
        for body in forms.findall(path.read_text())
        if "csrf_token" not in body
    ]

    assert missing == []


def test_no_template_holds_inline_script_or_style():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    found = [
        f"{path.relative_to(BASE_DIR)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]

    assert found == []


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/accounts/login/", "/requests/new/"])
def test_pages_carry_a_strict_content_security_policy(focal_mx_client, path):
    response = focal_mx_client.get(path)

    directives = csp_directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_pages_carry_the_security_headers(focal_mx_client):
    response = focal_mx_client.get("/requests/new/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "tracker.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "DEBUG": "false"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
