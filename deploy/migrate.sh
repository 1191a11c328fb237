#!/usr/bin/env bash
# Bring the database up to the code (schema and reference data: member states, owners, work
# plans are loaded by the migrations). Run once per release, before the app servers start;
# safe to run again. compose.yaml's "migrate" service and tests/deploy run this.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec python manage.py migrate --no-input
