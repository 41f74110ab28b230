"""Newspaper pages extracted from PDF: hard line breaks every 16-24 characters, usually a blank
line after each; display text (headings, titles set in a narrow frame) as consecutive lines;
several essays in a row, each with a byline, a title before or after its body and a note
(（作者单位：…）) closing it; a page header such as 理论·智库 at the top or bottom.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from brief.read import cite
from brief.read.blocks import (
    COLUMN_TAG,
    HEADER_WORDS,
    MARKER,
    NOTE,
    PUNCT,
    SENTENCE_END,
    RawEssay,
    is_heading,
    title_like,
)
from brief.read.clean import despace, tidy_display, width
from brief.read.names import split_byline


@dataclass
class _Line:
    text: str  # stripped
    lead: bool  # began with a space: PDF extraction starts a new text frame so
    gap_before: bool
    gap_after: bool
    kind: str = "line"  # line | note | auth | display


@dataclass
class _Unit:
    kind: str  # line | note | auth | display
    text: str


@dataclass
class _Draft:
    """An essay of a page while it is being read."""

    byline: str | None = None
    opening: list[str] = field(default_factory=list)  # display blocks before the body
    closing: list[str] = field(default_factory=list)  # title parts after the closing note
    closed: bool = False  # a note or closing title has been read
    body: list[_Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    header: str | None = None

    def has_body(self) -> bool:
        return any(u.kind == "line" for u in self.body)


def _page_lines(lines: list[str]) -> list[_Line]:
    out: list[_Line] = []
    gap = True
    for raw in lines:
        if not raw.strip():
            gap = True
            if out:
                out[-1].gap_after = True
            continue
        out.append(_Line(raw.strip(), raw[:1].isspace(), gap, False))
        gap = False
    if out:
        out[-1].gap_after = True
    if sum(line.gap_before for line in out) < 0.3 * len(out):
        # A page saved without its blank lines: runs of lines tell nothing; every line stands
        # alone and titles are found by their column tag, width and place instead.
        for line in out:
            line.gap_before = line.gap_after = True
        _glue_short_runs(out)
    return out


def _glue_short_runs(lines: list[_Line]) -> None:
    """With no blank lines to go by, a run of two or more lines clearly short of their column,
    none ending a sentence, after a line that does (or a note), is display text set narrow. A
    line shorter than the frame's width ends its block (a kicker above a title)."""
    widths = [width(line.text) for line in lines]
    k = 0
    while k < len(lines):
        near = [w for w in widths[max(0, k - 15) : k + 15] if w >= 8]
        col = statistics.median(near) if near else 20.0
        j = k
        while j < len(lines) and (
            widths[j] <= 0.8 * col
            and not SENTENCE_END.search(lines[j].text)
            and (lines[j].text[:1] not in "（(［[【〔" or (j > k and widths[j] <= 8))
        ):
            j += 1
        prev = lines[k - 1].text if k else ""
        after_end = k == 0 or bool(SENTENCE_END.search(prev)) or prev.endswith(("）", ")"))
        if j - k >= 2 and after_end and not split_byline(lines[k].text):
            frame = max(widths[k:j])
            for n in range(k, j - 1):
                if widths[n] >= frame - 2 or lines[n + 1].text[:1] in "（(":
                    lines[n].gap_after = lines[n + 1].gap_before = False
        k = max(j, k + 1)


def _mark_notes(lines: list[_Line]) -> None:
    i = 0
    while i < len(lines):
        if NOTE.match(despace(lines[i].text)):
            depth = 0
            j = i
            while j < len(lines):
                depth += len(re.findall(r"[（(［\[【〔]", lines[j].text))
                depth -= len(re.findall(r"[）)］\]】〕]", lines[j].text))
                lines[j].kind = "note"
                j += 1
                if depth <= 0 or j - i >= 12:
                    break
            i = j
        else:
            i += 1


def _mark_bylines(lines: list[_Line]) -> None:
    for i, line in enumerate(lines):
        if line.kind != "line" or not split_byline(line.text):
            continue
        if ("·" in line.text or "•" in line.text) and not line.lead:
            continue  # 理论·前沿 is a page header, not a minority name
        prev = lines[i - 1] if i else None
        glued_after = not line.gap_after and i + 1 < len(lines) and not lines[i + 1].lead
        if glued_after:
            continue  # the first line of a display block
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            line.lead
            or prev is None
            or prev.kind == "note"
            or (line.gap_before and prev.kind == "auth")
            # A byline after a body with no note: the essay's title (or the page's end) follows.
            or (
                bool(SENTENCE_END.search(prev.text))
                and width(line.text) <= 12
                and (nxt is None or (title_like(nxt.text) and not nxt.lead))
            )
        ):
            line.kind = "auth"


def _units(lines: list[_Line]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "note":
            j = i
            while (
                j + 1 < len(lines)
                and lines[j + 1].kind == "note"
                and not NOTE.match(despace(lines[j + 1].text))
            ):
                j += 1
            units.append(_Unit("note", despace("".join(x.text for x in lines[i : j + 1]))))
            i = j + 1
            continue
        if line.kind == "auth":
            units.append(_Unit("auth", line.text))
            i += 1
            continue
        # Consecutive lines with no blank between them are display text (a heading or a title).
        j = i
        while (
            j + 1 < len(lines)
            and not lines[j].gap_after
            and lines[j + 1].kind == "line"
            and not lines[j + 1].lead
        ):
            j += 1
        if j > i:
            text = tidy_display("".join(x.text for x in lines[i : j + 1]))
            units.append(_Unit("title" if _tagged_title(text) else "display", text))
        else:
            units.append(_Unit("title" if _tagged_title(line.text) else "line", line.text))
        i = j + 1
    return units


def _tagged_title(text: str) -> bool:
    """A title with its column tag (好人主义要不得（思想纵横）): a boundary between essays even
    where no note closes the essay before it."""
    if text[:1] in "（(［[【〔" or not COLUMN_TAG.search(text):
        return False
    bare = COLUMN_TAG.sub("", text)
    return title_like(text) and width(bare) >= 4 and not re.search(r"[。！？!?；;]", bare)


def split_page(path: str, raw_lines: list[str]) -> list[RawEssay]:
    lines = _page_lines(raw_lines)
    _mark_notes(lines)
    _mark_bylines(lines)
    units = _units(lines)
    published = _take_dateline(units)
    header = _take_header(units)
    drafts: list[_Draft] = []
    cur = _Draft()
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind == "auth":
            tail = _lines_until_anchor(units, i + 1)
            if cur.has_body() and cur.byline is None and len(tail) <= 3:
                # Byline after the body: the title (and perhaps the page header) follows.
                cur.byline = unit.text
                cur.closing.extend(tail)
                cur.closed = True
                i += 1 + len(tail)
                continue
            if cur.has_body() or cur.closed or cur.byline:
                drafts.append(cur)
                cur = _Draft()
            cur.byline = unit.text
        elif unit.kind == "note":
            cur.notes.append(unit.text)
            cur.closed = True
        elif unit.kind == "title":
            if cur.closed and cur.closing and _tagged_title(cur.closing[-1]):
                drafts.append(cur)  # the closed essay has its title: this one opens the next
                cur = _Draft(opening=[unit.text])
            elif cur.closed or (cur.has_body() and not cur.opening and _has_sentences(cur)):
                cur.closing.append(unit.text)  # the title after the body ends the essay
                cur.closed = True
            elif cur.has_body() and _has_sentences(cur):
                drafts.append(cur)  # an essay with its title above: the next one's title
                cur = _Draft(opening=[unit.text])
            else:
                # Short lines above it (after the byline) are its kicker.
                cur.opening.extend(u.text for u in cur.body)
                cur.body = []
                cur.opening.append(unit.text)
        elif unit.kind == "display":
            if cur.closed:
                cur.closing.append(unit.text)
            elif not cur.has_body():
                cur.opening.append(unit.text)
            elif (
                not cur.opening
                and i + 1 < len(units)
                and units[i + 1].kind in ("display", "title")
                and _has_sentences(cur)
            ):
                # Two display blocks in a row after the body are a kicker and a title (section
                # headings never stand two together): they close an essay that had no note.
                cur.closing.extend([unit.text, units[i + 1].text])
                cur.closed = True
                i += 2
                continue
            else:
                cur.body.append(unit)
        else:
            if cur.closed and _closing_title_line(cur, units, i):
                cur.closing.append(unit.text)  # a title short enough to fit one line
                i += 1
                continue
            if cur.closed:
                drafts.append(cur)
                cur = _Draft()
            cur.body.append(unit)
        i += 1
    drafts.append(cur)
    essays = [_finish(path, d, header) for d in drafts if d.has_body()]
    for e in essays:
        e.published = published
    return essays


def _has_sentences(d: _Draft) -> bool:
    """Has the essay's body begun: a line that ends a sentence or several lines?"""
    lines = [u.text for u in d.body if u.kind == "line"]
    return len(lines) > 2 or any(SENTENCE_END.search(t) or PUNCT.search(t) for t in lines)


def _closing_title_line(cur: _Draft, units: list[_Unit], i: int) -> bool:
    """After an essay's closing note, is this single line its title rather than the next essay's
    first line? Only for an essay whose byline opened it and whose title has not been found (or
    only a short kicker), and only for a line with no punctuation that is clearly shorter than
    the body lines after it."""
    text = units[i].text
    kicker_only = len(cur.closing) == 1 and width(cur.closing[0]) <= 12
    if cur.byline is None or (cur.closing and not kicker_only):
        return False
    if PUNCT.search(text) or SENTENCE_END.search(text):
        return False
    after = [width(u.text) for u in units[i + 1 : i + 12] if u.kind == "line"]
    if len(after) < 4:
        return False
    return width(text) < statistics.median(after) - 2.5


def _lines_until_anchor(units: list[_Unit], i: int) -> list[str]:
    out = []
    while i < len(units) and units[i].kind in ("line", "display", "title"):
        out.append(units[i].text)
        i += 1
    return out


_DATELINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _take_dateline(units: list[_Unit]) -> str | None:
    """A page header or footer with the date (人民日报 2025年3月5日 星期三 第9版 理论): the
    essays' citation. Taken off the page so it is not read as text."""
    for idx in (0, len(units) - 1, 1, len(units) - 2):
        if not 0 <= idx < len(units):
            continue
        unit = units[idx]
        text = despace(unit.text)
        if (
            unit.kind in ("line", "display", "title")
            and _DATELINE.search(text)
            and width(text) <= 40
        ):
            if SENTENCE_END.search(text):
                continue
            del units[idx]
            return cite.from_header(text)
    return None


def _take_header(units: list[_Unit]) -> str | None:
    """The page header (理论·智库): a short line at the very end or the very start of the page."""
    for idx in (len(units) - 1, 0):
        unit = units[idx] if units else None
        if unit is None or unit.kind not in ("line", "display", "title"):
            continue
        text = unit.text
        short = width(text) <= 10 and not PUNCT.search(text.replace("·", ""))
        if not short:
            continue
        neighbour = units[idx - 1] if idx else (units[1] if len(units) > 1 else None)
        if HEADER_WORDS.search(text) or (neighbour is not None and neighbour.kind != "line"):
            del units[idx]
            return text
    return None


def _finish(path: str, d: _Draft, header: str | None) -> RawEssay:
    essay = RawEssay(source=path, byline=d.byline, notes=d.notes, header=header)
    lines = list(d.body)
    if d.closing:
        essay.title_parts = d.closing
    elif d.opening:
        essay.title_parts = d.opening
    elif lines and lines[0].kind == "line" and title_like(lines[0].text) and d.byline:
        essay.title_parts = [tidy_display(lines.pop(0).text)]
        widths = [width(u.text) for u in lines if u.kind == "line" and width(u.text) >= 8]
        col = statistics.median(widths) if widths else 20.0
        nxt = lines[0].text if lines else ""
        if nxt.startswith(("——", "--")):
            essay.title_parts.append(tidy_display(lines.pop(0).text))
        elif len(lines) > 1 and not PUNCT.search(nxt) and 4 <= width(nxt) < col - 2.5:
            # A short unpunctuated line under the first title line: kicker above the title.
            essay.title_parts.append(tidy_display(lines.pop(0).text))
    essay.blocks = _rejoin(lines)
    return essay


def _rejoin(units: list[_Unit]) -> list[tuple[str, str]]:
    """Hard-wrapped lines -> paragraphs, using the essay's own column width."""
    texts = [despace(u.text) for u in units if u.kind == "line"]
    quote = _quote_width(texts)
    widths = [width(t, quote) for t in texts]
    full = [w for w in widths if w >= 8] or widths or [20.0]
    col = statistics.median(full)
    # Paragraphs as their lines, and display blocks as a heading string.
    parts: list[list[str] | str] = []
    para: list[str] = []
    for k, unit in enumerate(units):
        if unit.kind == "display":
            if para:
                parts.append(para)
                para = []
            parts.append(unit.text)
            continue
        para.append(despace(unit.text))
        nxt = units[k + 1] if k + 1 < len(units) else None
        if (
            nxt is None
            or nxt.kind != "line"
            or _ends_paragraph(para, despace(nxt.text), col, quote)
        ):
            parts.append(para)
            para = []
    if para:
        parts.append(para)
    blocks: list[tuple[str, str]] = []
    for part in _split_run_on_leads(parts):
        if isinstance(part, str):
            blocks.append(("heading", part))
        else:
            text = "".join(part)
            blocks.append(("heading", tidy_display(text)) if is_heading(text) else ("para", text))
    return blocks


def _split_run_on_leads(parts: list[list[str] | str]) -> list[list[str] | str]:
    """A numbered lead-in (第二，基于…逻辑，通过…效率) that filled its last line runs on into the
    paragraph below it. When its siblings (第一，…  第三，…) stand alone, cut it off at the line
    break that makes it about as long as they are."""
    leads = [
        p for p in parts if isinstance(p, list) and MARKER.match(p[0]) and not _has_sentence_end(p)
    ]
    out: list[list[str] | str] = []
    for part in parts:
        cut = _lead_cut(part, leads) if isinstance(part, list) and leads else None
        if cut:
            out.extend([part[:cut], part[cut:]])
        else:
            out.append(part)
    return out


def _lead_cut(lines: list[str], leads: list[list[str]]) -> int | None:
    m = MARKER.match(lines[0])
    if not m or not _has_sentence_end(lines) or len(lines) < 3:
        return None
    family = m.group(0)[:1]  # 第 / 一 / 首 … a sibling starts the same way
    siblings = [len("".join(p)) for p in leads if p[0][:1] == family]
    if not siblings:
        return None
    target = statistics.median(siblings)
    stop = next(k for k, line in enumerate(lines) if re.search(r"[。！？!?]", line))
    choices = [k for k in range(1, min(stop + 1, 4)) if not PUNCT.search(lines[k - 1][-1:])]
    if not choices:
        return None
    best = min(choices, key=lambda k: abs(len("".join(lines[:k])) - target))
    first_sentence = len(re.split(r"[。！？!?]", "".join(lines))[0])
    # Only a lead-in that plainly runs on: its first sentence is far longer than its siblings.
    if first_sentence < 1.5 * target or abs(len("".join(lines[:best])) - target) > 0.3 * target:
        return None
    return best


def _quote_width(texts: list[str]) -> float:
    """Curly quotes are full width on some pages and narrow on others: pick what fits the column."""
    plain = [width(t) for t in texts if not any(q in t for q in "“”‘’") and width(t) >= 8]
    quoted = [t for t in texts if any(q in t for q in "“”‘’")]
    if len(plain) < 5 or len(quoted) < 5:
        return 1.0
    col = statistics.median(plain)
    return min((1.0, 0.5), key=lambda q: abs(statistics.median(width(t, q) for t in quoted) - col))


def _ends_paragraph(para: list[str], nxt: str, col: float, quote: float = 1.0) -> bool:
    """Does the paragraph end after its last line so far, given the next line?"""
    text = para[-1]
    w = width(text, quote)
    # A short line ends its paragraph. A first line is indented two characters and may hold
    # narrow digits and quotes, so it must be shorter still.
    if w < col - (4.5 if len(para) == 1 else 2.5):
        return True
    ends = bool(SENTENCE_END.search(text))
    if len(para) == 1 and w >= col - 2.5:
        # A full first line ending a sentence (a lead sentence: 违背…原则。) ends the paragraph
        # only if the next line does not run on at full width.
        if ends and width(nxt, quote) < col - 1.5:
            return True
    elif ends and w <= col - 1:
        return True
    lead_in = bool(MARKER.match(para[0])) and not _has_sentence_end(para)
    # A numbered point opens the next line after a colon or a numbered lead-in.
    if MARKER.match(nxt) and (lead_in or text.endswith(("：", ":"))):
        return True
    # After a full stop or a lead-in, a next line two characters short is indented.
    indented = col - 2.5 <= width(nxt, quote) <= col - 1.5
    return indented and (ends or lead_in and len(para) == 1)


def _has_sentence_end(para: list[str]) -> bool:
    return any(re.search(r"[。！？!?]", line) for line in para)
