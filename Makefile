# claimledger: `make run` serves on the embedded default; `make test` runs lint, types and the whole suite on
# SQLite and on a throwaway PostgreSQL + pgvector (pgserver). Both set up .venv first.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Tools whose pins clash with the service's (openapi-python-client wants an older typer) get venvs of their own.
TOOLS ?= .venv-tools
OPENAPI_CLIENT := $(TOOLS)/openapi/bin/openapi-python-client
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared
# The real-browser tests (tests/browser) drive Debian's chromium through Playwright (Playwright's own browser
# download is not used); `make browser-deps` installs it when it is missing.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export CLAIMLEDGER_SHARED_DIR ?= $(abspath $(SHARED))

.PHONY: help setup browser-deps openapi-client-tool run test suite lint typecheck eval eval-nli eval-attribution eval-matching eval-verdicts eval-compare \
	eval-signals \
	bench bench-judge bench-check bench-load bench-reconcile bench-documents bench-ingest bench-copy bench-ui bench-scale train-nli calibrate-judge calibrate-flags \
	tune-matching signals-golden screenshots clean wordnet lexicon person-nouns contrast-pairs train-nli-contrast gpu-bundle train-nli-gpu

help:
	@echo "make run        set up .venv, migrate the SQLite default and serve on http://$(HOST):$(PORT)"
	@echo "make test       set up .venv and chromium, then ruff, mypy --strict and pytest (side by side) on SQLite and PostgreSQL"
	@echo "make browser-deps  install Debian's chromium for the browser tests (apt-get; only when $(CHROMIUM) is missing)"
	@echo "make screenshots  rerun the browser tests, saving docs/screenshots/*.png"
	@echo "make eval       eval-nli, eval-signals, eval-attribution, eval-matching, eval-verdicts and eval-compare (need ../shared)"
	@echo "make bench      bench-judge, bench-check, bench-reconcile, bench-documents, bench-ingest, bench-ui and bench-load"
	@echo "make bench-documents  long articles (20k-100k characters) through POST /v1/documents' path, phase by phase"
	@echo "make bench-copy  claimledger db copy of 20,000 synthetic claims from SQLite into a throwaway PostgreSQL"
	@echo "make bench-scale  ingest, vector search and /v1/check at 10k-1M claims, both backends (hours; SCALE_* sizes)"
	@echo "make train-nli  retrain the NLI cross-encoder (hours on CPU; resumable; REVIEWS=FILE adds reviews)"
	@echo "make lexicon    regenerate the WordNet antonym lexicon, the judge's opposite forms and its WordNet sense tables (installs WordNet when missing)"
	@echo "make person-nouns  regenerate the extractor's WordNet person nouns from that export (extraction/data/person_nouns.json)"
	@echo "make train-nli-contrast  a fourth stage, contrast pairs, on the shipped model (.cache/nli-contrast/model, not shipped)"
	@echo "make gpu-bundle  pack every training pair into .cache/gpu-bundle for train-nli-gpu"
	@echo "make train-nli-gpu  full training on a lent GPU (see embeddings/nli/train_gpu.py)"
	@echo "make calibrate-judge  fit the judge's temperature and thresholds on unreported dev files"
	@echo "make calibrate-flags  contradiction precision/recall curve on claim-style dev data, checked on test data"
	@echo "make tune-matching  fit the retrieval settings on the CLEF train tweets"
	@echo "make signals-golden  rewrite the golden file of signal reports after changing a signal or a word list"

# Torch first, from the CPU wheel: any other torch would pull gigabytes of CUDA. The ~20,000 files' bytecode is
# compiled once at the end on every core (pip compiled them one after another: ~40 s of CPU in a fresh clone's
# set-up); the two files pip cannot compile either (a Python 3.12 torch test, a joblib encoding test) are skipped.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile torch==2.13.0
	$(BIN)/python -m pip install --quiet --no-compile -e '.[dev,train]'
	$(BIN)/python -c 'import compileall, sysconfig; compileall.compile_dir(sysconfig.get_path("purelib"), quiet=2, workers=0)'
	touch $@

setup: $(BIN)/.installed

# Quiet and idempotent: nothing happens when chromium is there; the package lists are fetched only when the
# install cannot find the package without them.
browser-deps:
	@test -x $(CHROMIUM) || { echo "installing chromium (apt-get) for the browser tests"; \
		export DEBIAN_FRONTEND=noninteractive; \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq >/dev/null && $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; }; }
	@test -x $(CHROMIUM) || { echo "chromium is still missing at $(CHROMIUM)"; exit 1; }

# The client generator tests/api/test_openapi_client.py runs against the service's OpenAPI document.
$(OPENAPI_CLIENT):
	test -x $(TOOLS)/openapi/bin/python || $(PYTHON) -m venv $(TOOLS)/openapi
	$(TOOLS)/openapi/bin/python -m pip install --quiet openapi-python-client==0.29.1

openapi-client-tool: $(OPENAPI_CLIENT)

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
	$(BIN)/mypy service db embeddings extraction reconcile migrations benchmarks tests plugin docs/examples

# Two pytest workers (pytest-xdist): each has its own throwaway PostgreSQL, databases and models. TEST_WORKERS=0
# runs the suite in one process. Tests go out in batches of at most 4, the long ones first (tests/conftest.py,
# LONG_RUNNING): xdist's first batch was a quarter of the suite per worker, whatever it held.
# ruff and mypy run beside the suite rather than before it: the suite waits on processes, servers and sockets for
# part of its time, which mypy's minute of CPU fills. make still fails when any of the three does.
TEST_WORKERS ?= 2
# The three set-ups run side by side too: the client generator's venv and chromium need nothing from .venv.
test:
	@$(MAKE) --no-print-directory -j3 setup browser-deps openapi-client-tool
	@$(MAKE) --no-print-directory -j3 lint typecheck suite

# The 25 slowest tests are listed at the end, so a run that nears .ci/run's 30 minutes says where the time went.
suite: setup browser-deps openapi-client-tool
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --maxschedchunk 4 --durations=25

# The browser tests again, saving their screenshots (docs/screenshots/*.png, shown in the READMEs).
screenshots: setup browser-deps
	CLAIMLEDGER_SCREENSHOTS=docs/screenshots CLAIMLEDGER_TEST_BACKENDS=sqlite $(BIN)/python -m pytest -q -m browser tests/browser

# The shipped model's three stages (MODEL_CARD.md): one epoch annealed to zero, a warm restart to 1.6 epochs,
# then adaptation to claim matching (CLEF 2020 train) alongside the MultiNLI-style files, with R-Drop. --bf16 runs
# the forward passes in bfloat16: ~85 minutes in all where the CPU has AMX or AVX512-BF16; drop it elsewhere
# (without native bf16 it is slower than fp32).
train-nli: setup
	$(BIN)/python -m embeddings.nli.train --bf16 --epochs 1.0 --resume --out .cache/nli-train/model-e1
	$(BIN)/python -m embeddings.nli.train --bf16 --epochs 1.6 --resume --out .cache/nli-train/model-e2
	$(BIN)/python -m embeddings.nli.adapt --bf16 --model-dir .cache/nli-train/model-e2 --out embeddings/nli/model \
		--focus-files lingnli.train,mnli.train --replay 10000 --epochs 2 --lr 4e-5 --warmup 0.05 --seed 17 \
		--rdrop 0.5 --eval-every 1000 $(REVIEW_FILES)

# A newsroom's own reviews as extra training pairs: `claimledger judge export-reviews --out FILE`, then
# `make train-nli REVIEWS=FILE` (or train-nli-contrast / gpu-bundle with it).
REVIEW_FILES = $(if $(REVIEWS),--extra-train $(REVIEWS))

# WordNet 3.0 (Debian), only to regenerate the antonym lexicon: the committed embeddings/nli/lexicon/*.tsv are what
# the generator reads, so neither `make test` nor serving needs it.
wordnet:
	test -d /usr/share/wordnet || (apt-get update && apt-get install -y --no-install-recommends wordnet-base wordnet-sense-index)

lexicon: setup wordnet
	$(BIN)/python -m embeddings.nli.lexicon.build
	$(BIN)/python -m embeddings.nli.lexicon.opposites
	$(BIN)/python -m embeddings.nli.lexicon.senses

# The extractor's WordNet person nouns (extraction/data/person_nouns.json), from the judge's WordNet export above.
person-nouns: setup
	$(BIN)/python -m extraction.person_nouns_build

# Seeded minimal pairs (embeddings/nli/contrast.py) and the held-out minimal-pair dev set (other antonyms, other
# sentences).
contrast-pairs: setup
	$(BIN)/python -m embeddings.nli.contrast --out .cache/contrast/train.jsonl.gz --dev-out .cache/contrast/dev.jsonl.gz \
		--n 16000 --seed 7

# A small fourth stage on the shipped model (MODEL_CARD.md, "Contrast training"): 5,000 contrast pairs with 3,000
# MultiNLI-style pairs and 1,000 replayed ones, one epoch; writes .cache/nli-contrast/model (not shipped), measured
# by `python -m benchmarks.compare_nli_models`. gpu-bundle below takes the full data.
train-nli-contrast: contrast-pairs
	$(BIN)/python -m embeddings.nli.adapt --bf16 --model-dir embeddings/nli/model --out .cache/nli-contrast/model \
		--no-clef --extra-train .cache/contrast/train.jsonl.gz --extra-sample 5000 --focus-files lingnli.train,mnli.train \
		--focus-sample 3000 --replay 1000 --epochs 1 --lr 2e-5 --warmup 0.05 --seed 19 $(REVIEW_FILES)

# A full run on a lent GPU (embeddings/nli/train_gpu.py). Here: `make gpu-bundle` packs every training pair into
# .cache/gpu-bundle. On the device machine (its own python3 holds torch; carry .cache/gpu-bundle):
# `make train-nli-gpu OUT=$OUT`, then here `python -m embeddings.nli.train_gpu join --parts <files>/model --out DIR`.
GPU_PYTHON ?= python3
OUT ?= .cache/nli-gpu
gpu-bundle: contrast-pairs
	$(BIN)/python -m embeddings.nli.train_gpu bundle --extra-train .cache/contrast/train.jsonl.gz $(REVIEW_FILES)

train-nli-gpu:
	$(GPU_PYTHON) -m embeddings.nli.train_gpu train --bundle .cache/gpu-bundle --out $(OUT)/model

# After changing a signal or a word list: rewrite embeddings/signals/golden.jsonl (bumps RULES_VERSION).
signals-golden: setup
	$(BIN)/python -m embeddings.signals.golden --write

calibrate-judge: setup
	$(BIN)/python -m benchmarks.calibrate_judge

calibrate-flags: setup
	$(BIN)/python -m benchmarks.calibrate_flags

eval-nli: setup
	$(BIN)/python -m embeddings.nli.evaluate

# What each signal earns: the hybrid judge with each signal switched off in turn (benchmarks/SIGNAL_ABLATION.md).
eval-signals: setup
	$(BIN)/python -m benchmarks.signal_ablation --clef-matches

eval-attribution: setup
	$(BIN)/python -m benchmarks.eval_attribution

eval-matching: setup
	$(BIN)/python -m benchmarks.eval_matching

eval-verdicts: setup
	$(BIN)/python -m benchmarks.eval_verdicts

# /v1/compare's similarity gate on the contrast set and our claim pairs (benchmarks/COMPARE_GATE.md).
eval-compare: setup
	$(BIN)/python -m benchmarks.compare_gate

eval: eval-nli eval-signals eval-attribution eval-matching eval-verdicts eval-compare

bench-judge: setup
	$(BIN)/python -m benchmarks.bench_judge --out benchmarks/judge_throughput.json

tune-matching: setup
	$(BIN)/python -m benchmarks.tune_matching

bench-check: setup
	$(BIN)/python -m benchmarks.bench_check

# A real server under mixed load: serial against concurrent checks, and reads while checks and long articles run.
bench-load: setup
	$(BIN)/python -m benchmarks.bench_load

bench-reconcile: setup
	$(BIN)/python -m benchmarks.bench_reconcile

# Long PolNeAR-built articles through POST /v1/documents' path, phase by phase (benchmarks/DOCUMENTS_BENCH.md).
bench-documents: setup
	$(BIN)/python -m benchmarks.bench_documents

# Bulk ingest over HTTP (POST /v1/claims/bulk) on both backends against the raw encoder (benchmarks/ingest.json).
bench-ingest: setup
	$(BIN)/python -m benchmarks.bench_ingest

bench-copy: setup
	$(BIN)/python -m benchmarks.bench_copy

# The record at scale (benchmarks/SCALE.md): a cached corpus of MiniLM vectors (encoded once, in the background at
# the lowest priority), then each backend at each size, then the tables and plots. A quick run:
#   make bench-scale SCALE_CORPUS=20000 SCALE_SQLITE_SIZES=10000 SCALE_PG_SIZES=10000 SCALE_FLAGS="--requests 20"
SCALE_CORPUS ?= 1000000
SCALE_SQLITE_SIZES ?= 10000,100000,300000
SCALE_PG_SIZES ?= 100000,1000000
SCALE_FLAGS ?=
bench-scale: setup
	nice -n 19 $(BIN)/python -m benchmarks.scale_corpus --size $(SCALE_CORPUS)
	$(BIN)/python -m benchmarks.bench_scale --backend sqlite --sizes $(SCALE_SQLITE_SIZES) $(SCALE_FLAGS)
	$(BIN)/python -m benchmarks.bench_scale --backend postgresql --sizes $(SCALE_PG_SIZES) $(SCALE_FLAGS)
	$(BIN)/python -m benchmarks.bench_scale --report

# The review UI's page times on 10k claims and 1k flags, in Chromium (benchmarks/UI_TIMINGS.md).
bench-ui: setup browser-deps
	$(BIN)/python -m benchmarks.bench_ui

bench: bench-judge bench-check bench-reconcile bench-documents bench-ingest bench-ui bench-load

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
