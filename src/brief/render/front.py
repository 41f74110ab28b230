"""The front matter: cover, contents, overview. A short pack gets one page (a compact cover head,
the contents and the overview); a longer one two (the compact cover and the contents, then the
overview); a pack whose contents need more than a page gets a cover page, the contents, and the
overview below the contents when it fits there, else on a page of its own."""

from __future__ import annotations

from brief.model import Pack
from brief.render.blocks import Kit, Label, frame
from brief.render.contents import contents_pages, contents_title_height, draw_contents
from brief.render.cover import cover_height, draw_cover
from brief.render.overview import Overview
from brief.render.running import draw_running
from brief.render.typeset import CJKParagraph, Span


class FrontPlan:
    """How the front matter is set; `count` pages, known before anything is drawn."""

    def __init__(self, kit: Kit, pack: Pack):
        self.kit = kit
        self.pack = pack
        layout = kit.layout
        _, _, width, height = frame(layout)
        self.gap = layout.sizes.space * 2.5
        self.contents = contents_pages(kit, pack)
        self.overview = Overview(kit, pack, width)
        label = Label(kit, layout.labels.contents).height(width) + layout.sizes.space * 0.5
        entries = sum(e.height for e in self.contents[0]) if len(self.contents) == 1 else height
        head = cover_height(kit, pack, 1 + len(pack.briefs), compact=True) + self.gap + label
        below = height - title_height(kit)  # an overview page under its title
        self.one_page = head + entries + self.gap + label + self.overview.height(width) <= height
        # else, when the contents fit under the compact cover: the overview on the next pages
        self.split = not self.one_page and head + entries <= height
        if self.one_page:
            self.chunks = [self.overview.rows]
            self.count = 1
        elif self.split:
            self.chunks = self.overview.chunks(below, below)
            self.count = 1 + len(self.chunks)
        else:
            # a cover page, the contents, the overview after them (on their last page if it
            # starts there with a row at least)
            used = sum(e.height for e in self.contents[-1])
            if len(self.contents) == 1:
                used += contents_title_height(kit)
            self.chunks = self.overview.chunks(height - used - self.gap - title_height(kit), below)
            self.count = 1 + len(self.contents) + len(self.chunks) - (1 if self.chunks[0] else 0)

    def draw(self, canvas, pages: int, step: int, front: int) -> None:
        kit, pack, layout = self.kit, self.pack, self.kit.layout
        x, top, width, _ = frame(layout)
        chunks = list(self.chunks)
        started = False  # the overview's first rows drawn (under its title)
        if self.one_page or self.split:
            y = draw_cover(canvas, kit, pack, pages, compact=True) - self.gap
            canvas.bookmarkPage("contents")
            canvas.addOutlineEntry(layout.labels.contents, "contents", level=0)
            y = _label(canvas, kit, layout.labels.contents, y)
            y = draw_contents(canvas, kit, self.contents[0], False, front, top=y, step=step)
            if self.one_page:
                self._draw_overview(canvas, y - self.gap, chunks.pop(0), first=True, label=True)
                started = True
            draw_running(canvas, kit, pack, None, 0, 1, pages, header=False)
            canvas.showPage()
            page_no = 2
        else:
            draw_cover(canvas, kit, pack, pages)
            canvas.showPage()
            for n, entries in enumerate(self.contents):
                if n == 0:
                    canvas.bookmarkPage("contents")
                    canvas.addOutlineEntry(layout.labels.contents, "contents", level=0)
                draw_running(canvas, kit, pack, None, 0, 2 + n, pages, header=True)
                y = draw_contents(canvas, kit, entries, title=n == 0, front=front, step=step)
                if n == len(self.contents) - 1:
                    rows = chunks.pop(0)
                    if rows:
                        self._draw_overview(canvas, y - self.gap, rows, first=True)
                        started = True
                canvas.showPage()
            page_no = 2 + len(self.contents)
        for rows in chunks:
            draw_running(canvas, kit, pack, None, 0, page_no, pages, header=True)
            self._draw_overview(canvas, top, rows, first=not started)
            started = True
            canvas.showPage()
            page_no += 1

    def _draw_overview(self, canvas, y: float, rows, first: bool, label: bool = False) -> None:
        """One chunk of the overview's rows; the first under the overview's title or label."""
        kit, layout = self.kit, self.kit.layout
        x, _, width, _ = frame(layout)
        if first:
            canvas.bookmarkPage("overview", fit="XYZ", top=y)
            canvas.addOutlineEntry(layout.labels.overview, "overview", level=0)
            if label:
                y = _label(canvas, kit, layout.labels.overview, y)
            else:
                draw_title(canvas, kit, layout.labels.overview, y)
                y -= title_height(kit)
        self.overview.draw(canvas, x, y, width, 0, rows=rows)


def _label(canvas, kit: Kit, text: str, y: float) -> float:
    """A section label (▌目录 ────) on the shared front page; returns the y below it."""
    x, _, width, _ = frame(kit.layout)
    label = Label(kit, text)
    label.draw(canvas, x, y, width, 0)
    return y - label.height(width) - kit.layout.sizes.space * 0.5


def title_height(kit: Kit) -> float:
    return contents_title_height(kit)


def draw_title(canvas, kit: Kit, label: str, top: float | None = None) -> None:
    """A page title set like the contents' (short titles letter-spaced: 目　录)."""
    layout = kit.layout
    x, frame_top, width, _ = frame(layout)
    if len(label) <= 3:
        label = "　".join(label)
    size = layout.sizes.title
    style = kit.style("heading", size, "text", bold=True)
    y = frame_top if top is None else top
    CJKParagraph([Span(label, style)], size * 1.4, align="center").draw_at(
        canvas, x, y - size * 0.6, width
    )
