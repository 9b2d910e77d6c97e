# One task runner: `make demo` and `make test` work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest eval bench lock readme clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/trucewatch demo

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that is a failure of the suite, never a pass.
pytest: $(STAMP)
	$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests"; exit 1; fi; exit $$rc

# Every evaluation on the shared data (README.md's tables): geoparsing in both modes,
# event typing on CASE 2021, mentions on ACLED notes, and the seed gold.
GEOPARSING := ../shared/data/geoparsing
eval: $(STAMP)
	@for f in $(GEOPARSING)/GWN.xml $(GEOPARSING)/lgl.xml; do \
		for m in resolve end-to-end; do \
			echo "== $$f $$m"; $(BIN)/trucewatch eval geoparse $$f --mode $$m --json || exit 1; \
		done; \
	done
	$(BIN)/trucewatch eval case ../shared/data/case2021/task2-test-with-labels.tsv --json
	$(BIN)/trucewatch eval acled ../shared/data/acled/acled-2020-04-27_2020-05-09-except-syria.csv --json
	$(BIN)/trucewatch eval gold ../shared/gold/seeds-incidents.jsonl --docs ../shared/seeds \
		--published 000=2020-03-05 --published 002=2020-03-06 \
		--agreement examples/idlib-2020/agreement.yaml --json

bench: $(STAMP)
	$(BIN)/trucewatch bench geoparse
	$(BIN)/trucewatch bench assess
	$(BIN)/trucewatch bench extract
	$(BIN)/trucewatch bench neardup

# Regenerate the pinned, hashed dependency set after changing pyproject.toml.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

readme: $(STAMP)
	$(BIN)/python scripts/readme_help.py
