# Sourced by the other deploy/ scripts: run from the repository's root, with its virtualenv's
# python and gunicorn when there is one (a checkout), else whatever is on PATH (the image).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -x .venv/bin/python ]; then
  PATH="$PWD/.venv/bin:$PATH"
fi
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cicte.settings}"
