# Two entry points that work on a fresh machine with only Python 3.11+:
#   make site   build the website from content/ into site/
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test

.PHONY: install site test serve check bench clean

# The site needs only the runtime dependencies; tests and benchmarks add theirs.
$(SITE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(SITE_STAMP)

$(TEST_STAMP): $(SITE_STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(TEST_STAMP)

install: $(SITE_STAMP)

site: $(SITE_STAMP)
	$(BIN)/timeline build

serve: $(SITE_STAMP)
	$(BIN)/timeline serve

check: $(SITE_STAMP)
	$(BIN)/timeline check

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

bench: $(TEST_STAMP)
	$(BIN)/python bench/tagger.py
	$(BIN)/python bench/tagger_errors.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/dated_sentences.py
	$(BIN)/python bench/world_news.py
	$(BIN)/python bench/scale.py --years 1

clean:
	rm -rf build site .timeline-cache
