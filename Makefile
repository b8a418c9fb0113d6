# Two commands set everything up on a fresh machine:
#   make demo   creates .venv, installs storyline, analyses examples/ into out/examples
#   make test   creates .venv, installs storyline with its test tools, runs every check
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
DEMO_OUT := out/examples

.PHONY: demo test lint install clean chromium postgresql

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/storyline analyze examples --out $(DEMO_OUT)
	@echo
	@echo "report.html:    $(CURDIR)/$(DEMO_OUT)/report.html"
	@echo "briefing.md:    $(CURDIR)/$(DEMO_OUT)/briefing.md"
	@echo "storyline.json: $(CURDIR)/$(DEMO_OUT)/storyline.json"
	@echo "store:          $(CURDIR)/$(DEMO_OUT)/storyline.db"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

# Browser tests drive Debian's Chromium (no browser download); root installs it.
# Without root and without Chromium the browser tests skip, and say so.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# PostgreSQL tests start their own throwaway server with initdb/pg_ctl from Debian's
# postgresql package (no system service is used); root installs it. Without root
# and without PostgreSQL those tests skip, and say so.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

test: lint chromium postgresql
	$(VENV)/bin/pytest -q -p no:cacheprovider

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
