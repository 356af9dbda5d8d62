# Every target creates or reuses .venv; nothing needs to be installed beforehand but
# Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## run: set up, extract seeds/ into report.jsonl, and score it if the shared gold set is there
run: $(STAMP)
	$(BIN)/vnextract extract seeds/ -o report.jsonl
	@if [ -f ../shared/gold/seeds.jsonl ]; then $(BIN)/vnextract eval ../shared/gold/seeds.jsonl report.jsonl; fi

## test: set up, then lint and run the test suite
test: $(STAMP)
	$(BIN)/ruff check cli extractors tests bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check cli extractors tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) report.jsonl .pytest_cache
