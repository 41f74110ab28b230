"""Chinese line breaking and the paragraph flowable.

A paragraph is a sequence of Spans (text in one style). Its text becomes glyphs, each set in the
first face of the style's chain that has the character (body or heading face, then the fallback).
Glyphs that must stay together are glued: a closing mark (，。、；：？！）》”…— etc.) to the
glyph before it, an opening mark (“‘（《「『【〔) to the glyph after it, the letters of a Latin
word or number (2025, 5G, DS543), and a `keep` span (¶3–4) to the text before it. So no line
starts with a closing mark or ends with an opening one, and —— and …… never split.

Lines are filled greedily. When the next glyph overflows, a closing mark that ends its atom may
hang its blank half into the margin (line-end squeeze); otherwise the atom moves down. Adjacent
marks share space (”“ takes one em, ”。 one and a half), a mark ending a line drops its blank
half, and every line but the last is justified by spreading the slack over the gaps between
glyphs (never inside a Latin word); a justified paragraph's last line holds three characters at
least (什么？ alone takes 为 from the line above); left-aligned text is ragged. The glyphs are
made in glyphs.py, shared by paragraphs of the same text. A balanced paragraph (titles, cover
lines) is narrowed until its last line is no stub; in two lines it breaks after a phrase (：，、·
or a space) where the lines stay even enough.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from brief.render.fonts import Face
from brief.render.glyphs import BLANK_LEFT, CLOSING, OPENING, Glyphs, clean, prepare

# the marks and clean() are typeset's rules too: re-exported for its users
__all__ = ["CLOSING", "OPENING", "CJKParagraph", "Line", "Span", "TextStyle", "clean", "text_width"]
EPS = 1e-6


@dataclass(frozen=True)
class TextStyle:
    """How a span looks: faces to try in order, size in points, colour as '#rrggbb'."""

    faces: tuple[Face, ...]
    size: float
    color: str = "#000000"


@dataclass(frozen=True)
class Span:
    """Text in one style. keep=True: never split it, nor part it from the text before it;
    whole=True: never split it (a keyword), though a line may end before it."""

    text: str
    style: TextStyle
    keep: bool = False
    whole: bool = False


@dataclass(frozen=True)
class Line:
    """Glyphs start..end (inclusive) set on one line, with `extra` points after each gap."""

    start: int
    end: int
    width: float  # natural width, after compression
    extra: float
    justified: bool
    lead: float = 0.0  # blank half of an opening mark that starts the line, moved into the margin


def _break(g: Glyphs, width: float, first_indent: float, justify: bool = True) -> list[Line]:
    """Lines filled greedily; justified, with no stub for a last line, or ragged (left-aligned
    text is not spread: a keyword moved down would leave wide gaps)."""
    lines: list[Line] = []
    n = len(g.chars)
    i = 0
    while i < n:
        while i < n and g.space[i]:
            i += 1
        if i >= n:
            break
        avail = width - (first_indent if not lines else 0.0)
        w = 0.0
        j = i
        last_break = -1  # glyph after which the line may end
        end = -1
        while j < n:
            if w + g.adv[j] > avail + EPS and j > i:
                # a space may overflow: the line ends there and the space is dropped (unless a
                # mark glued to it follows: — would start the next line)
                if g.space[j] and not g.glue[j]:
                    end = j
                else:
                    end = _fit_overflow(g, i, j, w, avail, last_break)
                break
            w += g.adv[j]
            if not g.glue[j]:
                last_break = j
            j += 1
        if end < 0:
            end = n - 1
        lines.append(_line(g, i, end, avail, last=end >= n - 1 or not justify))
        i = end + 1
    if justify and len(lines) >= 2:
        _no_stub(g, lines, width, first_indent if len(lines) == 2 else 0.0)
    return lines


# A last line of fewer atoms than this (什么？ alone, 鞭策。) takes atoms from the line above.
LAST_LINE_ATOMS = 3


def _no_stub(g: Glyphs, lines: list[Line], width: float, indent: float) -> None:
    """A last line of one or two characters (and their marks) takes more from the line above."""
    prev, last = lines[-2], lines[-1]
    atoms = 1 + sum(1 for k in range(last.start, last.end) if not g.glue[k])
    if atoms >= LAST_LINE_ATOMS:
        return
    cuts = [k for k in range(prev.start, prev.end) if not g.glue[k]]
    need = LAST_LINE_ATOMS - atoms
    if len(cuts) < need:
        return
    avail = width - indent
    shorter = _line(g, prev.start, cuts[-need], avail, last=False)
    if shorter.width < avail * 0.75:
        return  # the line above would turn loose
    lines[-2] = shorter
    lines[-1] = _line(g, cuts[-need] + 1, last.end, width, last=True)


def _fit_overflow(g: Glyphs, i: int, j: int, w: float, avail: float, last_break: int) -> int:
    """Glyph j overflows the line that starts at i: the last glyph the line keeps."""
    # The atom holding j might still fit if its last glyph hangs its blank half (line-end squeeze).
    k = j
    total = w
    while True:
        total += g.adv[k]
        if not g.glue[k] or k == len(g.chars) - 1:
            break
        k += 1
    if total - g.squeeze[k] <= avail + EPS:
        return k
    if last_break >= i:
        return last_break
    # One atom wider than the line: cut it where a cut breaks no rule, else anywhere.
    for c in range(j - 1, i, -1):
        after = c + 1
        while after < j and g.space[after]:
            after += 1
        if g.chars[after] not in CLOSING and g.chars[c] not in OPENING:
            return c
    return max(i, j - 1)


def _line(g: Glyphs, start: int, end: int, avail: float, last: bool) -> Line:
    stop = end
    while stop > start and g.space[stop]:
        stop -= 1
    # an opening mark starting a line sets its glyph, not its blank, against the margin
    first = g.chars[start]
    lead = (
        g.sizes[start] / 2 if first in BLANK_LEFT and g.adv[start] >= 0.9 * g.sizes[start] else 0.0
    )
    width = sum(g.adv[start : stop + 1]) - g.squeeze[stop] - lead
    gaps = sum(1 for k in range(start, stop) if g.stretch[k])
    slack = avail - width
    if last or gaps == 0 or slack <= 0:
        return Line(start, stop, width, 0.0, False, lead)
    return Line(start, stop, width, slack / gaps, True, lead)


# A title in two lines breaks between its phrases where it can: after ：，、；· or at a space.
_PHRASE_END = frozenset("：:，,、；;·")
_PHRASE_SHARE = 0.4  # the shorter line keeps at least this share of the longer


def _phrase_break(g: Glyphs, lines: list[Line], width: float) -> list[Line] | None:
    """Two balanced lines broken after a phrase instead (“绿水青山就是金山银山”理念： / 人类发展观…,
    not …”理 / 念：…): the most even such break where both lines fit, or None."""
    start, end = lines[0].start, lines[1].end
    best, best_gap = None, None
    for k in range(start, end):
        if g.glue[k] or not (g.chars[k] in _PHRASE_END or g.space[k]):
            continue
        nxt = k + 1
        while nxt <= end and g.space[nxt]:
            nxt += 1
        if nxt > end:
            continue
        one, two = _line(g, start, k, width, last=True), _line(g, nxt, end, width, last=True)
        if max(one.width, two.width) > width + EPS:
            continue
        if min(one.width, two.width) < _PHRASE_SHARE * max(one.width, two.width):
            continue
        gap = abs(one.width - two.width)
        if best_gap is None or gap < best_gap:
            best, best_gap = [one, two], gap
    return best


@dataclass(frozen=True)
class Segment:
    """A run of glyphs drawn with one Tj: same face, size and colour, evenly spaced."""

    x: float
    face: str
    size: float
    color: str
    text: str
    char_space: float


def _segments(g: Glyphs, line: Line, x0: float) -> list[Segment]:
    out: list[Segment] = []
    x = x0 - line.lead
    cur: list = []  # [x, face, size, color, chars, tc, last_x, last_natural]
    for k in range(line.start, line.end + 1):
        pos = x + g.xoff[k]
        face, size, color = g.faces[k].name, g.sizes[k], g.colors[k]
        joined = False
        if cur and cur[1] == face and cur[2] == size and cur[3] == color:
            tc = pos - cur[6] - cur[7]
            if cur[5] is None or abs(tc - cur[5]) < 0.005:
                cur[4].append(g.chars[k])
                cur[5] = tc
                cur[6], cur[7] = pos, g.natural[k]
                joined = True
        if not joined:
            if cur:
                out.append(Segment(cur[0], cur[1], cur[2], cur[3], "".join(cur[4]), cur[5] or 0.0))
            cur = [pos, face, size, color, [g.chars[k]], None, pos, g.natural[k]]
        x += g.adv[k] + (line.extra if g.stretch[k] and k < line.end else 0.0)
    if cur:
        out.append(Segment(cur[0], cur[1], cur[2], cur[3], "".join(cur[4]), cur[5] or 0.0))
    return out


@functools.cache
def _color(hex_: str):
    from reportlab.lib.colors import HexColor

    return HexColor(hex_)


class CJKParagraph:
    """A paragraph of Chinese (and some Latin) text, broken and justified as described above.

    Measure it with height_for(width) and draw it with draw_at(canvas, x, top, width) (top-left
    corner at x, top). For a platypus story, use .flowable(); platypus is imported only then.
    """

    def __init__(
        self,
        spans: Sequence[Span],
        leading: float,
        align: str = "justify",
        first_indent: float = 0.0,
        balance: bool = False,
    ):
        if align not in ("justify", "left", "center", "right"):
            raise ValueError(f"align: {align!r}")
        self.spans = tuple(s for s in spans if s.text)
        self.leading = leading
        self.align = align
        self.first_indent = first_indent
        self.balance = balance
        self._glyphs = prepare(self.spans)
        self._size = max((s.style.size for s in self.spans), default=leading / 1.2)
        # breaks are shared by the paragraphs of the same glyphs set the same way
        self._manner = (first_indent, align == "justify", balance)

    @property
    def missing(self) -> set[str]:
        """Characters no face of their style has; they are printed as 〓."""
        return self._glyphs.missing

    def break_lines(self, width: float) -> list[Line]:
        key = (round(width, 3), self._manner)
        cache = self._glyphs.lines
        if key not in cache:
            lines = _break(self._glyphs, width, self.first_indent, self.align == "justify")
            if self.balance and len(lines) > 1:
                lines = self._balanced(width, lines)
            cache[key] = lines
        return cache[key]

    def _balanced(self, width: float, lines: list[Line]) -> list[Line]:
        """Narrow the measure as far as the line count allows, so a title's last line is not a stub."""
        low, high, best = width * 0.5, width, lines
        for _ in range(12):
            mid = (low + high) / 2
            trial = _break(self._glyphs, mid, self.first_indent, False)
            if len(trial) == len(lines):
                high, best = mid, trial
            else:
                low = mid
        if len(best) == 2:
            best = _phrase_break(self._glyphs, best, width - self.first_indent) or best
        # set them back at full measure: same breaks, widths measured against the real line
        return [_line(self._glyphs, ln.start, ln.end, width, last=True) for ln in best]

    def flowable(self):
        """This paragraph as a platypus Flowable (wrap, split, drawOn)."""
        return _flowable_class()(self)

    def height_for(self, width: float) -> float:
        return len(self.break_lines(width)) * self.leading

    def line_texts(self, width: float) -> list[str]:
        """The text of each line at `width` (for tests and debugging)."""
        g = self._glyphs
        return ["".join(g.chars[ln.start : ln.end + 1]) for ln in self.break_lines(width)]

    def last_line_width(self, width: float) -> float:
        lines = self.break_lines(width)
        return lines[-1].width if lines else 0.0

    def draw_at(self, canvas, x: float, top: float, width: float) -> None:
        lines = self.break_lines(width)
        if not lines:
            return
        tx = canvas.beginText()
        state = [None, None, None]  # font+size, colour, char space
        for n, line in enumerate(lines):
            base = top - n * self.leading - (self.leading + 0.76 * self._size) / 2
            indent = self.first_indent if n == 0 else 0.0
            room = width - indent - line.width
            offset = (
                {"center": room / 2, "right": room}.get(self.align, 0.0)
                if not line.justified
                else 0.0
            )
            for seg in _segments(self._glyphs, line, x + indent + max(offset, 0.0)):
                if state[0] != (seg.face, seg.size):
                    tx.setFont(seg.face, seg.size)
                    state[0] = (seg.face, seg.size)
                if state[1] != seg.color:
                    tx.setFillColor(_color(seg.color))
                    state[1] = seg.color
                if state[2] != round(seg.char_space, 3):
                    tx.setCharSpace(seg.char_space)
                    state[2] = round(seg.char_space, 3)
                tx.setTextOrigin(seg.x, base)
                tx.textOut(seg.text)
        canvas.drawText(tx)


@functools.cache
def _flowable_class():
    from reportlab.platypus.flowables import Flowable  # platypus is slow to import: only here

    class CJKFlowable(Flowable):
        """A CJKParagraph in a platypus story; it does not split across frames."""

        def __init__(self, para: CJKParagraph):
            super().__init__()
            self.para = para

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            self.width = availWidth
            self.height = self.para.height_for(availWidth)
            return self.width, self.height

        def draw(self) -> None:
            self.para.draw_at(self.canv, 0, self.height, self.width)

    return CJKFlowable


def text_width(spans: Sequence[Span]) -> float:
    """Natural width of spans set on one line, with adjacent marks compressed."""
    return sum(prepare(spans).adv)
