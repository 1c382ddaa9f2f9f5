# OpenCounty: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: install run test lint format bench e2e-deps clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "OpenCounty needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# Browser tests need axe-core from the npm registry; without npm they skip with a message.
e2e-deps:
	@if command -v npm >/dev/null 2>&1; then \
		[ -d e2e/node_modules/axe-core ] || npm ci --prefix e2e --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --if-empty --print-logins
	@echo "示范县门户: http://$(HOST):$(PORT)/    管理后台: http://$(HOST):$(PORT)/admin/"
	DEBUG=$${DEBUG:-true} PLATFORM_NAME=$${PLATFORM_NAME:-示范县政府网站集约化平台} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install e2e-deps
	@mkdir -p var
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	@mkdir -p var
	@set -e; found=0; for script in bench/*.py; do [ -e "$$script" ] || continue; found=1; echo "== $$script"; $(BIN)/python $$script; done; [ $$found = 1 ] || echo "no benchmarks yet"

clean:
	rm -rf $(VENV) var/cache
