"""Pack -> PDF: a cover, a contents page, then exactly one page per essay.

Each essay page is a column of blocks in the layout's order. When they do not fit, the page
tightens step by step down to the layout's minimum sizes, then drops the lowest-ranked list items
(Item.score) and says so; it never runs on to a second page. Every character is checked against
the faces before anything is drawn. The PDF is reproducible: reportlab's invariant mode, dates
from SOURCE_DATE_EPOCH when set.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from brief.fonts import MISSING_MARK, FontSet, load_fonts
from brief.layout import Layout, cover_context, page_context
from brief.model import LISTS, Brief, Item, Pack
from brief.typeset import CJKParagraph, Span, TextStyle, text_width


def render_pack(pack: Pack, layout: Layout) -> tuple[bytes, list[str]]:
    """The pack as PDF bytes, and the warnings (missing characters, dropped items).

    Pages are drawn as they are laid out: the front matter's page count is known before any
    essay is fitted, and each essay's page is fitted, drawn and let go before the next, so the
    layouts held at once do not grow with the pack."""
    from reportlab.pdfgen.canvas import Canvas

    from brief import __version__

    fonts = load_fonts(layout.fonts)
    warnings = coverage_warnings(pack, fonts)

    buf = io.BytesIO()
    canvas = Canvas(
        buf,
        pagesize=layout.page.size,
        invariant=1,  # byte-identical output; dates come from SOURCE_DATE_EPOCH when set
        pageCompression=1,
        initialFontName=fonts.body.regular.name,  # else reportlab adds an unembedded Helvetica
        initialFontSize=layout.sizes.body,
        lang="zh-CN",
    )
    _metadata(canvas, pack, __version__)

    front = _draw_front(canvas, _Kit(layout, fonts, _scale(layout, 0.0)), pack)
    pages = front + len(pack.briefs)
    for index, brief in enumerate(pack.briefs, start=1):
        warnings += _draw_essay(canvas, layout, fonts, pack, brief, index, front + index, pages)
    canvas.showOutline()
    canvas.save()
    return buf.getvalue(), warnings


def _draw_front(canvas, kit: _Kit, pack: Pack) -> int:
    """The cover and the contents (one page or more); returns their page count."""
    layout = kit.layout
    contents = _contents_pages(kit, pack)
    front = 1 + len(contents)
    pages = front + len(pack.briefs)
    _draw_cover(canvas, kit, pack, pages)
    canvas.showPage()
    for n, entries in enumerate(contents):
        page_no = 2 + n
        if n == 0:
            canvas.bookmarkPage("contents")
            canvas.addOutlineEntry(layout.labels.contents, "contents", level=0)
        _draw_running(canvas, kit, pack, None, 0, page_no, pages, header=True)
        _draw_contents(canvas, kit, entries, title=n == 0, front=front)
        canvas.showPage()
    return front


def _draw_essay(
    canvas,
    layout: Layout,
    fonts: FontSet,
    pack: Pack,
    brief: Brief,
    index: int,
    page_no: int,
    pages: int,
) -> list[str]:
    """Fit essay `index` to its page and draw it there; returns the fitting's warnings.
    The page's layout lives only as long as this call."""
    page, notes = _fit_essay(layout, fonts, pack, brief, index)
    key = f"essay{index}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(brief.article.title, key, level=0)
    header = "header" in layout.blocks
    _draw_running(canvas, page.kit, pack, brief, index, page_no, pages, header=header)
    page.draw(canvas)
    canvas.showPage()
    return notes


# ---------------------------------------------------------------- checks before drawing


def coverage_warnings(pack: Pack, fonts: FontSet) -> list[str]:
    """One warning per character that none of the faces set for it has, naming the essay."""
    out = []
    heading = fonts.chain("heading", bold=True)
    out += [
        _missing("cover", ch, heading)
        for ch in sorted(fonts.uncovered(pack.title, "heading", True))
    ]
    for brief in pack.briefs:
        a = brief.article
        title = "".join(filter(None, (a.title, a.kicker, a.subtitle)))
        body = "".join(
            filter(
                None,
                (
                    brief.thesis,
                    a.affiliation,
                    a.column,
                    *a.authors,
                    *brief.keywords,
                    *brief.questions,
                    *(i.text for name in LISTS for i in getattr(brief, name)),
                ),
            )
        )
        where = f"《{a.title}》"
        missing = {ch: heading for ch in fonts.uncovered(title, "heading", True)}
        missing.update({ch: fonts.chain("body") for ch in fonts.uncovered(body, "body")})
        out += [_missing(where, ch, faces) for ch, faces in sorted(missing.items())]
    return out


def _missing(where: str, ch: str, faces) -> str:
    names = ", ".join(dict.fromkeys(f.path.rsplit("/", 1)[-1] for f in faces))
    return f"{where}: U+{ord(ch):04X} {ch!r} is in none of the fonts ({names}); printed as {MISSING_MARK}"


# ---------------------------------------------------------------- sizes and styles


@dataclass(frozen=True)
class _Scale:
    """Sizes at one step of fitting: t=0 the layout's sizes, t=1 its minimums."""

    ratio: float  # body size / normal body size; other text sizes follow
    body: float
    title: float
    leading: float
    space: float


def _scale(layout: Layout, t: float) -> _Scale:
    s, fit = layout.sizes, layout.fit
    body = s.body + (fit.min_body - s.body) * t
    return _Scale(
        ratio=body / s.body,
        body=body,
        title=s.title + (fit.min_title - s.title) * t,
        leading=s.leading + (fit.min_leading - s.leading) * t,
        space=s.space + (fit.min_space - s.space) * t,
    )


class _Kit:
    """Makes the styles and paragraphs of a page at one scale."""

    def __init__(self, layout: Layout, fonts: FontSet, scale: _Scale):
        self.layout = layout
        self.fonts = fonts
        self.scale = scale
        self.colours = layout.colours

    def size(self, name: str) -> float:
        if name == "body":
            return self.scale.body
        if name == "title":
            return self.scale.title
        return getattr(self.layout.sizes, name) * self.scale.ratio

    def style(
        self, role: str, size: str | float, colour: str = "text", bold: bool = False
    ) -> TextStyle:
        points = self.size(size) if isinstance(size, str) else size
        return TextStyle(self.fonts.chain(role, bold), points, getattr(self.colours, colour))

    def para(
        self, spans: Sequence[Span], size: float, leading: float | None = None, **kw
    ) -> CJKParagraph:
        return CJKParagraph(spans, size * (leading or self.scale.leading), **kw)


# ---------------------------------------------------------------- blocks


class _Block:
    """A piece of a page: height for a width, then drawn with its top-left corner at (x, top)."""

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas, x: float, top: float, width: float, room: float) -> None:
        raise NotImplementedError


class _Para(_Block):
    def __init__(self, para: CJKParagraph, indent: float = 0.0):
        self.para = para
        self.indent = indent

    def height(self, width: float) -> float:
        return self.para.height_for(width - self.indent)

    def draw(self, canvas, x, top, width, room):
        self.para.draw_at(canvas, x + self.indent, top, width - self.indent)


class _Label(_Block):
    """▌问题 ───────: a short bar, the label, and a rule to the right edge."""

    def __init__(self, kit: _Kit, label: str):
        self.kit = kit
        self.size = kit.size("label")
        self.style = kit.style("heading", self.size, "accent", bold=True)
        self.label = label
        self.para = CJKParagraph([Span(label, self.style)], self.size * 1.5, align="left")

    def height(self, width):
        return self.size * 1.5

    def draw(self, canvas, x, top, width, room):
        k = self.kit
        h = self.size * 1.5
        mid = top - h / 2
        bar = self.size * 0.2
        canvas.setFillColor(_rgb(k.colours.accent))
        canvas.rect(x, mid - self.size * 0.42, bar, self.size * 0.84, stroke=0, fill=1)
        tx = x + bar + self.size * 0.35
        self.para.draw_at(canvas, tx, top, width)
        end = tx + text_width([Span(self.label, self.style)]) + self.size * 0.5
        if end < x + width:
            canvas.setStrokeColor(_rgb(k.colours.rule))
            canvas.setLineWidth(0.5)
            canvas.line(end, mid, x + width, mid)


class _Marked(_Block):
    """A list item or question: a marker (square or number) hanging left of its paragraph."""

    def __init__(self, kit: _Kit, para: CJKParagraph, indent: float, number: str | None = None):
        self.kit = kit
        self.para = para
        self.indent = indent
        self.number = number
        if number is not None:
            style = kit.style("heading", "body", "accent", bold=True)
            self.marker = CJKParagraph([Span(number, style)], para.leading, align="right")

    def height(self, width):
        return self.para.height_for(width - self.indent)

    def draw(self, canvas, x, top, width, room):
        body = self.kit.scale.body
        if self.number is None:
            side = body * 0.3
            cy = top - self.para.leading / 2 + body * 0.02
            canvas.setFillColor(_rgb(self.kit.colours.accent))
            canvas.rect(x + body * 0.15, cy - side / 2, side, side, stroke=0, fill=1)
        else:
            self.marker.draw_at(canvas, x, top, self.indent - body * 0.35)
        self.para.draw_at(canvas, x + self.indent, top, width - self.indent)


class _Thesis(_Block):
    """The thesis set apart: a tinted box with an accent bar, label inline."""

    def __init__(self, kit: _Kit, para: CJKParagraph):
        self.kit = kit
        self.para = para
        self.pad = kit.scale.body * 0.7
        self.bar = 2.2

    def _inner(self, width):
        return width - self.bar - 2 * self.pad

    def height(self, width):
        return self.para.height_for(self._inner(width)) + 1.2 * self.pad

    def draw(self, canvas, x, top, width, room):
        h = self.height(width)
        c = self.kit.colours
        canvas.setFillColor(_rgb(c.tint))
        canvas.rect(x, top - h, width, h, stroke=0, fill=1)
        canvas.setFillColor(_rgb(c.accent))
        canvas.rect(x, top - h, self.bar, h, stroke=0, fill=1)
        self.para.draw_at(canvas, x + self.bar + self.pad, top - 0.6 * self.pad, self._inner(width))


class _Notes(_Block):
    """Ruled lines for notes in whatever height is left (at least the layout's minimum)."""

    def __init__(self, kit: _Kit, min_lines: int):
        self.kit = kit
        self.spacing = kit.layout.sizes.notes_spacing
        self.min_lines = min_lines

    def height(self, width):
        return self.min_lines * self.spacing

    def draw(self, canvas, x, top, width, room):
        lines = int((room + 1e-6) // self.spacing)
        canvas.setStrokeColor(_rgb(self.kit.colours.rule))
        canvas.setLineWidth(0.4)
        for n in range(1, lines + 1):
            y = top - n * self.spacing
            canvas.line(x, y, x + width, y)


class _Gap(_Block):
    def __init__(self, h: float):
        self.h = h

    def height(self, width):
        return self.h

    def draw(self, canvas, x, top, width, room):
        pass


@dataclass
class _Entry:
    """One droppable list item on an essay page."""

    block: _Block
    list_name: str
    position: int
    score: float
    dropped: bool = False


@dataclass
class _Section:
    """Blocks kept together: a label with its items, or a single block. Notes are elastic."""

    head: list[_Block]
    entries: list[_Entry] = field(default_factory=list)
    gap_after: float = 0.0
    elastic: bool = False
    is_list: bool = False
    name: str = ""  # the layout's block name

    def visible(self) -> bool:
        return not self.is_list or not self.entries or any(not e.dropped for e in self.entries)

    def height(self, width: float, item_gap: float) -> float:
        if not self.visible():
            return 0.0
        h = sum(b.height(width) for b in self.head)
        kept = [e for e in self.entries if not e.dropped]
        h += sum(e.block.height(width) for e in kept) + item_gap * len(kept)
        return h + self.gap_after


# ---------------------------------------------------------------- the essay page


@dataclass
class _EssayPage:
    kit: _Kit
    brief: Brief
    sections: list[_Section]
    frame: tuple[float, float, float, float]  # x, top, width, height
    item_gap: float

    def total(self) -> float:
        x, top, width, height = self.frame
        return sum(s.height(width, self.item_gap) for s in self.sections)

    def fits(self) -> bool:
        return self.total() <= self.frame[3] + 1e-6

    def draw(self, canvas) -> None:
        x, top, width, height = self.frame
        room = height - self.total()
        y = top
        for section in self.sections:
            if not section.visible():
                continue
            blocks = list(section.head)
            for e in section.entries:
                if not e.dropped:
                    blocks += [e.block, _Gap(self.item_gap)]
            for block in blocks:
                h = block.height(width)
                if section.elastic and isinstance(block, _Notes):
                    h += room
                block.draw(canvas, x, y, width, h)
                y -= h
            y -= section.gap_after


def _frame(layout: Layout) -> tuple[float, float, float, float]:
    w, h = layout.page.size
    m = layout.page.margins
    return m.left, h - m.top, w - m.left - m.right, h - m.top - m.bottom


def _fit_essay(layout: Layout, fonts: FontSet, pack: Pack, brief: Brief, index: int):
    """The essay's page at the largest scale that fits; at the minimums, items are dropped
    (lowest score first) and, last, overlong paragraphs cut. Returns the page and warnings."""
    steps = max(layout.fit.steps, 1)
    page = None
    for k in range(steps + 1):
        page = _essay_page(_Kit(layout, fonts, _scale(layout, k / steps)), pack, brief, index)
        if page.fits():
            return page, []
    assert page is not None
    title = brief.article.title
    notes = []
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


def _drop_items(page: _EssayPage) -> list[_Entry]:
    """Drop the lowest-scored items (keeping one per list as long as possible) until it fits."""
    dropped: list[_Entry] = []
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


def _shorten(page: _EssayPage, limit: float) -> list[str]:
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
            if isinstance(b, _Para | _Thesis | _Marked)
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


def _essay_page(kit: _Kit, pack: Pack, brief: Brief, index: int) -> _EssayPage:
    layout = kit.layout
    a = brief.article
    sc = kit.scale
    body = sc.body
    x, top, width, height = _frame(layout)
    tight = sc.space * 0.35  # between the lines of the title group
    sections: list[_Section] = []

    def single(block: _Block, gap: float) -> None:
        sections.append(_Section([block], gap_after=gap, name=name))

    def heading_line(text: str, size_key: str, colour: str) -> _Para:
        """The kicker or the subtitle: one left-aligned line of the heading face."""
        size = kit.size(size_key)
        return _Para(
            kit.para([Span(text, kit.style("heading", size, colour))], size, 1.4, align="left")
        )

    for name in layout.blocks:
        if name == "kicker" and a.kicker:
            single(heading_line(a.kicker, "kicker", "accent"), tight)
        elif name == "title":
            size = kit.size("title")
            style = kit.style("heading", size, "text", bold=True)
            para = kit.para(
                [Span(a.title, style)], size, layout.sizes.title_leading, align="left", balance=True
            )
            single(_Para(para), tight)
        elif name == "subtitle" and a.subtitle:
            single(heading_line(a.subtitle, "subtitle", "muted"), tight)
        elif name == "authors" and (a.authors or a.affiliation):
            size = kit.size("meta")
            spans = [Span("　".join(a.authors), kit.style("body", size, "muted"))]
            if a.affiliation:
                sep = "　　" if a.authors else ""
                spans.append(Span(sep + a.affiliation, kit.style("body", size * 0.92, "muted")))
            single(_Para(kit.para(spans, size, 1.45, align="left")), tight)
        elif name == "source":
            line = layout.render("templates.source", page_context(pack, brief, index, 0, 0)).strip()
            if line:
                size = kit.size("meta")
                single(
                    _Para(
                        kit.para(
                            [Span(line, kit.style("body", size * 0.92, "muted"))],
                            size,
                            1.4,
                            align="left",
                        )
                    ),
                    tight,
                )
        elif name == "thesis" and brief.thesis:
            spans = [
                Span(layout.labels.thesis + "　", kit.style("heading", body, "accent", bold=True)),
                Span(brief.thesis, kit.style("body", body)),
            ]
            single(_Thesis(kit, kit.para(spans, body)), sc.space)
        elif name in LISTS:
            items: tuple[Item, ...] = getattr(brief, name)
            label = getattr(layout.labels, name)
            if not items and layout.lists.empty == "omit":
                continue
            section = _Section([_Label(kit, label)], gap_after=sc.space, is_list=True, name=name)
            if not items:
                note = kit.para([Span(layout.labels.empty, kit.style("body", body, "muted"))], body)
                section.head.append(_Para(note, indent=body * 1.2))
            for n, item in enumerate(items):
                section.entries.append(_Entry(_item_block(kit, item), name, n, item.score))
            sections.append(section)
        elif name == "keywords" and brief.keywords:
            spans = [
                Span(
                    layout.labels.keywords + "　", kit.style("heading", body, "accent", bold=True)
                ),
                Span("；".join(brief.keywords), kit.style("body", body)),
            ]
            single(_Para(kit.para(spans, body, align="left")), sc.space)
        elif name == "questions" and brief.questions:
            section = _Section(
                [_Label(kit, layout.labels.questions)], gap_after=sc.space, name=name
            )
            indent = body * 1.6
            for n, q in enumerate(brief.questions, start=1):
                para = kit.para([Span(q, kit.style("body", body))], body)
                section.head += [_Marked(kit, para, indent, f"{n}."), _Gap(sc.space * 0.25)]
            sections.append(section)
        elif name == "notes":
            section = _Section(
                [_Label(kit, layout.labels.notes), _Notes(kit, layout.fit.min_notes_lines)]
            )
            section.elastic = True
            sections.append(section)
    # the label sits closer to its list than to the block above
    if sections:
        sections[-1].gap_after = 0.0
    return _EssayPage(kit, brief, sections, (x, top, width, height), item_gap=sc.space * 0.25)


def _item_block(kit: _Kit, item: Item) -> _Marked:
    body = kit.scale.body
    spans = [Span(item.text, kit.style("body", body))]
    if kit.layout.lists.refs and item.paragraphs:
        ref = " " + kit.layout.labels.ref + para_ref(item.paragraphs)
        spans.append(Span(ref, kit.style("body", "small", "muted"), keep=True))
    return _Marked(kit, kit.para(spans, body), body * 1.2)


def para_ref(numbers: Sequence[int]) -> str:
    """Paragraph numbers as ranges: (3,) -> '3', (3, 4) -> '3–4', (2, 3, 4, 7) -> '2–4, 7'."""
    nums = sorted(set(numbers))
    parts = []
    start = prev = None
    for n in [*nums, None]:
        if start is not None and (n is None or n != prev + 1):
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ", ".join(parts)


# ---------------------------------------------------------------- running lines, cover, contents


def _draw_running(
    canvas, kit: _Kit, pack: Pack, brief: Brief | None, index, page, pages, header: bool
):
    layout = kit.layout
    x, top, width, _ = _frame(layout)
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
            canvas.setStrokeColor(_rgb(layout.colours.rule))
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


def _draw_cover(canvas, kit: _Kit, pack: Pack, pages: int) -> None:
    """The cover template, line by line: '# ' title, '## ' subtitle, '---' rule, '> ' small."""
    layout = kit.layout
    c = layout.colours
    text = layout.render("templates.cover", cover_context(pack, pages))
    w, h = layout.page.size
    x, top, width, height = _frame(layout)
    body = layout.sizes.body
    y = top - height * 0.22
    canvas.setFillColor(_rgb(c.accent))
    canvas.rect(0, h - 6, w, 6, stroke=0, fill=1)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            y -= body * 0.9
            continue
        if line == "---":
            canvas.setStrokeColor(_rgb(c.accent))
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


@dataclass
class _ContentsEntry:
    index: int
    brief: Brief
    number: CJKParagraph
    title: CJKParagraph
    height: float


def _contents_pages(kit: _Kit, pack: Pack) -> list[list[_ContentsEntry]]:
    """Contents entries split into pages (usually one)."""
    layout = kit.layout
    x, top, width, height = _frame(layout)
    body = layout.sizes.body
    leading = body * 1.75
    num_w, page_w = body * 2.4, body * 3
    title_w = width - num_w - page_w
    first_room = height - _contents_title_height(kit)
    pages: list[list[_ContentsEntry]] = [[]]
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
        pages[-1].append(_ContentsEntry(index, brief, number, title, h))
        used += h
    return pages


def _contents_title_height(kit: _Kit) -> float:
    return kit.layout.sizes.title * 3.2


def _draw_contents(
    canvas, kit: _Kit, entries: list[_ContentsEntry], title: bool, front: int
) -> None:
    layout = kit.layout
    x, top, width, height = _frame(layout)
    body = layout.sizes.body
    num_w, page_w = body * 2.4, body * 3
    title_w = width - num_w - page_w
    y = top
    if title:
        label = layout.labels.contents
        if len(label) <= 3:
            label = "　".join(label)  # 目　录: short headings are letter-spaced
        size = layout.sizes.title
        style = kit.style("heading", size, "text", bold=True)
        CJKParagraph([Span(label, style)], size * 1.4, align="center").draw_at(
            canvas, x, y - size * 0.6, width
        )
        y -= _contents_title_height(kit)
    for e in entries:
        page_no = str(front + e.index)
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
            canvas.setStrokeColor(_rgb(layout.colours.muted))
            canvas.setLineWidth(0.6)
            canvas.setDash([0.6, 2.4])
            canvas.line(start, base, end, base)
            canvas.setDash([])
        canvas.linkAbsolute(
            "", f"essay{e.index}", Rect=(x, y - e.height, x + width, y), thickness=0
        )
        y -= e.height


def _metadata(canvas, pack: Pack, version: str) -> None:
    authors = list(dict.fromkeys(a for b in pack.briefs for a in b.article.authors))
    keywords = list(dict.fromkeys(k for b in pack.briefs for k in b.keywords))
    canvas.setTitle(pack.title)
    canvas.setAuthor("、".join(authors))
    canvas.setSubject(f"{pack.title} · {pack.date} · 共 {len(pack.briefs)} 篇")
    canvas.setKeywords(", ".join(keywords))
    canvas.setCreator(f"Brief {version}")


def _rgb(hex_: str):
    from brief.typeset import _color

    return _color(hex_)
