# The two commands a newcomer needs (see README): `make demo` and `make test`.
PY := .venv/bin/python
DEMO_DIR ?= var/demo
DEMO_PORT ?= 8080
SIM_SPEED ?= 200

.PHONY: demo test lint bench

demo:
	scripts/setup.sh demo
	.venv/bin/odind demo --data-dir $(DEMO_DIR) --http-port $(DEMO_PORT) --sim-speed $(SIM_SPEED)

test:
	scripts/setup.sh test
	$(PY) -m pytest -n 2 -q
	$(PY) -m pytest -n 2 -q --store=postgres
	.venv/bin/ruff check .

lint:
	.venv/bin/ruff check .

bench:
	$(PY) bench/serial_stream.py
	$(PY) bench/bambu_reports.py
	$(PY) bench/farm_sim.py
