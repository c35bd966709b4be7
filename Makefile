# Ronghe — the two commands a new user types: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export RONGHE_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test lint bench install install-test system-deps migrate demo messages clean

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/ronghe migrate --noinput -v0
	$(BIN)/ronghe createcachetable
	$(BIN)/ronghe collectstatic --noinput -v0

demo: migrate
	$(BIN)/ronghe demo

## make run: install, migrate the SQLite database, load the demo company, start web server + worker.
run: demo
	@HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/run.sh

## Chromium and a CJK font for the browser tests (Debian packages; needs root and apt).
system-deps:
	@scripts/install-system-deps.sh

## make test: everything the tests need, then the whole suite (pytest-xdist on 2 processes).
test: install-test system-deps
	$(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check ronghe tests bench
	$(BIN)/ruff format --check ronghe tests bench
	$(BIN)/lint-imports
	$(BIN)/ronghe makemigrations --check --dry-run

## make bench [DATABASE_URL=postgres://...] [BENCH_ARGS=--quick]
bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Re-extract and compile translations (needs GNU gettext).
messages: install-test
	cd ronghe && ../$(BIN)/ronghe makemessages -l zh_Hans --no-obsolete --ignore 'web/static/*'
	$(BIN)/python scripts/zh_hans.py

clean:
	rm -rf $(VENV) var
