# Developer entry points. Set-up is idempotent: the venv is created once and
# `pip install -e` re-runs only when pyproject.toml is newer than the stamp.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CQ01 := $(firstword $(wildcard ontology/queries/cq01-*.rq))

.PHONY: run test lint bench setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

run: $(STAMP)
	$(BIN)/carekg build
	$(BIN)/carekg stats
ifneq ($(CQ01),)
	@echo "$(CQ01):"
	$(BIN)/carekg query --file $(CQ01)
else
	@echo "(no ontology/queries/cq01-*.rq yet)"
endif

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/build.py
	$(BIN)/python bench/store.py
