# Naturwest: `make run` and `make test` are the whole setup contract (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=

.PHONY: run test lint format bench worker lighthouse messages install install-dev migrate seed clean help

help:
	@echo "make run | test | lint | format | bench | worker | lighthouse | messages | clean"

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compiled .mo files are committed, so a machine without GNU gettext still gets translations.
messages: install-dev
	$(MANAGE) makemessages -l de -l en --ignore=.venv --ignore=node_modules --ignore=var
	$(MANAGE) compilemessages --ignore=.venv

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

run: seed
	@echo "Naturwest on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/, admin / naturwest-admin)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

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

bench: install-dev
	$(PY) -m bench.run $(BENCH_ARGS)

lighthouse: install-dev
	$(PY) -m bench.lighthouse $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
