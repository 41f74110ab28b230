"""The essay page: the layout's blocks in order, grouped into sections kept together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from brief.model import LISTS, Brief, Item, Pack
from brief.render.blocks import Block, Gap, Kit, Label, Marked, Notes, Para, Thesis, frame
from brief.render.map import MapBlock
from brief.render.templates import page_context
from brief.render.typeset import Span


@dataclass
class Entry:
    """One droppable list item on an essay page."""

    block: Block
    list_name: str
    position: int
    score: float
    dropped: bool = False


@dataclass
class Section:
    """Blocks kept together: a label with its items, or a single block. Notes are elastic."""

    head: list[Block]
    entries: list[Entry] = field(default_factory=list)
    gap_after: float = 0.0
    elastic: bool = False
    is_list: bool = False
    name: str = ""  # the layout's block name
    optional: bool = False  # notes beside a map: drawn only in room the map leaves

    def visible(self) -> bool:
        return not self.is_list or not self.entries or any(not e.dropped for e in self.entries)

    def height(self, width: float, item_gap: float) -> float:
        if not self.visible() or self.optional:
            return 0.0
        h = sum(b.height(width) for b in self.head)
        kept = [e for e in self.entries if not e.dropped]
        h += sum(e.block.height(width) for e in kept) + item_gap * len(kept)
        return h + self.gap_after


@dataclass
class EssayPage:
    kit: Kit
    brief: Brief
    sections: list[Section]
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
        # A map takes the room it can use; notes beside it get the rest when a label and two
        # lines fit there, else the map takes that too.
        maps = [b for s in self.sections for b in s.head if isinstance(b, MapBlock)]
        notes = next((s for s in self.sections if s.optional), None)
        map_extra = 0.0
        if maps:
            least = maps[0].height(width)
            # a natural map taller than the room takes all of it: its height need not be known
            map_extra = min(room, max(0.0, maps[0].natural(width, least + room + 1.0) - least))
            left = room - map_extra
            if notes is not None:
                need = sum(b.height(width) for b in notes.head if not isinstance(b, Notes))
                if left >= need + 2 * self.kit.layout.sizes.notes_spacing:
                    room = left - need
                else:
                    notes, map_extra, room = None, room, 0.0
            else:
                map_extra = room
        y = top
        for section in self.sections:
            if not section.visible() or (section.optional and section is not notes):
                continue
            blocks = list(section.head)
            for e in section.entries:
                if not e.dropped:
                    blocks += [e.block, Gap(self.item_gap)]
            for block in blocks:
                h = block.height(width)
                if isinstance(block, MapBlock):
                    h += map_extra
                elif section.elastic and isinstance(block, Notes):
                    h += room
                block.draw(canvas, x, y, width, h)
                y -= h
            y -= section.gap_after


def essay_page(kit: Kit, pack: Pack, brief: Brief, index: int, with_map: bool = True) -> EssayPage:
    layout = kit.layout
    a = brief.article
    sc = kit.scale
    body = sc.body
    x, top, width, height = frame(layout)
    tight = sc.space * 0.35  # between the lines of the title group
    sections: list[Section] = []

    def single(block: Block, gap: float) -> None:
        sections.append(Section([block], gap_after=gap, name=name))

    def heading_line(text: str, size_key: str, colour: str) -> Para:
        """The kicker or the subtitle: one left-aligned line of the heading face."""
        size = kit.size(size_key)
        return Para(
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
            single(Para(para), tight)
        elif name == "subtitle" and a.subtitle:
            single(heading_line(a.subtitle, "subtitle", "muted"), tight)
        elif name == "authors" and (a.authors or a.affiliation):
            size = kit.size("meta")
            spans = [Span("　".join(a.authors), kit.style("body", size, "muted"))]
            if a.affiliation:
                sep = "　　" if a.authors else ""
                spans.append(Span(sep + a.affiliation, kit.style("body", size * 0.92, "muted")))
            single(Para(kit.para(spans, size, 1.45, align="left")), tight)
        elif name == "source":
            line = layout.render("templates.source", page_context(pack, brief, index, 0, 0)).strip()
            if line:
                size = kit.size("meta")
                single(
                    Para(
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
            single(Thesis(kit, kit.para(spans, body)), sc.space)
        elif name in LISTS:
            items: tuple[Item, ...] = getattr(brief, name)
            label = getattr(layout.labels, name)
            if not items and layout.lists.empty == "omit":
                continue
            section = Section([Label(kit, label)], gap_after=sc.space, is_list=True, name=name)
            if not items:
                note = kit.para([Span(layout.labels.empty, kit.style("body", body, "muted"))], body)
                section.head.append(Para(note, indent=body * 1.2))
            for n, item in enumerate(items):
                section.entries.append(Entry(item_block(kit, item), name, n, item.score))
            sections.append(section)
        elif name == "keywords" and brief.keywords:
            label = kit.style("heading", body, "accent", bold=True)
            words = kit.style("body", body)
            spans = [Span(layout.labels.keywords + "　", label)]
            for k, word in enumerate(brief.keywords):  # a keyword is never split over two lines
                spans.append(
                    Span(word + ("；" if k < len(brief.keywords) - 1 else ""), words, whole=True)
                )
            single(Para(kit.para(spans, body, align="left")), sc.space)
        elif name == "questions" and brief.questions:
            section = Section([Label(kit, layout.labels.questions)], gap_after=sc.space, name=name)
            indent = body * 1.6
            for n, q in enumerate(brief.questions, start=1):
                para = kit.para([Span(q, kit.style("body", body))], body)
                section.head += [Marked(kit, para, indent, f"{n}."), Gap(sc.space * 0.25)]
            sections.append(section)
        elif name == "map" and with_map and any(getattr(brief, n) for n in LISTS):
            links = pack.links[index - 1] if len(pack.links) >= index else ()
            block = MapBlock(kit, brief, links)
            sections.append(
                Section([Label(kit, layout.labels.map), block], gap_after=sc.space, name=name)
            )
        elif name == "notes":
            with_map = any(s.name == "map" for s in sections)
            lines = 0 if with_map else layout.fit.min_notes_lines
            section = Section([Label(kit, layout.labels.notes), Notes(kit, lines)])
            section.elastic = True
            section.optional = with_map
            sections.append(section)
    # the label sits closer to its list than to the block above
    if sections:
        sections[-1].gap_after = 0.0
    return EssayPage(kit, brief, sections, (x, top, width, height), item_gap=sc.space * 0.25)


def item_block(kit: Kit, item: Item) -> Marked:
    body = kit.scale.body
    spans = [Span(item.text, kit.style("body", body))]
    if kit.layout.lists.refs and item.paragraphs:
        ref = " " + kit.layout.labels.ref + para_ref(item.paragraphs)
        spans.append(Span(ref, kit.style("body", "small", "muted"), keep=True))
    return Marked(kit, kit.para(spans, body), body * 1.2)


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
