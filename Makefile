# Transfer Desk: `make run` serves the product, `make test` runs the suite.
# Both create .venv in the checkout and install what they need.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-quick lint format install install-dev install-security browser-deps chromium nginx bench bench-peer wrk mutate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

# semgrep and pip-audit (R26, R27) in a venv of their own: semgrep pins older
# click and jsonschema than the test tools need.
SECURITY_VENV := .venv-security
$(SECURITY_VENV)/.installed: requirements-security.txt
	$(PYTHON) -m venv $(SECURITY_VENV)
	$(SECURITY_VENV)/bin/python -m pip install --quiet -r requirements-security.txt
	touch $@
install-security: $(SECURITY_VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo --site-url http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py resume_webhooks
	@# The webhook worker runs beside the server and stops with it (#17).
	$(BIN)/python manage.py db_worker --queue-name webhooks & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  PUBLIC_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Browser tests (#3): Debian's chromium from apt (never `playwright install`)
# and axe-core from the npm registry. Where either cannot be installed, say
# why and go on: the browser tests then skip with the reason.
browser-deps: chromium node_modules/.installed

chromium:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "chromium missing, not root: browser tests will skip (as root: apt-get install chromium)"; \
	elif ! command -v apt-get >/dev/null; then \
		echo "chromium missing, no apt-get here: browser tests will skip"; \
	else \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } \
		|| echo "apt-get could not install chromium: browser tests will skip"; \
	fi

# The reverse proxy of the production topology (#18): the nginx tests run
# Debian's nginx on a spare port with deploy/nginx-site.conf.template.
nginx:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "nginx missing, not root: the nginx tests will skip (as root: apt-get install nginx-light)"; \
	elif ! command -v apt-get >/dev/null; then \
		echo "nginx missing, no apt-get here: the nginx tests will skip"; \
	else \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light; } \
		|| echo "apt-get could not install nginx: the nginx tests will skip"; \
	fi

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		{ npm ci --no-audit --no-fund && touch $@; } \
		|| echo "npm ci failed: no axe-core, browser tests will skip"; \
	else \
		echo "npm missing: no axe-core, browser tests will skip (install Node.js and npm)"; \
	fi

test: lint browser-deps nginx install-security
	$(BIN)/pytest

# The suite less the tests marked slow or browser (pyproject.toml): live
# servers, subprocesses, fuzzing batteries, real browsers. `make test` runs all.
test-quick: lint
	$(BIN)/pytest -m "not slow and not browser"

# Mutation testing (not part of `make test`; README): mutmut changes the core
# modules one small step at a time and runs the quick tests that reach each
# change; mutation/score.py prints a score per module and fails under 85%.
$(VENV)/.installed-mutate: requirements-mutate.txt $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -r requirements-mutate.txt
	touch $@

mutate: $(VENV)/.installed-mutate
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python mutation/score.py

# The benchmark (#6, bench/run.py): not part of `make test`; about 15-20
# minutes on 2 cores. Needs PostgreSQL and Redis (BENCH_PG_URL,
# BENCH_REDIS_URL) and wrk from Debian's apt.
bench: install wrk
	$(BIN)/python bench/run.py

# Only the comparison with a stock Wagtail site (#19, bench/peer.py): builds
# the peer in bench/.peer/ (its own virtualenv, pinned from PyPI) the first
# time, then about 3 minutes; the rest of bench/results.json is kept.
bench-peer: install wrk
	$(BIN)/python bench/run.py --only peer

wrk:
	@if command -v wrk >/dev/null; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "wrk missing, not root: as root run apt-get install wrk"; exit 1; \
	elif ! command -v apt-get >/dev/null; then \
		echo "wrk missing and no apt-get here: install wrk"; exit 1; \
	else \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; } \
		|| { echo "apt-get could not install wrk"; exit 1; }; \
	fi
