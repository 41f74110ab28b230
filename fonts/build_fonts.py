#!/usr/bin/env python3
"""Rebuild the CJK fonts shipped in ``fonts/`` from Debian's ``fonts-noto-cjk``.

Why this exists
---------------
reportlab can only embed TrueType-flavoured fonts (``glyf`` outlines); it
refuses OpenType/CFF fonts with "postscript outlines are not supported".
Noto CJK is distributed only with CFF outlines, as OpenType collections
(``.ttc``) holding one member per language (JP, KR, SC, TC, HK, plus Mono).
This script turns the Simplified Chinese member of four of those collections
into small, stand-alone TrueType fonts that reportlab registers and embeds:

=========================  ===============================================
output file                source (Simplified Chinese member of ...)
=========================  ===============================================
NotoSerifSC-Regular.ttf    NotoSerifCJK-Regular.ttc  (Song/serif body)
NotoSerifSC-Bold.ttf       NotoSerifCJK-Bold.ttc
NotoSansSC-Regular.ttf     NotoSansCJK-Regular.ttc   (Hei/sans headings,
                                                      and rare-char fallback)
NotoSansSC-Bold.ttf        NotoSansCJK-Bold.ttc
=========================  ===============================================

Steps, per face
---------------
1. Pick the collection member whose name table says it is the Simplified
   Chinese face (PostScript name ``Noto{Serif,Sans}CJKsc-{Regular,Bold}``),
   not a hard-coded index.
2. Subset it with ``fontTools.subset`` to the repertoire below, dropping
   hinting and (by default) all OpenType layout / vertical tables, which
   reportlab does not use.
3. Convert the cubic CFF outlines to quadratic TrueType outlines
   (``Cu2QuPen`` + ``TTGlyphPen``), build ``glyf``/``loca``, a version 1.0
   ``maxp`` and a format 3 ``post``, drop ``CFF``, and re-derive the
   horizontal metrics' left side bearings from the new outlines.
4. Rename the font ("Noto Serif SC Brief" / "NotoSerifSCBrief-Regular",
   ...) so it can never be confused with an installed system font, and write
   it with fixed timestamps so the output is byte-for-byte reproducible.

Repertoire
----------
* every character that GBK can encode (all two-byte GBK code points that
  Python's ``gbk`` codec decodes), which covers GB2312 plus the CJK Unified
  Ideographs block and name characters such as 镕喆堃赟;
* printable ASCII and Latin-1 (U+0020-007E, U+00A0-00FF);
* General Punctuation U+2000-206F, Letterlike Symbols and Number Forms
  U+2100-218F, Arrows U+2190-21FF, Enclosed Alphanumerics U+2460-24FF
  (①-⑳ ...), Geometric Shapes U+25A0-25FF (bullets), CJK Symbols and
  Punctuation U+3000-303F, Halfwidth and Fullwidth Forms U+FF00-FFEF, and the
  middle-dot variants U+00B7, U+2027, U+30FB;
* Sans Regular only (it is also the fallback face for rare characters):
  CJK Extension A U+3400-4DBF and U+9FA6-9FFF, unless that would push the file
  over ``--max-size-mib``, in which case it is rebuilt without them.

Code points the source font has no glyph for are silently skipped; the
script prints how many were requested and how many are mapped.

Usage
-----
    python fonts/build_fonts.py                        # all four faces
    python fonts/build_fonts.py --source-dir /path/to/noto/otc
    python fonts/build_fonts.py --only NotoSansSC-Regular --jobs 1

Requires only fontTools (``pip install 'fonttools>=4.50'``).  Each face takes
roughly a minute; ``--jobs`` (default 2) faces are built in parallel.
The output depends only on the input files and the options: ``head.created``
and ``head.modified`` are copied from the source font, or taken from
``SOURCE_DATE_EPOCH`` when that environment variable is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.misc.timeTools import epoch_diff
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

DEFAULT_SOURCE_DIR = "/usr/share/fonts/opentype/noto"
DEFAULT_OUT_DIR = Path(__file__).resolve().parent
MIB = 1024 * 1024

# Suffix appended to the family name so the fonts never clash with the
# system's own Noto fonts.  (Noto CJK's licence reserves the name "Source",
# which these names do not use; "Noto" is not a Reserved Font Name.)
FAMILY_SUFFIX = "Brief"


@dataclass(frozen=True)
class Face:
    out_name: str  # output file stem, e.g. "NotoSerifSC-Regular"
    source_file: str  # collection file name inside --source-dir
    source_psname: str  # PostScript name (name ID 6) of the SC member
    family: str  # new family name (name ID 1)
    style: str  # "Regular" or "Bold" (name ID 2)
    fallback_extras: bool  # add CJK Ext. A etc. (rare-character fallback face)

    @property
    def psname(self) -> str:
        return self.family.replace(" ", "") + "-" + self.style


FACES = [
    Face(
        "NotoSerifSC-Regular",
        "NotoSerifCJK-Regular.ttc",
        "NotoSerifCJKsc-Regular",
        f"Noto Serif SC {FAMILY_SUFFIX}",
        "Regular",
        False,
    ),
    Face(
        "NotoSerifSC-Bold",
        "NotoSerifCJK-Bold.ttc",
        "NotoSerifCJKsc-Bold",
        f"Noto Serif SC {FAMILY_SUFFIX}",
        "Bold",
        False,
    ),
    Face(
        "NotoSansSC-Regular",
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJKsc-Regular",
        f"Noto Sans SC {FAMILY_SUFFIX}",
        "Regular",
        True,
    ),
    Face(
        "NotoSansSC-Bold",
        "NotoSansCJK-Bold.ttc",
        "NotoSansCJKsc-Bold",
        f"Noto Sans SC {FAMILY_SUFFIX}",
        "Bold",
        False,
    ),
]

# --------------------------------------------------------------------------
# Character repertoire
# --------------------------------------------------------------------------

# (first, last) inclusive code point ranges added on top of GBK.
EXTRA_RANGES = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x218F),  # Letterlike Symbols, Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (①-⑳ ...)
    (0x25A0, 0x25FF),  # Geometric Shapes (bullets)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]
MIDDLE_DOTS = [0x00B7, 0x2027, 0x30FB]

# Only in the fallback face (Sans Regular).
FALLBACK_RANGES = [
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x9FA6, 0x9FFF),  # CJK Unified Ideographs added after Unicode 4.1
]


def gbk_chars() -> set[int]:
    """Every code point reachable by a two-byte GBK sequence."""
    chars: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text)
    return chars


def is_private_use(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF


def repertoire(with_fallback: bool) -> set[int]:
    """The code points requested for one face (before intersecting with the font)."""
    chars = {cp for cp in gbk_chars() if not is_private_use(cp)}
    for first, last in EXTRA_RANGES + (FALLBACK_RANGES if with_fallback else []):
        chars.update(range(first, last + 1))
    chars.update(MIDDLE_DOTS)
    return chars


# --------------------------------------------------------------------------
# Font processing
# --------------------------------------------------------------------------


def open_sc_member(path: Path, psname: str) -> TTFont:
    """Open the collection member whose PostScript name is ``psname``."""
    index = 0
    while True:
        try:
            probe = TTFont(path, fontNumber=index, lazy=True)
        except IndexError:
            break
        found = probe["name"].getDebugName(6)
        probe.close()
        if found == psname:
            return TTFont(path, fontNumber=index, recalcTimestamp=False)
        index += 1
    raise SystemExit(f"{path}: no member with PostScript name {psname!r}")


def subset_font(font: TTFont, unicodes: set[int], keep_layout: bool) -> None:
    """Subset ``font`` in place to ``unicodes`` and drop what reportlab ignores."""
    # Unicode Variation Sequences (cmap format 14) would drag in variant glyphs
    # that reportlab can never reach; drop them before the glyph closure.
    cmap = font["cmap"]
    cmap.tables = [t for t in cmap.tables if t.format != 14]

    options = subset.Options()
    options.hinting = False  # no hints: smaller, and TrueType hints can't be derived anyway
    options.desubroutinize = True  # simpler charstrings to draw from
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = ["*"]  # keep credits/licence; renamed afterwards
    options.name_languages = [0x0409]
    options.legacy_cmap = False
    options.prune_unicode_ranges = True
    options.prune_codepage_ranges = True
    drop = ["BASE", "DSIG"]
    if keep_layout:
        # Vertical alternates only; vhea/vmtx (and VORG, to derive the
        # TrueType top side bearings) are kept for them.
        options.layout_features = ["vert", "vrt2"]
    else:
        options.layout_features = []
        drop += ["GDEF", "GSUB", "GPOS", "vhea", "vmtx", "VORG"]
    options.drop_tables = sorted(set(options.drop_tables) | set(drop))

    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, max_err: float) -> list[str]:
    """Replace the ``CFF `` table by ``glyf``/``loca``; return glyphs that failed."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    failed: list[str] = []
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        pen = Cu2QuPen(tt_pen, max_err=max_err, reverse_direction=True)
        try:
            glyph_set[name].draw(pen)
            glyphs[name] = tt_pen.glyph()
        except Exception as exc:  # noqa: BLE001 - report, keep an empty glyph
            failed.append(f"{name}: {exc}")
            glyphs[name] = TTGlyphPen(None).glyph()

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]

    for glyph in glyphs.values():
        glyph.recalcBounds(glyf)

    # TrueType rasterisers place glyphs by lsb == xMin; the quadratic outline's
    # bounds (which include off-curve points) may differ from the CFF ones.
    hmtx = font["hmtx"]
    for name in glyph_order:
        glyph = glyphs[name]
        advance, _ = hmtx[name]
        hmtx[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)

    if "vmtx" in font:
        # Only with --keep-layout.  CFF fonts take the vertical origin from
        # VORG; TrueType ones from yMax + top side bearing, so recompute tsb.
        vorg = font.get("VORG")
        vmtx = font["vmtx"]
        for name in glyph_order:
            glyph = glyphs[name]
            advance, tsb = vmtx[name]
            if glyph.numberOfContours:
                origin = (
                    vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
                    if vorg
                    else font["OS/2"].sTypoAscender
                )
                tsb = origin - glyph.yMax
            vmtx[name] = (advance, tsb)
    if "VORG" in font:
        del font["VORG"]  # CFF-only table

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.maxPoints = maxp.maxContours = 0
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0  # recalculated on save

    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    return failed


def rename(font: TTFont, face: Face) -> None:
    """Give the font its own family/full/PostScript names (Windows English)."""
    name = font["name"]
    version = font["head"].fontRevision
    original = name.getDebugName(6)
    full = f"{face.family} {face.style}"
    # Drop typographic family/subfamily and any other naming we rewrite.
    for name_id in (1, 2, 3, 4, 5, 6, 16, 17, 18, 21, 22, 25):
        name.removeNames(nameID=name_id)
    description = name.getDebugName(10) or ""
    note = (
        f"Modified for Brief from {original}: subset (GBK repertoire), "
        "CFF outlines converted to TrueType, hinting removed."
    )
    name.removeNames(nameID=10)
    strings = {
        1: face.family,
        2: face.style,
        3: f"{version:.3f};BRIEF;{face.psname}",
        4: full,
        5: f"Version {version:.3f}; Brief build (GBK subset, TrueType outlines)",
        6: face.psname,
        10: (description + " " + note).strip(),
    }
    for name_id, text in strings.items():
        name.setName(text, name_id, 3, 1, 0x0409)


def fix_timestamps(font: TTFont) -> None:
    head = font["head"]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        head.created = head.modified = int(epoch) - epoch_diff
    # else: keep the values copied from the source font.
    font.recalcTimestamp = False


def build_face(
    face: Face,
    source_dir: str,
    out_dir: str,
    max_err: float,
    keep_layout: bool,
    max_size_mib: float,
) -> dict:
    started = time.monotonic()
    src = Path(source_dir) / face.source_file
    out = Path(out_dir) / f"{face.out_name}.ttf"

    with_fallback = face.fallback_extras
    while True:
        font = open_sc_member(src, face.source_psname)
        source_cmap = set(font.getBestCmap())
        wanted = repertoire(with_fallback)
        subset_font(font, wanted, keep_layout)
        failed = cff_to_glyf(font, max_err)
        rename(font, face)
        fix_timestamps(font)
        tmp = out.with_suffix(".ttf.tmp")
        font.save(tmp)
        font.close()
        size = tmp.stat().st_size
        if with_fallback and size > max_size_mib * MIB:
            print(
                f"{face.out_name}: {size / MIB:.2f} MiB with fallback ranges exceeds "
                f"{max_size_mib} MiB; rebuilding without them",
                file=sys.stderr,
            )
            tmp.unlink()
            with_fallback = False
            continue
        tmp.replace(out)
        break

    check = TTFont(out, lazy=True)
    mapped = set(check.getBestCmap())
    num_glyphs = check["maxp"].numGlyphs
    check.close()
    gbk = {cp for cp in gbk_chars() if not is_private_use(cp)}
    return {
        "face": face.out_name,
        "path": str(out),
        "size": size,
        "glyphs": num_glyphs,
        "requested": len(wanted),
        "mapped": len(mapped),
        "gbk_total": len(gbk),
        "gbk_missing": sorted(gbk - mapped),
        "missing_in_source": len(wanted - source_cmap),
        "fallback_ranges": with_fallback,
        "failed": failed,
        "seconds": time.monotonic() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source-dir",
        default=DEFAULT_SOURCE_DIR,
        help="directory holding Noto{Serif,Sans}CJK-{Regular,Bold}.ttc "
        f"(default: {DEFAULT_SOURCE_DIR})",
    )
    parser.add_argument(
        "--out-dir",
        default=str(DEFAULT_OUT_DIR),
        help="where to write the .ttf files (default: this script's folder)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[f.out_name for f in FACES],
        help="build only this face (repeatable)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes (default: 2)")
    parser.add_argument(
        "--max-err",
        type=float,
        default=1.0,
        help="cu2qu approximation error in font units (UPM 1000; default 1.0)",
    )
    parser.add_argument(
        "--max-size-mib",
        type=float,
        default=14.0,
        help="drop the fallback ranges from Sans Regular if it would "
        "exceed this size (default: 14)",
    )
    parser.add_argument(
        "--keep-layout",
        action="store_true",
        help="keep GSUB/GPOS vertical alternates (vert, vrt2) and vhea/vmtx; "
        "reportlab does not use them (default: drop)",
    )
    args = parser.parse_args(argv)

    faces = [f for f in FACES if not args.only or f.out_name in args.only]
    for face in faces:
        src = Path(args.source_dir) / face.source_file
        if not src.is_file():
            parser.error(f"missing source font {src} (Debian package fonts-noto-cjk)")
    Path(args.out_dir).mkdir(parents=True, exist_ok=True)

    jobs = [
        (f, args.source_dir, args.out_dir, args.max_err, args.keep_layout, args.max_size_mib)
        for f in faces
    ]
    if args.jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(build_face, *zip(*jobs, strict=True)))
    else:
        results = [build_face(*job) for job in jobs]

    status = 0
    for r in results:
        print(
            f"{r['face']}: {r['size']:,} bytes ({r['size'] / MIB:.2f} MiB), "
            f"{r['glyphs']} glyphs, {r['mapped']} code points mapped "
            f"of {r['requested']} requested ({r['missing_in_source']} not in source), "
            f"fallback ranges: {'yes' if r['fallback_ranges'] else 'no'}, "
            f"{r['seconds']:.0f} s"
        )
        if r["gbk_missing"]:
            print(
                f"  GBK characters without a glyph: {len(r['gbk_missing'])} of "
                f"{r['gbk_total']}: " + "".join(chr(c) for c in r["gbk_missing"][:40])
            )
        if r["failed"]:
            status = 1
            print(f"  {len(r['failed'])} glyphs failed to convert (left empty):")
            for line in r["failed"][:20]:
                print(f"    {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
