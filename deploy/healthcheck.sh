#!/usr/bin/env bash
# Exit 0 when the app server on 127.0.0.1:${PORT:-8000} answers /healthz with 200 (database
# reachable, migrations applied), 1 otherwise. It asks for the first of ALLOWED_HOSTS, as the
# proxy's requests do. compose.yaml's healthchecks and tests/deploy run this.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec python - <<'PY'
import os, sys, urllib.request
host = (os.environ.get("ALLOWED_HOSTS") or "localhost").split(",")[0].strip()
request = urllib.request.Request(f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
PY
