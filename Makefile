# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-js lint ruff mypy imports bench bench-plot nodes clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	MAWID_DEMO=$${MAWID_DEMO:-1} $(BIN)/mawid serve

# The suite runs on two pytest-xdist processes (this machine's two cores), a test file to a worker:
# the servers and browsers a module shares start once; each worker has its own template databases,
# Redis key prefixes, ports and tmp dirs. PYTEST_WORKERS=0 runs it in this one process instead.
PYTEST_WORKERS ?= 2
test: $(STAMP)
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The checks before pytest run side by side (`make lint`), each one's output printed whole when it
# ends: mypy, the longest, has one core; ruff, the import contracts and the JavaScript tests (which
# mostly wait for Node processes to start) share the other. Any failure stops `make test`.
lint: ruff mypy imports test-js

ruff: $(STAMP)
	$(BIN)/ruff check .

mypy: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

# The pages' JavaScript (tests/js/*.test.mjs) on Node's own test runner: no npm, no packages.
# Without Node it is skipped with the reason; under CI=true a missing Node is a failure.
test-js:
	@if command -v node >/dev/null 2>&1; then \
	  node --test --test-reporter=spec tests/js/*.test.mjs; \
	elif [ "$$(printf %s "$${CI:-}" | tr A-Z a-z)" = true ]; then \
	  echo "test-js: node is missing, and CI=true requires it (apt-get install nodejs)" >&2; exit 1; \
	else \
	  echo "test-js: SKIPPED, node is not installed (apt-get install nodejs): tests/js did not run"; \
	fi

# Every benchmark, then issue 16's figures against their targets; the run is written to
# bench/results/<UTC date-time>Z-<commit>.json. BENCH_ARGS="--quick" (or names: booking display)
# runs less. bench-plot draws the last BENCH_RUNS runs' latency CDFs to bench/results/latency-cdf.png.
BENCH_RUNS ?= 3
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-plot: $(STAMP)
	$(BIN)/python -m bench.plot --last $(BENCH_RUNS)

# Three nodes behind HAProxy on one PostgreSQL and one Redis, one killed and restarted under load
# (needs haproxy, redis-server and PostgreSQL on 127.0.0.1:5432); not part of `make test`.
NODES_SECONDS ?= 30
nodes: $(STAMP)
	$(BIN)/python -m deploy.nodes --seconds $(NODES_SECONDS)

clean:
	rm -rf $(VENV) var
