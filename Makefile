# Two commands: `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD := demo-pass-2026

.PHONY: help install frontend run migrate demo index test test-deps lint typecheck boundaries \
        check pytest pytest-search-conformance pytest-postgres format clean

help:
	@echo "make run     set everything up and serve the demo site on http://$(HOST):$(PORT)"
	@echo "make test    install what the tests need and run all the checks and tests"
	@echo "make install create .venv and install Python and front-end dependencies"

$(VENV)/.installed: pyproject.toml requirements/lock.txt
	@interpreter=$$(scripts/find-python.sh) || exit 1; \
	echo "Using $$interpreter"; \
	if [ ! -x $(PY) ]; then "$$interpreter" -m venv $(VENV); fi
	$(PY) -m pip install --quiet -c requirements/lock.txt -e ".[test,postgres]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

cop_site/static/dist/.built: node_modules/.installed scripts/build-frontend.mjs $(shell find cop_site/static_src -type f 2>/dev/null)
	npm run --silent build
	@touch $@

frontend: cop_site/static/dist/.built

install: $(VENV)/.installed frontend

migrate: install
	$(MANAGE) migrate --noinput

# The demo serves with DEBUG off (cop_site.settings.dev), to show the site's own error pages;
# --force tells the loader that this is the demo all the same.
demo: migrate
	$(MANAGE) load_demo_content --force

index: demo
	$(MANAGE) update_index

run: index
	@echo "Serving http://$(HOST):$(PORT)/ — demo accounts are listed above (password $(DEMO_PASSWORD))."
# Links in emails (printed to this console) point at the address served here.
	SITE_URL=http://$(HOST):$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

test-deps:
	scripts/install-test-deps.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Checked strictly by mypy (settings in pyproject.toml): the search package, the visibility
# contract, the privacy platform's services, and every services, selectors and visibility
# module or package of every app.
PRIVACY_TYPED := $(addprefix cop_site/privacy/,registry.py audit.py audit_display.py exports.py \
	erasure.py redaction.py retention.py coverage.py ledger.py backup.py backup_archive.py \
	backup_database.py)
TYPED := cop_site/search $(PRIVACY_TYPED) $(shell find cop_site resources forums learning \
	\( -path cop_site/search -o -name migrations -o -name templates -o -name __pycache__ \) -prune \
	-o \( -name services.py -o -name selectors.py -o -name visibility.py \
	-o -type d \( -name services -o -name selectors -o -name visibility \) \) -print | sort)

typecheck: install
	$(VENV)/bin/mypy $(TYPED)

# The layering between cop_site and the apps; the contracts are in .importlinter.
boundaries: install
	$(VENV)/bin/lint-imports

check: install
	DJANGO_SETTINGS_MODULE=cop_site.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cop_site.settings.test $(MANAGE) makemigrations --check --dry-run
	scripts/check-deploy.sh $(PY)

pytest: install
	$(VENV)/bin/pytest

# django-modelsearch's own backend suite, against the Whoosh backend, with its own settings.
CONFORMANCE := $(VENV)/bin/pytest --ds=cop_site.settings.test_search_conformance \
	--confcutdir=tests/search_conformance tests/search_conformance

pytest-search-conformance: install
	$(CONFORMANCE)

pytest-postgres: install test-deps
	scripts/with-postgres.sh $(VENV)/bin/pytest
	scripts/with-postgres.sh $(CONFORMANCE)

test: install test-deps lint typecheck boundaries check pytest pytest-search-conformance \
      pytest-postgres

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules cop_site/static/dist var
