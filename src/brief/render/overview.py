"""The overview (概览): one row per essay with its length, reading time and counts of points, and
the pack's shared themes as columns, marked where each essay takes them up (● among its
keywords, ○ written in its text)."""

from __future__ import annotations

from dataclasses import dataclass

from brief.model import Pack
from brief.pack.overview import reading_minutes
from brief.render.blocks import Block, Kit, rgb
from brief.render.typeset import CJKParagraph, Span

STATS = ("字数", "分钟", "问题", "机理", "对策")


@dataclass
class _Row:
    index: int
    title: CJKParagraph
    cells: list[str]
    marks: list[str]
    height: float


class Overview(Block):
    """The overview table; its height is known before it is drawn."""

    def __init__(self, kit: Kit, pack: Pack, width: float):
        self.kit = kit
        self.pack = pack
        layout = kit.layout
        self.size = size = layout.sizes.body * 0.82
        self.small = size * 0.9
        self.leading = size * 1.45
        self.num_w = size * 2.2
        self.stat_w = [size * 3.6, size * 2.6, size * 2.3, size * 2.3, size * 2.3]
        self.theme_w = size * 1.7
        fixed = self.num_w + sum(self.stat_w)
        room = width - fixed - width * 0.3  # the titles keep at least 30% of the width
        self.themes = list(pack.themes[: max(0, int(room // self.theme_w))])
        self.title_w = width - fixed - len(self.themes) * self.theme_w
        longest = max((len(t.term) for t in self.themes), default=2)
        self.head_h = max(self.leading, longest * self.small * 1.08 + size * 0.6)
        self.rows = []
        for index, brief in enumerate(pack.briefs, start=1):
            title = CJKParagraph(
                [Span(brief.article.title, kit.style("body", size))], self.leading, align="left"
            )
            length = brief.length or sum(len(p.text) for p in brief.article.paragraphs)
            cells = [
                f"{length:,}",
                str(reading_minutes(brief)),
                *(
                    str(len(getattr(brief, n)))
                    for n in ("problems", "mechanisms", "recommendations")
                ),
            ]
            marks = []
            for theme in self.themes:
                if index not in theme.essays:
                    marks.append("")
                elif any(theme.term in k for k in brief.keywords):
                    marks.append("●")
                else:
                    marks.append("○")  # taken up in the text (pack.overview.takes_up)
            h = title.height_for(self.title_w - size * 0.6) + size * 0.35
            self.rows.append(_Row(index, title, cells, marks, h))

    def height(self, width: float) -> float:
        return self.head_h + sum(r.height for r in self.rows) + self.leading * 1.2

    def chunks(self, first_room: float, room: float) -> list[list[_Row]]:
        """The rows split into pages: the first chunk in `first_room` (possibly none), the
        others in `room`; each chunk repeats the column heads."""
        out: list[list[_Row]] = [[]]
        used = self.head_h + self.leading * 1.2
        limit = first_room
        for row in self.rows:
            if used + row.height > limit and (out[-1] or limit == first_room):
                out.append([])
                used, limit = self.head_h + self.leading * 1.2, room
            out[-1].append(row)
            used += row.height
        return out

    def draw(self, canvas, x, top, width, room, rows: list[_Row] | None = None):
        k = self.kit
        c = k.colours
        size, small = self.size, self.small
        head = k.style("heading", small, "muted")
        y = top
        # column heads: the stats horizontal, the themes set vertically, one character a line
        xs = x + self.num_w + self.title_w
        CJKParagraph([Span("篇目", head)], self.leading, align="left").draw_at(
            canvas, x + self.num_w, y - self.head_h + self.leading, self.title_w
        )
        for label, w in zip(STATS, self.stat_w, strict=True):
            CJKParagraph([Span(label, head)], self.leading, align="right").draw_at(
                canvas, xs, y - self.head_h + self.leading, w - size * 0.3
            )
            xs += w
        theme_style = k.style("heading", small, "accent", bold=True)
        for theme in self.themes:
            cy = y - self.head_h + size * 0.3 + len(theme.term) * small * 1.08
            for ch in theme.term:
                CJKParagraph([Span(ch, theme_style)], small * 1.08, align="center").draw_at(
                    canvas, xs, cy, self.theme_w
                )
                cy -= small * 1.08
            xs += self.theme_w
        y -= self.head_h
        canvas.setStrokeColor(rgb(c.text))
        canvas.setLineWidth(0.6)
        canvas.line(x, y, x + width, y)
        number = k.style("heading", size, "accent", bold=True)
        cell = k.style("body", size)
        mark = k.style("body", size, "accent")
        for row in self.rows if rows is None else rows:
            if row.index % 2 == 0:
                canvas.setFillColor(rgb(c.tint))
                canvas.rect(x, y - row.height, width, row.height, stroke=0, fill=1)
            inner = y - size * 0.175
            CJKParagraph([Span(str(row.index), number)], self.leading, align="left").draw_at(
                canvas, x + size * 0.3, inner, self.num_w
            )
            row.title.draw_at(canvas, x + self.num_w, inner, self.title_w - size * 0.6)
            xs = x + self.num_w + self.title_w
            for text, w in zip(row.cells, self.stat_w, strict=True):
                CJKParagraph([Span(text, cell)], self.leading, align="right").draw_at(
                    canvas, xs, inner, w - size * 0.3
                )
                xs += w
            for m in row.marks:
                if m:
                    CJKParagraph([Span(m, mark)], self.leading, align="center").draw_at(
                        canvas, xs, inner, self.theme_w
                    )
                xs += self.theme_w
            y -= row.height
        canvas.setStrokeColor(rgb(c.rule))
        canvas.line(x, y, x + width, y)
        note = "字数为正文字数，分钟按每分钟 300 字精读估计"
        if self.themes:
            note += "；● 列为关键词，○ 文中多次论及"
        CJKParagraph([Span(note + "。", k.style("body", small, "muted"))], self.leading).draw_at(
            canvas, x, y - size * 0.2, width
        )
