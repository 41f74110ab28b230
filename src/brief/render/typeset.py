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
glyphs (never inside a Latin word). Widths come from pdfmetrics.stringWidth, cached per glyph.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from brief.render.fonts import MISSING_MARK, Face, ink_extent

# Marks that may not start a line: they glue to the glyph before them.
CLOSING = frozenset("，。、；：？！）》」』】〕〗〙〉”’…—·%‰℃°,.;:?!)]}")
# Marks that may not end a line: they glue to the glyph after them.
OPENING = frozenset("“‘（《「『【〔〖〘〈([{")
# Full-width marks whose glyph sits in the left half of the em (blank right half) ...
BLANK_RIGHT = frozenset("，。、）》」』】〕〗〙〉”’")
# ... and in the right half (blank left half). Only these are compressed.
BLANK_LEFT = frozenset("（《「『【〔〖〘〈“‘")
MIDDLE = frozenset("·・‧")  # the separating dot of 理论·智库: set in half an em when full-width
DASHES = frozenset("—―")  # two in a row make the Chinese dash ——, one unbroken rule

_LATIN = r"[A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]"
_TOKENS = re.compile(rf"{_LATIN}+(?:[.,:/'\-+_@&]{_LATIN}+)*| +|.", re.S)
_WHITESPACE = re.compile(r"[ \t\r\n\u00a0\u2000-\u200a\u202f\u205f]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
EPS = 1e-6


@dataclass(frozen=True)
class TextStyle:
    """How a span looks: faces to try in order, size in points, colour as '#rrggbb'."""

    faces: tuple[Face, ...]
    size: float
    color: str = "#000000"


@dataclass(frozen=True)
class Span:
    """Text in one style. keep=True: never split it, nor part it from the text before it."""

    text: str
    style: TextStyle
    keep: bool = False


def clean(text: str) -> str:
    """Runs of whitespace become one space; invisible characters and controls go."""
    text = _INVISIBLE.sub("", text)
    text = _WHITESPACE.sub(" ", text)
    return "".join(c for c in text if c == " " or unicodedata.category(c)[0] != "C")


@functools.cache
def glyph_width(ch: str, font: str) -> float:
    """Advance of `ch` at 1pt, measured once per glyph and face."""
    return stringWidth(ch, font, 1.0)


@functools.cache
def _face_for(ch: str, faces: tuple[Face, ...]) -> tuple[Face, str] | None:
    cp = ord(ch)
    for face in faces:
        if cp in face.cmap:
            return face, ch
    return None


@dataclass
class _Glyphs:
    """A paragraph as parallel lists, one entry per glyph."""

    chars: list[str]
    faces: list[Face]
    sizes: list[float]
    colors: list[str]
    natural: list[float]  # the face's own advance
    adv: list[float]  # advance after compressing adjacent marks
    xoff: list[float]  # where the glyph is drawn relative to its pen position
    glue: list[bool]  # no break between this glyph and the next
    stretch: list[bool]  # justification may widen the gap after this glyph
    space: list[bool]  # a breakable space, dropped at the ends of lines
    squeeze: list[float]  # blank that may hang past the line's end when the glyph ends it
    missing: set[str]


def _prepare(spans: Sequence[Span]) -> _Glyphs:
    g = _Glyphs([], [], [], [], [], [], [], [], [], [], [], set())
    token_ids: list[int] = []  # glyphs of one Latin word share an id
    keep_ids: list[int] = []  # glyphs of one keep span share an id (0: not in a keep span)
    token = 0
    for n, span in enumerate(spans, start=1):
        style = span.style
        for m in _TOKENS.finditer(clean(span.text)):
            token += 1
            word = m.group()
            is_space = word.startswith(" ")
            for ch in word[:1] if is_space else word:
                found = _face_for(ch, style.faces)
                if found is None:
                    g.missing.add(ch)
                    found = _face_for(MISSING_MARK, style.faces) or (style.faces[0], ch)
                face, shown = found
                g.chars.append(shown)
                g.faces.append(face)
                g.sizes.append(style.size)
                g.colors.append(style.color)
                g.natural.append(glyph_width(shown, face.name) * style.size)
                g.space.append(is_space)
                token_ids.append(token if len(word) > 1 and not is_space else -token)
                keep_ids.append(n if span.keep else 0)
    count = len(g.chars)
    g.adv = list(g.natural)
    g.xoff = [0.0] * count
    g.glue = [False] * count
    g.stretch = [True] * count
    g.squeeze = [0.0] * count
    for i in range(count - 1):
        a, b = g.chars[i], g.chars[i + 1]
        same_word = token_ids[i] > 0 and token_ids[i] == token_ids[i + 1]
        same_keep = keep_ids[i] and keep_ids[i] == keep_ids[i + 1]
        g.glue[i] = (
            same_word
            or bool(same_keep)
            or (keep_ids[i + 1] and not keep_ids[i])  # a ¶ reference stays with its text
            or b in CLOSING
            or a in OPENING
            or g.space[i + 1]  # break after a space, not before it
        )
        g.stretch[i] = not (same_word or same_keep)
        # adjacent full-width marks share space: cut the blank half between them
        full_a = g.natural[i] >= 0.9 * g.sizes[i]
        full_b = g.natural[i + 1] >= 0.9 * g.sizes[i + 1]
        if a in BLANK_RIGHT and full_a and (b in BLANK_RIGHT or b in BLANK_LEFT):
            g.adv[i] -= g.sizes[i] / 2
        if b in BLANK_LEFT and full_b and (a in BLANK_RIGHT or a in BLANK_LEFT):
            g.adv[i + 1] -= g.sizes[i + 1] / 2
            g.xoff[i + 1] = -g.sizes[i + 1] / 2
        if (
            a in DASHES
            and b in DASHES
            and g.faces[i] is g.faces[i + 1]
            and g.sizes[i] == g.sizes[i + 1]
        ):
            # close the gap the side bearings leave between the halves of ——
            left, right = ink_extent(g.faces[i].name, a), ink_extent(g.faces[i].name, b)
            if left and right:
                gap = (g.natural[i] / g.sizes[i] * 1000 - left[1]) + right[0]
                g.adv[i] -= max(gap, 0.0) * g.sizes[i] / 1000
    for i in range(count):
        if g.chars[i] in MIDDLE and g.adv[i] >= 0.9 * g.sizes[i]:
            g.adv[i] -= g.sizes[i] / 2
            g.xoff[i] -= g.sizes[i] / 4
        if g.chars[i] in BLANK_RIGHT and g.adv[i] >= 0.9 * g.sizes[i]:
            g.squeeze[i] = g.sizes[i] / 2
            if i + 1 < count and g.space[i + 1]:
                g.adv[i + 1] = 0.0  # the mark's blank half already separates: ”  ¶3 -> ” ¶3
    return g


@dataclass(frozen=True)
class Line:
    """Glyphs start..end (inclusive) set on one line, with `extra` points after each gap."""

    start: int
    end: int
    width: float  # natural width, after compression
    extra: float
    justified: bool
    lead: float = 0.0  # blank half of an opening mark that starts the line, moved into the margin


def _break(g: _Glyphs, width: float, first_indent: float, widows: bool = True) -> list[Line]:
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
                # a space may overflow: the line ends there and the space is dropped
                end = j if g.space[j] else _fit_overflow(g, i, j, w, avail, last_break)
                break
            w += g.adv[j]
            if not g.glue[j]:
                last_break = j
            j += 1
        if end < 0:
            end = n - 1
        lines.append(_line(g, i, end, avail, last=end >= n - 1))
        i = end + 1
    if widows and len(lines) >= 2:
        _no_stub(g, lines, width, first_indent if len(lines) == 2 else 0.0)
    return lines


def _no_stub(g: _Glyphs, lines: list[Line], width: float, indent: float) -> None:
    """A last line of one character (and its marks) takes one more from the line above."""
    prev, last = lines[-2], lines[-1]
    if any(not g.glue[k] for k in range(last.start, last.end)):
        return  # the last line holds two atoms or more
    cuts = [k for k in range(prev.start, prev.end) if not g.glue[k]]
    if not cuts:
        return
    avail = width - indent
    shorter = _line(g, prev.start, cuts[-1], avail, last=False)
    if shorter.width < avail * 0.75:
        return  # the line above would turn loose
    lines[-2] = shorter
    lines[-1] = _line(g, cuts[-1] + 1, last.end, width, last=True)


def _fit_overflow(g: _Glyphs, i: int, j: int, w: float, avail: float, last_break: int) -> int:
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
        if g.chars[c + 1] not in CLOSING and g.chars[c] not in OPENING:
            return c
    return max(i, j - 1)


def _line(g: _Glyphs, start: int, end: int, avail: float, last: bool) -> Line:
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


@dataclass(frozen=True)
class Segment:
    """A run of glyphs drawn with one Tj: same face, size and colour, evenly spaced."""

    x: float
    face: str
    size: float
    color: str
    text: str
    char_space: float


def _segments(g: _Glyphs, line: Line, x0: float) -> list[Segment]:
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
        self._glyphs = _prepare(self.spans)
        self._size = max((s.style.size for s in self.spans), default=leading / 1.2)
        self._cache: dict[float, list[Line]] = {}

    @property
    def missing(self) -> set[str]:
        """Characters no face of their style has; they are printed as 〓."""
        return self._glyphs.missing

    def break_lines(self, width: float) -> list[Line]:
        key = round(width, 3)
        if key not in self._cache:
            lines = _break(self._glyphs, width, self.first_indent, self.align == "justify")
            if self.balance and len(lines) > 1:
                lines = self._balanced(width, lines)
            self._cache[key] = lines
        return self._cache[key]

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
    g = _prepare(spans)
    return sum(g.adv)
