# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BASE_STAMP := $(VENV)/.installed-base

.PHONY: demo serve test test-fast lint fuzz bench scale score clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

## What the demo needs: zhibiao and its dependencies, without the test tools, Playwright or Ray.
$(BASE_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(BASE_STAMP)

## The tests and the extras they drive (Ray, Playwright).
$(STAMP): $(BASE_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

DEMO_DB := zhibiao.duckdb
DEMO_REPORT := report-2025-H1.html

## Install and run the main job: build a fresh fact database from the demo corpus, print the
## half-year series of industrial value added (each period with its source) and the conflicts, and
## write the 2025 half-year briefing (every figure cited) as HTML.
demo: $(BASE_STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/zhibiao ingest examples/demo --db $(DEMO_DB)
	$(BIN)/zhibiao series industrial_value_added --measure growth --period-type H --db $(DEMO_DB)
	$(BIN)/zhibiao conflicts --db $(DEMO_DB)
	$(BIN)/zhibiao report 2025-H1 --db $(DEMO_DB) --format html -o $(DEMO_REPORT)
	@echo "briefing: $(CURDIR)/$(DEMO_REPORT) (its numbers link to \`make serve\`: http://127.0.0.1:8000/report/2025-H1)"

## The dashboard over the demo database (built first when it is missing) on http://127.0.0.1:8000/.
serve: $(BASE_STAMP)
	test -f $(DEMO_DB) || $(BIN)/zhibiao ingest examples/demo --db $(DEMO_DB)
	$(BIN)/zhibiao serve --db $(DEMO_DB)

## Install and run lint and the whole test suite.
test: lint
	$(BIN)/python -m pytest

## The extraction tests alone (extract, rules, ingest), without those marked slow: seconds.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow" tests/extract tests/test_rules.py tests/ingest

## The property tests with fresh random examples, ten rounds (the gate replays fixed ones): prints
## any failing example with the blob that reproduces it.
fuzz: $(STAMP)
	for round in 1 2 3 4 5 6 7 8 9 10; do \
		HYPOTHESIS_PROFILE=explore $(BIN)/python -m pytest -q -p no:cacheprovider \
			tests/reliability/test_pipeline_properties.py tests/extract/test_numbers_properties.py \
			tests/extract/test_regions.py || exit 1; \
	done

## ruff (with line length and complexity limits) and mypy over the whole zhibiao package.
lint: $(STAMP)
	$(BIN)/ruff check zhibiao tests benchmarks
	$(BIN)/mypy zhibiao

## Throughput of read+clean+extract, of ingest into the store, and dashboard response times (prints figures).
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/web.py

## Corpus scale: --jobs 1, --jobs 2 and Ray on a synthetic corpus, time vs size (prints figures;
## `make scale ARGS=--quick` for small sizes).
scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py $(ARGS)

## Dev-set scores (needs ../shared).
score: $(BASE_STAMP)
	$(BIN)/zhibiao extract ../shared/corpus/dev > pred-dev.jsonl
	$(PYTHON) ../shared/eval/score.py ../shared/corpus/dev/gold.jsonl pred-dev.jsonl
	$(BIN)/zhibiao extract ../shared/corpus/dev2 > pred-dev2.jsonl
	$(PYTHON) ../shared/eval/score.py ../shared/corpus/dev2/gold.jsonl pred-dev2.jsonl

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache artifacts $(DEMO_DB) $(DEMO_DB).wal zhibiao.search.duckdb $(DEMO_REPORT)
