"""The front matter: cover, contents, overview. A short pack gets one page (a compact cover head,
the contents and the overview); a longer one a cover page, the contents, and the overview below
the contents when it fits there, else on a page of its own."""

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
        self.one_page = (
            cover_height(kit, pack, 1 + len(pack.briefs), compact=True)
            + 2 * (self.gap + label)
            + entries
            + self.overview.height(width)
            <= height
        )
        self.overview_page = 0  # index of the page the overview starts on
        if self.one_page:
            self.count = 1
            return
        last = self.contents[-1]
        used = sum(e.height for e in last)
        if len(self.contents) == 1:
            used += contents_title_height(kit)
        fits = used + self.gap + title_height(kit) + self.overview.height(width) <= height
        self.overview_page = len(self.contents) + (0 if fits else 1)
        self.count = 1 + self.overview_page

    def draw(self, canvas, pages: int, step: int, front: int) -> None:
        kit, pack, layout = self.kit, self.pack, self.kit.layout
        x, top, width, _ = frame(layout)
        if self.one_page:
            y = draw_cover(canvas, kit, pack, pages, compact=True) - self.gap
            canvas.bookmarkPage("contents")
            canvas.addOutlineEntry(layout.labels.contents, "contents", level=0)
            y = _label(canvas, kit, layout.labels.contents, y)
            y = draw_contents(canvas, kit, self.contents[0], False, front, top=y, step=step)
            self._draw_overview(canvas, y - self.gap, label=True)
            draw_running(canvas, kit, pack, None, 0, 1, pages, header=False)
            canvas.showPage()
            return
        draw_cover(canvas, kit, pack, pages)
        canvas.showPage()
        for n, entries in enumerate(self.contents):
            page_no = 2 + n
            if n == 0:
                canvas.bookmarkPage("contents")
                canvas.addOutlineEntry(layout.labels.contents, "contents", level=0)
            draw_running(canvas, kit, pack, None, 0, page_no, pages, header=True)
            y = draw_contents(canvas, kit, entries, title=n == 0, front=front, step=step)
            if self.overview_page == n + 1:
                self._draw_overview(canvas, y - self.gap, label=False)
            canvas.showPage()
        if self.overview_page > len(self.contents):
            draw_running(canvas, kit, pack, None, 0, self.count, pages, header=True)
            self._draw_overview(canvas, top, label=False)
            canvas.showPage()

    def _draw_overview(self, canvas, y: float, label: bool) -> None:
        kit, layout = self.kit, self.kit.layout
        x, _, width, _ = frame(layout)
        canvas.bookmarkPage("overview", fit="XYZ", top=y)
        canvas.addOutlineEntry(layout.labels.overview, "overview", level=0)
        if label:
            y = _label(canvas, kit, layout.labels.overview, y)
        else:
            draw_title(canvas, kit, layout.labels.overview, y)
            y -= title_height(kit)
        self.overview.draw(canvas, x, y, width, 0)


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
