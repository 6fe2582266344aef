# Mentora: `make run` serves the demo, `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench-matching messages clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

run: $(VENV)/.installed
	@mkdir -p var
	$(MANAGE) compilemessages --ignore '.venv' -v 0
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo --if-empty
	$(MANAGE) schedule_feedback
	@echo "Starting the task worker and the web server on http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@$(MANAGE) db_worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT) --noreload

test: $(VENV)/.installed-test
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
	$(MANAGE) makemessages -l fr -l en --ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*'
	$(MANAGE) compilemessages --ignore '.venv'

bench-matching: $(VENV)/.installed
	$(PY) bench/matching.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
