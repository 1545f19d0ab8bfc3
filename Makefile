# Gap Watch: build, run and test.
#
#   make run    install into .venv and serve the app on http://127.0.0.1:$(PORT)
#   make test   install with test extras, ensure a Chromium, lint, type-check, check the
#               import layers, run pytest (a browser that cannot start fails the run)
#   make test-quick  the same without Chromium and without the browser tests (quick, local)
#   make bench  Gap Watch vs a naive build and the framework floor (BENCH_ARGS=--quick: 2 runs),
#               then the load test: 20 sessions for 60 s, 1,000 reruns for memory
#               (LOAD_ARGS='--url http://proxy:port' to load another address), then the
#               same load on one process and on the cluster (make bench-cluster)
#   make bench-history  the last three full `make bench` runs side by side, and whether every
#               target held in all three (benchmarks/history.jsonl)
#   make cluster N=3   N replicas behind HAProxy, served at http://127.0.0.1:$(PORT)
#
# Needs only python3 (>= 3.11) and make on Debian/Ubuntu; as root with apt-get it installs
# python3-venv, Chromium and HAProxy itself when they are missing.
# Overridable: PYTHON, VENV, PORT, and GAPWATCH_CHROMIUM (path to a Chromium for the browser
# tests).

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8501
N ?= 3

VBIN = $(VENV)/bin
VPY = $(VBIN)/python
PIP = $(VPY) -m pip --disable-pip-version-check
# Leaflet and jQuery for the map, copied from their xstatic packages into static/vendor/ at
# install time (the app only checks them: it never writes into its source tree).
VENDOR = $(VPY) -m components.assets static
APT_INSTALL = DEBIAN_FRONTEND=noninteractive apt-get install -y -q

.PHONY: run test test-quick bench bench-cluster bench-history cluster venv install install-test \
	chromium haproxy vendor lint typecheck imports pytest clean

run: install
	@echo "Gap Watch: open http://127.0.0.1:$(PORT) (Ctrl-C stops it)"
	$(VPY) -m streamlit run app.py --server.headless true \
		--server.address 127.0.0.1 --server.port $(PORT)

test: install-test chromium haproxy
	$(VBIN)/ruff check .
	$(VBIN)/ruff format --check .
	$(VBIN)/mypy .
	$(VBIN)/lint-imports
	$(VPY) -m pytest

# Unit, AppTest and build tests only: no browser, no Chromium needed.
test-quick: install-test haproxy
	@$(VENDOR)
	$(VBIN)/ruff check .
	$(VBIN)/ruff format --check .
	$(VBIN)/mypy .
	$(VBIN)/lint-imports
	$(VPY) -m pytest -m "not browser"

bench: $(VENV)/.installed-bench chromium haproxy
	$(VPY) -m benchmarks.run $(BENCH_ARGS)
	$(VPY) -m benchmarks.load $(LOAD_ARGS)
	$(VPY) -m benchmarks.cluster_bench $(CLUSTER_BENCH_ARGS)

# Each full run of benchmarks.run appends a line to benchmarks/history.jsonl (issue #12: every
# target in three consecutive full runs).
bench-history: $(VENV)/.installed-bench
	$(VPY) -m benchmarks.history

# Only the side-by-side load: one process vs the cluster (CLUSTER_BENCH_ARGS: --sessions,
# --duration, --replicas; see benchmarks/cluster_bench.py).
bench-cluster: $(VENV)/.installed-bench haproxy
	$(VPY) -m benchmarks.cluster_bench $(CLUSTER_BENCH_ARGS)

# N Streamlit replicas behind HAProxy on loopback (deploy/); prints the proxy URL on a line of
# its own, Ctrl-C stops everything. CLUSTER_ARGS: e.g. --store DIR, --bind 0.0.0.0.
cluster: install haproxy
	$(VPY) -m deploy.cluster --replicas $(N) --port $(PORT) $(CLUSTER_ARGS)

# --- helpers ----------------------------------------------------------------------------

venv: $(VPY)

$(VPY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: Gap Watch needs Python >= 3.11; '$(PYTHON)' is $$($(PYTHON) -V 2>&1)." >&2; \
		echo "       Point PYTHON at a newer one, e.g. 'make PYTHON=python3.12 ...'." >&2; exit 1; }
	@if ! $(PYTHON) -m venv $(VENV) >/dev/null 2>&1; then \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "python3 -m venv failed (python3-venv missing?): installing python3-venv"; \
			apt-get update -q && $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); \
		else \
			echo "error: '$(PYTHON) -m venv' failed. On Debian/Ubuntu install the venv module" >&2; \
			echo "       first: sudo apt-get install python3-venv   (then rerun make)" >&2; \
			exit 1; \
		fi; \
	fi
	@test -x $(VPY)

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml $(VPY)
	$(PIP) install -q -e .
	@$(VENDOR)
	@touch $@

# The test extras include everything `install` does, so they satisfy its stamp too.
$(VENV)/.installed-test: pyproject.toml $(VPY)
	$(PIP) install -q -e '.[test]'
	@$(VENDOR)
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml $(VPY)
	$(PIP) install -q -e '.[test,bench]'
	@$(VENDOR)
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

# Browser tests need a Chromium: $$GAPWATCH_CHROMIUM, else Debian's /usr/bin/chromium
# (installed with apt-get when we are root), else Playwright's own download.
chromium: $(VENV)/.installed-test
	@if [ -n "$${GAPWATCH_CHROMIUM:-}" ]; then \
		test -x "$$GAPWATCH_CHROMIUM" || { \
			echo "error: GAPWATCH_CHROMIUM=$$GAPWATCH_CHROMIUM is not executable" >&2; exit 1; }; \
		echo "chromium: $$GAPWATCH_CHROMIUM (GAPWATCH_CHROMIUM)"; \
	elif [ -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
				&& ! dpkg -s fonts-noto-core >/dev/null 2>&1; then \
			echo "chromium: installing fonts-noto-core (Arabic text)"; \
			apt-get update -q && $(APT_INSTALL) fonts-noto-core; \
		fi; \
		echo "chromium: /usr/bin/chromium"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "chromium: installing Debian's chromium and fonts-noto-core"; \
		apt-get update -q && $(APT_INSTALL) chromium fonts-noto-core; \
	else \
		echo "chromium: none found, downloading Playwright's (set GAPWATCH_CHROMIUM to use another)"; \
		$(VPY) -m playwright install chromium; \
	fi

# The cluster's proxy: Debian's haproxy (installed with apt-get when we are root). It lives
# in /usr/sbin, which is not on every user's PATH.
haproxy:
	@if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "haproxy: installing Debian's haproxy"; \
		apt-get update -q && $(APT_INSTALL) haproxy; \
	else \
		echo "error: the cluster needs HAProxy: sudo apt-get install haproxy" >&2; exit 1; \
	fi

vendor: install
	@$(VENDOR)

lint: $(VENV)/.installed-test
	$(VBIN)/ruff check .
	$(VBIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(VBIN)/mypy .

# The layers of pyproject.toml's [tool.importlinter]: views -> components -> gapwatch.
imports: $(VENV)/.installed-test
	$(VBIN)/lint-imports

pytest: $(VENV)/.installed-test
	$(VPY) -m pytest

clean:
	rm -rf test-artifacts .pytest_cache .mypy_cache .ruff_cache static/vendor
	rm -f $(VENV)/.installed $(VENV)/.installed-test $(VENV)/.installed-bench
