"""The pack as plain values for the HTML and Markdown templates.

Both writers read the same view, built once here from the pack and the layout, so the web page,
the Markdown and the PDF say the same thing: titles, authors and affiliation, the source line
(the layout's `templates.source`), the thesis, the three lists with their ¶ references (the
PDF's `para_ref`), keywords, questions, each essay's argument map (`Pack.links`), the overview
(each essay's length and reading time, and `Pack.themes`) and the glossary (`Pack.glossary`) when the pack has them. The layout decides
which blocks appear, in what order, with which labels, as it does for the PDF.

Nothing here is HTML or Markdown: escaping is the writer's (autoescape, or the Markdown filter).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from brief.errors import TemplateRefused
from brief.model import LISTS, Brief, Item, Link, Pack
from brief.pack.overview import READING_SPEED, reading_minutes
from brief.render.schema import Layout, value_at
from brief.render.templates import REFUSED_HINT, is_template_name, page_context, template_error
from brief.sandbox import unsafe_attributes

# Blocks drawn in the essay's header, always in this order; the others follow in layout order.
HEAD = ("kicker", "title", "subtitle", "authors", "source")
BODY = ("thesis", *LISTS, "map", "keywords", "questions")


@dataclass(frozen=True)
class ItemView:
    number: int  # 1-based place in its list
    text: str
    ref: str  # '¶3–4', or '' when the layout shows no references
    anchor: str  # id of the item, e.g. 'e1-problems-2'


@dataclass(frozen=True)
class ListView:
    name: str  # problems, mechanisms or recommendations
    label: str
    items: tuple[ItemView, ...]
    empty: str  # the note shown under an empty list, '' when there is none


@dataclass(frozen=True)
class Connection:
    """The far end of a connector of the argument map, with the terms that tie the two."""

    label: str  # the far item's list label, e.g. 对策
    item: ItemView
    terms: tuple[str, ...]


@dataclass(frozen=True)
class MapNode:
    """An item of the map with its connectors to items of later lists."""

    label: str  # its list's label, e.g. 问题
    item: ItemView
    connections: tuple[Connection, ...]


@dataclass(frozen=True)
class Dot:
    """An item of the map's picture: a numbered circle in its list's column."""

    x: int
    y: int
    label: str  # its list's label
    item: ItemView
    linked: bool


@dataclass(frozen=True)
class Picture:
    """The map drawn small: mechanisms, problems and recommendations in three columns (causes
    left of the problems they explain, measures right of the problems they answer), every item a
    numbered dot, every connector a curve. Coordinates are whole units of an SVG viewBox."""

    width: int
    height: int
    heads: tuple[tuple[int, str], ...]  # (x, list label) above each column
    dots: tuple[Dot, ...]
    curves: tuple[str, ...]  # SVG path data, one per connector


@dataclass(frozen=True)
class MapView:
    """An essay's argument map as an ordered outline: the thesis, then each item (problems, then
    mechanisms, then recommendations) that has connectors, each with the items of later lists it
    connects to. Every connector appears once, under its earlier end."""

    thesis: str
    nodes: tuple[MapNode, ...]
    links: int  # how many connectors
    picture: Picture


@dataclass(frozen=True)
class EssayView:
    index: int  # 1-based
    anchor: str  # 'essay-1'
    head: tuple[str, ...]  # header blocks to show, in HEAD order
    body: tuple[str, ...]  # body blocks to show, in layout order
    kicker: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    affiliation: str
    source: str
    thesis: str
    lists: dict[str, ListView]
    keywords: tuple[str, ...]
    questions: tuple[str, ...]
    map: MapView | None
    length: int  # characters of the essay's text, as the PDF's overview counts them
    minutes: int  # reading time, as the PDF's overview gives it
    length_text: str  # '2,402'


@dataclass(frozen=True)
class EssayRef:
    index: int
    title: str
    anchor: str


@dataclass(frozen=True)
class ThemeEssay:
    essay: EssayRef
    keyword: bool  # among the essay's keywords (● in the PDF), else taken up in its text (○)


@dataclass(frozen=True)
class ThemeView:
    term: str
    essays: tuple[ThemeEssay, ...]


@dataclass(frozen=True)
class TermView:
    term: str
    sentence: str
    ref: str  # '¶3'
    essay: EssayRef | None


def pack_view(pack: Pack, layout: Layout) -> dict[str, Any]:
    """The variables of the HTML and Markdown templates."""
    essays = [essay_view(pack, layout, b, n) for n, b in enumerate(pack.briefs, start=1)]
    refs = {e.index: EssayRef(e.index, e.title, e.anchor) for e in essays}
    themes = [
        ThemeView(
            t.term,
            tuple(
                ThemeEssay(refs[n], any(t.term in k for k in pack.briefs[n - 1].keywords))
                for n in t.essays
                if n in refs
            ),
        )
        for t in pack.themes
    ]
    glossary = [
        TermView(t.term, t.sentence, _ref(layout, (t.paragraph,)), refs.get(t.essay))
        for t in pack.glossary
    ]
    authors = list(dict.fromkeys(a for b in pack.briefs for a in b.article.authors))
    return {
        "pack": pack,
        "labels": dataclasses.asdict(layout.labels),
        "colours": dataclasses.asdict(layout.colours),
        "page": _page_css(layout),
        "title": pack.title,
        "date": pack.date,
        "total": len(essays),
        "authors": authors,
        "essays": essays,
        "themes": themes,
        "reading_speed": READING_SPEED,
        "glossary": glossary,
    }


def essay_view(pack: Pack, layout: Layout, brief: Brief, index: int) -> EssayView:
    a = brief.article
    shown = set(layout.blocks)
    head = tuple(name for name in HEAD if name in shown or name == "title")  # a page needs a title
    lists = {name: _list_view(layout, brief, index, name) for name in LISTS}
    links = pack.links[index - 1] if index <= len(pack.links) else ()
    essay_map = _map_view(brief, lists, links) if links else None
    body = [name for name in layout.blocks if name in BODY]
    if essay_map and "map" not in body:
        # the map follows the lists when the layout does not place it
        last = max((body.index(n) for n in LISTS if n in body), default=len(body) - 1)
        body.insert(last + 1, "map")
    body = [name for name in body if _has(name, brief, layout, essay_map)]
    length = brief.length or sum(len(p.text) for p in a.paragraphs)
    source = ""
    if "source" in shown:
        context = page_context(pack, brief, index, 0, 0)
        source = layout.render("templates.source", context).strip()
    return EssayView(
        index=index,
        anchor=f"essay-{index}",
        head=head,
        body=tuple(body),
        kicker=a.kicker or "",
        title=a.title,
        subtitle=a.subtitle or "",
        authors=a.authors,
        affiliation=a.affiliation or "",
        source=source,
        thesis=brief.thesis,
        lists=lists,
        keywords=brief.keywords,
        questions=brief.questions,
        map=essay_map,
        length=length,
        minutes=reading_minutes(brief),
        length_text=f"{length:,}",
    )


def _has(name: str, brief: Brief, layout: Layout, essay_map: MapView | None) -> bool:
    """Whether a body block shows anything (an empty list shows its note if the layout says so)."""
    if name in LISTS:
        return bool(getattr(brief, name)) or layout.lists.empty == "note"
    if name == "map":
        return essay_map is not None
    return bool(getattr(brief, name))


def _list_view(layout: Layout, brief: Brief, index: int, name: str) -> ListView:
    items: tuple[Item, ...] = getattr(brief, name)
    views = tuple(
        ItemView(
            number=n + 1,
            text=item.text,
            ref=_ref(layout, item.paragraphs) if layout.lists.refs else "",
            anchor=_anchor(index, name, n),
        )
        for n, item in enumerate(items)
    )
    empty = layout.labels.empty if not items and layout.lists.empty == "note" else ""
    return ListView(name, getattr(layout.labels, name), views, empty)


def _map_view(brief: Brief, lists: dict[str, ListView], links: tuple[Link, ...]) -> MapView | None:
    """The outline of the map; links that name no item of this brief (an edited pack file gone
    stale) are left out rather than guessed at, and None when no link is left."""
    order = {name: k for k, name in enumerate(LISTS)}

    def valid(end: tuple[str, int]) -> bool:
        name, n = end
        return name in order and isinstance(n, int) and 0 <= n < len(lists[name].items)

    # (earlier end) -> {(later end): terms}, merging the terms of repeated links
    forward: dict[tuple[str, int], dict[tuple[str, int], tuple[str, ...]]] = {}
    for link in links:
        a, b = tuple(link.a), tuple(link.b)
        if not (valid(a) and valid(b)) or a == b:
            continue
        first, second = sorted((a, b), key=lambda end: (order[end[0]], end[1]))
        far = forward.setdefault(first, {})
        far[second] = tuple(dict.fromkeys((*far.get(second, ()), *link.terms)))
    if not forward:
        return None
    nodes = []
    for first in sorted(forward, key=lambda end: (order[end[0]], end[1])):
        connections = tuple(
            Connection(lists[name].label, lists[name].items[n], terms)
            for (name, n), terms in sorted(
                forward[first].items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
            )
        )
        name, n = first
        nodes.append(MapNode(lists[name].label, lists[name].items[n], connections))
    count = sum(len(far) for far in forward.values())
    return MapView(brief.thesis, tuple(nodes), count, _picture(lists, forward))


COLUMNS = ("mechanisms", "problems", "recommendations")  # left to right in the picture


def _picture(
    lists: dict[str, ListView],
    forward: dict[tuple[str, int], dict[tuple[str, int], tuple[str, ...]]],
) -> Picture:
    width, top, row, radius = 300, 40, 28, 10
    x = {name: width * (2 * k + 1) // 6 for k, name in enumerate(COLUMNS)}
    linked = set(forward) | {end for far in forward.values() for end in far}

    def at(end: tuple[str, int]) -> tuple[int, int]:
        return x[end[0]], top + end[1] * row

    dots = tuple(
        Dot(*at((name, n)), lists[name].label, item, (name, n) in linked)
        for name in COLUMNS
        for n, item in enumerate(lists[name].items)
    )
    curves = []
    for first in sorted(forward, key=lambda end: (COLUMNS.index(end[0]), end[1])):
        for second in forward[first]:
            (x1, y1), (x2, y2) = sorted((at(first), at(second)))
            x1, x2 = x1 + radius, x2 - radius
            mid = (x1 + x2) // 2
            curves.append(f"M{x1} {y1}C{mid} {y1} {mid} {y2} {x2} {y2}")
    rows = max((len(lists[name].items) for name in COLUMNS), default=1)
    heads = tuple((x[name], lists[name].label) for name in COLUMNS)
    return Picture(width, top + (rows - 1) * row + radius + 6, heads, dots, tuple(curves))


def _anchor(index: int, name: str, n: int) -> str:
    return f"e{index}-{name}-{n + 1}"


def _ref(layout: Layout, paragraphs: tuple[int, ...]) -> str:
    from brief.render.essay import para_ref  # the PDF's ranges: ¶2–4, 7

    return layout.labels.ref + para_ref(paragraphs) if paragraphs else ""


def _page_css(layout: Layout) -> dict[str, str]:
    """The layout's paper and margins as CSS lengths, for the print stylesheet's @page."""
    w, h = layout.page.size
    m = layout.page.margins
    return {
        "size": f"{w / 72 * 25.4:.1f}mm {h / 72 * 25.4:.1f}mm",
        "margin": " ".join(f"{v / 72 * 25.4:.1f}mm" for v in (m.top, m.right, m.bottom, m.left)),
    }


# ---------------------------------------------------------------- the writers' templates


@functools.cache
def environment(dirs: tuple[str, ...], autoescape: bool, finalize: Callable | None = None):
    """The layout sandbox (brief.sandbox) over the layout's template folders (the layout's own
    templates/ first, then the package's). Essay text only ever reaches a template as values,
    never as template source; HTML escapes every value (autoescape), Markdown passes each
    printed value through `finalize`."""
    import jinja2

    from brief.sandbox import make_environment

    env = make_environment(jinja2.FileSystemLoader(list(dirs)))
    # set before any template is compiled: both shape the generated code
    env.autoescape = autoescape
    env.finalize = finalize
    env.keep_trailing_newline = True
    return env


def template(layout: Layout, key: str, autoescape: bool, finalize: Callable | None = None):
    """The compiled template of the layout option `key` (a file name such as pack.html.j2, or
    the template's text); a missing file or a syntax error is the layout's error."""
    source = value_at(layout, key)
    env = environment(layout.template_dirs, autoescape, finalize)
    where = f"{layout.origin(key)}: {key}"
    try:
        named = is_template_name(source)
        text = env.loader.get_source(env, source.strip())[0] if named else source
        names = unsafe_attributes(env, text)  # refused before any essay is read
        if names:
            raise TemplateRefused(
                f"{where}: refused: the template reaches for {', '.join(names)} ({REFUSED_HINT})"
            )
        return env.get_template(source.strip()) if named else env.from_string(source)
    except TemplateRefused:
        raise
    except Exception as err:
        raise template_error(where, err) from None


def render_template(layout: Layout, key: str, tmpl, context: dict[str, Any]) -> str:
    try:
        return tmpl.render(context)
    except Exception as err:  # an undefined name, a sandbox refusal in a layout's template
        raise template_error(f"{layout.origin(key)}: {key}", err) from None
