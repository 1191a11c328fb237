# The two commands: `make run` (set up and serve the demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development defaults for `make run` only; production reads its own environment.
RUN_ENV := DEBUG=true

.PHONY: run test lint setup demo migrate messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite. DATABASE_URL=postgres://… runs it on PostgreSQL; SQLite otherwise.
test: setup
	$(RUN_ENV) $(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: setup
	$(RUN_ENV) $(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=tests
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles
