#!/usr/bin/env bash
# Gather the static files into STATIC_ROOT, hashed and compressed, for WhiteNoise to serve.
# The Dockerfile runs it at build time; tests/deploy runs it before starting the app servers.
set -euo pipefail
source "$(dirname "$0")/env.sh"
exec python manage.py collectstatic --no-input --verbosity 0
