# The first command on a clean clone may be `make chat` or `make test`: both build
# .venv from nothing. Stamps make the install step a no-op until the dependency
# files change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: test lint typecheck unit chat discord check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# requirements.txt is passed as constraints so local runs use exactly the
# versions the hosting platform installs.
$(RUNTIME): $(BIN)/python pyproject.toml requirements.txt
	$(PIP) install -c requirements.txt -e .
	@touch $@

$(DEV): $(RUNTIME)
	$(PIP) install -c requirements.txt -e '.[dev]'
	@touch $@

test: lint typecheck unit

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	$(BIN)/mypy

unit: $(DEV)
	$(BIN)/pytest -q

chat: $(RUNTIME)
	$(BIN)/python -m bot ask

discord: $(DEV)
	$(BIN)/python -m tests.standin.demo

check: $(RUNTIME)
	$(BIN)/python -m bot check

bench: $(DEV)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
