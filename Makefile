# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench nodes clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	MAWID_DEMO=$${MAWID_DEMO:-1} $(BIN)/mawid serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

# Three nodes behind HAProxy on one PostgreSQL and one Redis, one killed and restarted under load
# (needs haproxy, redis-server and PostgreSQL on 127.0.0.1:5432); not part of `make test`.
NODES_SECONDS ?= 30
nodes: $(STAMP)
	$(BIN)/python -m deploy.nodes --seconds $(NODES_SECONDS)

clean:
	rm -rf $(VENV) var
