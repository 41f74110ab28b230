"""Training the summarizer's model from annotated essays (`make train`), and cross-validating it.

    python -m brief.summary.train --gold GOLD.yaml INPUT... [--gold ...] [-o weights.json]
    python -m brief.summary.train --gold ... --cv PRED.json [--form web]

Each --gold names an annotation file (the schema of ../shared/eval/*_gold.yaml) and the essays it
annotates, in one or more forms (a folder of web copies, a folder of pages, …). The essays are
read by Brief's own reader, so a new reader retrains from the same annotations; gold articles are
paired with read articles by title, as score.py pairs them. A candidate is a point of list L when
it covers a key of a gold item of L (or naming L in `also`): 60% of the key's character bigrams
in the item's first 80 characters, score.py's rule.

--cv writes out-of-fold briefs (`brief extract --json` shape) for score.py: each essay is
summarized by a model trained without it (folds by essay: every form of an essay is left out
together). Training only: scikit-learn is imported here and nowhere Brief runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from brief.model import LISTS, Article, Brief, brief_to_dict
from brief.read.article import read_articles
from brief.read.files import find_files, read_source
from brief.summary import model as model_module
from brief.summary.candidates import Candidate, candidates
from brief.summary.features import essay_features
from brief.summary.select import SENTENCE_PENALTY, select

C_POINT = 0.3
C_LIST = 0.3
MIN_COUNT = 3  # a feature seen on fewer training candidates is dropped
# lbfgs run to the optimum (unique: the loss is L2-regularised). Stopped at 1e-6 it fell short by
# up to 7e-4 in a weight, and where it stopped hung on the machine's floating point: the same
# code and data gave another weights file on another CPU. From 1e-8 on the file is the same.
TOL = 1e-10
KIND = "softmax"  # one-vs-rest per list scored the same on CV (0.574 against 0.578)
DIGITS = 6  # significant digits kept in the weights file
# Below 0.14 an item is too unlikely to print. Only the problems list, the shortest, reaches it:
# cv recall 0.606 and hit rate 0.642 at 0.14; at 0.2, 14 items and 4 points fewer (0.598, 0.659);
# at 0.1, 8 items and 2 points more (0.610, 0.636). A second item from one sentence: select.py.
SELECT = {"threshold": 0.14, "max_items": 6, "sentence_penalty": SENTENCE_PENALTY}

# --- score.py's pairing and covering rule, reimplemented identically ------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return re.sub(r"\s+", "", text)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\W_]+", "", _norm(text))
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def covers(key: str, item_text: str) -> bool:
    want = _bigrams(key)
    have = _bigrams(item_text[:80])
    return bool(want) and len(want & have) / len(want) >= 0.6


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def pair(gold: list[dict], read: list[Article]) -> list[tuple[int, Article]]:
    """(gold index, article) for each gold article that a read article matches by title."""
    out, used = [], set()
    for g, item in enumerate(gold):
        best, best_sim = None, 0.3
        for k, a in enumerate(read):
            sim = _similarity(item["title"], a.title)
            if k not in used and sim > best_sim:
                best, best_sim = k, sim
        if best is not None:
            used.add(best)
            out.append((g, read[best]))
    return out


# --- data ---------------------------------------------------------------------------------------


@dataclass
class Form:
    """One essay as read from one input form, with its candidates, features and labels."""

    essay: str  # fold key: gold file and article index
    form: str  # the input it was read from (a folder or file name)
    article: Article
    found: list[Candidate]
    feats: list[dict[str, float]]
    labels: list[frozenset[int]]  # lists (0-2) each candidate is a point of
    gold: dict


def _labels(c: Candidate, gold: dict) -> frozenset[int]:
    out = set()
    for i, name in enumerate(LISTS):
        for item in gold.get(name) or []:
            if any(covers(k, c.text) for k in item["keys"]):
                out.add(i)
                out.update(LISTS.index(x) for x in item.get("also") or [])
    return frozenset(out)


def load(corpora: Sequence[Sequence[str]]) -> list[Form]:
    """corpora: [GOLD, INPUT, ...] each; every INPUT is a form of the essays GOLD annotates."""
    forms: list[Form] = []
    for g, (gold_path, *inputs) in enumerate(corpora):
        gold = yaml.safe_load(Path(gold_path).read_text(encoding="utf-8"))["articles"]
        for name in inputs:
            read = [a for path in find_files([name]) for a in read_articles(read_source(path))]
            for k, article in pair(gold, read):
                found = candidates(article)
                forms.append(
                    Form(
                        f"{g}:{k}",
                        Path(name).name,
                        article,
                        found,
                        essay_features(article, found),
                        [_labels(c, gold[k]) for c in found],
                        gold[k],
                    )
                )
    return forms


# --- fitting ------------------------------------------------------------------------------------


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def fit(forms: Sequence[Form], select_settings: dict | None = None) -> dict:
    """The weights (a JSON-ready dict) of the two regressions trained on `forms`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for f in forms:
        for d in f.feats:
            for k in d:
                counts[k] = counts.get(k, 0) + 1
    keep = {k for k, n in counts.items() if n >= MIN_COUNT}
    rows = [{k: v for k, v in d.items() if k in keep} for f in forms for d in f.feats]
    labels = [lab for f in forms for lab in f.labels]
    # Each essay weighs the same, however many forms of it were read.
    per_essay: dict[str, int] = {}
    for f in forms:
        per_essay[f.essay] = per_essay.get(f.essay, 0) + 1
    weight = [1.0 / per_essay[f.essay] for f in forms for _ in f.feats]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    names = vec.get_feature_names_out()
    point = LogisticRegression(C=C_POINT, solver="lbfgs", max_iter=5000, tol=TOL)
    point.fit(x, [int(bool(lab)) for lab in labels], sample_weight=weight)
    # The list model learns from the points only; a point fair in two lists counts half in each.
    idx, ys, ws = [], [], []
    for r, lab in enumerate(labels):
        for i in sorted(lab):
            idx.append(r)
            ys.append(i)
            ws.append(weight[r] / len(lab))
    if KIND == "ovr":
        import numpy as np

        coefs, biases = [], []
        for i in range(3):
            m = LogisticRegression(C=C_LIST, solver="lbfgs", max_iter=5000, tol=TOL)
            m.fit(x, [int(i in lab) for lab in labels], sample_weight=weight)
            coefs.append(m.coef_[0])
            biases.append(m.intercept_[0])
        coef = np.array(coefs)

        class lists:  # noqa: N801
            intercept_ = biases
    else:
        lists = LogisticRegression(C=C_LIST, solver="lbfgs", max_iter=5000, tol=TOL)
        lists.fit(x[idx], ys, sample_weight=ws)
        coef = lists.coef_  # (3, n) for three classes
    return {
        "kind": KIND,
        "version": 1,
        "point": {
            "bias": _round(point.intercept_[0]),
            "weights": {
                n: _round(w) for n, w in zip(names, point.coef_[0], strict=True) if _round(w)
            },
        },
        "list": {
            "bias": [_round(b) for b in lists.intercept_],
            "weights": {
                n: [_round(coef[0][j]), _round(coef[1][j]), _round(coef[2][j])]
                for j, n in enumerate(names)
                if any(_round(coef[i][j]) for i in range(3))
            },
        },
        "select": dict(select_settings or SELECT),
    }


def dumps(weights: dict) -> str:
    return json.dumps(weights, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


# --- cross-validation ---------------------------------------------------------------------------


def predict(weights: dict, f: Form) -> dict[str, tuple]:
    m = model_module.from_dict(weights)
    return select(f.found, [m.score(d) for d in f.feats], m.select)


def cv_scores(forms: Sequence[Form]) -> dict[str, list]:
    """Out-of-fold model scores of every candidate of every form: {form key: scores}, each by a
    model trained without every form of its essay."""
    out: dict[str, list] = {}
    for essay in sorted({f.essay for f in forms}):
        m = model_module.from_dict(fit([f for f in forms if f.essay != essay]))
        for f in forms:
            if f.essay == essay:
                out[f"{f.essay}|{f.form}"] = [m.score(d) for d in f.feats]
    return out


def cross_validate(forms: Sequence[Form], settings: dict | None = None) -> dict[str, dict]:
    """Out-of-fold lists for every form: {form key: lists}."""
    scores = cv_scores(forms)
    return {
        f"{f.essay}|{f.form}": select(f.found, scores[f"{f.essay}|{f.form}"], settings or SELECT)
        for f in forms
    }


def score(forms: Sequence[Form], lists: dict[str, dict], form: str | None = None) -> str:
    """score.py's recall, hit rate and median length over `forms` (one form name, or all)."""
    hits = total = item_hits = items = 0
    lengths = []
    for f in forms:
        if form is not None and f.form != form:
            continue
        got = lists[f"{f.essay}|{f.form}"]
        for name in LISTS:
            texts = [i.text for i in got[name]][:8]
            lengths += [len(_norm(t)) for t in texts]
            for item in f.gold.get(name) or []:
                total += 1
                places = [name, *(item.get("also") or [])]
                hits += any(
                    covers(k, i.text) for p in places for i in got[p][:8] for k in item["keys"]
                )
            keys = [
                k
                for other in LISTS
                for item in f.gold.get(other) or []
                if other == name or name in (item.get("also") or [])
                for k in item["keys"]
            ]
            items += len(texts)
            item_hits += sum(any(covers(k, t) for k in keys) for t in texts)
    lengths.sort()
    median = lengths[len(lengths) // 2] if lengths else 0
    return (
        f"recall={hits / max(1, total):.3f} hit_rate={item_hits / max(1, items):.3f} "
        f"median={median} items={items}"
    )


def _as_json(forms: Sequence[Form], lists: dict[str, dict]) -> dict:
    articles = []
    for f in forms:
        got = lists[f"{f.essay}|{f.form}"]
        articles.append(brief_to_dict(Brief(article=f.article, **got)))
    return {"articles": articles}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m brief.summary.train", description=__doc__)
    ap.add_argument("--gold", nargs="+", action="append", required=True, metavar="GOLD INPUT")
    ap.add_argument("-o", "--out", help="write the weights here")
    ap.add_argument("--cv", help="write out-of-fold briefs (JSON) here")
    ap.add_argument("--form", action="append", help="forms to write with --cv (default: first)")
    ap.add_argument("--cv-gold", help="write the annotations of all --gold files as one YAML here")
    args = ap.parse_args(argv)
    forms = load(args.gold)
    if args.out:
        Path(args.out).write_text(dumps(fit(forms)), encoding="utf-8")
        print(f"train: {len(forms)} essay forms, weights in {args.out}", file=sys.stderr)
    if args.cv:
        lists = cross_validate(forms)
        first = {}
        for f in forms:
            first.setdefault(f.essay, f.form)
        keep = [
            f for f in forms if (f.form in args.form if args.form else first[f.essay] == f.form)
        ]
        Path(args.cv).write_text(
            json.dumps(_as_json(keep, lists), ensure_ascii=False), encoding="utf-8"
        )
        print(f"train: cv {score(keep, lists)}", file=sys.stderr)
    if args.cv_gold:
        merged = [
            a
            for gold_path, *_ in args.gold
            for a in yaml.safe_load(Path(gold_path).read_text(encoding="utf-8"))["articles"]
        ]
        Path(args.cv_gold).write_text(
            yaml.safe_dump({"articles": merged}, allow_unicode=True), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
