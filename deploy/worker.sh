#!/usr/bin/env bash
# One task worker (email delivery and its retries): takes tasks from the database queue
# (TASKS_BACKEND=database). Any number may run, on any machine that reaches the database.
# compose.yaml's "worker" service and tests/deploy run this.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec python manage.py db_worker --no-reload --interval "${WORKER_INTERVAL:-1}"
