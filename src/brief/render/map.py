"""The argument map of an essay: the thesis on top, three columns 问题 → 机理 → 对策 of boxes
holding the list items (shortened to fit, ¶ kept), and connectors for Pack.links.

The map is laid out as geometry first (boxes and connector polylines in a frame whose origin is
its top-left corner, y growing downwards), then drawn. Boxes are stacked per column with gaps
between them; connectors run only in the gutters between columns and, to pass the middle column,
through a gap between its boxes, so they never cross a box. fit_map tries the largest text and
the fullest items first and shrinks down to the layout's map.min_size, then shortens the items
(each keeps its first characters and its ¶), so a map always fits the room it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.model import LISTS, Brief, Item, Link
from brief.render.blocks import Block, Kit, rgb
from brief.render.typeset import CJKParagraph, Span

BUDGETS_FULL = (None, 44, 34)  # characters kept of an item while the text may still shrink
BUDGETS_TIGHT = (26, 20, 15, 11, 8, 6)  # then, at the smallest size, shorter and shorter
STEP = 0.5  # points between the sizes tried


@dataclass
class Box:
    key: tuple[str, int] | None  # (list, index) of its item; None for the thesis
    x: float
    y: float  # top, measured down from the map's top
    w: float
    h: float
    para: CJKParagraph
    pad: float

    def contains(self, x: float, y: float) -> bool:
        return self.x < x < self.x + self.w and self.y < y < self.y + self.h


@dataclass
class MapGeometry:
    size: float
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    heads: list[tuple[CJKParagraph, float, float, float]] = field(default_factory=list)
    connectors: list[list[tuple[float, float]]] = field(default_factory=list)
    budget: int | None = None

    def box(self, key: tuple[str, int]) -> Box:
        return next(b for b in self.boxes if b.key == key)


def shorten(text: str, budget: int | None) -> str:
    """The item's text cut to `budget` characters with …, at a pause when one is near."""
    if budget is None or len(text) <= budget:
        return text
    cut = text[:budget]
    for mark in "，、；：":
        at = cut.rfind(mark)
        if at >= budget * 0.6:
            return cut[:at] + "…"
    return cut.rstrip("，、；：“（《") + "…"


def _item_para(kit: Kit, item: Item, size: float, budget: int | None, width: float) -> CJKParagraph:
    """The item's box text: the item (cut to `budget`) and its ¶. The ¶ stays with the last
    characters, so when it would push them down and leave a line spread thin, the text gives up
    a character or two instead."""
    from brief.render.essay import para_ref

    style = kit.style("heading", size)
    ref = ""
    if item.paragraphs:
        ref = " " + kit.layout.labels.ref + para_ref(item.paragraphs[:2])
    ref_style = kit.style("heading", size * 0.85, "muted")
    text = shorten(item.text, budget)
    for _ in range(6):
        spans = [Span(text, style)]
        if ref:
            spans.append(Span(ref, ref_style, keep=True))
        para = CJKParagraph(spans, size * 1.28, align="left")
        lines = para.break_lines(width)
        if all(ln.extra <= size * 0.12 for ln in lines[:-1]) or len(text) <= 4:
            return para
        text = shorten(item.text, len(text.rstrip("…")) - 1)
    return para


def build_map(
    kit: Kit,
    brief: Brief,
    links: tuple[Link, ...],
    width: float,
    size: float,
    budget: int | None,
    thesis_lines: int = 2,
    tight: bool = False,
    spread: float = 1.0,
    limit: float | None = None,
) -> MapGeometry:
    """The map's geometry at text `size` with items cut to `budget` characters; `tight` closes
    up the padding and the gaps (the most compact map a full page still has room for). With a
    `limit`, a map found taller than it is left unfinished: only its height (> limit) counts."""
    layout = kit.layout
    pad = size * (0.3 if tight else 0.45)
    gap = size * (0.6 if tight else spread)  # between boxes: room for connectors passing through
    rec_links = [ln for ln in links if ln.a[0] == "recommendations"]
    lanes1, lanes2 = len(links), len(rec_links)
    lane = size * 0.45
    g1 = max(size * 2.4, (lanes1 + 1) * lane)
    g2 = max(size * 2.4, (lanes2 + 1) * lane)
    col_w = (width - g1 - g2) / 3
    xs = (0.0, col_w + g1, 2 * col_w + g1 + g2)
    geom = MapGeometry(size=size, width=width, height=0.0, budget=budget)
    y = 0.0
    if brief.thesis:
        label = Span(layout.labels.thesis + "　", kit.style("heading", size, "accent", bold=True))
        inner = width - 2 * pad
        for cut in (None, 80, 60, 44, 34, 26, 18):
            text = shorten(brief.thesis, cut)
            para = CJKParagraph([label, Span(text, kit.style("heading", size))], size * 1.3)
            if len(para.break_lines(inner)) <= thesis_lines:
                break
        h = para.height_for(inner) + 2 * pad
        geom.boxes.append(Box(None, 0.0, y, width, h, para, pad))
        y += h + size * (0.5 if tight else 0.9)
    head_size = size * 1.05
    head_h = head_size * (1.3 if tight else 1.5)
    for name, x in zip(LISTS, xs, strict=True):
        style = kit.style("heading", head_size, "accent", bold=True)
        head = CJKParagraph([Span(getattr(layout.labels, name), style)], head_h, align="center")
        geom.heads.append((head, x, y, col_w))
    arrow = kit.style("heading", head_size, "muted")
    for x, g in ((col_w, g1), (2 * col_w + g1, g2)):
        geom.heads.append((CJKParagraph([Span("→", arrow)], head_h, align="center"), x, y, g))
    top = y + head_h + size * 0.3
    bottoms = []
    for name, x in zip(LISTS, xs, strict=True):
        cy = top
        for n, item in enumerate(getattr(brief, name)):
            para = _item_para(kit, item, size, budget, col_w - 2 * pad)
            h = para.height_for(col_w - 2 * pad) + 2 * pad
            geom.boxes.append(Box((name, n), x, cy, col_w, h, para, pad))
            if limit is not None and cy + h > limit + 1e-6:
                geom.height = cy + h  # no taller than the finished map: enough to refuse it
                return geom
            cy += h + gap
        bottoms.append(cy - gap if cy > top else top)
    geom.height = max(bottoms) + (gap if rec_links else 0.0)
    _route(geom, links, xs, col_w, g1, g2, top, lane)
    return geom


def _route(geom, links, xs, col_w, g1, g2, top, lane) -> None:
    """Connectors as polylines: out of the problem's right edge, along a lane of the first
    gutter; a mechanism is entered from its left edge; a recommendation is reached through a
    gap of the middle column and a lane of the second gutter."""
    left1, left2 = col_w, 2 * col_w + g1

    def mid(box: Box) -> float:
        return box.y + box.h / 2

    ordered = sorted(links, key=lambda ln: (mid(geom.box(ln.b)), mid(geom.box(ln.a))))
    rec = [ln for ln in ordered if ln.a[0] == "recommendations"]
    middle = sorted(
        (b for b in geom.boxes if b.key and b.key[0] == "mechanisms"), key=lambda b: b.y
    )
    # free bands of the middle column, top to bottom: above, between and below its boxes
    bands, y = [], top
    for b in middle:
        if b.y - y > 1e-6:
            bands.append([y, b.y, 0])
        y = b.y + b.h
    bands.append([y, max(geom.height, y + lane * 2), 0])
    for k, ln in enumerate(ordered):
        p, other = geom.box(ln.b), geom.box(ln.a)
        yp, yo = mid(p), mid(other)
        lx = left1 + (k + 1) * g1 / (len(ordered) + 1)
        if ln.a[0] == "mechanisms":
            geom.connectors.append([(left1, yp), (lx, yp), (lx, yo), (other.x, yo)])
            continue
        want = (yp + yo) / 2
        band = min(bands, key=lambda b: abs((b[0] + b[1]) / 2 - want))
        room = band[1] - band[0]
        yc = band[0] + room / 2 + (band[2] % 3 - 1) * min(lane * 0.6, room / 4)
        band[2] += 1
        j = rec.index(ln)
        lx2 = left2 + (j + 1) * g2 / (len(rec) + 1)
        geom.connectors.append(
            [(left1, yp), (lx, yp), (lx, yc), (lx2, yc), (lx2, yo), (other.x, yo)]
        )


def fit_map(
    kit: Kit,
    brief: Brief,
    links: tuple[Link, ...],
    width: float,
    room: float,
    largest: float,
    thesis_lines: int = 2,
) -> MapGeometry:
    """The map at the largest size (down to map.min_size) and fullest items that fit `room`."""
    smallest = min(kit.layout.map.min_size, largest)
    sizes = [largest]
    while sizes[-1] - STEP >= smallest - 1e-6:
        sizes.append(sizes[-1] - STEP)
    if sizes[-1] > smallest + 1e-6:
        sizes.append(smallest)
    # The most of each item's text first, then the largest size that holds it. Both are found
    # by halving: shorter items never make a taller map, nor does a smaller size, so this finds
    # what trying each budget and size in turn would, in fewer layouts.
    budgets = (*BUDGETS_FULL, *BUDGETS_TIGHT)
    at_smallest: dict[int, MapGeometry] = {}

    def fits(i: int) -> bool:
        if i not in at_smallest:
            at_smallest[i] = build_map(
                kit, brief, links, width, sizes[-1], budgets[i], thesis_lines, limit=room
            )
        return at_smallest[i].height <= room + 1e-6

    first, stop = 0, len(budgets)
    while first < stop:
        mid = (first + stop) // 2
        if fits(mid):
            stop = mid
        else:
            first = mid + 1
    if first < len(budgets):
        budget, best = budgets[first], at_smallest[first]
        low, high = 0, len(sizes) - 1  # sizes[high] fits; find the first (largest) that does
        while low < high:
            mid = (low + high) // 2
            geom = build_map(kit, brief, links, width, sizes[mid], budget, thesis_lines, limit=room)
            if geom.height <= room + 1e-6:
                best, high = geom, mid
            else:
                low = mid + 1
        return best
    for budget in BUDGETS_TIGHT:
        geom = build_map(kit, brief, links, width, smallest, budget, 1, tight=True)
        if geom.height <= room + 1e-6:
            return geom
    return geom


def spread_map(
    kit: Kit, brief: Brief, links: tuple[Link, ...], width: float, room: float, largest: float
) -> MapGeometry:
    """The map of a page of its own: fitted, then its boxes spaced out to use the page's
    height (up to three times the text size between boxes), so the connectors read clearly."""
    geom = fit_map(kit, brief, links, width, room, largest, thesis_lines=4)
    for spread in (3.0, 2.5, 2.0, 1.5):
        wider = build_map(kit, brief, links, width, geom.size, geom.budget, 4, spread=spread)
        if wider.height <= room + 1e-6:
            return wider
    return geom


_last_smallest: tuple = ()  # (layout, fonts, brief, links, width, height) of the last call


def smallest_map(kit: Kit, brief: Brief, links: tuple[Link, ...], width: float) -> float:
    """The height of the most compact map: what a page must keep free for it. It does not
    depend on the page's scale, so each step of fitting a page asks for the same one."""
    global _last_smallest
    last = _last_smallest
    if (
        last
        and last[0] is kit.layout
        and last[1] is kit.fonts
        and last[2] is brief
        and last[3] == links
        and last[4] == width
    ):
        return last[5]
    size = min(kit.layout.map.min_size, kit.layout.map.size)
    height = build_map(kit, brief, links, width, size, BUDGETS_TIGHT[-1], 1, tight=True).height
    _last_smallest = (kit.layout, kit.fonts, brief, links, width, height)
    return height


def draw_map(canvas, kit: Kit, geom: MapGeometry, x: float, top: float) -> None:
    c = kit.colours
    for head, hx, hy, hw in geom.heads:
        head.draw_at(canvas, x + hx, top - hy, hw)
    canvas.setLineWidth(0.7)
    canvas.setStrokeColor(rgb(c.accent))
    canvas.setFillColor(rgb(c.accent))
    dot = max(geom.size * 0.16, 0.9)
    for line in geom.connectors:
        path = canvas.beginPath()
        path.moveTo(x + line[0][0], top - line[0][1])
        for px, py in line[1:]:
            path.lineTo(x + px, top - py)
        canvas.drawPath(path, stroke=1, fill=0)
        for px, py in (line[0], line[-1]):
            canvas.circle(x + px, top - py, dot, stroke=0, fill=1)
    radius = geom.size * 0.35
    for b in geom.boxes:
        thesis = b.key is None
        canvas.setFillColor(rgb(c.tint if thesis or b.key[0] == "problems" else "#ffffff"))
        canvas.setStrokeColor(rgb(c.accent if thesis else c.rule))
        canvas.setLineWidth(0.8 if thesis else 0.6)
        canvas.roundRect(x + b.x, top - b.y - b.h, b.w, b.h, radius, stroke=1, fill=1)
        b.para.draw_at(canvas, x + b.x + b.pad, top - b.y - b.pad, b.w - 2 * b.pad)


class MapBlock(Block):
    """The compact map of an essay page: as tall as its most compact form, and given the
    room the page has left when drawn (up to its natural height at map.size)."""

    def __init__(self, kit: Kit, brief: Brief, links: tuple[Link, ...]):
        self.kit = kit
        self.brief = brief
        self.links = links
        self.largest = kit.layout.map.size * kit.scale.ratio
        self._min: dict[float, float] = {}

    def height(self, width: float) -> float:
        if width not in self._min:
            self._min[width] = smallest_map(self.kit, self.brief, self.links, width)
        return self._min[width]

    def natural(self, width: float, limit: float | None = None) -> float:
        """The height at map.size with items whole; with a `limit`, any height above it
        may stand for a taller one."""
        kit, brief, links = self.kit, self.brief, self.links
        return build_map(kit, brief, links, width, self.largest, None, limit=limit).height

    def draw(self, canvas, x, top, width, room):
        geom = fit_map(self.kit, self.brief, self.links, width, room, self.largest)
        draw_map(canvas, self.kit, geom, x, top)
