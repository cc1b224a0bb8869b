# The two commands: `make run` and `make test`. Both set everything up on a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     ?= newsdesk.db
OUT    ?= out
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint browser bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: ingest the bundled samples, build stories, posts and the site, then serve the reader
run: $(STAMP)
	$(VENV)/bin/newsdesk --db $(DB) run samples/ --out $(OUT)
	$(VENV)/bin/newsdesk --db $(DB) articles
	$(VENV)/bin/newsdesk --db $(DB) stories
	@echo "Posts: $(OUT)/posts   Static site: $(OUT)/site/index.html"
	$(VENV)/bin/newsdesk --db $(DB) serve --host $(HOST) --port $(PORT)

## browser: Debian's Chromium for the web reader's tests (Playwright drives it)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will skip"; }

## test: install what the tests need and run them
test: $(STAMP) browser
	$(VENV)/bin/ruff check src tests benchmarks
	$(PY) -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) $(DB) $(DB)-wal $(DB)-shm test-output
