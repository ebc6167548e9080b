# kg: two commands on a fresh machine.
#   make run    set up .venv (pinned deps + English model) and build the example into exports/
#   make test   set up, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLE := examples/taliban-twitter-threads.txt
NAME := taliban-twitter-threads
CORPUS ?= ../shared/corpus/bbc

.PHONY: install run test lint bench clean browser

install: $(STAMP)

# Everything kg needs is installed here: pinned by setup.cfg and constraints.txt.
$(STAMP): setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: install
	mkdir -p exports
	$(BIN)/kg build $(EXAMPLE) -o exports/$(NAME).ttl
	$(BIN)/kg build $(EXAMPLE) -q -o exports/$(NAME).jsonl
	$(BIN)/kg build $(EXAMPLE) -q -o exports/$(NAME).trig
	$(BIN)/kg build $(EXAMPLE) -q -o exports/$(NAME).nt
	$(BIN)/kg build $(EXAMPLE) -q -o exports/$(NAME).nq
	$(BIN)/kg build $(EXAMPLE) -q -o exports/$(NAME).jsonld
	$(BIN)/kg export exports/$(NAME).ttl -q -o exports/$(NAME).html
	$(BIN)/kg export exports/$(NAME).trig -q -o exports/$(NAME).graphml
	$(BIN)/kg export exports/$(NAME).trig -q -o exports/$(NAME).gexf
	$(BIN)/kg export exports/$(NAME).trig -q -o exports/$(NAME).dot
	$(BIN)/kg export exports/$(NAME).trig -q --format csv -o exports/$(NAME)-csv

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks
	$(BIN)/mypy kg

test: lint browser
	$(BIN)/pytest -q

# Debian's chromium for the browser tests (tests/test_browser.py): installed when it is missing
# and apt-get can (as root); otherwise those tests skip and say why. Never fails the build.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "make: installing Debian's chromium for the browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
			|| echo "make: chromium could not be installed; the browser tests will be skipped"; \
	fi

bench: install
	$(BIN)/python benchmarks/bench.py $(CORPUS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
