"""Fonts: register a layout's TrueType faces once per process and know which characters each has.

Logical faces (body, heading, fallback) come from the layout. Each file is parsed and registered
with reportlab once, with its character map kept as a frozenset, so coverage checks never rescan a
font. reportlab is imported inside the functions that need it.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from brief.errors import LayoutError

MISSING_MARK = "〓"  # the geta mark: the typesetter's sign for a character it cannot set


def default_fonts_dir() -> Path:
    """Where the built-in layout finds its fonts: $BRIEF_FONTS, else fonts/ in the repository."""
    env = os.environ.get("BRIEF_FONTS", "").strip()
    if env:
        return Path(os.path.abspath(os.path.expanduser(env)))
    # src/brief/fonts.py -> the repository root, for the editable install
    return Path(__file__).resolve().parents[3] / "fonts"


@dataclass(frozen=True, eq=False)
class Face:
    """One registered font file: its reportlab name and the code points it can draw."""

    name: str
    path: str
    cmap: frozenset[int]

    def __repr__(self) -> str:
        return f"Face({self.name!r})"


@dataclass(frozen=True)
class Family:
    """A regular face and its bold (the same face when the layout gives no bold file)."""

    regular: Face
    bold: Face

    @property
    def name(self) -> str:
        """The family name registered with reportlab, so <b> in a stock Paragraph works."""
        return self.regular.name


@dataclass(frozen=True)
class FontSet:
    """The layout's logical faces, registered."""

    body: Family
    heading: Family
    fallback: Family

    def chain(self, role: str, bold: bool = False) -> tuple[Face, ...]:
        """Faces to try for a character, in order: the role's face, then the fallback face."""
        return _chain(self, role, bold)

    def uncovered(self, text: str, role: str, bold: bool = False) -> set[str]:
        """Characters of `text` that no face of the chain has (whitespace and controls ignored)."""
        faces = self.chain(role, bold)
        out = set()
        for ch in set(text):
            cp = ord(ch)
            if any(cp in f.cmap for f in faces) or not _printable(ch):
                continue
            out.add(ch)
        return out


@functools.cache
def _chain(fonts: FontSet, role: str, bold: bool) -> tuple[Face, ...]:
    fam: Family = getattr(fonts, role)
    faces = (
        fam.bold if bold else fam.regular,
        fonts.fallback.bold if bold else fonts.fallback.regular,
    )
    return tuple(dict.fromkeys((*faces, fonts.fallback.regular)))


@functools.cache
def _printable(ch: str) -> bool:
    return unicodedata.category(ch)[0] not in "CZ"


_names: dict[str, str] = {}  # path -> registered name, filled as fonts are registered


@functools.cache
def register(path: str) -> Face:
    """Parse and register one TrueType file (once per process for a given path)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    stem = "Brief-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(path).stem)
    name = stem
    n = 1
    while name in _names.values():  # same file name in two folders
        n += 1
        name = f"{stem}-{n}"
    try:
        font = TTFont(name, path)
    except (TTFError, OSError) as err:
        raise LayoutError(f"{path}: cannot read this font ({err})") from None
    pdfmetrics.registerFont(font)
    _names[path] = name
    return Face(name=name, path=path, cmap=frozenset(font.face.charToGlyph))


@functools.cache
def ink_extent(font_name: str, ch: str) -> tuple[float, float] | None:
    """Left and right edges of a glyph's ink, in thousandths of an em (None if unknown).

    Read from the glyph's header in the font's glyf table; used to join the two halves of ——.
    """
    import struct

    from reportlab.pdfbase.pdfmetrics import getFont

    try:
        face = getFont(font_name).face
        gid = face.charToGlyph[ord(ch)]
        pos = face.get_table_pos("glyf")[0] + face.glyphPos[gid]
        _, x_min, _, x_max, _ = struct.unpack(">hhhhh", face.get_chunk(pos, 10))
        scale = 1000 / face.unitsPerEm
    except Exception:  # not a TrueType glyph we can read: leave the glyph as it is
        return None
    return x_min * scale, x_max * scale


def load_fonts(layout_fonts) -> FontSet:
    """Register the faces a layout names (brief.layout.Fonts) and their families."""
    return _load(
        tuple((str(face.regular), str(face.bold or face.regular)) for face in _faces(layout_fonts))
    )


def _faces(layout_fonts) -> Iterable:
    return (layout_fonts.body, layout_fonts.heading, layout_fonts.fallback)


@functools.cache
def _load(paths: tuple[tuple[str, str], ...]) -> FontSet:
    from reportlab.pdfbase.pdfmetrics import registerFontFamily

    families = []
    for regular, bold in paths:
        fam = Family(register(regular), register(bold))
        # one family per regular face, so <b> in a paragraph set in it finds its bold
        registerFontFamily(
            fam.name,
            normal=fam.regular.name,
            bold=fam.bold.name,
            italic=fam.regular.name,
            boldItalic=fam.bold.name,
        )
        families.append(fam)
    return FontSet(*families)
