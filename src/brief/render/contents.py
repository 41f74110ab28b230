"""The contents: one linked entry per essay with a dotted leader to its page number."""

from __future__ import annotations

from dataclasses import dataclass

from brief.model import Brief, Pack
from brief.render.blocks import Kit, frame, rgb
from brief.render.typeset import CJKParagraph, Span, text_width


@dataclass
class ContentsEntry:
    index: int
    brief: Brief
    number: CJKParagraph
    title: CJKParagraph
    height: float


def contents_pages(kit: Kit, pack: Pack) -> list[list[ContentsEntry]]:
    """Contents entries split into pages (usually one)."""
    layout = kit.layout
    x, top, width, height = frame(layout)
    body = layout.sizes.body
    leading = body * 1.75
    num_w, page_w = body * 2.4, body * 3
    title_w = width - num_w - page_w
    first_room = height - contents_title_height(kit)
    pages: list[list[ContentsEntry]] = [[]]
    used = 0.0
    for index, brief in enumerate(pack.briefs, start=1):
        a = brief.article
        spans = [Span(a.title, kit.style("body", body))]
        if a.authors:
            spans.append(
                Span("　" + "　".join(a.authors), kit.style("body", "small", "muted"), keep=True)
            )
        title = CJKParagraph(spans, leading, align="left")
        number = CJKParagraph(
            [Span(str(index), kit.style("heading", body, "accent", bold=True))],
            leading,
            align="left",
        )
        h = title.height_for(title_w)
        room = first_room if len(pages) == 1 else height
        if used + h > room and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(ContentsEntry(index, brief, number, title, h))
        used += h
    return pages


def contents_title_height(kit: Kit) -> float:
    return kit.layout.sizes.title * 3.2


def draw_contents(
    canvas,
    kit: Kit,
    entries: list[ContentsEntry],
    title: bool,
    front: int,
    top: float | None = None,
    step: int = 1,
) -> float:
    """The entries from `top` (the frame's top by default), each linked to its essay's page
    (front + 1 + (index - 1) * step: step 2 when each brief faces its map). Returns the y below."""
    layout = kit.layout
    x, frame_top, width, height = frame(layout)
    body = layout.sizes.body
    num_w, page_w = body * 2.4, body * 3
    title_w = width - num_w - page_w
    y = frame_top if top is None else top
    if title:
        label = layout.labels.contents
        if len(label) <= 3:
            label = "　".join(label)  # 目　录: short headings are letter-spaced
        size = layout.sizes.title
        style = kit.style("heading", size, "text", bold=True)
        CJKParagraph([Span(label, style)], size * 1.4, align="center").draw_at(
            canvas, x, y - size * 0.6, width
        )
        y -= contents_title_height(kit)
    for e in entries:
        page_no = str(front + 1 + (e.index - 1) * step)
        e.number.draw_at(canvas, x, y, num_w)
        e.title.draw_at(canvas, x + num_w, y, title_w)
        page_para = CJKParagraph(
            [Span(page_no, kit.style("body", body))], e.title.leading, align="right"
        )
        last_top = y - e.height + e.title.leading
        page_para.draw_at(canvas, x + width - page_w, last_top, page_w)
        # dotted leader from the end of the title's last line to the page number
        base = last_top - (e.title.leading + 0.76 * body) / 2 + body * 0.1
        start = x + num_w + e.title.last_line_width(title_w) + body * 0.6
        end = x + width - text_width([Span(page_no, kit.style("body", body))]) - body * 0.5
        if end > start:
            canvas.setStrokeColor(rgb(layout.colours.muted))
            canvas.setLineWidth(0.6)
            canvas.setDash([0.6, 2.4])
            canvas.line(start, base, end, base)
            canvas.setDash([])
        canvas.linkAbsolute(
            "", f"essay{e.index}", Rect=(x, y - e.height, x + width, y), thickness=0
        )
        y -= e.height
    return y
