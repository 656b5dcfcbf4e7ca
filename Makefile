# Developer entry points. Set-up is idempotent: the venv is created once and
# `pip install -e` re-runs only when pyproject.toml is newer than the stamp.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Front-end assets: npm installs YASGUI and Cytoscape.js from package-lock.json (npm writes the
# stamp below on every install) and its build is copied for Flask to serve.
NPM_STAMP := node_modules/.package-lock.json
YASGUI_SRC := node_modules/@zazuko/yasgui/build
YASGUI_DST := server/static/vendor/yasgui
YASGUI_FILES := $(YASGUI_DST)/yasgui.min.js $(YASGUI_DST)/yasgui.min.css
CYTOSCAPE_SRC := node_modules/cytoscape/dist
CYTOSCAPE_DST := server/static/vendor/cytoscape
CYTOSCAPE_FILES := $(CYTOSCAPE_DST)/cytoscape.min.js
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint bench setup assets browser

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

assets: $(YASGUI_FILES) $(CYTOSCAPE_FILES)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(YASGUI_DST)/%: $(NPM_STAMP)
	@mkdir -p $(YASGUI_DST)
	cp $(YASGUI_SRC)/$* $@

$(CYTOSCAPE_DST)/%: $(NPM_STAMP)
	@mkdir -p $(CYTOSCAPE_DST)
	cp $(CYTOSCAPE_SRC)/$* $@

# The browser tests drive Debian's chromium through the playwright package
# (never `playwright install`, which downloads a browser of its own).
browser: $(STAMP)
	@test -x $(CHROMIUM) || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# `make run HOST=0.0.0.0 PORT=9000` to listen elsewhere; Ctrl-C stops the server.
HOST ?= 127.0.0.1
PORT ?= 8080

run: $(STAMP) assets
	$(BIN)/carekg build
	$(BIN)/carekg stats
	$(BIN)/carekg serve --host $(HOST) --port $(PORT)

test: $(STAMP) assets browser
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/build.py
	$(BIN)/python bench/store.py
