# The commands a person types. `make build` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The validators the tests run (the W3C Nu HTML checker, the sitemaps.org XSD), from npm.
# Their install scripts are not run: vnu-jar's would fetch a Java; the tests use the system's.
NODE_STAMP := node_modules/.installed

.PHONY: build test serve bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

## build: set up and build the site from seeds/ into build/
build: $(STAMP)
	$(BIN)/newsgen build

## test: set up and run the tests, the linter and the type checker
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

## serve: build, preview at http://127.0.0.1:8000/, rebuild and reload on every change
serve: $(STAMP)
	$(BIN)/newsgen serve

## bench: time a cold build and the daily rebuilds of 10,000 generated articles
## (COUNT=N for another number, CORPUS=DIR to build a folder of seed files instead)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --count $${COUNT:-10000} $${CORPUS:+--corpus "$$CORPUS"}

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

clean:
	rm -rf build $(VENV) .newsgen-cache node_modules
