"""Clean lines -> essays: tell the input form apart and hand it to its reader.

* crawler markdown (front matter, `### kicker`, `# title`, `> byline`): `markdown`;
* a newspaper page extracted from PDF (short hard-wrapped lines): `page`;
* a web copy (one paragraph a line): `web`.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

from brief.model import Source
from brief.read import cite
from brief.read.blocks import MIN_HAN, SENTENCE_END, RawEssay, han_count
from brief.read.chrome import is_caption, is_credit, strip_chrome
from brief.read.clean import despace, looks_markdown, normalize, raw_lines, width
from brief.read.markdown import split_markdown
from brief.read.page import split_page
from brief.read.web import split_lines


def split_essays(source: Source) -> list[RawEssay]:
    # pdftotext puts a form feed between pages. A newspaper page holds whole essays, each with
    # its byline: read page by page, or a page's closing title block and the next page's header
    # run together. Pages of one long essay (a journal's: its later pages have no byline) are
    # read as one text.
    pages = [page for page in source.text.split("\f") if page.strip()]
    if len(pages) > 1:
        per_page = [_split(replace(source, text=page)) for page in pages]
        if all(essays and all(e.byline for e in essays) for essays in per_page):
            return [e for essays in per_page for e in essays]
    return _split(source)


def _split(source: Source) -> list[RawEssay]:
    markdown = source.path.lower().endswith(".md") or None
    front, lines = normalize(source.text, markdown=markdown)
    lines = [line for line in strip_chrome(lines) if not (is_caption(line) or is_credit(line))]
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
    if not essays:
        essays = _whole_text(source.path, lines)
    for e in essays:
        e.front = front
        if e.published is None:
            e.published = cite.from_lines(e.notes) or cite.from_front(front)
    if front.get("title") and len(essays) == 1 and not essays[0].title_parts:
        essays[0].title_parts = [front["title"]]
    return essays


def _is_wrapped(texts: list[str]) -> bool:
    """A page extracted from PDF has short lines; a web copy has one paragraph a line. A title
    set across the page may be long, so only the share of long lines counts."""
    widths = [width(t) for t in texts]
    long = sum(1 for w in widths if w > 40)
    return len(texts) >= 8 and long <= 0.1 * len(texts) and statistics.median(widths) <= 30


def _whole_text(path: str, lines: list[str]) -> list[RawEssay]:
    """Chinese sentences that no reader could shape into an essay still make one: every line a
    paragraph, the file name standing in for the title (the article stage warns)."""
    paras = [("para", despace(t.strip())) for t in lines if t.strip()]
    sentences = sum(1 for _, t in paras if SENTENCE_END.search(t) or "。" in t)
    if sentences == 0 or han_count(paras) < MIN_HAN:
        return []
    return [RawEssay(source=path, blocks=paras)]
