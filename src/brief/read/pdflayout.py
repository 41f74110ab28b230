"""Lines of a newspaper page (text, position, size, weight) -> its essays as web copies.

brief.read.pdf takes the lines out of the PDF; this module finds the page header, the titles with
their kickers and bylines, the column segments, which essay each segment belongs to, and the
paragraphs and headings of each essay (the steps are listed in brief.read.pdf).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

_NOTE = re.compile(r"^[（(［\[【〔]\s*(?:作者|执笔|本文|本版|本刊|编者|责任编辑|基金|项目)")
_HEADER = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月|第\s*[0-9一二三四五六七八九十]+\s*版|星期")
_SENTENCE_END = re.compile(r"[。！？!?；;…]['\"”’」』）)》]*$")
_OPEN_BRACKETS = "（(［[【〔"
_CLOSE_BRACKETS = "）)］]】〕"
_CLOSING = set("”’，。、；：？！）》…")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    base: float  # baseline, PDF coordinates (y grows upwards)
    size: float
    bold: bool
    font: str

    @property
    def top(self) -> float:
        return self.base + self.size * 0.88

    @property
    def bottom(self) -> float:
        return self.base - self.size * 0.12

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class _Lines:
    """A block of lines, as wide as its widest line."""

    lines: list[Line]

    @property
    def x0(self) -> float:
        return min(ln.x0 for ln in self.lines)

    @property
    def x1(self) -> float:
        return max(ln.x1 for ln in self.lines)


@dataclass
class _Title(_Lines):
    kicker: list[Line] = field(default_factory=list)
    subtitle: list[Line] = field(default_factory=list)
    byline: Line | None = None
    extent: tuple[float, float] = (0.0, 0.0)  # the block's columns, once known

    @property
    def top(self) -> float:
        return max(ln.top for ln in self.kicker + self.lines)

    @property
    def bottom(self) -> float:
        below = [*self.lines, *self.subtitle] + ([self.byline] if self.byline else [])
        return min(ln.bottom for ln in below)


@dataclass
class _Segment(_Lines):
    @property
    def top(self) -> float:
        return self.lines[0].top


# --- a page -> essays ----------------------------------------------------------------------------


def page_essays(lines: list[Line]) -> list[str]:
    """The essays of one page as web-copy texts, in reading order."""
    if not lines:
        return []
    body = _body_size(lines)
    lead = _leading(lines, body)
    header, lines = _header(lines, body)
    titles, rest = _titles(lines, body, lead)
    segments = _segments(rest, titles, body, lead)
    if not titles:
        # no title on the page (a continuation, or a page of one essay set plainly)
        return [_text(None, _column_order(segments), header)]
    owned = _assign(segments, titles, lead)
    texts = []
    for title in sorted(titles, key=lambda t: (-round(t.top / (3 * lead)), t.x0)):
        segs = _column_order(owned.get(id(title), []))
        if segs:
            texts.append(_text(title, segs, header))
    return texts


def _body_size(lines: list[Line]) -> float:
    weight: dict[float, int] = {}
    for ln in lines:
        weight[ln.size] = weight.get(ln.size, 0) + len(ln.text)
    return max(weight, key=lambda s: weight[s])


def _body_font(lines: list[Line], body: float) -> str:
    weight: dict[str, int] = {}
    for ln in lines:
        if abs(ln.size - body) < 0.3:
            weight[ln.font] = weight.get(ln.font, 0) + len(ln.text)
    return max(weight, key=lambda f: weight[f]) if weight else ""


def _leading(lines: list[Line], body: float) -> float:
    """Distance between consecutive body lines of a column."""
    by_x: dict[int, list[float]] = {}
    for ln in lines:
        if abs(ln.size - body) < 0.3:
            by_x.setdefault(round(ln.x0), []).append(ln.base)
    steps = []
    for bases in by_x.values():
        bases.sort(reverse=True)
        steps.extend(a - b for a, b in zip(bases, bases[1:], strict=False) if a - b < 3 * body)
    return statistics.median(steps) if steps else body * 1.5


def _header(lines: list[Line], body: float) -> tuple[str | None, list[Line]]:
    """The band at the top of the page that holds the date or the page number: 理论·智库 with
    2025年4月22日 and 第9版. Returns the page's column name found there and the other lines."""
    top = max(ln.top for ln in lines)
    band = [ln for ln in lines if ln.top >= top - 3 * body]
    if not any(_HEADER.search(ln.text) for ln in band):
        return None, lines
    low = min(ln.bottom for ln in band)
    band = [ln for ln in lines if ln.top > low - 0.5 * body and ln.bottom >= low - body]
    names = [ln.text for ln in band if not _HEADER.search(ln.text) and len(ln.text) <= 10]
    kept = [ln for ln in lines if ln not in band]
    return (names[0] if names else None), kept


def _titles(lines: list[Line], body: float, lead: float) -> tuple[list[_Title], list[Line]]:
    big = [ln for ln in lines if ln.size >= 1.5 * body]
    titles: list[_Title] = []
    for ln in sorted(big, key=lambda ln: -ln.top):
        for t in titles:
            last = t.lines[-1]
            if (
                0 <= last.bottom - ln.top < 0.9 * max(ln.size, last.size)
                and ln.x0 < t.x1
                and ln.x1 > t.x0
            ):
                t.lines.append(ln)
                break
        else:
            titles.append(_Title([ln]))
    rest = [ln for ln in lines if ln not in big]
    for t in titles:
        # a smaller first line is the kicker, a smaller last line starting —— the subtitle
        size = max(ln.size for ln in t.lines)
        while len(t.lines) > 1 and t.lines[0].size < 0.85 * size:
            t.kicker.append(t.lines.pop(0))
        while len(t.lines) > 1 and t.lines[-1].size < 0.85 * size:
            t.subtitle.insert(0, t.lines.pop())
        for ln in sorted(rest, key=lambda ln: ln.bottom):  # a kicker set smaller, just above
            if (
                ln.size > 1.05 * body
                and 0 <= ln.bottom - t.top < 1.2 * ln.size + 0.5 * size
                and ln.x0 < t.x1
                and ln.x1 > t.x0
            ):
                t.kicker.insert(0, ln)
        rest = [ln for ln in rest if ln not in t.kicker]
        # the byline under the title, centred or set to the right, perhaps far from a short title
        below = sorted(
            (
                ln
                for ln in rest
                if 0 <= t.bottom - ln.top < 3.5 * lead and _nearest_title(ln, titles, lead) is t
            ),
            key=lambda ln: -ln.top,
        )
        for ln in below:
            if ln.text.startswith(("——", "—", "--")) and not t.byline:
                t.subtitle.append(ln)
            elif t.byline is None and _is_byline(ln, rest, body) and _spaced_below(ln, rest, lead):
                t.byline = ln
                break
            elif ln.x0 < t.x1 and ln.x1 > t.x0:
                break  # the body begins under the title

        rest = [ln for ln in rest if ln not in t.subtitle and ln is not t.byline]
    return titles, rest


def _nearest_title(ln: Line, titles: list[_Title], lead: float) -> _Title | None:
    """The title just above a line that is nearest to it across the page."""
    above = [t for t in titles if 0 <= t.bottom - ln.top < 3.5 * lead]
    return min(above, key=lambda t: max(0.0, t.x0 - ln.x1, ln.x0 - t.x1), default=None)


def _spaced_below(ln: Line, lines: list[Line], lead: float) -> bool:
    """A byline stands apart from the body under it; a paragraph's first line does not."""
    below = [
        ln.base - o.base
        for o in lines
        if o.base < ln.base - 0.3 * ln.size and o.x0 < ln.x1 and o.x1 > ln.x0
    ]
    return not below or min(below) > 1.25 * lead


def _is_byline(ln: Line, lines: list[Line], body: float) -> bool:
    """A short line of names standing alone at its height (column lines come in rows)."""
    from brief.read.names import split_byline

    text = ln.text
    if len(text) > 30 or _SENTENCE_END.search(text) or "，" in text:
        return False
    alone = not any(
        o is not ln
        and abs(o.base - ln.base) < 0.3 * ln.size
        and max(o.x0 - ln.x1, ln.x0 - o.x1) < 3 * body
        for o in lines
    )
    if not alone or text[:1] in "（(［[【〔" or text.startswith(("——", "—")):
        return False  # a column tag (专题深思) or a subtitle under the title is no byline
    return len(text) <= 12 or bool(split_byline(_unmarked(text)))


def _unmarked(byline: str) -> str:
    """A byline without the marks some papers set before it: □ 王小明, 作者：王小明."""
    return re.sub(r"^(?:[□◎●■○◇◆▲]\s*|作者\s*[:：]\s*)+", "", byline).strip()


def _segments(lines: list[Line], titles: list[_Title], body: float, lead: float) -> list[_Segment]:
    """Lines -> column segments: lines under one another that share the column's left edge (or
    stand inside it), with no title between them."""
    segs: list[_Segment] = []
    for ln in sorted(lines, key=lambda ln: (-ln.top, ln.x0)):
        best = None
        for seg in segs:
            last = seg.lines[-1]
            gap = last.base - ln.base
            if not (0.5 * lead < gap <= 3.2 * lead):
                continue
            left, right = seg.x0, seg.x1
            aligned = abs(ln.x0 - left) <= 2.6 * body
            inside = ln.x0 >= left - 0.6 * body and ln.x1 <= right + 0.6 * body
            if not (aligned or inside):
                continue
            if not inside and len(seg.lines) > 2 and ln.x1 > right + 3 * body:
                continue  # a line wider than the column: not of this column
            if any(
                last.bottom > t.top > ln.top or last.bottom > t.bottom > ln.top
                for t in titles
                if t.x0 < right and t.x1 > left
            ):
                continue
            if best is None or gap < best[0]:
                best = (gap, seg)
        if best:
            best[1].lines.append(ln)
        else:
            segs.append(_Segment([ln]))
    return segs


def _assign(segments: list[_Segment], titles: list[_Title], lead: float) -> dict[int, list]:
    owned: dict[int, list[_Segment]] = {id(t): [] for t in titles}
    for t in titles:
        t.extent = (t.x0, t.x1)
    later = []
    # First the segments that start a column under a title (no text between them and it): they
    # give its block its width. Of titles at about the same height, the nearest across wins.
    for seg in segments:
        under = [
            t
            for t in titles
            if t.bottom - seg.top >= -0.5 * lead and not _between(t, seg, segments, titles)
        ]
        # not the title beside the block this segment is under (a long title reaches lower)
        under = [t for t in under if _hdist(t.x0, t.x1, seg) == 0 or not _beside(t, seg, titles)]
        if under:
            nearest = min(t.bottom - seg.top for t in under)
            under = [t for t in under if t.bottom - seg.top < nearest + 3.0 * lead]
            t = min(under, key=lambda t: (_hdist(t.x0, t.x1, seg), t.bottom - seg.top))
            if _hdist(t.x0, t.x1, seg) < 0.6 * (t.x1 - t.x0) + 4 * lead:
                owned[id(t)].append(seg)
                t.extent = (min(t.extent[0], seg.x0), max(t.extent[1], seg.x1))
                continue
        later.append(seg)
    for seg in later:
        above = [t for t in titles if t.bottom > seg.top]
        covering = [t for t in above if _overlap(t.extent, seg) > 0.5 * (seg.x1 - seg.x0)]
        pool = covering or above
        if not pool:
            continue  # above every title: not part of an essay on this page
        t = min(pool, key=lambda t: (t.bottom - seg.top) if covering else _hdist(*t.extent, seg))
        owned[id(t)].append(seg)
    return owned


def _between(t: _Title, seg: _Segment, segments: list[_Segment], titles: list[_Title]) -> bool:
    """Does other text stand between title t and the segment, in the segment's width?"""
    for other in segments:
        if other is seg or other.x1 <= seg.x0 or other.x0 >= seg.x1:
            continue
        if other.lines[-1].bottom < t.bottom and other.top > seg.top:
            return True
    return any(
        o is not t and o.x0 < seg.x1 and o.x1 > seg.x0 and seg.top < o.bottom < t.bottom
        for o in titles
    )


def _beside(t: _Title, seg: _Segment, titles: list[_Title]) -> bool:
    """Another title above the segment stands over it, level with t rather than above t."""
    return any(
        o is not t and o.bottom > seg.top and _hdist(o.x0, o.x1, seg) == 0 and o.bottom <= t.top
        for o in titles
    )


def _hdist(x0: float, x1: float, seg: _Segment) -> float:
    return max(0.0, x0 - seg.x1, seg.x0 - x1)


def _overlap(extent: tuple[float, float], seg: _Segment) -> float:
    return max(0.0, min(extent[1], seg.x1) - max(extent[0], seg.x0))


def _column_order(segs: list[_Segment]) -> list[_Segment]:
    """Columns left to right, each top to bottom."""
    columns: list[list[_Segment]] = []
    for seg in sorted(segs, key=lambda s: s.x0):
        for col in columns:
            c = col[0]
            if min(c.x1, seg.x1) - max(c.x0, seg.x0) > 0.5 * min(c.x1 - c.x0, seg.x1 - seg.x0):
                col.append(seg)
                break
        else:
            columns.append([seg])
    columns.sort(key=lambda col: min(s.x0 for s in col))
    return [s for col in columns for s in sorted(col, key=lambda s: -s.top)]


# --- an essay -> web-copy text -------------------------------------------------------------------


def _join(lines: list[Line]) -> str:
    # A line break in Chinese text is no space; a word broken across lines (1994, DeepSeek) is one.
    return "".join(ln.text.strip() for ln in lines)


def _text(title: _Title | None, segs: list[_Segment], header: str | None) -> str:
    from brief.read.names import split_byline

    lines = [ln for seg in segs for ln in seg.lines]
    body = _body_size(lines)
    blocks = _blocks(segs, body, _body_font(lines, body))
    byline = _unmarked(title.byline.text) if title and title.byline else None
    last = blocks[-1][1] if blocks else ""
    if (
        byline is None
        and len(last) <= 20
        and not re.search(r"[，。；：、？！]", last)
        and split_byline(last)
    ):
        byline = blocks.pop()[1]  # a byline set after the body
    head: list[str] = []
    if header and re.search(r"[·•]", header):
        head.append(f"【{header}】")
    if title is not None:
        if byline:
            if title.kicker:
                head.append(_join(title.kicker))
            head.append(_join(title.lines))
            if title.subtitle:
                head.append(_join(title.subtitle))
            head.append(byline)
        else:
            head.append("# " + _join(title.lines))
    out = head + [""] if head else []
    for kind, text in blocks:
        out.append(f"## {text}" if kind == "heading" else text)
    return "\n".join(out) + "\n"


def _blocks(segs: list[_Segment], body: float, font: str) -> list[tuple[str, str]]:
    """Column lines -> ("para"|"heading"|"short", text): paragraphs, headings, and short lines
    standing alone (a byline at the end)."""
    blocks: list[tuple[str, str]] = []
    para: list[Line] = []
    heading: list[Line] = []
    in_note = 0

    def flush_para() -> None:
        if para:
            blocks.append(("para", _join(para)))
            para.clear()

    def flush_heading() -> None:
        if heading:
            blocks.append(("heading", _join(heading)))
            heading.clear()

    steps = [
        a.base - b.base for seg in segs for a, b in zip(seg.lines, seg.lines[1:], strict=False)
    ]
    lead = statistics.median(steps) if steps else 1.5 * body
    for seg in segs:
        left, right = _left_edge(seg), _right_edge(seg)
        width = right - left
        spaced = _spaced_runs(seg.lines, lead)
        for k, ln in enumerate(seg.lines):
            size = ln.size
            indent = ln.x0 - left
            short_end = ln.x1 < right - 1.5 * size
            centred = (
                indent > 0.8 * size
                and abs(indent - (right - ln.x1)) < 1.2 * size
                and abs(indent - 2 * size) > 0.5 * size
            )
            # set to the right, apart from the column's left edge: a byline at the end
            off_left = (
                ln.x0 > left + 0.5 * size and abs(ln.x0 - left - 2 * size) > 0.5 * size
            ) or ln.x0 < left - 0.5 * size
            off_right = (
                seg is segs[-1]
                and k >= len(seg.lines) - 2  # the essay's last line (a note may follow)
                and off_left
                and right - size < ln.x1 <= right + 0.3 * size  # ends at the edge, not past it
                and ln.x0 - left > right - ln.x1 + size  # not centred
                and len(ln.text) <= 20
            )
            is_heading = (
                not in_note
                and not off_right
                and (
                    (ln.bold and not _bold_body(font))
                    or (ln.font != font and ln.size >= body - 0.3 and ln.font and not off_right)
                    or ln.size > 1.08 * body
                    or (centred and not _SENTENCE_END.search(ln.text) and width > 0)
                    or k in spaced
                )
            )
            if is_heading and not _NOTE.match(ln.text):
                flush_para()
                heading.append(ln)
                continue
            flush_heading()
            # a new paragraph: indented, a note, or set off by space above (pages without indents)
            gap_above = k > 0 and seg.lines[k - 1].base - ln.base > 1.4 * lead
            starts = indent >= 1.0 * size or bool(_NOTE.match(ln.text)) or gap_above
            if starts and para and not in_note:
                flush_para()
            if _NOTE.match(ln.text):
                flush_para()
                in_note = 0
            if _NOTE.match(ln.text) or in_note:
                in_note += sum(ln.text.count(b) for b in _OPEN_BRACKETS)
                in_note -= sum(ln.text.count(b) for b in _CLOSE_BRACKETS)
                para.append(ln)
                if in_note <= 0:
                    in_note = 0
                    flush_para()
                continue
            if not para and off_right:
                blocks.append(("short", ln.text))  # a byline set at the end, right-aligned
                continue
            para.append(ln)
            nxt = seg.lines[k + 1].text[:1] if k + 1 < len(seg.lines) else ""
            # A short line ends its paragraph if it ends a sentence (the next one is indented
            # anyway); a short line inside a sentence is a break before a long number or name.
            if short_end and nxt not in _CLOSING and _SENTENCE_END.search(ln.text):
                flush_para()
        # a column ends; its last paragraph (or a heading) goes on at the top of the next one
    flush_heading()
    flush_para()
    return [(k, t) for k, t in blocks if t]


def _spaced_runs(lines: list[Line], lead: float) -> set[int]:
    """Indexes of lines in a run of one to three set off by a blank line above and below, with no
    full stop at its end: a heading set in the body's own face."""
    out: set[int] = set()
    gaps = [a.base - b.base for a, b in zip(lines, lines[1:], strict=False)]
    k = 0
    while k < len(gaps):
        if gaps[k] >= 1.6 * lead:
            for n in range(1, 4):
                end = k + n  # last line of the run
                if end >= len(lines) - 1:
                    break
                if gaps[end] >= 1.6 * lead:
                    if not _SENTENCE_END.search(lines[end].text) and all(
                        gaps[j] < 1.6 * lead for j in range(k + 1, end)
                    ):
                        out.update(range(k + 1, end + 1))
                    break
        k += 1
    return out


def _left_edge(seg: _Segment) -> float:
    """Where the column's lines start: most lines are not indented (a long byline set to the
    right may reach further left)."""
    starts = [round(ln.x0 * 2) / 2 for ln in seg.lines]
    common = statistics.mode(starts)
    return min((x for x in starts if x >= common - 0.5 * seg.lines[0].size), default=common)


def _right_edge(seg: _Segment) -> float:
    """Where the column's full lines end: most lines end there; a hanging ，or 。” reaches past."""
    ends = [round(ln.x1) for ln in seg.lines]
    common = max(set(ends), key=lambda x: (ends.count(x), x))
    if ends.count(common) >= 3:
        return float(common)
    top = max(ends)
    return statistics.median(x for x in ends if x >= top - 2.5 * seg.lines[0].size)


def _bold_body(font: str) -> bool:
    return bool(re.search(r"Bold|Heavy|Black", font))
