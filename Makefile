# The front door. Every target installs what is missing first (scripts/install-deps.sh is idempotent and
# fast when nothing is missing), so `make demo` and `make test` work on a fresh Debian machine.
BUILD   ?= build
ASAN    ?= build-asan
FUZZ    ?= build-fuzz
JOBS    ?= $(shell nproc)
DEMO_DB ?= parley-demo.db
MAKEFLAGS += --no-print-directory

.PHONY: all deps web build test test-asan demo bench fuzz clean train taxonomy

all: build

deps:
	@bash scripts/install-deps.sh

build: deps web
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The web app (web/): npm ci and a Vite build into web/dist, each only when something changed.
web: deps
	@bash scripts/build-web.sh

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite built with AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps web
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON -DPARLEY_BENCH=OFF >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)
	@cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Only the CLI and the data tools: a demo should not wait for the test suite to compile.
demo: deps web
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target parley
	@bash scripts/demo.sh $(BUILD)/parley $(DEMO_DB)

# All four benchmarks always run; the target fails if any missed its targets.
bench: build
	@status=0; bash bench/ingest $(BUILD) || status=$$?; bash bench/analyze/run $(BUILD) || status=$$?; bash bench/serve/run $(BUILD) || status=$$?; bash bench/listening/run $(BUILD) || status=$$?; exit $$status

# libFuzzer targets, one per format reader; run by hand (see docs/fuzzing.md), not in CI.
fuzz:
	@bash scripts/install-deps.sh --fuzz
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
	  -DPARLEY_TESTS=OFF -DPARLEY_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ) -j $(JOBS)
	@echo "fuzz targets built in $(FUZZ)/; how to run them: docs/fuzzing.md"

# Retrains the shipped models from the shipped data, reproducibly (same bytes for the same code and data).
# The intent model uses the sentiment model's output as features, so sentiment is trained first.
train: build
	@$(BUILD)/train_sentiment --shared ../shared/data --lexicons data/lexicons --out data/models/sentiment.model
	@$(BUILD)/train_intent --shared ../shared/data --corpus data/intent/corpus.tsv \
	  --brand data/intent/brand_corpus.tsv --out data/intent/intent.model

# Rebuilds the skills taxonomy and occupation profiles (data/skills) from the ESCO and O*NET extracts in
# ../shared/data/skills, deterministically (tests/people/taxonomy_test.cc checks the shipped files).
taxonomy: build
	@$(BUILD)/build_taxonomy --skills ../shared/data/skills --out data/skills

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
