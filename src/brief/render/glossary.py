"""The glossary (术语) at the end of the pack: each key term in bold, the sentence of an essay
that defines or explains it, and where it is: the essay's number and the paragraph."""

from __future__ import annotations

from brief.model import Pack
from brief.render.blocks import Kit, frame
from brief.render.typeset import CJKParagraph, Span


def glossary_entries(kit: Kit, pack: Pack) -> list[CJKParagraph]:
    layout = kit.layout
    body = layout.sizes.body
    out = []
    for t in pack.glossary:
        spans = [
            Span(t.term + "　", kit.style("heading", body, "accent", bold=True)),
            Span(t.sentence.strip(), kit.style("body", body)),
            Span(
                f" 〔{t.essay} · {layout.labels.ref}{t.paragraph}〕",
                kit.style("body", "small", "muted"),
                keep=True,
            ),
        ]
        out.append(CJKParagraph(spans, body * layout.sizes.leading))
    return out


def glossary_pages(kit: Kit, pack: Pack, title_height: float) -> list[list[CJKParagraph]]:
    """Entries split into pages; the first page starts below the title, and a page never ends
    with the title alone (an entry always follows it)."""
    _, _, width, height = frame(kit.layout)
    gap = kit.layout.sizes.space
    pages: list[list[CJKParagraph]] = [[]]
    used = title_height
    for para in glossary_entries(kit, pack):
        h = para.height_for(width) + gap
        if used + h > height and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(para)
        used += h
    return pages if pages[0] else []


def draw_glossary(canvas, kit: Kit, entries: list[CJKParagraph], top: float) -> None:
    x, _, width, _ = frame(kit.layout)
    gap = kit.layout.sizes.space
    y = top
    for para in entries:
        para.draw_at(canvas, x, y, width)
        y -= para.height_for(width) + gap
