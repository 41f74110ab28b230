"""A paragraph's text as glyphs: which face sets each character, what glues to what, and each
glyph's advance at its size (see typeset.py for the rules).

Fitting a page lays the same text out again and again, mostly at other sizes: the size-free
part (faces, glue) is worked out once per text and shared, and the glyphs at one set of sizes,
with their line breaks, once per paragraph. Both caches live until forget(): the renderer calls
it after each page, so what is held does not grow with the pack.
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
_MARKS = BLANK_RIGHT | BLANK_LEFT

_LATIN = r"[A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]"
_TOKENS = re.compile(rf"{_LATIN}+(?:[.,:/'\-+_@&]{_LATIN}+)*| +|.", re.S)
_WHITESPACE = re.compile(r"[ \t\r\n\u00a0\u2000-\u200a\u202f\u205f]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# (a dash or a middle dot may stand apart: — 2 —, 理论 · 智库)
_BEFORE_CLOSING = re.compile(" +(?=[" + re.escape("".join(sorted(CLOSING - set("—·")))) + "])")

# A text or a paragraph used in more ways than a page has: past this, start afresh.
LIMIT = 4096


def clean(text: str) -> str:
    """Runs of whitespace become one space, and none is left before a closing mark (DS543 ，
    would let the comma start a line); invisible characters and controls go."""
    text = _INVISIBLE.sub("", text)
    text = _BEFORE_CLOSING.sub("", _WHITESPACE.sub(" ", text))
    if text.isprintable():  # no control, format or unassigned character: nothing to drop
        return text
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
class Glyphs:
    """A paragraph as parallel lists, one entry per glyph; read-only once made (shared)."""

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
    lines: dict  # line breaks made of these glyphs, by measure and manner (typeset.py)


@dataclass(frozen=True)
class _Shape:
    """The size-free part of a paragraph's glyphs."""

    chars: list[str]
    faces: list[Face]
    unit: list[float]  # advance at 1pt
    span: list[int]  # the span each glyph comes from
    glue: list[bool]
    stretch: list[bool]
    space: list[bool]
    pairs: list[int]  # i where glyphs i and i+1 are marks or dashes that may close up
    singles: list[int]  # i where glyph i is a middle dot or a mark with a blank right half
    missing: frozenset[str]


_shapes: dict[tuple, _Shape] = {}
_tables: dict[tuple[Face, ...], dict[str, tuple]] = {}  # per chain of faces: _glyph of each char
_glyphs: dict[tuple, Glyphs] = {}


def forget() -> None:
    """Let go of the cached glyphs (after a page: the next page's text is another)."""
    _shapes.clear()
    _glyphs.clear()


def prepare(spans: Sequence) -> Glyphs:
    """The glyphs of `spans` (typeset.Span), shared with any paragraph of the same spans."""
    key = tuple(
        (s.text, s.style.faces, s.keep, s.whole, s.style.size, s.style.color) for s in spans
    )
    g = _glyphs.get(key)
    if g is None:
        if len(_glyphs) >= LIMIT:
            _glyphs.clear()
        text_key = tuple((s.text, s.style.faces, s.keep, s.whole) for s in spans)
        shape = _shapes.get(text_key)
        if shape is None:
            if len(_shapes) >= LIMIT:
                _shapes.clear()
            shape = _shapes[text_key] = _shape(text_key)
        g = _glyphs[key] = _sized(
            shape, [s.style.size for s in spans], [s.style.color for s in spans]
        )
    return g


def _shape(spans: tuple[tuple[str, tuple[Face, ...], bool, bool], ...]) -> _Shape:
    rows = []  # (shown, face, advance at 1pt, span, space, token id, keep id) per glyph
    missing: set[str] = set()
    token = 0
    for n, (text, chain, keep, whole) in enumerate(spans):
        table = _tables.get(chain)
        if table is None:
            table = _tables[chain] = {}
        # glyphs of one keep or whole span share an id (0: in none); a keep span's is positive
        # (it stays with the text before it), a whole span's negative (a line may end before it)
        kid = n + 1 if keep else -(n + 1) if whole else 0
        for word in _TOKENS.findall(clean(text)):
            token += 1
            is_space = word[0] == " "
            if is_space:
                word = " "
            tid = token if len(word) > 1 else -token  # glyphs of one Latin word share an id
            for ch in word:
                info = table.get(ch)
                if info is None:
                    info = table[ch] = _glyph(ch, chain)
                if info[2]:
                    missing.add(ch)
                rows.append((info[0], info[1], info[3], n, is_space, tid, kid))
    if not rows:
        return _Shape([], [], [], [], [], [], [], [], [], frozenset())
    chars, faces, unit, span_of, space, tids, kids = (list(c) for c in zip(*rows, strict=True))
    nexts = zip(chars, chars[1:], tids, tids[1:], kids, kids[1:], space[1:], strict=False)
    glue, stretch, pairs = [], [], []
    for i, (a, b, t, t2, k, k2, s2) in enumerate(nexts):
        same_word = t > 0 and t == t2
        same_keep = bool(k) and k == k2
        glue.append(
            same_word
            or same_keep
            or bool(k2 > 0 and not k)  # a ¶ reference stays with its text
            or b in CLOSING
            or a in OPENING
            or s2  # break after a space, not before it
        )
        stretch.append(not (same_word or same_keep))
        if (a in _MARKS and b in _MARKS) or (a in DASHES and b in DASHES):
            pairs.append(i)
    glue.append(False)
    stretch.append(True)
    singles = [i for i, ch in enumerate(chars) if ch in MIDDLE or ch in BLANK_RIGHT]
    return _Shape(
        chars, faces, unit, span_of, glue, stretch, space, pairs, singles, frozenset(missing)
    )


def _glyph(ch: str, chain: tuple[Face, ...]) -> tuple[str, Face, bool, float]:
    """What sets `ch` in `chain`: the glyph shown, its face, whether `ch` is missing (shown as
    the geta mark), its advance at 1pt."""
    found = _face_for(ch, chain)
    missing = found is None
    if found is None:
        found = _face_for(MISSING_MARK, chain) or (chain[0], ch)
    face, shown = found
    return shown, face, missing, glyph_width(shown, face.name)


def _sized(shape: _Shape, span_sizes: list[float], span_colors: list[str]) -> Glyphs:
    sizes = [span_sizes[n] for n in shape.span]
    natural = [u * s for u, s in zip(shape.unit, sizes, strict=True)]
    adv = list(natural)
    count = len(natural)
    xoff = [0.0] * count
    squeeze = [0.0] * count
    chars, faces = shape.chars, shape.faces
    for i in shape.pairs:
        a, b = chars[i], chars[i + 1]
        # adjacent full-width marks share space: cut the blank half between them
        full_a = natural[i] >= 0.9 * sizes[i]
        full_b = natural[i + 1] >= 0.9 * sizes[i + 1]
        if a in BLANK_RIGHT and full_a and (b in BLANK_RIGHT or b in BLANK_LEFT):
            adv[i] -= sizes[i] / 2
        if b in BLANK_LEFT and full_b and (a in BLANK_RIGHT or a in BLANK_LEFT):
            adv[i + 1] -= sizes[i + 1] / 2
            xoff[i + 1] = -sizes[i + 1] / 2
        if a in DASHES and b in DASHES and faces[i] is faces[i + 1] and sizes[i] == sizes[i + 1]:
            # close the gap the side bearings leave between the halves of ——
            left, right = ink_extent(faces[i].name, a), ink_extent(faces[i].name, b)
            if left and right:
                gap = (natural[i] / sizes[i] * 1000 - left[1]) + right[0]
                adv[i] -= max(gap, 0.0) * sizes[i] / 1000
    space = shape.space
    for i in shape.singles:
        if chars[i] in MIDDLE and adv[i] >= 0.9 * sizes[i]:
            adv[i] -= sizes[i] / 2
            xoff[i] -= sizes[i] / 4
        if chars[i] in BLANK_RIGHT and adv[i] >= 0.9 * sizes[i]:
            squeeze[i] = sizes[i] / 2
            if i + 1 < count and space[i + 1]:
                adv[i + 1] = 0.0  # the mark's blank half already separates: ”  ¶3 -> ” ¶3
    colors = [span_colors[n] for n in shape.span]
    return Glyphs(
        chars,
        faces,
        sizes,
        colors,
        natural,
        adv,
        xoff,
        shape.glue,
        shape.stretch,
        space,
        squeeze,
        set(shape.missing),
        {},
    )
