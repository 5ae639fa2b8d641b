# Two commands for a fresh machine with python3 and make: `make run` and `make test`.
PYTHON ?= python3
BENCH_SIZES ?= 10000,100000
BENCH_MEMORY ?= 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/readout

# Two workers a core, eight at most (pytest-xdist): an app test waits for the app to
# settle part of its time, so one worker a core left the cores half idle (2 cores: 280 s
# with two workers, 203 s with four).
test: $(STAMP) lint
	workers=$$(( $$(nproc) * 2 )); [ $$workers -gt 8 ] && workers=8; \
	$(BIN)/python -m pytest -n $$workers

lint: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format tui tests bench
	$(BIN)/ruff check --fix tui tests bench

# Every benchmark; the scale one last, at 10,000 and 100,000 articles with the in-memory
# approach beside the store (about 40 minutes and 8 GB at 100,000). Shorter:
# `make bench BENCH_SIZES=10000` or `make bench BENCH_MEMORY=0`.
bench: $(STAMP)
	BENCH_SIZES=$(BENCH_SIZES) BENCH_MEMORY=$(BENCH_MEMORY) $(BIN)/python -m bench

# Mutation testing of tui/core with mutmut (outside CI: it takes minutes). Each one-line
# change mutmut makes must make a core or CLI test fail; the score is the share caught.
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet 'mutmut>=3.8,<4'
	rm -rf mutants
	$(BIN)/mutmut run --max-children $$(nproc) > mutants.log 2>&1 || (tail -c 2000 mutants.log; exit 1)
	$(BIN)/mutmut export-cicd-stats > /dev/null
	$(BIN)/python -m bench.mutation_score mutants/mutmut-cicd-stats.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants mutants.log
