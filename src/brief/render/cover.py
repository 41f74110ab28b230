"""The cover, drawn from the layout's cover template: a page of its own, or, for a short pack,
a compact head on the one front page that also holds the contents and the overview."""

from __future__ import annotations

from brief.model import Pack
from brief.render.blocks import Kit, frame, rgb
from brief.render.templates import cover_context
from brief.render.typeset import CJKParagraph, Span

COMPACT = 0.72  # the cover title's size on a shared front page, as a part of its own


def cover_lines(kit: Kit, pack: Pack, pages: int, compact: bool = False) -> list[tuple]:
    """The template, line by line: '# ' title, '## ' subtitle, '---' rule, '> ' small; as
    ("space", h), ("rule", h) or ("para", paragraph)."""
    layout = kit.layout
    text = layout.render("templates.cover", cover_context(pack, pages))
    body = layout.sizes.body
    squeeze = 0.6 if compact else 1.0
    out: list[tuple] = []
    lines = [raw.strip() for raw in text.splitlines()]
    if compact:  # consecutive subtitles (columns) and small lines (files) share a line
        merged: list[str] = []
        for line in lines:
            if line.startswith("> ") and merged and merged[-1].startswith("> "):
                merged[-1] += "　" + line[2:].strip()
            elif line.startswith("## ") and merged and merged[-1].startswith("## "):
                merged[-1] += "　·　" + line[3:].strip()
            else:
                merged.append(line)
        lines = merged
    for line in lines:
        if not line:
            out.append(("space", body * 0.9 * squeeze))
            continue
        if line == "---":
            out.append(("rule", body * 1.4 * squeeze))
            continue
        if line.startswith("# "):
            size = layout.sizes.cover_title * (COMPACT if compact else 1.0)
            style = kit.style("heading", size, "text", bold=True)
            line, leading = line[2:], 1.3
        elif line.startswith("## "):
            size = layout.sizes.subtitle * 1.15
            style = kit.style("heading", size, "accent")
            line, leading = line[3:], 1.5
        elif line.startswith("> "):
            size = layout.sizes.small * 1.1
            style = kit.style("body", size, "muted")
            line, leading = line[2:], 1.5
        else:
            size, style = body, kit.style("body", body, "muted")
            leading = 1.6
        para = CJKParagraph(
            [Span(line.strip(), style)], size * leading, align="center", balance=True
        )
        out.append(("para", para))
    return out


def cover_height(kit: Kit, pack: Pack, pages: int, compact: bool = False) -> float:
    _, _, width, _ = frame(kit.layout)
    return sum(
        v.height_for(width) if kind == "para" else v
        for kind, v in cover_lines(kit, pack, pages, compact)
    )


def draw_cover(canvas, kit: Kit, pack: Pack, pages: int, compact: bool = False) -> float:
    """The cover; on a page of its own a fifth of the way down, compact from the top. Returns
    the y below it."""
    layout = kit.layout
    c = layout.colours
    w, h = layout.page.size
    x, top, width, height = frame(layout)
    y = top if compact else top - height * 0.22
    canvas.setFillColor(rgb(c.accent))
    canvas.rect(0, h - 6, w, 6, stroke=0, fill=1)
    for kind, v in cover_lines(kit, pack, pages, compact):
        if kind == "space":
            y -= v
        elif kind == "rule":
            canvas.setStrokeColor(rgb(c.accent))
            canvas.setLineWidth(1.2)
            rule_y = y - v * 0.43
            canvas.line(w / 2 - 18, rule_y, w / 2 + 18, rule_y)
            y -= v
        else:
            v.draw_at(canvas, x, y, width)
            y -= v.height_for(width)
    return y
