"""The learned weights, scored in pure Python: is a candidate a point, and of which list.

Two logistic regressions trained by train.py on the annotated essays: `point` (is the window
one of the points a careful reader takes away) and `list` (problems, mechanisms or
recommendations, a softmax over the three). Weights are a JSON file in the package; scoring is
a dot product over the candidate's sparse features, so Brief needs no numerical library.
load() is cached: load it once before forking workers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from brief.model import LISTS

WEIGHTS = "weights.json"


@dataclass(frozen=True)
class Model:
    point_bias: float
    point: dict[str, float]
    list_bias: tuple[float, float, float]
    lists: dict[str, tuple[float, float, float]]
    select: dict[str, float]  # selection settings chosen on cross-validation
    kind: str = "softmax"

    @cached_property
    def _table(self) -> dict[str, tuple[float, float, float, float]]:
        """One lookup a feature for both regressions: {name: (point, problems, mechanisms, recs)}."""
        zero = (0.0, 0.0, 0.0)
        table = {k: (w, *self.lists.get(k, zero)) for k, w in self.point.items()}
        table.update({k: (0.0, *row) for k, row in self.lists.items() if k not in self.point})
        return table

    def score(self, f: dict[str, float]) -> tuple[float, tuple[float, float, float]]:
        """P(point) and P(list | point) for problems, mechanisms, recommendations."""
        table = self._table
        z = 0.0
        a, b, c = self.list_bias
        for k, v in f.items():
            row = table.get(k)
            if row is not None:
                z += v * row[0]
                a += v * row[1]
                b += v * row[2]
                c += v * row[3]
        z += self.point_bias
        p = 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0
        if self.kind == "ovr":
            return 1.0, (_sigmoid(a), _sigmoid(b), _sigmoid(c))
        top = max(a, b, c)
        ea, eb, ec = math.exp(a - top), math.exp(b - top), math.exp(c - top)
        total = ea + eb + ec
        return p, (ea / total, eb / total, ec / total)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def from_dict(data: dict) -> Model:
    return Model(
        point_bias=float(data["point"]["bias"]),
        point={k: float(v) for k, v in data["point"]["weights"].items()},
        list_bias=tuple(float(x) for x in data["list"]["bias"]),
        lists={k: tuple(float(x) for x in v) for k, v in data["list"]["weights"].items()},
        select={k: float(v) for k, v in data.get("select", {}).items()},
        kind=data.get("kind", "softmax"),
    )


def read(path: str | Path | None = None) -> Model:
    if path is None:
        text = resources.files("brief.summary").joinpath(WEIGHTS).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return from_dict(json.loads(text))


@cache
def load() -> Model:
    """The package's model, read once per process."""
    return read()


assert LISTS == ("problems", "mechanisms", "recommendations")
