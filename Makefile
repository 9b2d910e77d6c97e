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

# The geoparsing scores on the shared corpora (README.md's table), both modes.
GEOPARSING := ../shared/data/geoparsing
eval: $(STAMP)
	@for f in $(GEOPARSING)/GWN.xml $(GEOPARSING)/lgl.xml; do \
		for m in resolve end-to-end; do \
			echo "== $$f $$m"; $(BIN)/trucewatch eval geoparse $$f --mode $$m --json || exit 1; \
		done; \
	done

bench: $(STAMP)
	$(BIN)/trucewatch bench geoparse
	$(BIN)/trucewatch bench assess
	$(BIN)/trucewatch bench extract

# Regenerate the pinned, hashed dependency set after changing pyproject.toml.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

readme: $(STAMP)
	$(BIN)/python scripts/readme_help.py
