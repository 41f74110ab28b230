"""PDF -> web copies: the text layer of a newspaper page, essay by essay, in reading order.

A theory page sets three or four essays side by side and stacked; each has a kicker and title
across its columns, a byline under them (or at the end), and its body in several narrow columns
with headings set bold and the （作者单位：…） note last. The page is read from the characters'
positions, sizes and weights (pypdfium2: PDFium's text layer, 0.06 s a page where pdfminer.six's
layout analysis takes 1.5 s; see the commit that added this module):

1. characters -> lines (same baseline, adjacent);
2. the page header band (理论·智库, date, 第9版) is set apart; title lines are those set far
   larger than the body, grouped with their kicker above and a ——subtitle below;
3. body lines -> column segments: lines that share a column's left edge and follow each other;
4. each segment goes to the title it stands under: first the segments that start right below a
   title, which give the title's block its width, then the rest to the nearest title above whose
   block covers them;
5. within an essay the columns are read left to right, each top to bottom; a line indented by
   about two characters starts a paragraph, a short line ends one, bold or centred lines are
   headings.

Each essay comes out as a web copy (title lines, byline, then one paragraph a line) for the
existing reader. A PDF with no text (a scan) or one that needs a password is refused.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from brief.errors import InputError
from brief.read.pdflayout import Line, page_essays

SCAN_MESSAGE = (
    "no text layer (a scanned page?); run OCR first, e.g. ocrmypdf, then give Brief the result"
)


def read(path: Path) -> list[str]:
    """The reader files.read_sources calls for a .pdf."""
    return read_pdf(path)


def read_pdf(path: Path) -> list[str]:
    """Every essay of the PDF's pages as web-copy text, in reading order."""
    pages = _pages(path)
    if not any(line.text.strip() for page in pages for line in page):
        raise InputError(f"{path}: {SCAN_MESSAGE}")
    texts: list[str] = []
    for lines in pages:
        texts.extend(page_essays(lines))
    return texts


# --- characters -> lines -------------------------------------------------------------------------


def _pages(path: Path) -> list[list[Line]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise InputError(
                f"{path}: encrypted (needs a password); save an unlocked copy "
                "(e.g. qpdf --decrypt) and give Brief that"
            ) from None
        raise InputError(f"{path}: not a readable PDF ({err}); check the file") from None
    pages = []
    try:
        for k in range(len(pdf)):
            page = pdf[k]
            textpage = page.get_textpage()
            try:
                pages.append(_lines(_chars(textpage.raw, textpage.count_chars(), raw)))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    return pages


@dataclass
class _Char:
    ch: str
    x: float
    y: float
    right: float
    size: float
    bold: bool
    font: str


def _chars(tp, n: int, raw) -> list[_Char]:
    x = ctypes.c_double()
    y = ctypes.c_double()
    box = raw.FS_RECTF()
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    out = []
    for i in range(n):
        if raw.FPDFText_IsGenerated(tp, i):
            continue  # spaces and line breaks PDFium adds itself
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        raw.FPDFText_GetCharOrigin(tp, i, x, y)
        # the loose box spans the character's advance (a narrow “ or a full-width ，)
        raw.FPDFText_GetLooseCharBox(tp, i, box)
        size = raw.FPDFText_GetFontSize(tp, i)
        length = raw.FPDFText_GetFontInfo(tp, i, buf, 128, flags)
        font = buf.value[:length].decode("latin-1").split("+")[-1]
        weight = raw.FPDFText_GetFontWeight(tp, i)
        bold = weight >= 600 or bool(re.search(r"Bold|Heavy|Black|Hei", font))
        right = box.right if box.right > x.value else x.value + size * 0.5
        out.append(_Char(chr(code), x.value, y.value, right, round(size * 4) / 4, bold, font))
    return out


def _lines(chars: list[_Char]) -> list[Line]:
    """Characters in content order -> lines."""
    runs: list[list[_Char]] = []
    for c in chars:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and abs(c.y - last.y) < 0.2 * c.size
            and abs(c.size - last.size) < 0.3
            and -0.3 * c.size <= c.x - last.right <= 0.6 * c.size
        ):
            runs[-1].append(c)
        else:
            runs.append([c])
    # Pieces of one line are drawn one after another; a merge of pieces drawn apart would join
    # the lines of neighbouring columns wherever punctuation hangs into the gutter.
    return [ln for ln in (_line(run) for run in runs) if ln.text.strip()]


def _line(run: list[_Char]) -> Line:
    parts = []
    for k, c in enumerate(run):
        if k and not c.ch.isspace() and c.x - run[k - 1].right > 0.2 * c.size:
            parts.append(" ")  # a gap where no space was drawn: between names of a byline
        parts.append(c.ch)
    text = "".join(parts).strip()
    shown = [c for c in run if not c.ch.isspace()] or run
    size = statistics.median(c.size for c in shown)
    bold = sum(c.bold for c in shown) * 2 > len(shown)
    font = statistics.mode(c.font for c in shown)
    return Line(text, shown[0].x, shown[-1].right, run[0].y, size, bold, font)
