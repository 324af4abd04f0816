# The portal's two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint format messages charts check-trees clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load the reference data and regions, create demo users, and serve
## on http://127.0.0.1:8000 with a Celery worker and beat beside it. No server needed.
run: install
	@# Stops with the apt-get line if WeasyPrint's system libraries (Pango) are missing.
	$(PY) -m config.preflight
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_regions
	$(PY) manage.py seed_demo_users
	$(PY) manage.py ensure_report_periods
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho --procfile Procfile.dev start

## make test: the whole suite; PostgreSQL if DATABASE_URL is set, else SQLite (and it lists
## the PostgreSQL-only tests it skipped). One worker per CPU, each test module (or class: the
## browser walk's regions) on one worker, so module-scoped data loads once per module;
## TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
test: install
	PORTAL_VAR_DIR="$(CURDIR)/var/test" $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the translation catalogues after changing user-facing text.
messages: install
	$(PY) manage.py makemessages --locale id --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

# PNG previews of each region's Lampiran I for reviewers (needs poppler-utils' pdftoppm).
charts: install
	mkdir -p docs/charts var/charts
	for code in 13.12 13.75 17.71 32.79 64.02; do \
	  $(PY) manage.py render_lampiran $$code I var/charts/$$code-lampiran-I.pdf --as-of 2024-06-03 && \
	  pdftoppm -png -r 110 -singlefile var/charts/$$code-lampiran-I.pdf docs/charts/$$code-lampiran-I; \
	done

check-trees: install
	$(PY) manage.py check_trees

clean:
	rm -rf $(VENV) var staticfiles
