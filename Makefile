# Naturwest: `make run` and `make test` are the whole setup contract (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# VENV may point at an existing virtualenv (e.g. `make run VENV=/path/to/venv`); it is then only checked, not rebuilt.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=

.PHONY: run test lint format audit bench worker lighthouse messages install install-dev migrate seed clean help

help:
	@echo "make run | test | lint | format | audit | bench | worker | lighthouse | messages | clean"

# "Installed" means: every exact pin of the given requirement files is what the venv holds.
# No stamp files: a fresh clone (new mtimes) reusing a venv installs nothing, and an edited pin reinstalls.
define PINS_CHECK
import importlib.metadata as md, re, sys
wrong = []
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        pin = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)", line)
        if pin:
            try:
                found = md.version(pin[1])
            except md.PackageNotFoundError:
                found = None
            if found != pin[2]:
                wrong.append(f"{pin[1]}=={pin[2]} (have {found})")
if wrong:
    print("venv needs:", ", ".join(wrong[:5]), "..." if len(wrong) > 5 else "")
sys.exit(1 if wrong else 0)
endef
export PINS_CHECK

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(VENV)/bin/python
	@$(PY) -c "$$PINS_CHECK" requirements.txt || $(PIP) install --quiet -r requirements.txt

install-dev: $(VENV)/bin/python
	@$(PY) -c "$$PINS_CHECK" requirements.txt requirements-dev.txt || $(PIP) install --quiet -r requirements-dev.txt

# Compiled .mo files are committed, so a machine without GNU gettext still gets translations.
messages: install-dev
	$(MANAGE) makemessages -l de -l en --ignore=.venv --ignore=node_modules --ignore=var
	$(MANAGE) compilemessages --ignore=.venv

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

# SITE_URL follows PORT so the mounted sandboxes post back to this server (Vendo postbacks, Sendcloud webhooks).
run: seed
	@echo "Naturwest on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/, admin / naturwest-admin)"
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: install
	@test -n "$$REDIS_URL" || (echo "REDIS_URL is not set: without it tasks run eagerly in the web process." && exit 1)
	$(VENV)/bin/celery -A naturwest worker --beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

# Bandit at high severity blocks; pip-audit over the pins reports "skipped" where no vulnerability database answers.
audit: install-dev
	$(PY) .ci/audit.py

bench: install-dev
	$(PY) -m bench.run $(BENCH_ARGS)

lighthouse: install-dev
	$(PY) -m bench.lighthouse $(LIGHTHOUSE_ARGS)

# Removes only this checkout's own venv, never one passed in with VENV=.
clean:
	rm -rf .venv var staticfiles
