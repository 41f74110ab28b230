"""Pack -> PDF: the front matter (cover, contents, overview: one page for a short pack, see
front.py), exactly one page per essay (two facing pages, brief and map, when map.page is set),
then the glossary.

Each essay page is a column of blocks in the layout's order. When they do not fit, the page
tightens step by step down to the layout's minimum sizes, then drops the lowest-ranked list items
(Item.score) and says so; it never runs on to a second page. Every character is checked against
the faces before anything is drawn. The PDF is reproducible: reportlab's invariant mode, dates
from SOURCE_DATE_EPOCH when set.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from brief.model import LISTS, Brief, Pack
from brief.render.blocks import Kit, Label, frame, scale_at
from brief.render.fit import fit_essay
from brief.render.fonts import MISSING_MARK, FontSet, load_fonts
from brief.render.front import FrontPlan, draw_title, title_height
from brief.render.glossary import draw_glossary, glossary_pages
from brief.render.glyphs import forget
from brief.render.map import draw_map, spread_map
from brief.render.record import Recorder, replay
from brief.render.running import draw_running
from brief.render.schema import Layout
from brief.render.typeset import CJKParagraph, Span


def render_pack(
    pack: Pack, layout: Layout, done: Callable[[], None] | None = None
) -> tuple[bytes, list[str]]:
    """The pack as PDF bytes, and the warnings (missing characters, dropped items); `done` is
    called as each essay's pages are made (a progress bar).

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

    kit = Kit(layout, fonts, scale_at(layout, 0.0))
    step = 2 if layout.map.page else 1
    plan = FrontPlan(kit, pack)
    # facing pairs: each brief on a left-hand (even) page, its map on the right
    pad = 1 if step == 2 and plan.count % 2 == 0 else 0
    front = plan.count + pad
    glossary = glossary_pages(kit, pack, title_height(kit))
    pages = front + step * len(pack.briefs) + len(glossary)
    plan.draw(canvas, pages, step, front)
    for _ in range(pad):
        canvas.showPage()  # the blank page that keeps brief and map facing

    def essay_pages(target, index: int) -> list[str]:
        """Essay `index`'s page (and its map's) drawn on `target`; the fitting's warnings."""
        forget()  # each page's glyphs are its own: what is held stays flat
        brief = pack.briefs[index - 1]
        page_no = front + 1 + (index - 1) * step
        notes = _draw_essay(target, layout, fonts, pack, brief, index, page_no, pages)
        if step == 2:
            _draw_map_page(target, kit, pack, brief, index, page_no + 1, pages)
        return notes

    warnings += _draw_essays(canvas, essay_pages, len(pack.briefs), done or (lambda: None))
    forget()
    for n, entries in enumerate(glossary):
        page_no = front + step * len(pack.briefs) + 1 + n
        draw_running(canvas, kit, pack, None, 0, page_no, pages, header=True)
        top = frame(layout)[1]
        if n == 0:
            canvas.bookmarkPage("glossary")
            canvas.addOutlineEntry(layout.labels.glossary, "glossary", level=0)
            draw_title(canvas, kit, layout.labels.glossary)
            top -= title_height(kit)
        draw_glossary(canvas, kit, entries, top)
        canvas.showPage()
    canvas.showOutline()
    canvas.save()
    return buf.getvalue(), warnings


def _draw_essays(
    canvas, draw: Callable[[object, int], list[str]], count: int, done: Callable[[], None]
) -> list[str]:
    """The essays' pages, 1 to `count`, drawn by `draw(canvas, index)`: here for a small pack,
    else fitted and drawn in worker processes and made on the canvas in order (record.py),
    byte for byte the same PDF. Returns the warnings in the essays' order."""
    from brief.workers import jobs_for, ordered_results

    # Replaying costs about a quarter of drawing: on cores another program keeps busy, the
    # workers lose more than they save (210 essays: 5.6 s instead of 4.7), so only idle ones.
    jobs = jobs_for(count, idle_only=True)
    warnings: list[str] = []
    if jobs == 1:
        for index in range(1, count + 1):
            warnings += draw(canvas, index)
            done()
        return warnings

    def recorded(index: int) -> tuple[list, list[str]]:
        stand_in = Recorder()
        notes = draw(stand_in, index)
        return stand_in.ops, notes

    with ordered_results(recorded, range(1, count + 1), jobs) as pages:
        for ops, notes in pages:
            replay(canvas, ops)
            warnings += notes
            done()
    return warnings


def _draw_map_page(canvas, kit: Kit, pack: Pack, brief: Brief, index, page_no, pages) -> None:
    """The essay's argument map on a page of its own (facing its brief), at up to map.size."""
    layout = kit.layout
    x, top, width, height = frame(layout)
    key = f"map{index}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(layout.labels.map, key, level=1)
    draw_running(canvas, kit, pack, brief, index, page_no, pages, header=True)
    label = Label(kit, layout.labels.map)
    label.draw(canvas, x, top, width, 0)
    y = top - label.height(width) - layout.sizes.space * 0.5
    size = layout.sizes.subtitle
    title = CJKParagraph(
        [Span(brief.article.title, kit.style("heading", size, "text", bold=True))],
        size * 1.4,
        align="left",
    )
    title.draw_at(canvas, x, y, width)
    y -= title.height_for(width) + layout.sizes.space * 2
    links = pack.links[index - 1] if len(pack.links) >= index else ()
    geom = spread_map(kit, brief, links, width, y - (top - height), layout.map.size)
    draw_map(canvas, kit, geom, x, y)
    canvas.showPage()


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
    page, notes = fit_essay(layout, fonts, pack, brief, index)
    key = f"essay{index}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(brief.article.title, key, level=0)
    header = "header" in layout.blocks
    draw_running(canvas, page.kit, pack, brief, index, page_no, pages, header=header)
    page.draw(canvas)
    canvas.showPage()
    return notes


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
    glossary = "".join(t.term + t.sentence for t in pack.glossary)
    body_faces = fonts.chain("body")
    label = f"glossary ({len(pack.glossary)} terms)"
    out += [_missing(label, ch, body_faces) for ch in sorted(fonts.uncovered(glossary, "body"))]
    return out


def _missing(where: str, ch: str, faces) -> str:
    names = ", ".join(dict.fromkeys(f.path.rsplit("/", 1)[-1] for f in faces))
    return f"{where}: U+{ord(ch):04X} {ch!r} is in none of the fonts ({names}); printed as {MISSING_MARK}"


def _metadata(canvas, pack: Pack, version: str) -> None:
    authors = list(dict.fromkeys(a for b in pack.briefs for a in b.article.authors))
    keywords = list(dict.fromkeys(k for b in pack.briefs for k in b.keywords))
    canvas.setTitle(pack.title)
    canvas.setAuthor("、".join(authors))
    canvas.setSubject(f"{pack.title} · {pack.date} · 共 {len(pack.briefs)} 篇")
    canvas.setKeywords(", ".join(keywords))
    canvas.setCreator(f"Brief {version}")
