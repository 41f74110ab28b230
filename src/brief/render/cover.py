"""The cover page, drawn from the layout's cover template."""

from __future__ import annotations

from brief.model import Pack
from brief.render.blocks import Kit, frame, rgb
from brief.render.templates import cover_context
from brief.render.typeset import CJKParagraph, Span


def draw_cover(canvas, kit: Kit, pack: Pack, pages: int) -> None:
    """The cover template, line by line: '# ' title, '## ' subtitle, '---' rule, '> ' small."""
    layout = kit.layout
    c = layout.colours
    text = layout.render("templates.cover", cover_context(pack, pages))
    w, h = layout.page.size
    x, top, width, height = frame(layout)
    body = layout.sizes.body
    y = top - height * 0.22
    canvas.setFillColor(rgb(c.accent))
    canvas.rect(0, h - 6, w, 6, stroke=0, fill=1)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            y -= body * 0.9
            continue
        if line == "---":
            canvas.setStrokeColor(rgb(c.accent))
            canvas.setLineWidth(1.2)
            canvas.line(w / 2 - 18, y - body * 0.6, w / 2 + 18, y - body * 0.6)
            y -= body * 1.4
            continue
        if line.startswith("# "):
            size, style = (
                layout.sizes.cover_title,
                kit.style("heading", layout.sizes.cover_title, "text", bold=True),
            )
            line, leading = line[2:], 1.3
        elif line.startswith("## "):
            size, style = (
                layout.sizes.subtitle * 1.15,
                kit.style("heading", layout.sizes.subtitle * 1.15, "accent"),
            )
            line, leading = line[3:], 1.5
        elif line.startswith("> "):
            size, style = (
                layout.sizes.small * 1.1,
                kit.style("body", layout.sizes.small * 1.1, "muted"),
            )
            line, leading = line[2:], 1.5
        else:
            size, style = body, kit.style("body", body, "muted")
            leading = 1.6
        para = CJKParagraph(
            [Span(line.strip(), style)], size * leading, align="center", balance=True
        )
        para.draw_at(canvas, x, y, width)
        y -= para.height_for(width)
