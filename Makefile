# The two commands of the README:
#   make demo   set everything up, then run the whole job on the bundled sample data
#   make test   set everything up, then run the test suite
# Set-up = a virtual environment in .venv with the package and its dev tools, plus a headless Chromium
# for the PDF reports (installed with apt-get when none is found).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup browser clean bench

demo: setup browser
	$(BIN)/partnership-metrics demo

test: setup browser
	$(BIN)/ruff check src tests benchmarks scripts notebooks
	@$(BIN)/python -m compileall -q src  # bytecode written even where PYTHONDONTWRITEBYTECODE is set: each process
	$(BIN)/python -m pytest -n auto --dist worksteal  # and kernel of the tests imports the package compiled

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

browser:
	@bash scripts/install-browser.sh

clean:
	rm -rf $(VENV) data/processed reports

# The benchmark harness (~6 min on 2 cores; ~11 the first time, to generate the samples):
# make bench BENCH_ARGS="--skip-scale-1000 --repeat 3"
# (options: benchmarks/run.py --help); figures in benchmarks/RESULTS.md.
bench: setup browser
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
