# Redline: the commands behind the README.
#   make run    set up (virtualenv, packages, database, demo data) and serve on 127.0.0.1:8000
#   make test   run the whole test suite (browser tests skip when Chromium is missing)

SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
HOST  ?= 127.0.0.1
PORT  ?= 8000
TEST_ENV := SECRET_KEY=tests-only-not-a-secret DEBUG=0

.PHONY: run setup test test-postgres test-browser bench screenshot clean

# Find a Python 3.12+ (the one .python-version names via pyenv first), make the venv, install.
$(VENV)/.installed: pyproject.toml
	@set -e; \
	if [ ! -x "$(PY)" ]; then \
	  candidates="$${PYTHON:-}"; \
	  if command -v pyenv >/dev/null 2>&1; then candidates="$$candidates $$(pyenv which python 2>/dev/null || true)"; fi; \
	  candidates="$$candidates $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV || true)"; \
	  candidates="$$candidates python3.13 python3.12 python3.14 python3 python"; \
	  found=""; \
	  for c in $$candidates; do \
	    if command -v "$$c" >/dev/null 2>&1 && "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then found="$$c"; break; fi; \
	  done; \
	  if [ -z "$$found" ]; then \
	    echo "Redline needs Python 3.12 or newer (3.13 recommended, see .python-version), and none was found."; \
	    echo "Install one (e.g. 'pyenv install 3.13' or your system's python3.13 package), or point PYTHON=/path/to/python3.13 at it."; \
	    exit 1; \
	  fi; \
	  echo "Using $$found ($$("$$found" --version))"; \
	  "$$found" -m venv $(VENV); \
	fi; \
	$(PY) -m pip install --quiet --upgrade pip; \
	$(PY) -m pip install --quiet -e ".[dev]"; \
	touch $@

setup: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo --if-empty
	DEBUG=1 $(PY) manage.py match_articles

# The background worker (fetching articles, matching mentions) runs beside the web server
# and stops with it.
run: setup
	@echo "Redline is serving on http://$(HOST):$(PORT)/  (Ctrl-C stops it and its worker)"
	@DEBUG=1 $(PY) manage.py db_worker --no-reload >/dev/null 2>&1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed
	$(TEST_ENV) DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest $(PYTEST_ARGS)

test-browser: $(VENV)/.installed
	$(TEST_ENV) REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser $(PYTEST_ARGS)

# Figures, not pass/fail: the engine on its own, mention finding, then the pages on a scratch
# SQLite database holding the demo data.
BENCH_DB := $(CURDIR)/.bench.sqlite3
bench: $(VENV)/.installed
	$(PY) -m plans.benchmarks
	$(PY) -m articles.mentions_bench
	rm -f $(BENCH_DB)
	$(TEST_ENV) STATIC_PLAIN_STORAGE=1 DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py migrate --no-input -v0
	$(TEST_ENV) STATIC_PLAIN_STORAGE=1 DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py load_demo -v0
	$(TEST_ENV) STATIC_PLAIN_STORAGE=1 DATABASE_URL=sqlite:///$(BENCH_DB) $(PY) manage.py bench_pages
	rm -f $(BENCH_DB)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
