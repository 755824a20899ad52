# Every task is a make target; CI and the README call these same targets.
# `make site` and `make test` set up the virtual environment from the pinned requirements first,
# and install the project into it (editable), which provides the `library` command and the
# `resource-library` MkDocs plugin.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip --disable-pip-version-check
LIBRARY := $(VENV)/bin/library
STAMP  := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help site site-html test test-all check preview edit bench lighthouse new report compare generated lint clean

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The site holds the browser editor (/admin/), whose JavaScript comes from the npm registry at the
# version package-lock.json pins: every build needs node_modules, so every target that builds installs it.
site: $(STAMP) $(NODE_STAMP)  ## Check the content and build the whole site, PDFs included, into site/
	$(LIBRARY) build

site-html: $(STAMP) $(NODE_STAMP)  ## Build the site without PDFs (quicker)
	$(LIBRARY) build --no-pdf

check: $(STAMP)  ## Check the content (fast, no PDFs): the same checks every build runs first
	$(LIBRARY) check

test: $(DEV_STAMP) $(NODE_STAMP) lint  ## Run the whole test suite, the linters and the workflow audit
	$(PY) -m pytest -m "not bench" $(PYTEST_ARGS)

test-all: $(DEV_STAMP) $(NODE_STAMP) lint  ## The test suite plus browser checks of every page in the sitemap
	LIBRARY_TEST_ALL=1 $(PY) -m pytest -m "not bench" $(PYTEST_ARGS)

lint: $(DEV_STAMP)  ## ruff (lint and format) on the Python, zizmor on the GitHub workflows
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/zizmor --offline --quiet .github/workflows/

preview: $(STAMP) $(NODE_STAMP)  ## Serve the site on http://127.0.0.1:8000 with live reload (no PDFs)
	LIBRARY_PDF=false $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

edit: $(STAMP) $(NODE_STAMP)  ## Edit in the browser, no account needed: the editor on 127.0.0.1:8000/admin/ saves into content/
	$(LIBRARY) edit

bench: $(DEV_STAMP)  ## Measure build speed, page weight, index size and PDF throughput (QUICK=1 for small sizes)
	$(PY) -m pytest -m bench -q $(PYTEST_ARGS)
	$(PY) -m scripts.bench $(if $(QUICK),--quick,)

lighthouse: $(STAMP) $(NODE_STAMP)  ## Lighthouse scores of every page type, ours beside plain Material, served gzipped (QUICK=1: one run a page)
	$(PY) -m scripts.bench.lighthouse $(if $(QUICK),--quick,)

# `make new` asks each question; or give the answers: make new TITLE="…" TYPE=briefing AUDIENCE=1,3 PQS=cf-3
# AUTHOR="…" ROLE="…" SUMMARY="…" SLUG=…, or any option of `make new ARGS=--help`. The values reach the
# command through the environment ("$$TITLE"), so quotes in them are safe.
new: $(STAMP)  ## Start a new resource, as a draft (TITLE=… TYPE=… AUDIENCE=… PQS=… AUTHOR=…, or ARGS="--help")
	$(LIBRARY) new $${TITLE:+--title "$$TITLE"} $${SUMMARY:+--summary "$$SUMMARY"} $${TYPE:+--type "$$TYPE"} \
	  $${AUDIENCE:+--audience "$$AUDIENCE"} $${PQS:+--pqs "$$PQS"} $${AUTHOR:+--author "$$AUTHOR"} \
	  $${ROLE:+--role "$$ROLE"} $${SLUG:+--slug "$$SLUG"} $(ARGS)

report: $(STAMP)  ## Content health: reviews due, uncovered domains and audiences, missing PDFs
	$(LIBRARY) report

compare: $(STAMP)  ## What readers will see change from another build to site/, in Markdown (BASE=its site folder)
	$(LIBRARY) compare $(or $(BASE),$(error give the other build's site folder: make compare BASE=path/to/site)) site

generated: $(STAMP)  ## Remake the files made from the content model: front matter schema, editor configuration, CONTRIBUTING.md fields
	$(LIBRARY) generated

clean:  ## Remove the built site, caches and the virtual environment
	rm -rf site site.tmp site.old .cache $(VENV) node_modules test-results .pytest_cache
