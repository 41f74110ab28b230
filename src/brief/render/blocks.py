"""The pieces an essay page is built from: sizes at one step of fitting, the kit that makes
styles and paragraphs at that scale, and blocks that know their height and draw themselves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from brief.render.fonts import FontSet
from brief.render.schema import Layout
from brief.render.typeset import CJKParagraph, Span, TextStyle, text_width


@dataclass(frozen=True)
class Scale:
    """Sizes at one step of fitting: t=0 the layout's sizes, t=1 its minimums."""

    ratio: float  # body size / normal body size; other text sizes follow
    body: float
    title: float
    leading: float
    space: float


def scale_at(layout: Layout, t: float) -> Scale:
    s, fit = layout.sizes, layout.fit
    body = s.body + (fit.min_body - s.body) * t
    return Scale(
        ratio=body / s.body,
        body=body,
        title=s.title + (fit.min_title - s.title) * t,
        leading=s.leading + (fit.min_leading - s.leading) * t,
        space=s.space + (fit.min_space - s.space) * t,
    )


class Kit:
    """Makes the styles and paragraphs of a page at one scale."""

    def __init__(self, layout: Layout, fonts: FontSet, scale: Scale):
        self.layout = layout
        self.fonts = fonts
        self.scale = scale
        self.colours = layout.colours
        self._styles: dict[tuple, TextStyle] = {}  # a page asks for the same few styles often

    def size(self, name: str) -> float:
        if name == "body":
            return self.scale.body
        if name == "title":
            return self.scale.title
        return getattr(self.layout.sizes, name) * self.scale.ratio

    def style(
        self, role: str, size: str | float, colour: str = "text", bold: bool = False
    ) -> TextStyle:
        key = (role, size, colour, bold)
        style = self._styles.get(key)
        if style is None:
            points = self.size(size) if isinstance(size, str) else size
            chain = self.fonts.chain(role, bold)
            style = self._styles[key] = TextStyle(chain, points, getattr(self.colours, colour))
        return style

    def para(
        self, spans: Sequence[Span], size: float, leading: float | None = None, **kw
    ) -> CJKParagraph:
        return CJKParagraph(spans, size * (leading or self.scale.leading), **kw)


class Block:
    """A piece of a page: height for a width, then drawn with its top-left corner at (x, top)."""

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas, x: float, top: float, width: float, room: float) -> None:
        raise NotImplementedError


class Para(Block):
    def __init__(self, para: CJKParagraph, indent: float = 0.0):
        self.para = para
        self.indent = indent

    def height(self, width: float) -> float:
        return self.para.height_for(width - self.indent)

    def draw(self, canvas, x, top, width, room):
        self.para.draw_at(canvas, x + self.indent, top, width - self.indent)


class Label(Block):
    """▌问题 ───────: a short bar, the label, and a rule to the right edge."""

    def __init__(self, kit: Kit, label: str):
        self.kit = kit
        self.size = kit.size("label")
        self.style = kit.style("heading", self.size, "accent", bold=True)
        self.label = label
        self.para = CJKParagraph([Span(label, self.style)], self.size * 1.5, align="left")

    def height(self, width):
        return self.size * 1.5

    def draw(self, canvas, x, top, width, room):
        k = self.kit
        h = self.size * 1.5
        mid = top - h / 2
        bar = self.size * 0.2
        canvas.setFillColor(rgb(k.colours.accent))
        canvas.rect(x, mid - self.size * 0.42, bar, self.size * 0.84, stroke=0, fill=1)
        tx = x + bar + self.size * 0.35
        self.para.draw_at(canvas, tx, top, width)
        end = tx + text_width([Span(self.label, self.style)]) + self.size * 0.5
        if end < x + width:
            canvas.setStrokeColor(rgb(k.colours.rule))
            canvas.setLineWidth(0.5)
            canvas.line(end, mid, x + width, mid)


class Marked(Block):
    """A list item or question: a marker (square or number) hanging left of its paragraph."""

    def __init__(self, kit: Kit, para: CJKParagraph, indent: float, number: str | None = None):
        self.kit = kit
        self.para = para
        self.indent = indent
        self.number = number
        if number is not None:
            style = kit.style("heading", "body", "accent", bold=True)
            self.marker = CJKParagraph([Span(number, style)], para.leading, align="right")

    def height(self, width):
        return self.para.height_for(width - self.indent)

    def draw(self, canvas, x, top, width, room):
        body = self.kit.scale.body
        if self.number is None:
            side = body * 0.3
            cy = top - self.para.leading / 2 + body * 0.02
            canvas.setFillColor(rgb(self.kit.colours.accent))
            canvas.rect(x + body * 0.15, cy - side / 2, side, side, stroke=0, fill=1)
        else:
            self.marker.draw_at(canvas, x, top, self.indent - body * 0.35)
        self.para.draw_at(canvas, x + self.indent, top, width - self.indent)


class Thesis(Block):
    """The thesis set apart: a tinted box with an accent bar, label inline."""

    def __init__(self, kit: Kit, para: CJKParagraph):
        self.kit = kit
        self.para = para
        self.pad = kit.scale.body * 0.7
        self.bar = 2.2

    def _inner(self, width):
        return width - self.bar - 2 * self.pad

    def height(self, width):
        return self.para.height_for(self._inner(width)) + 1.2 * self.pad

    def draw(self, canvas, x, top, width, room):
        h = self.height(width)
        c = self.kit.colours
        canvas.setFillColor(rgb(c.tint))
        canvas.rect(x, top - h, width, h, stroke=0, fill=1)
        canvas.setFillColor(rgb(c.accent))
        canvas.rect(x, top - h, self.bar, h, stroke=0, fill=1)
        self.para.draw_at(canvas, x + self.bar + self.pad, top - 0.6 * self.pad, self._inner(width))


class Notes(Block):
    """Ruled lines for notes in whatever height is left (at least the layout's minimum)."""

    def __init__(self, kit: Kit, min_lines: int):
        self.kit = kit
        self.spacing = kit.layout.sizes.notes_spacing
        self.min_lines = min_lines

    def height(self, width):
        return self.min_lines * self.spacing

    def draw(self, canvas, x, top, width, room):
        lines = int((room + 1e-6) // self.spacing)
        canvas.setStrokeColor(rgb(self.kit.colours.rule))
        canvas.setLineWidth(0.4)
        for n in range(1, lines + 1):
            y = top - n * self.spacing
            canvas.line(x, y, x + width, y)


class Gap(Block):
    def __init__(self, h: float):
        self.h = h

    def height(self, width):
        return self.h

    def draw(self, canvas, x, top, width, room):
        pass


def frame(layout: Layout) -> tuple[float, float, float, float]:
    w, h = layout.page.size
    m = layout.page.margins
    return m.left, h - m.top, w - m.left - m.right, h - m.top - m.bottom


def rgb(hex_: str):
    from brief.render.typeset import _color

    return _color(hex_)
