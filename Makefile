# EST Geo — the two commands of the quick start:
#   make run    start the app on http://localhost:8501 (creates the demo database on first run)
#   make test   install everything needed and run lint, format check, the import layers
#               (import-linter), mypy and the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8501

.PHONY: run test lint typecheck pytest deps dev-deps chromium postgis bench demo clean

run: deps
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: dev-deps chromium postgis lint typecheck pytest

lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: dev-deps
	$(VENV)/bin/mypy

pytest: dev-deps
	$(PY) -m pytest

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "EST Geo needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.deps: $(VENV)/.python-ok requirements.txt pyproject.toml
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.dev-deps: $(VENV)/.deps requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	@touch $@

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

# Debian's PostgreSQL + PostGIS for the PostGIS store tests (the tests start a throwaway
# cluster themselves; nothing is started or enabled here).
postgis:
	@if ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
	  && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian's PostgreSQL and PostGIS for the store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    postgresql postgresql-postgis >/dev/null; \
	else \
	  echo "PostgreSQL/PostGIS missing and we are not root: PostGIS tests will be skipped (fail under CI=true)"; \
	fi

# Debian's Chromium for the browser tests (never a downloaded browser build).
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "chromium is missing and we are not root: browser tests will be skipped (fail under CI=true)"; \
	fi

bench: dev-deps
	$(PY) bench/run_all.py

demo: deps
	$(PY) -m est_geo demo --replace

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
