# Every target bootstraps .venv on first use and re-installs only when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CITY   ?= nanchang
YEAR   ?= 2021
JOBS   ?=

.PHONY: report test lab bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m helpers.build.report --city $(CITY) --year $(YEAR) --lang en --lang zh $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP)
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider notebooks

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name nsr --display-name "Python (nsr)" >/dev/null
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(BIN)/python -m helpers.build.bench --city $(CITY) --year $(YEAR)

clean:
	rm -rf reports/*/ .pytest_cache src/*.egg-info
	find . -name __pycache__ -prune -exec rm -rf {} +
