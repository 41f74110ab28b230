"""Running header and footer lines, from the layout's templates."""

from __future__ import annotations

from brief.model import Brief, Pack
from brief.render.blocks import Kit, frame, rgb
from brief.render.templates import page_context
from brief.render.typeset import CJKParagraph, Span, TextStyle, text_width


def draw_running(
    canvas, kit: Kit, pack: Pack, brief: Brief | None, index, page, pages, header: bool
):
    layout = kit.layout
    x, top, width, _ = frame(layout)
    size = layout.sizes.header
    style = kit.style("heading", size, "muted")
    context = page_context(pack, brief, index, page, pages)
    margins = layout.page.margins
    if header:
        rule_y = top + max(4.0, margins.top * 0.3)
        texts = {
            p: layout.render(f"templates.header.{p}", context).strip()
            for p in ("left", "center", "right")
        }
        if any(texts.values()):
            _slots(canvas, texts, style, x, rule_y + size * 1.5 + 2, width)
            canvas.setStrokeColor(rgb(layout.colours.rule))
            canvas.setLineWidth(0.5)
            canvas.line(x, rule_y, x + width, rule_y)
    texts = {
        p: layout.render(f"templates.footer.{p}", context).strip()
        for p in ("left", "center", "right")
    }
    if any(texts.values()):
        _slots(canvas, texts, style, x, margins.bottom * 0.5 + size * 0.75, width)


def _slots(
    canvas, texts: dict[str, str], style: TextStyle, x: float, top: float, width: float
) -> None:
    leading = style.size * 1.5
    right_w = text_width([Span(texts["right"], style)]) if texts["right"] else 0.0
    for part, align in (("left", "left"), ("center", "center"), ("right", "right")):
        if not texts[part]:
            continue
        room = width - (right_w + style.size if part == "left" and texts["right"] else 0.0)
        text = _fit_line(texts[part], style, room if part == "left" else width)
        CJKParagraph([Span(text, style)], leading, align=align).draw_at(
            canvas, x, top, width if part != "left" else room
        )


def _fit_line(text: str, style: TextStyle, width: float) -> str:
    """Cut `text` with an ellipsis so it sets on one line of `width`."""
    if text_width([Span(text, style)]) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if text_width([Span(text[:mid] + "…", style)]) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"
