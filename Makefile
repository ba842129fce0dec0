# make run       serve Workshop with a demo forum on http://127.0.0.1:5000
# make test      lint, then run the tests on SQLite (with the browser tests and branch coverage) and, side by
#                side, on a throwaway PostgreSQL, the mutation testing of the pure rule modules and `make validate`
# make lint      ruff: the lint rules and the formatting
# make validate  serve the demo forum and run validators we did not write over every page and output (validate/)
# make mutation  mutation testing of the pure rule modules (docs/testing.md)
# make lock      refresh requirements.lock and requirements-dev.lock, the exact versions everything installs

VENV := .venv
PYTHON := $(VENV)/bin/python
# The interpreter the virtual environment is made from: Debian's CPython 3.11 where it is installed. Debian builds
# it with profile-guided and link-time optimisation, which pyenv's and other source builds leave out unless asked:
# on this machine it lays out the 400-session PDF agenda in an eighth less time, and plain Python loops in a
# third less (docs/benchmarks.md). Any CPython 3.11 works: `make test BASE_PYTHON=python3`.
# Decided once per make (`:=`), not each time the name is read: each look starts an interpreter.
ifndef BASE_PYTHON
BASE_PYTHON := $(firstword $(shell /usr/bin/python3.11 -c 'import ensurepip, venv' 2>/dev/null && echo /usr/bin/python3.11) python3)
endif
# The venv remembers which interpreter made it; another one makes it again, everything installed afresh.
BASE_ID := $(shell command -v $(BASE_PYTHON) | sha256sum | cut -c1-12)
VENV_STAMP := $(VENV)/.made-by-$(BASE_ID)
FLASK := $(VENV)/bin/flask --app wsgi
PYTEST := $(VENV)/bin/pytest
RUFF := $(VENV)/bin/ruff

# What is installed comes from the lock files: exact versions, the ones CI tested.
# The stamps carry a hash of them, so pip runs again only when they change.
RUNTIME_HASH := $(shell cat requirements.lock | sha256sum | cut -c1-12)
DEV_HASH := $(shell cat requirements-dev.lock | sha256sum | cut -c1-12)
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(RUNTIME_HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(DEV_HASH)

.PHONY: run test lint test-sqlite test-postgres mutation validate system-packages bench lock

run: $(RUNTIME_STAMP)
	@echo "Migrating the database (instance/workshop.sqlite)..."
	@$(FLASK) db upgrade
	@echo "Seeding the shared directory of organisations..."
	@$(FLASK) organisations seed
	@echo "Loading the demo forum..."
	@$(FLASK) demo --no-sign-ins
	@echo "Starting the web server and the queue worker..."
	@# The worker and the welcome run beside the web server and stop with it; the welcome speaks once it answers.
	@# The worker runs jobs on three processes it forks. One SIGINT stops it gracefully: its processes finish the
	@# jobs they are running (a message being sent, a PDF being laid out), then it leaves, and so does make. A
	@# second SIGINT would interrupt those jobs, so the worker has a session of its own (setsid), out of reach
	@# of the terminal's Ctrl-C, and hears only the one the exit trap sends.
	@setsid $(FLASK) queue work & worker=$$!; $(FLASK) welcome --wait & welcome=$$!; \
		trap 'kill $$welcome 2>/dev/null; kill -INT $$worker 2>/dev/null; wait $$worker' EXIT; \
		trap 'exit 130' INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

# Lint first: it takes a second. The stages share nothing, so they run side by side; the mutation
# stage mostly reads its recorded scores.
test: $(DEV_STAMP) system-packages
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory -j4 --output-sync=target test-sqlite test-postgres mutation validate

lint: $(DEV_STAMP)
	$(RUFF) check .
	$(RUFF) format --check .

# Coverage is measured on this pass (branches included; the threshold is in pyproject.toml).
test-sqlite: $(DEV_STAMP) system-packages
	$(PYTEST) --cov

# Without the cache plugin here, `pytest --lf` keeps remembering the SQLite pass. The benches' own
# tests (tests/bench) choose their database themselves: they run on the SQLite pass only.
test-postgres: $(DEV_STAMP) system-packages
	.ci/with-postgres $(PYTEST) --ignore=tests/e2e --ignore=tests/bench -p no:cacheprovider

bench: $(DEV_STAMP) system-packages
	$(PYTHON) bench/run.py
	$(PYTHON) bench/registration_burst.py
	$(PYTHON) bench/mail_drain.py

# Modules unchanged since .ci/mutation-scores.json was written keep their score; `.ci/mutation --fresh` reruns all.
mutation: $(DEV_STAMP)
	$(PYTHON) .ci/mutation

system-packages:
	.ci/system-packages

# The validators come from npm at the versions validate/package-lock.json pins. Their install scripts would
# download a browser and a Java runtime: Debian's Chromium and Java are used instead.
# Its Python validators have a lock of their own (validate/requirements.lock), installed beside the dev lock.
NODE_HASH := $(shell cat validate/package-lock.json | sha256sum | cut -c1-12)
NODE_STAMP := validate/node_modules/.installed-$(NODE_HASH)
VALIDATE_HASH := $(shell cat validate/requirements.lock | sha256sum | cut -c1-12)
VALIDATE_STAMP := $(VENV)/.installed-validate-$(VALIDATE_HASH)
validate: $(DEV_STAMP) system-packages $(VALIDATE_STAMP) $(NODE_STAMP)
	$(PYTHON) -m validate

$(VALIDATE_STAMP): validate/requirements.lock $(DEV_STAMP)
	$(PYTHON) -m pip install --quiet -r validate/requirements.lock
	rm -f $(VENV)/.installed-validate-*
	touch $@

$(NODE_STAMP): validate/package-lock.json
	cd validate && PUPPETEER_SKIP_DOWNLOAD=true npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# make translations  extract every user-facing string, merge it into the es and fr catalogues, compile the .mo
# (the compiled .mo files are committed, so `make run` needs no compile step)
TRANSLATIONS := workshop/translations
.PHONY: translations
translations:
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 --project=Workshop -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --ignore-obsolete
	$(VENV)/bin/pybabel compile -d $(TRANSLATIONS) --statistics

$(VENV_STAMP):
	@echo "Creating the virtual environment $(VENV) with $(BASE_PYTHON)..."
	@rm -rf $(VENV)
	@$(BASE_PYTHON) -m venv $(VENV)
	@touch $@

$(RUNTIME_STAMP): requirements.lock $(VENV_STAMP)
	@echo "Installing Workshop's Python packages into $(VENV) (a minute the first time)..."
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-runtime-*
	@touch $@

$(DEV_STAMP): requirements-dev.lock $(VENV_STAMP)
	$(PYTHON) -m pip install --quiet -r requirements-dev.lock
	rm -f $(VENV)/.installed-dev-*
	touch $@

# The newest versions requirements*.txt allow, for the Python CI runs; the dev lock keeps the runtime's.
LOCK_FLAGS := --quiet --upgrade --python-version 3.11
lock: $(DEV_STAMP)
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements.txt -o requirements.lock
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements-dev.txt --constraint requirements.lock -o requirements-dev.lock
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) validate/requirements.txt --constraint requirements-dev.lock -o validate/requirements.lock

# make vendor-js  fetch the check-in page's QR reader (jsQR, Apache-2.0) from npm at a pinned version, check its
# digest and copy it with its licence into static/vendor/. The copy is committed: `make run` and `make test`
# never need npm. Phones whose browser has BarcodeDetector use that instead.
JSQR_VERSION := 1.4.0
JSQR_SHA256 := bc40c8a15196236b2314db0856f72ca0b49980cd5413b8c852a7349f5fee0859
JSQR_DIR := static/vendor/jsqr
.PHONY: vendor-js
vendor-js:
	rm -rf .vendor-js && mkdir .vendor-js
	cd .vendor-js && npm pack --silent jsqr@$(JSQR_VERSION) >/dev/null && tar xzf jsqr-$(JSQR_VERSION).tgz
	echo "$(JSQR_SHA256)  .vendor-js/package/dist/jsQR.js" | sha256sum --check --quiet
	mkdir -p $(JSQR_DIR)
	cp .vendor-js/package/dist/jsQR.js $(JSQR_DIR)/jsQR-$(JSQR_VERSION).js
	cp .vendor-js/package/LICENSE $(JSQR_DIR)/LICENSE
	rm -rf .vendor-js
