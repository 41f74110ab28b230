"""The learned summarizer: pure-Python scoring agrees with the training library, training is
deterministic, and the committed weights are what `make train` makes from the annotations."""

from __future__ import annotations

import json
import math

import pytest
from conftest import ROOT

from brief.summary import model, train
from brief.summary.candidates import candidates
from brief.summary.features import essay_features

SHARED = ROOT.parent / "shared" / "eval"
WEIGHTS = ROOT / "src" / "brief" / "summary" / "weights.json"
TRAIN_SET = [
    [str(SHARED / "seed_gold.yaml"), str(ROOT / "seeds")],
    [str(SHARED / "dev" / "gold.yaml"), str(SHARED / "dev" / "web"), str(SHARED / "dev" / "page")],
]
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval is absent")


def _sklearn():
    return pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def seed_forms():
    if not SHARED.is_dir():
        pytest.skip("../shared/eval is absent")
    return train.load([TRAIN_SET[0]])


def test_weights_load_once_and_score_a_candidate(seed_articles):
    # how fast they load is make bench's to measure (bench/probe.py), not a test's
    m = model.read()
    assert model.load() is model.load()  # cached: load once before forking workers
    found = candidates(seed_articles[0])
    p, q = m.score(essay_features(seed_articles[0], found)[0])
    assert 0.0 <= p <= 1.0 and math.isclose(sum(q), 1.0)


def test_pure_python_scores_match_the_training_library(seed_forms):
    """Refit both regressions with scikit-learn on the seed essays and compare predict_proba
    with model.py's dot products on every candidate (unrounded weights would agree to 1e-12;
    the file keeps 6 significant digits)."""
    _sklearn()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights = train.fit(seed_forms)
    m = model.from_dict(weights)
    kept = set(weights["point"]["weights"]) | set(weights["list"]["weights"])
    rows = [{k: v for k, v in d.items() if k in kept} for f in seed_forms for d in f.feats]
    labels = [lab for f in seed_forms for lab in f.labels]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    point = LogisticRegression(C=train.C_POINT, max_iter=5000, tol=train.TOL)
    point.fit(x, [int(bool(lab)) for lab in labels])
    want = point.predict_proba(x)[:, 1]
    got = [m.score(d)[0] for d in rows]
    assert max(abs(a - b) for a, b in zip(got, want, strict=True)) < 1e-3
    # The list model: softmax over three lists, as sklearn's multinomial regression gives it.
    idx = [r for r, lab in enumerate(labels) for _ in sorted(lab)]
    ys = [i for lab in labels for i in sorted(lab)]
    ws = [1.0 / len(lab) for lab in labels for _ in sorted(lab)]
    lists = LogisticRegression(C=train.C_LIST, max_iter=5000, tol=train.TOL)
    lists.fit(x[idx], ys, sample_weight=ws)
    probs = lists.predict_proba(x)
    for r, d in enumerate(rows):
        q = m.score(d)[1]
        assert max(abs(q[i] - probs[r][i]) for i in range(3)) < 1e-3


def test_training_twice_gives_the_same_file(seed_forms):
    _sklearn()
    assert train.dumps(train.fit(seed_forms)) == train.dumps(train.fit(seed_forms))


@needs_shared
def test_committed_weights_are_what_make_train_makes():
    """Weights are rounded to 6 significant digits; a BLAS on another machine may move the last
    digit, so values are compared with a relative tolerance of 1e-4."""
    _sklearn()
    made = json.loads(train.dumps(train.fit(train.load(TRAIN_SET))))
    committed = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert made["select"] == committed["select"] and made["kind"] == committed["kind"]
    for part in ("point", "list"):
        a, b = made[part]["weights"], committed[part]["weights"]
        small = 1e-4 * max(abs(v) for v in _flat(a))
        assert set(k for k in a if _big(a[k], small)) == set(k for k in b if _big(b[k], small))
        for k in set(a) & set(b):
            for x, y in zip(_row(a[k]), _row(b[k]), strict=True):
                assert math.isclose(x, y, rel_tol=1e-4, abs_tol=small), (part, k)
        for x, y in zip(_row(made[part]["bias"]), _row(committed[part]["bias"]), strict=True):
            assert math.isclose(x, y, rel_tol=1e-4, abs_tol=small)


def _row(v) -> list[float]:
    return [float(x) for x in v] if isinstance(v, list) else [float(v)]


def _flat(weights: dict) -> list[float]:
    return [x for v in weights.values() for x in _row(v)]


def _big(v, small: float) -> bool:
    return any(abs(x) > small for x in _row(v))


def test_weights_file_is_small_and_sorted():
    text = WEIGHTS.read_text(encoding="utf-8")
    assert len(text.encode()) < 300_000
    data = json.loads(text)
    assert list(data["point"]["weights"]) == sorted(data["point"]["weights"])
