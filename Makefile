# Mentora: `make run` serves the demo, `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Chart.js is served from here; axe-core stays in node_modules for the browser tests.
VENDOR := mentora/static/vendor
CHART_JS := node_modules/chart.js/dist/chart.umd.min.js

.PHONY: run test lint bench-matching messages clean vendor

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

# The browser files come from the npm registry, at the versions package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  echo "Mentora needs Node.js and npm to install its chart and accessibility-check files," >&2; \
	  echo "and none was found on PATH (Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

# chart.umd.min.js is the standalone build (its colour helper included); its source map
# goes along, as the manifest storage of collectstatic follows the file's reference to it.
$(VENDOR)/chart.umd.min.js: node_modules/.installed
	@mkdir -p $(VENDOR)
	cp $(CHART_JS) $(CHART_JS).map $(VENDOR)/

vendor: $(VENDOR)/chart.umd.min.js

run: $(VENV)/.installed vendor
	@mkdir -p var
	$(MANAGE) compilemessages --ignore '.venv' -v 0
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo --if-empty
	$(MANAGE) schedule_feedback
	$(MANAGE) schedule_analytics
	@echo "Starting the task worker and the web server on http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@$(MANAGE) db_worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT) --noreload

test: $(VENV)/.installed-test vendor
	$(MANAGE) compilemessages --ignore '.venv' -v 0
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run -v 1
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	$(MANAGE) makemessages -l fr -l en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'bench/*' --ignore 'tests/*'
	$(MANAGE) compilemessages --ignore '.venv'

bench-matching: $(VENV)/.installed
	$(PY) bench/matching.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var node_modules $(VENDOR)
