# Set-up and everyday jobs. Each target creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
REGISTER := data/processing_activities.yaml
AS_OF ?= 2026-11-27

.PHONY: demo screenshots test test-fast lint typecheck layers unit docs dist install bench bench-all fuzz schema clean catalogues

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev,docs]'
	touch $@ $(STAMP_RUN)

demo: $(STAMP_RUN)
	$(BIN)/ropa validate --as-of $(AS_OF) $(REGISTER)
	mkdir -p out
	$(BIN)/ropa export $(REGISTER) --to xlsx --lang lv --as-of $(AS_OF) -o out/ropa-lv.xlsx
	$(BIN)/ropa export $(REGISTER) --to xlsx --lang en --as-of $(AS_OF) -o out/ropa-en.xlsx
	$(BIN)/ropa export $(REGISTER) --to json --lang all --as-of $(AS_OF) -o out/ropa.json
	$(BIN)/ropa notice $(REGISTER) --lang lv --to html -o out/notice-lv.html
	$(BIN)/ropa notice $(REGISTER) --lang en --to html -o out/notice-en.html
	@echo "Wrote out/ropa-lv.xlsx, out/ropa-en.xlsx, out/ropa.json, out/notice-lv.html, out/notice-en.html"

test: lint typecheck layers unit

# Everything but the slow tests (fuzzing, LibreOffice, property-based): under a minute.
test-fast: lint typecheck layers
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests benchmarks docs/hooks.py
	$(BIN)/ruff format --check src tests benchmarks docs/hooks.py

typecheck: $(STAMP_DEV)
	$(BIN)/mypy --strict src

# The layering contract ([tool.importlinter] in pyproject.toml, docs/architecture.md).
layers: $(STAMP_DEV)
	$(BIN)/lint-imports

unit: $(STAMP_DEV)
	$(BIN)/python -m pytest -q

# The documentation site, offline, into site/; any warning (a broken link, a public name
# without a docstring) fails the build. The test suite runs the same build (tests/test_docs.py).
docs: $(STAMP_DEV)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

# sdist and wheel into dist/, checked as PyPI would check them.
dist: $(STAMP_DEV)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

# ropa for everyday use, outside this checkout: a virtual environment of its own in
# $(INSTALL_VENV) and the command linked into $(PREFIX)/bin. Choose either:
#   make install PREFIX=/opt/ropa                 (venv /opt/ropa/lib/ropa, /opt/ropa/bin/ropa)
#   make install INSTALL_VENV=~/venvs/compliance  (an environment of your own; made if missing)
PREFIX ?= $(HOME)/.local
INSTALL_VENV ?= $(PREFIX)/lib/ropa
install:
	test -x "$(INSTALL_VENV)/bin/python" || $(PYTHON) -m venv "$(INSTALL_VENV)"
	"$(INSTALL_VENV)/bin/python" -m pip install --quiet --upgrade .
	mkdir -p "$(PREFIX)/bin"
	ln -sf "$(abspath $(INSTALL_VENV))/bin/ropa" "$(PREFIX)/bin/ropa"
	@echo "Installed $(PREFIX)/bin/ropa (ropa $$("$(INSTALL_VENV)/bin/ropa" --version | cut -d' ' -f2))"

# The budgets of docs/performance.md: start-up, then every step at 1,000, 10,000 and 50,000
# activities. Both run whatever the first says; exit 1 when either misses a budget.
bench: $(STAMP_DEV)
	status=0; \
	$(BIN)/python benchmarks/bench_startup.py || status=1; \
	$(BIN)/python benchmarks/bench_all.py || status=1; \
	exit $$status

# `make bench`, then the loader and workbook benchmarks in detail (phase by phase).
bench-all: $(STAMP_DEV)
	status=0; \
	$(MAKE) --no-print-directory bench || status=1; \
	$(BIN)/python benchmarks/bench_load.py || status=1; \
	$(BIN)/python benchmarks/bench_excel.py || status=1; \
	exit $$status

# Longer fuzzing than the test suite's bounded run (FUZZ_EXAMPLES per target).
FUZZ_EXAMPLES ?= 50000
fuzz: $(STAMP_DEV)
	ROPA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/loader/test_fuzz.py tests/loader/test_simple_yaml.py

schema: $(STAMP_RUN)
	$(BIN)/ropa schema --write schemas
	$(BIN)/python -m ropa.rule_docs

clean:
	rm -rf $(VENV) out build dist site *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# The message catalogues: ropa.po (edited; sorted by msgid here) -> ropa.mo (read at run time,
# shipped in the wheel). tools/catalogues.py also moves (lv, en) pairs out of the code.
catalogues: $(STAMP_DEV)
	$(BIN)/python tools/catalogues.py sort
	for po in src/ropa/locale/*/LC_MESSAGES/ropa.po; do $(BIN)/pybabel compile -i $$po -o $${po%.po}.mo; done

# The screenshots of docs/auditors.md, from the shipped register's workbook in lv and en:
# LibreOffice prints it to PDF, pdftoppm renders the first page of each sheet shown.
screenshots: $(STAMP_RUN)
	$(BIN)/python scripts/screenshots.py
