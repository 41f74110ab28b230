"""Essay pages drawn in worker processes, then on the one canvas, in order.

A worker fits and draws its pages on a Recorder, which keeps each canvas call (and each call on
the text and path objects it hands out) with its arguments; the parent makes the same calls on
the real canvas, page after page in the pack's order. So the PDF is byte for byte the one a
serial run draws: reportlab numbers each font's glyphs in the order the text is set, and the
text is set in the same order. Only the calls travel back, not the page's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (object, method, args) or (object, method, args, keywords); object 0 is the canvas, -n makes
# object n (a text or path object), n calls it
Op = tuple


@dataclass(frozen=True)
class Ref:
    """A text or path object passed to a canvas call (canvas.drawText(tx))."""

    id: int


class _Handle:
    """Stands in for a text or path object: its calls are kept, to be made on the real one."""

    __slots__ = ("_ops", "_id")

    def __init__(self, ops: list[Op], id_: int):
        self._ops = ops
        self._id = id_

    def __getattr__(self, name: str):
        ops, id_ = self._ops, self._id

        def call(*args, **kw) -> None:
            ops.append((id_, name, args, kw) if kw else (id_, name, args))

        return call


class Recorder:
    """Stands in for a reportlab canvas while pages are drawn: every call is kept in `ops`.
    Only calls that return nothing (or a text or path object) can be kept."""

    def __init__(self) -> None:
        self.ops: list[Op] = []
        self._objects = 0

    def beginText(self, *args) -> _Handle:  # noqa: N802 (reportlab's name)
        return self._begin("beginText", args)

    def beginPath(self) -> _Handle:  # noqa: N802
        return self._begin("beginPath", ())

    def _begin(self, name: str, args: tuple) -> _Handle:
        self._objects += 1
        self.ops.append((-self._objects, name, args))
        return _Handle(self.ops, self._objects)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        ops = self.ops

        def call(*args, **kw) -> None:
            args = tuple(_ref(a) for a in args)
            ops.append((0, name, args, kw) if kw else (0, name, args))

        return call


def _ref(arg: Any) -> Any:
    return Ref(arg._id) if isinstance(arg, _Handle) else arg


def replay(canvas, ops: list[Op]) -> None:
    """Make the kept calls on `canvas`, in order."""
    objects: dict[int, Any] = {0: canvas}
    for op in ops:
        target, name, args = op[:3]
        kw = op[3] if len(op) > 3 else {}
        if target < 0:
            objects[-target] = getattr(canvas, name)(*args)
            continue
        if target == 0:
            args = tuple(objects[a.id] if type(a) is Ref else a for a in args)
        getattr(objects[target], name)(*args, **kw)
