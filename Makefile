# Two commands for a newcomer: `make lab` opens the course, `make test` runs every test.
# Both create .venv if it is missing and re-install only when pyproject.toml or the
# constraints (the pinned versions of every package) changed. `make` alone lists the targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
LAB_STAMP := $(VENV)/.installed-lab
# JupyterLab settings the course ships (widget state saved with the notebook, no news popup).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# make present LANGUAGE=zh: the presenter pages in Chinese.
LANGUAGE ?= en
TEST_STAMP := $(VENV)/.installed-test
CLASSROOM_STAMP := $(VENV)/.installed-classroom
# configurable-http-proxy (JupyterHub's proxy), pinned by classroom/proxy/package-lock.json
PROXY := classroom/proxy/node_modules/.bin/configurable-http-proxy
# make classroom CLASS_LIST=class.csv CLASSROOM_CONFIG=my_classroom.toml (both optional)
CLASS_LIST ?=
CLASSROOM_CONFIG ?=
CLASSROOM := $(BIN)/python -m classroom $(if $(CLASSROOM_CONFIG),--config $(CLASSROOM_CONFIG))
PYTEST_WORKERS ?= 2
# What `make unit` leaves out (each is a pytest marker, see pyproject.toml); `make test` runs all.
SLOW_MARKERS := notebook or browser or install or slow or site
# make test keeps the notebooks it runs here; make site shows them instead of running them again.
EXECUTED := $(CURDIR)/build/executed
.DEFAULT_GOAL := help

.PHONY: help lab present test unit site setup lint notebooks browser-deps release \
	check-release benchmarks data constraints clean classroom classroom-deps classroom-os-deps \
	classroom-collect classroom-push bench-classroom

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(LAB_STAMP): pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test,classroom]'
	touch $(LAB_STAMP) $(CLASSROOM_STAMP) $@

## Create .venv and install the pinned packages (lab and test).
setup: $(TEST_STAMP)

$(LAB_SETTINGS): tools/lab_overrides.json | $(LAB_STAMP)
	mkdir -p $(dir $@)
	cp tools/lab_overrides.json $@

## Open the course in JupyterLab on the start-here notebook (as root it adds --allow-root and
## says so). JupyterLab options go in LAB_OPTIONS: make lab LAB_OPTIONS="--port 8890 --no-browser"
lab: $(LAB_STAMP) $(LAB_SETTINGS)
	$(BIN)/python tools/lab.py $(LAB_OPTIONS)

## Project the lectures' widgets without code (Voilà), larger for a projector:
## one page per lecture at http://localhost:8866 (make present LANGUAGE=zh for Chinese).
## The demo entries go to workbook/presenter.json, not to the instructor's own workbook.
present: $(LAB_STAMP)
	KAMLIB_PRESENTER=1 KAMLIB_LANGUAGE=$(LANGUAGE) \
	KAMLIB_WORKBOOK=$${KAMLIB_WORKBOOK:-$(CURDIR)/workbook/presenter.json} \
		$(BIN)/voila presenter --Voila.ip=127.0.0.1 --port 8866

## Everything CI runs: lint, unit and widget tests, doctests, every notebook (papermill +
## nbval), the install test, browser tests, a class of three on the classroom hub; then the
## website from the notebooks just run (make site) and its tests.
test: $(TEST_STAMP) browser-deps classroom-os-deps $(PROXY)
	$(BIN)/ruff check .
	KAMLIB_EXECUTED_NOTEBOOKS=$(EXECUTED) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) \
		--dist loadfile --nbval-lax -m "not site" \
		tests notebooks exercises/source exercises/release
	$(BIN)/python tools/website.py build --reuse $(EXECUTED)
	$(BIN)/python -m pytest -m site tests/test_site.py

## The course website in build/site/html (Sphinx + MyST-NB): every notebook after one run,
## the glossary, search; notebooks run through a cache. Then a check of its internal links.
site: $(TEST_STAMP)
	$(BIN)/python tools/website.py build --reuse $(EXECUTED)

## The fast loop while you work (well under a minute): ruff, the unit and widget tests and the
## Examples of kamlib's docstrings as doctests; no notebooks, browser, install or slow tests.
unit: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) -m "not ($(SLOW_MARKERS))" tests

## This list.
help:
	@awk '/^## /{doc[n++] = substr($$0, 4); next} \
	     /^[a-z][a-z-]*:/ && n {split($$0, t, ":"); printf "make %-13s %s\n", t[1], doc[0]; \
	                            for (i = 1; i < n; i++) printf "%18s %s\n", "", doc[i]} \
	     {n = 0}' $(MAKEFILE_LIST)

## Debian's Chromium for the browser tests, a Chinese font for plot labels and bubblewrap (the
## sandbox the grading tests run learner code in), installed when missing and we may (CI runs
## as root); elsewhere a note says what will be skipped.
browser-deps: MISSING_NOTE = tests that need them are skipped (browser tests; plots label in English only; sandbox tests run the weaker 'process' mode).
browser-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-wqy-microhei"; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	$(INSTALL_MISSING)

# Install the Debian packages listed in $$missing when we may (root, apt-get); else say what
# will not work (MISSING_NOTE).
INSTALL_MISSING = if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's $$missing ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "NOTE: missing $$missing: $(MISSING_NOTE)"; fi

## ruff only.
lint: $(TEST_STAMP)
	$(BIN)/ruff check .

## Write the learner exercises, the answer key and the learner bundle (build/learner-bundle/),
## then scan them for leaks. The bundle's answer key uses the course secret
## (KAMLIB_COURSE_SECRET, else the instructor's secret file: see docs/instructor_guide.md).
release: $(LAB_STAMP)
	$(BIN)/python -m kamlib.grading release

## Check that exercises/release is what `make release` would write.
check-release: $(LAB_STAMP)
	$(BIN)/python -m kamlib.grading check-release

## Speed and quality targets (benchmarks/bench_*.py), one table; see docs/benchmarks.md.
## Only some: make benchmarks BENCH="domain -k import"
benchmarks: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH)

## A class of LEARNERS (default 30) on the classroom hub: time to a server, memory per
## learner, widget round trips (as root; takes several minutes).
LEARNERS ?= 30
bench-classroom: $(TEST_STAMP) $(PROXY)
	$(BIN)/python benchmarks/bench_classroom.py --learners $(LEARNERS)

## The training room: one JupyterHub on this machine for a class (as root). Each learner signs
## in with the one-time password printed for them, as their own system user, to their own
## JupyterLab with the learner bundle. See docs/instructor_guide.md, "Running a session on a server".
classroom: classroom-deps release
	$(CLASSROOM) start $(if $(CLASS_LIST),--class-list $(CLASS_LIST))

## Copy every learner's workbook and exercises into the grading folder.
classroom-collect: classroom-deps
	$(CLASSROOM) collect

## Hand out updated exercises (FILES=..., default: the whole bundle after make release)
## without touching anyone's work: an edited copy is kept, the update put beside it.
classroom-push: classroom-deps release
	$(CLASSROOM) push $(FILES)

classroom-deps: $(CLASSROOM_STAMP) $(PROXY)

## Debian's packages the classroom needs: npm (for the proxy) and patchelf (to give learners a
## copy of a Python installed where they may not run it, e.g. pyenv's in /root), installed when
## missing and we may (CI runs as root).
classroom-os-deps: MISSING_NOTE = the classroom cannot start (apt-get install $$missing).
classroom-os-deps:
	@missing=""; \
	command -v npm >/dev/null || missing="nodejs npm"; \
	command -v patchelf >/dev/null || missing="$$missing patchelf"; \
	$(INSTALL_MISSING)

$(CLASSROOM_STAMP): pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[classroom]'
	touch $@

$(PROXY): classroom/proxy/package.json classroom/proxy/package-lock.json | classroom-os-deps
	npm ci --prefix classroom/proxy --no-audit --no-fund --loglevel=error
	touch $@

## Re-generate the case company's data (deterministic).
data: $(LAB_STAMP)
	$(BIN)/python datasets/generate.py

## Re-pin every package after a change of pyproject.toml (needs the package index).
constraints:
	rm -rf build/constraints-venv
	$(PYTHON) -m venv build/constraints-venv
	build/constraints-venv/bin/python -m pip install --quiet -e '.[test,classroom]'
	build/constraints-venv/bin/python -m pip freeze --exclude-editable | grep -v '^kamlib' > $(CONSTRAINTS)
	rm -rf build/constraints-venv

## Remove .venv and everything built.
clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache

## Re-run the notebooks and keep outputs only in the cells nbval checks.
notebooks: $(TEST_STAMP)
	$(BIN)/python tools/notebook_outputs.py refresh
