# Two commands on a fresh machine: `make brief` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install brief test eval train bench clean

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
	@# Cross-validated: each essay summarized by a model retrained without it (all its forms).
	@tmp=$$(mktemp -d) && $(PY) -m brief.summary.train $(TRAIN_SET) --cv $$tmp/cv.json \
	  --cv-gold $$tmp/gold.yaml 2>/dev/null && printf '%-9s ' cv && \
	  $(PY) $(SHARED)/eval/score.py $$tmp/gold.yaml $$tmp/cv.json | tail -n 1; rm -rf $$tmp

# The annotated essays the model learns from: each --gold is an annotation file and the essays it
# annotates, in every form read (web copies and pages). Add your own: make train EXTRA="--gold mine.yaml mine/".
TRAIN_SET := --gold $(SHARED)/eval/seed_gold.yaml seeds/ \
             --gold $(SHARED)/eval/dev/gold.yaml $(SHARED)/eval/dev/web/ $(SHARED)/eval/dev/page/
WEIGHTS := src/brief/summary/weights.json

# Needs the train extra (scikit-learn): pip install -e '.[train]'
train: install
	$(PY) -m brief.summary.train $(TRAIN_SET) $(EXTRA) -o $(WEIGHTS)

bench: install
	$(PY) bench/bench.py

clean:
	rm -rf $(VENV) out/*.pdf
