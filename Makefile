# Every target bootstraps .venv on first use and re-installs only when pyproject.toml or the lock file change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# make report: every (city, year) the data support; make report YEAR=2020 (or CITY=...) for one
CITY   ?=
YEAR   ?=
JOBS   ?=
# make lab LAB_ARGS="--no-browser --port 8899": any `jupyter lab` option; as root (a container)
# --allow-root is added for you.
LAB_ARGS  ?=
ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root)
# make draft FILE=data/raw/x.txt SOURCE=x_2022 [YEAR=2022] [OUT=draft.csv]
FILE   ?=
SOURCE ?=
OUT    ?=
# make bench PANEL=0,1,3: also build synthetic panels of that many made-up cities (YEAR= one year)
PANEL  ?=

.PHONY: report pdf test test-slow check lint lock lab bench draft kernel clean

# Python and pytest keep their bytecode caches (git-ignored __pycache__ folders): a shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile helpers again in every kernel and worker, and
# have pytest rewrite every test module again in each of its workers.
unexport PYTHONDONTWRITEBYTECODE

$(STAMP): pyproject.toml requirements-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m helpers.build.kernel >/dev/null
	$(BIN)/python -m helpers.present.fonts >/dev/null
	touch $(STAMP)

# the notebooks' kernel, "Python (nsr)", registered inside .venv
kernel: $(STAMP)
	$(BIN)/python -m helpers.build.kernel

report: $(STAMP)
	$(BIN)/python -m helpers.build.report $(if $(CITY),--city $(CITY)) $(if $(YEAR),--year $(YEAR)) --lang en --lang zh --pdf $(if $(JOBS),--jobs $(JOBS))

# An A4 PDF per language of every built report (or CITY=, YEAR=) from its HTML (headless Chromium);
# exits 2 when Chromium is missing.
pdf: $(STAMP)
	$(BIN)/python -m helpers.build.pdf $(if $(CITY),--city $(CITY)) $(if $(YEAR),--year $(YEAR)) --lang en --lang zh

# make test: lint, then one pytest session on two workers: the unit, data and property tests, and nbval
# over every notebook (a notebook's cells stay on one worker: --dist loadfile) on kernels forked from a
# warm process (nsr-fork, helpers.build.forkkernel), about a minute.
# make test-slow: the tests that build whole reports (golden key figures, en/zh parity, next year,
# faults mid-build, JupyterLab, Chromium). make check: both. CI runs both.
test: lint kernel
	$(BIN)/python -m pytest -p tests.session tests notebooks --ignore=tests/fixtures -n 2 --dist loadfile --no-loadscope-reorder -m "not slow" \
		--nbval-lax --nbval-kernel-name nsr-fork --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test-slow: kernel
	$(BIN)/python -m pytest -p tests.session tests -n 2 --dist loadgroup -m slow
	NSR_PROPERTY_EXAMPLES=60 $(BIN)/python -m pytest -p tests.session tests/test_property.py -n 2 -p no:cacheprovider

check: test test-slow

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/nbqa ruff notebooks
	$(BIN)/lint-imports

# Re-pin the test environment after changing the ranges in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	(echo "# Pinned versions of the test environment (pip freeze of .venv on Python 3.11); pyproject.toml keeps"; \
	 echo "# the loose ranges. make uses this file; refresh it with: make lock"; \
	 $(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e') > requirements-lock.txt

lab: kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_ARGS) $(LAB_ARGS)

draft: $(STAMP)
	@test -n "$(FILE)" -a -n "$(SOURCE)" || { echo "usage: make draft FILE=data/raw/<file>.txt SOURCE=<id> [YEAR=<year>] [OUT=draft.csv]" >&2; exit 2; }
	$(BIN)/python -m helpers.data.draft $(FILE) --source $(SOURCE) $(if $(filter command line,$(origin YEAR)),--year $(YEAR)) $(if $(OUT),--out $(OUT))

bench: kernel
	$(BIN)/python -m helpers.data.draft --evaluate
	$(BIN)/python -m helpers.build.bench --draft
	$(BIN)/python -m helpers.build.bench --city $(or $(CITY),nanchang) --year $(or $(YEAR),2021)
	$(BIN)/python -m helpers.build.bench --tests --city $(or $(CITY),nanchang) --year $(or $(YEAR),2021)
	$(if $(PANEL),$(BIN)/python -m helpers.build.bench --panel $(PANEL) $(if $(YEAR),--year $(YEAR)))

clean:
	rm -rf reports/*/ .pytest_cache src/*.egg-info
	find . -name __pycache__ -prune -exec rm -rf {} +
