# The two commands: `make run` (set up and serve the demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development defaults for `make run` only; production reads its own environment.
# `PORT=8123 make run` serves on another port, and links in emails follow it.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)
RUN_ENV := DEBUG=true SITE_URL=$(SITE_URL)

.PHONY: run test lint setup demo migrate messages clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# Development settings for the README's manage.py commands (see scripts/write-dev-env).
.env:
	./scripts/write-dev-env

migrate: setup .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The browser tests need Debian's Chromium: installed when we may (root + apt), else said how.
chromium:
	@./scripts/ensure-chromium

# The whole suite. DATABASE_URL=postgres://… runs it on PostgreSQL; SQLite otherwise.
test: setup chromium
	$(RUN_ENV) $(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: setup
	$(RUN_ENV) $(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=tests
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles
