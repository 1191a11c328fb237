#!/usr/bin/env bash
# One app server: gunicorn on ${BIND:-0.0.0.0}:${PORT:-8000} with ${WEB_CONCURRENCY:-3} workers.
# Start as many as you like on as many machines as you like, all with the same environment
# (one DATABASE_URL, one CACHE_URL, one private storage); put them behind a TLS proxy that
# checks /healthz. The image's default command and tests/deploy run this.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec gunicorn cicte.wsgi \
  --bind "${BIND:-0.0.0.0}:${PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-3}" \
  --timeout "${WEB_TIMEOUT:-60}" \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
  --access-logfile - \
  --error-logfile -
