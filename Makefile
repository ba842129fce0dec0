# make run   serve Workshop with a demo forum on http://127.0.0.1:5000
# make test  run the tests on SQLite (with the browser tests) and, side by side, on a throwaway PostgreSQL

VENV := .venv
PYTHON := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PYTEST := $(VENV)/bin/pytest

# The stamps carry a hash of the requirements, so pip runs again only when they change.
RUNTIME_HASH := $(shell cat requirements.txt | sha256sum | cut -c1-12)
DEV_HASH := $(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(RUNTIME_HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(DEV_HASH)

.PHONY: run test test-sqlite test-postgres system-packages bench

run: $(RUNTIME_STAMP)
	$(FLASK) db upgrade
	$(FLASK) demo
	@echo "Workshop: http://127.0.0.1:5000/  (the demo agenda: http://127.0.0.1:5000/f/bogota-2011/agenda)"
	@# The queue worker runs beside the web server and stops with it.
	$(FLASK) queue work & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

# The two passes share nothing, so they run side by side: one per core.
test: $(DEV_STAMP) system-packages
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: $(DEV_STAMP) system-packages
	$(PYTEST)

# Without the cache plugin here, `pytest --lf` keeps remembering the SQLite pass.
test-postgres: $(DEV_STAMP) system-packages
	.ci/with-postgres $(PYTEST) --ignore=tests/e2e -p no:cacheprovider

bench: $(DEV_STAMP)
	$(PYTHON) bench/run.py
	$(PYTHON) bench/registration_burst.py

system-packages:
	.ci/system-packages

# make translations  extract every user-facing string, merge it into the es and fr catalogues, compile the .mo
# (the compiled .mo files are committed, so `make run` needs no compile step)
TRANSLATIONS := workshop/translations
.PHONY: translations
translations:
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --project=Workshop -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --ignore-obsolete
	$(VENV)/bin/pybabel compile -d $(TRANSLATIONS) --statistics

$(PYTHON):
	python3 -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-runtime-*
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-*
	touch $@
