# Two commands on a fresh machine with Python 3.11: `make site` builds site/, `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check serve schema lint golden clean

$(BIN)/bontot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/bontot
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/bontot  ## validate data/ and build site/
	$(BIN)/bontot build

check: $(BIN)/bontot  ## validate data/ only
	$(BIN)/bontot check

serve: $(BIN)/bontot  ## live preview on http://127.0.0.1:8000
	$(BIN)/bontot serve

schema: $(BIN)/bontot  ## regenerate the JSON Schemas in schema/
	$(BIN)/bontot schema --out schema

test: $(VENV)/.test-installed  ## install test extras, lint, run every test
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/pytest

golden: $(VENV)/.test-installed  ## regenerate the golden Markdown files after an intended change
	BONTOT_UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
