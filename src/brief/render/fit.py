"""Fitting an essay on one page: tighten step by step to the layout's minimums, then drop the
lowest-ranked items and, last, cut overlong paragraphs, saying what was done."""

from __future__ import annotations

import dataclasses

from brief.model import LISTS, Brief, Pack
from brief.render.blocks import Kit, Marked, Para, Thesis, scale_at
from brief.render.essay import Entry, EssayPage, essay_page
from brief.render.fonts import FontSet
from brief.render.schema import Layout
from brief.render.typeset import CJKParagraph, Span


def fit_essay(layout: Layout, fonts: FontSet, pack: Pack, brief: Brief, index: int):
    """The essay's page at the largest scale that fits; at the minimums, items are dropped
    (lowest score first) and, last, overlong paragraphs cut. Returns the page and warnings."""
    steps = max(layout.fit.steps, 1)
    title = brief.article.title
    notes = []
    # The map gives way before any item does: a page whose lists leave no room for even the
    # most compact map at the minimum sizes is set without it (layouts/map.yaml has room).
    for with_map in (True, False) if "map" in layout.blocks else (False,):
        for k in range(steps + 1):
            kit = Kit(layout, fonts, scale_at(layout, k / steps))
            page = essay_page(kit, pack, brief, index, with_map=with_map)
            if page.fits():
                return page, notes
        if with_map and any(s.name == "map" for s in page.sections):
            notes.append(
                f"《{title}》: no room for the argument map below the lists; left out "
                "(layouts/map.yaml sets each map on its own page)"
            )
    # A paragraph taller than a third of the page is cut first: dropping items cannot help it.
    cut = _shorten(page, limit=page.frame[3] / 3)
    dropped = _drop_items(page)
    if dropped:
        by_list = ", ".join(
            f"{getattr(layout.labels, name)} {n}"
            for name in LISTS
            if (n := sum(1 for e in dropped if e.list_name == name))
        )
        total = sum(1 for s in page.sections for _ in s.entries)
        notes.append(
            f"《{title}》: too long for one page even at the smallest sizes; "
            f"dropped {len(dropped)} of {total} lowest-ranked items ({by_list})"
        )
    cut += [name for name in _shorten(page, limit=0.0) if name not in cut]
    if cut:
        notes.append(f"《{title}》: too long for one page; cut short with …: {', '.join(cut)}")
    if not page.fits():
        notes.append(f"《{title}》: does not fit one page even so; the page overflows its margins")
    return page, notes


def _drop_items(page: EssayPage) -> list[Entry]:
    """Drop the lowest-scored items (keeping one per list as long as possible) until it fits."""
    dropped: list[Entry] = []
    entries = [e for s in page.sections for e in s.entries]
    while not page.fits():
        kept = [e for e in entries if not e.dropped]
        if not kept:
            break
        per_list = {name: sum(1 for e in kept if e.list_name == name) for name in LISTS}
        pool = [e for e in kept if per_list[e.list_name] > 1] or kept
        victim = min(pool, key=lambda e: (e.score, -e.position))
        victim.dropped = True
        dropped.append(victim)
    return dropped


def _shorten(page: EssayPage, limit: float) -> list[str]:
    """Cut the tallest paragraph taller than `limit` with an ellipsis, again and again, until
    the page fits; returns the names of the blocks cut."""
    width = page.frame[2]
    cut: list[str] = []
    for _ in range(60):
        if page.fits():
            break
        candidates = [
            (h, s, b)
            for s in page.sections
            for b in s.head
            if isinstance(b, Para | Thesis | Marked)
            and (h := b.height(width)) > max(limit, b.para.leading * 1.5)
        ]
        if not candidates:
            break
        _, section, block = max(candidates, key=lambda c: c[0])
        para = block.para
        keep = max(1, int(sum(len(s.text) for s in para.spans) * 0.6))
        spans = []
        for span in para.spans:
            spans.append(dataclasses.replace(span, text=span.text[: max(keep, 0)]))
            keep -= len(span.text)
        spans.append(Span("…", para.spans[-1].style))
        block.para = CJKParagraph(
            spans, para.leading, align=para.align, first_indent=para.first_indent
        )
        if section.name not in cut:
            cut.append(section.name)
    return cut
