"""`make run` writes a development .env so that the README's manage.py commands work in a fresh
shell; a server started with DEBUG in its environment never reads it."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cicte.env import read_dev_env

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_environ(monkeypatch):
    for name in ("DEBUG", "SECRET_KEY", "CICTE_TEST_VALUE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def write_env(tmp_path: Path) -> Path:
    subprocess.run([str(ROOT / "scripts" / "write-dev-env")], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path / ".env"


def test_make_run_writes_a_development_env_with_a_generated_key_once(tmp_path):
    env_file = write_env(tmp_path)
    first = env_file.read_text()
    assert "DEBUG=true" in first
    key = next(line.split("=", 1)[1] for line in first.splitlines() if line.startswith("SECRET_KEY="))
    assert len(key) >= 50
    assert write_env(tmp_path).read_text() == first  # a second `make run` keeps the same key
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"


def test_a_fresh_shell_without_debug_reads_the_development_env(tmp_path, clean_environ):
    read_dev_env(write_env(tmp_path))
    assert os.environ["DEBUG"] == "true"
    assert len(os.environ["SECRET_KEY"]) >= 50


def test_an_environment_that_sets_debug_never_reads_the_file(tmp_path, clean_environ):
    env_file = write_env(tmp_path)
    clean_environ.setenv("DEBUG", "false")
    read_dev_env(env_file)
    assert "SECRET_KEY" not in os.environ
    assert os.environ["DEBUG"] == "false"


def test_values_already_in_the_environment_win_over_the_file(tmp_path, clean_environ):
    env_file = tmp_path / ".env"
    env_file.write_text("CICTE_TEST_VALUE=from-file\n")
    clean_environ.setenv("CICTE_TEST_VALUE", "from-shell")
    read_dev_env(env_file)
    assert os.environ["CICTE_TEST_VALUE"] == "from-shell"


def test_a_malformed_line_stops_the_start_with_its_line_number(tmp_path, clean_environ):
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nDEBUG=true\nnot a setting\n")
    with pytest.raises(ImproperlyConfigured, match="line 3"):
        read_dev_env(env_file)
