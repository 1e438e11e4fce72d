# Every target bootstraps .venv on first use and re-installs only when pyproject.toml or the lock file change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CITY   ?= nanchang
YEAR   ?= 2021
JOBS   ?=

.PHONY: report test lint lock lab bench clean

$(STAMP): pyproject.toml requirements-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m helpers.build.report --city $(CITY) --year $(YEAR) --lang en --lang zh $(if $(JOBS),--jobs $(JOBS))

test: lint
	$(BIN)/python -m pytest tests -n 2 --dist loadgroup
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider notebooks

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

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name nsr --display-name "Python (nsr)" >/dev/null
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(BIN)/python -m helpers.build.bench --city $(CITY) --year $(YEAR)

clean:
	rm -rf reports/*/ .pytest_cache src/*.egg-info
	find . -name __pycache__ -prune -exec rm -rf {} +
