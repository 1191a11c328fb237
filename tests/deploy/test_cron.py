"""``deploy/cron.sh weekly``, run as cron runs it (a fresh process on the deployment's database),
deletes sign-in events past AUDIT_RETENTION_DAYS and keeps the recent ones."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str, database: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "TASKS_BACKEND": "database",  # as in production: the task rows are pruned too
        "AUDIT_RETENTION_DAYS": "365",
    }
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=True)


def test_the_weekly_job_deletes_sign_in_events_past_the_retention_and_keeps_recent_ones(tmp_path):
    database = tmp_path / "cron.sqlite3"
    run(sys.executable, "manage.py", "migrate", "--verbosity", "0", database=database)
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO accounts_signinevent (at, kind, username, user_agent, detail)"
            " VALUES (?, 'signed_in', ?, '', '')",
            [("2020-01-06 10:00:00", "long-ago"), ("2999-01-01 10:00:00", "recent")],
        )

    finished = run("bash", "deploy/cron.sh", "weekly", database=database)

    assert "1 sign-in events older than 365 days deleted." in finished.stdout
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT username FROM accounts_signinevent").fetchall() == [("recent",)]
