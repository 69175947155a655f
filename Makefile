# Two commands on a fresh machine with Python 3.11: `make site` builds site/, `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check serve schema lint layers golden bench audit mutation clean

$(BIN)/bontot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/bontot
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# axe-core and Lighthouse for tests/a11y (package.json). npm writes node_modules/.package-lock.json on every
# install, so `npm ci` runs again only when node_modules is missing or package-lock.json changed.
NPM_STAMP := node_modules/.package-lock.json

$(NPM_STAMP): package-lock.json package.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: tests/a11y (axe-core, Lighthouse) will be skipped, or fail under CI=true"; fi

site: $(BIN)/bontot  ## validate data/ and build site/
	$(BIN)/bontot build

check: $(BIN)/bontot  ## validate data/ only
	$(BIN)/bontot check

serve: $(BIN)/bontot  ## live preview on http://127.0.0.1:8000
	$(BIN)/bontot serve

schema: $(BIN)/bontot  ## regenerate the JSON Schemas in schema/
	$(BIN)/bontot schema --out schema

test: $(VENV)/.test-installed $(NPM_STAMP)  ## install test extras and npm tools, lint, run every test
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest

layers: $(VENV)/.test-installed  ## the layer order and no import cycles in generator/ (pyproject.toml [tool.importlinter], docs/architecture.md)
	$(BIN)/lint-imports --no-cache

golden: $(VENV)/.test-installed  ## regenerate the golden Markdown files after an intended change
	BONTOT_UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

bench: $(VENV)/.test-installed  ## build demo data of 200, 2,000 and 20,000 units × 10 years, print one table, update docs/performance.md, search typing latency at the largest size (4× CPU slowdown); then search quality (MRR, top-3) on the sample site
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py --write-doc $(BENCH_ARGS)
	$(BIN)/bontot build && $(BIN)/python bench/search.py

audit: $(VENV)/.test-installed $(NPM_STAMP)  ## Lighthouse performance of the sample site, printed (load-dependent: not a test)
	$(BIN)/python bench/audit.py $(AUDIT_ARGS)

# Slow (tens of minutes, niced): not part of `make test`. MUTATION_CHILDREN=1 on a busy machine.
MUTATION_CHILDREN ?= 2
mutation: $(VENV)/.test-installed  ## mutation testing of generator/rules/ and the derivations: prints the score and every surviving mutant
	rm -rf mutants
	nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) >/dev/null || true
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python bench/mutation_score.py

clean:
	rm -rf site mutants .pytest_cache .mypy_cache .ruff_cache
