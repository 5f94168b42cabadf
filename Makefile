# Two entry points that work on a fresh machine with only Python 3.11+:
#   make site   build the website from content/ into site/
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/timeline build

serve: $(STAMP)
	$(BIN)/timeline serve

check: $(STAMP)
	$(BIN)/timeline check

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/tagger.py
	$(BIN)/python bench/extract.py

clean:
	rm -rf build site .timeline-cache
