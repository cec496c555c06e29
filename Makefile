# claimledger: `make run` serves on the embedded default; `make test` runs lint, types and the whole suite on
# SQLite and on a throwaway PostgreSQL + pgvector (pgserver). Both set up .venv first.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export CLAIMLEDGER_SHARED_DIR ?= $(abspath $(SHARED))

.PHONY: help setup run test lint typecheck unit check-migrations eval eval-nli eval-attribution eval-matching \
	bench bench-judge bench-check bench-reconcile train-nli clean

help:
	@echo "make run        set up .venv, migrate the SQLite default and serve on http://$(HOST):$(PORT)"
	@echo "make test       set up .venv, then ruff, mypy --strict and pytest on SQLite and PostgreSQL"
	@echo "make eval       eval-nli, eval-attribution and eval-matching (need ../shared)"
	@echo "make bench      judge, check-latency and reconciliation benchmarks"
	@echo "make train-nli  retrain the NLI cross-encoder (hours on CPU; resumable)"

# Torch first, from the CPU wheel: any other torch would pull gigabytes of CUDA.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

run: setup
	$(BIN)/claimledger db upgrade
	@echo ""
	@echo "Create an API key in another shell:  $(BIN)/claimledger keys create --name me --scopes read,write,review,admin"
	@echo ""
	$(BIN)/claimledger serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy service db embeddings extraction reconcile migrations benchmarks

test: lint typecheck
	$(BIN)/python -m pytest -q

train-nli: setup
	$(BIN)/python -m embeddings.nli.train --resume

eval-nli: setup
	$(BIN)/python -m embeddings.nli.evaluate

eval-attribution: setup
	$(BIN)/python -m benchmarks.eval_attribution

eval-matching: setup
	$(BIN)/python -m benchmarks.eval_matching

eval: eval-nli eval-attribution eval-matching

bench-judge: setup
	$(BIN)/python -m benchmarks.bench_judge

bench-check: setup
	$(BIN)/python -m benchmarks.bench_check

bench-reconcile: setup
	$(BIN)/python -m benchmarks.bench_reconcile

bench: bench-judge bench-check bench-reconcile

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
