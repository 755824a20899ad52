# Every task is a make target; CI and the README call these same targets.
# `make site` and `make test` set up the virtual environment from the pinned requirements first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help site site-html test test-all check preview bench new report generated clean

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

site: $(STAMP)  ## Validate the content and build the whole site, PDFs included, into site/
	$(PY) scripts/build.py

site-html: $(STAMP)  ## Build the site without PDFs (quicker)
	$(PY) scripts/build.py --no-pdf

check: $(STAMP)  ## Check the content (fast, no PDFs): fields, taxonomy, links, headings, safety
	$(PY) scripts/validate.py content

test: $(DEV_STAMP) $(NODE_STAMP)  ## Run the whole test suite
	$(PY) -m pytest $(PYTEST_ARGS)

test-all: $(DEV_STAMP) $(NODE_STAMP)  ## The test suite plus browser checks of every page in the sitemap
	LIBRARY_TEST_ALL=1 $(PY) -m pytest $(PYTEST_ARGS)

preview: $(STAMP)  ## Serve the site on http://127.0.0.1:8000 with live reload (no PDFs)
	LIBRARY_PDF=0 $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

bench: $(DEV_STAMP)  ## Measure build speed, page weight, index size and PDF throughput (QUICK=1 for small sizes)
	$(PY) scripts/bench.py $(if $(QUICK),--quick,)

new: $(STAMP)  ## Start a new resource from its type's template
	$(PY) scripts/new_resource.py

report: $(STAMP)  ## Content health: reviews due, uncovered domains and audiences, missing PDFs
	$(PY) scripts/report.py

generated: $(STAMP)  ## Remake the front matter schema and CONTRIBUTING.md's field list from the content model
	$(PY) scripts/generated.py

clean:  ## Remove the built site, caches and the virtual environment
	rm -rf site site.tmp site.old .cache $(VENV) node_modules test-results .pytest_cache
