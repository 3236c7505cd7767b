# Foodie: the Makefile targets are the interface. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= foodie.settings.development

.DEFAULT_GOAL := help
.PHONY: help install run test e2e bench bench-queries lint format check lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Foodie needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

run: install ## Migrate, load demo content into an empty database, serve on 127.0.0.1:8000 (PORT=...)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content --if-empty
	@echo "Foodie: http://127.0.0.1:$(PORT)/  admin: http://127.0.0.1:$(PORT)/admin/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install ## Run the test suite (uses DATABASE_URL / REDIS_URL when set)
	DJANGO_SETTINGS_MODULE=foodie.settings.test $(BIN)/pytest --ignore=tests/stack --ignore=tests/e2e $(PYTEST_ARGS)

e2e: install ## Browser journeys and accessibility in Chromium (E2E_BASE_URL, else a dev server)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)
	DJANGO_SETTINGS_MODULE=foodie.settings.test $(BIN)/pytest tests/e2e -p no:cacheprovider \
	  --screenshot only-on-failure --tracing retain-on-failure --output test-artifacts/e2e/failures $(PYTEST_ARGS)

bench: bench-cache bench-search ## The page cache, then search (PostgreSQL + Redis); figures for RESULTS.md

.PHONY: bench-cache
bench-cache: install ## Page cache through Gunicorn with wrk: bare WSGI vs hit vs uncached (PostgreSQL + Redis)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python benchmarks/page_cache_bench.py

bench-queries: install ## Count database queries per page type, small vs large content
	$(BIN)/python benchmarks/query_counts.py

.PHONY: bench-render
bench-render: install ## In-process render time per page type, BASE=<commit> (default d0e28e9) vs the working tree, in one run; REDIS=<url> puts Django's cache in Redis; HITS=<n> times page-cache hits instead
	$(BIN)/python benchmarks/render_bench.py --base $(or $(BASE),d0e28e9) $(if $(ROUNDS),--rounds $(ROUNDS)) $(if $(REDIS),--redis $(REDIS)) $(if $(HITS),--hits $(HITS))

lint: install ## Lint and format-check Python (ruff), templates (djhtml) and the import contracts (lint-imports)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

format: install ## Apply ruff and djhtml formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

check: install ## Django system checks and missing-migration check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lock: install ## Recompile requirements*.txt from requirements*.in
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links requirements-dev.in -o requirements-dev.txt

clean: ## Remove the virtualenv, the SQLite database and generated files
	rm -rf $(VENV) db.sqlite3 var .pytest_cache .ruff_cache

# --- Production stack (docs/operators.md "Production stack") -----------------------
.PHONY: stack stack-down stack-test validate backup restore bench-stack
# The stack's directory (deploy/stack.py: FOODIE_STACK_DIR, default .stack) and its env file.
STACK_ENV := $(or $(FOODIE_STACK_DIR),.stack)/env
# Where `make stack` keeps media: disk (Nginx serves it) or s3 (moto, a bucket).
MEDIA ?= disk
# App nodes (each a Gunicorn and its edge Nginx); more than one runs behind a load balancer.
NODES ?= 1

stack: install monitoring-tools nginx-modules ## Run the production topology on 127.0.0.1 (PostgreSQL, Redis, Gunicorn, scheduler, Nginx+TLS, Prometheus and exporters; MEDIA=s3: media in a local S3 bucket; NODES=2: two app nodes behind a load balancer)
	STACK_MEDIA=$(MEDIA) STACK_NODES=$(NODES) $(BIN)/python deploy/stack.py up
	$(BIN)/python deploy/monitoring.py up

# The edge cache's PURGE (docs/operators.md "Edge cache"): Debian's module for its nginx.
.PHONY: nginx-modules
nginx-modules:
	@test -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so || { echo "installing libnginx-mod-http-cache-purge (apt)"; \
	sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; $$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libnginx-mod-http-cache-purge; }

stack-down: ## Stop exactly the processes `make stack` started (by pid)
	$(BIN)/python deploy/monitoring.py down
	$(BIN)/python deploy/stack.py down

stack-test: install ## End-to-end tests against a running `make stack` (tests/stack; those marked `nodes` with NODES>1)
	FOODIE_STACK_URL=$$(sed -n 's/^export FOODIE_STACK_URL=//p' $(STACK_ENV)) \
	DJANGO_SETTINGS_MODULE=foodie.settings.test $(BIN)/pytest tests/stack $(PYTEST_ARGS)

validate: install ## Validate Docker, Compose, Nginx, Kubernetes and workflow files with the real tools
	$(BIN)/python deploy/validate.py

.PHONY: kubernetes-deploy
kubernetes-deploy: install ## Deploy an overlay to the current kubectl context: release Job, then the Deployments (OVERLAY=staging)
	$(BIN)/python deploy/kube.py deploy "$${OVERLAY:?set OVERLAY=staging or OVERLAY=production}"

backup: install ## Dump the database and archive media (BACKUP_DIR=backups; the stack's env if running)
	@if [ -f $(STACK_ENV) ]; then set -a; . $(abspath $(STACK_ENV)); set +a; fi; \
	$(BIN)/python deploy/backup.py backup $(BACKUP_DIR)

restore: install ## Restore a backup made by `make backup` (BACKUP=backups/foodie-...)
	@if [ -f $(STACK_ENV) ]; then set -a; . $(abspath $(STACK_ENV)); set +a; fi; \
	$(BIN)/python deploy/backup.py restore $(BACKUP)

bench-stack: install ## On the running stack, one page's bytes: Nginx static vs edge hit vs page-cache hit vs render vs bare WSGI, and one worker each (wrk)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python benchmarks/stack_bench.py

# --- Load, chaos, soak (docs/operators.md "Load, chaos and soak") ------------------
.PHONY: load chaos soak load-check
STACK_RUN_ENV = if [ -z "$$FOODIE_STACK_DIR" ] && [ -f $(STACK_ENV) ]; then set -a; . ./$(STACK_ENV); set +a; fi;

load: install ## On the running stack: Locust's mix, ramped until p95 passes 1 s (LOAD_STEPS=users:seconds,...)
	@$(STACK_RUN_ENV) $(BIN)/python -m loadtest.run load $(if $(LOAD_STEPS),--steps $(LOAD_STEPS))

chaos: install ## On the running stack: every fault under Locust's load, then no stale page (CHAOS_USERS, CHAOS_GAP)
	@$(STACK_RUN_ENV) $(BIN)/python -m loadtest.run chaos --users $(or $(CHAOS_USERS),30) --gap $(or $(CHAOS_GAP),25)

load-check: install ## On the running stack: CI's two-minute chaos under load; fails on an unexcused error or a stale page
	@$(STACK_RUN_ENV) $(BIN)/python -m loadtest.run check

soak: install ## On the running stack: the mix for 30 min, failing on a leak or an error (SOAK_USERS, SOAK_MINUTES)
	@$(STACK_RUN_ENV) $(BIN)/python -m loadtest.run soak --users $(or $(SOAK_USERS),100) --minutes $(or $(SOAK_MINUTES),30)

# --- Monitoring (docs/operators.md "Monitoring") -----------------------------------
.PHONY: monitoring-tools monitoring-up monitoring-down monitoring-check monitoring-validate monitoring-dashboards
MONITORING_TOOLS := prometheus promtool prometheus-nginx-exporter prometheus-redis-exporter prometheus-postgres-exporter mtail

monitoring-tools:
	@missing=""; for tool in $(MONITORING_TOOLS); do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then echo "installing$$missing (apt)"; \
	sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; $$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	prometheus prometheus-nginx-exporter prometheus-redis-exporter prometheus-postgres-exporter mtail; fi

monitoring-up: install monitoring-tools ## Start Prometheus and the exporters beside a running `make stack`
	$(BIN)/python deploy/monitoring.py up

monitoring-down: ## Stop exactly the processes `make monitoring-up` started (by pid)
	$(BIN)/python deploy/monitoring.py down

monitoring-check: monitoring-up ## Send traffic, then evaluate every dashboard query and alert in Prometheus
	$(BIN)/python -m monitoring.live_check

monitoring-validate: install monitoring-tools ## promtool checks and alert unit tests; dashboards up to date
	promtool check config monitoring/prometheus/prometheus.yml
	promtool check rules monitoring/prometheus/rules/*.yml
	promtool test rules monitoring/prometheus/tests/*.yml
	$(BIN)/python -m monitoring.grafana.build --check

monitoring-dashboards: install ## Regenerate monitoring/grafana/dashboards/*.json from monitoring/grafana/*.py
	$(BIN)/python -m monitoring.grafana.build

# --- Search (benchmarks/RESULTS.md "Search latency") ----------------------------------
.PHONY: bench-search
bench-search: install ## Search p50/p95 on PostgreSQL at 1k and 10k recipes (SEARCH_BENCH_DATABASE_URL=...)
	DJANGO_SETTINGS_MODULE=foodie.settings.test $(BIN)/python benchmarks/search_bench.py
