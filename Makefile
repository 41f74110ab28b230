# Two commands on a fresh machine: `make brief` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install brief test eval bench clean

$(PY):
	python3 -m venv $(VENV)

# Reinstall only when the project's metadata changes (the package itself is installed editable).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

brief: install
	@mkdir -p out
	$(VENV)/bin/brief build seeds/ -o out/brief.pdf --layout layouts/default.yaml

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

eval: install
	@for row in "seed seed_gold.yaml seeds/" "dev-web dev/gold.yaml $(SHARED)/eval/dev/web/" \
	            "dev-page dev/gold.yaml $(SHARED)/eval/dev/page/" "dev-md dev/gold.yaml $(SHARED)/eval/dev/md/"; do \
	  set -- $$row; \
	  printf '%-9s ' "$$1"; \
	  $(PY) $(SHARED)/eval/score.py $(SHARED)/eval/$$2 -- $(VENV)/bin/brief extract $$3 --json | tail -n 1; \
	done

bench: install
	$(PY) bench/bench.py

clean:
	rm -rf $(VENV) out/*.pdf
