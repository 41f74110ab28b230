"""Clean lines -> essays: tell the input form apart and hand it to its reader.

* crawler markdown (front matter, `### kicker`, `# title`, `> byline`): `markdown`;
* a newspaper page extracted from PDF (short hard-wrapped lines): `page`;
* a web copy (one paragraph a line): `web`.
"""

from __future__ import annotations

import statistics

from brief.model import Source
from brief.read.blocks import MIN_HAN, RawEssay, han_count
from brief.read.chrome import strip_chrome
from brief.read.clean import looks_markdown, normalize, raw_lines, width
from brief.read.markdown import split_markdown
from brief.read.page import split_page
from brief.read.web import split_lines


def split_essays(source: Source) -> list[RawEssay]:
    markdown = source.path.lower().endswith(".md") or None
    front, lines = normalize(source.text, markdown=markdown)
    lines = strip_chrome(lines)
    texts = [line for line in lines if line.strip()]
    if not texts:
        return []
    essays = None
    if markdown or front or looks_markdown("\n".join(texts)):
        # The crawler's form: read from the marks themselves, before they are cleaned away.
        essays = split_markdown(source.path, front, raw_lines(source.text))
    if essays is None and _is_wrapped(texts):
        essays = split_page(source.path, lines)
    if essays is None:
        essays = split_lines(source.path, lines)
    # An essay has Chinese body text; a stray fragment or an English file is not one.
    essays = [e for e in essays if han_count(e.blocks) >= MIN_HAN]
    for e in essays:
        e.front = front
    if front.get("title") and len(essays) == 1 and not essays[0].title_parts:
        essays[0].title_parts = [front["title"]]
    return essays


def _is_wrapped(texts: list[str]) -> bool:
    """A page extracted from PDF has short lines; a web copy has one paragraph a line. A title
    set across the page may be long, so only the share of long lines counts."""
    widths = [width(t) for t in texts]
    long = sum(1 for w in widths if w > 40)
    return len(texts) >= 8 and long <= 0.1 * len(texts) and statistics.median(widths) <= 30
