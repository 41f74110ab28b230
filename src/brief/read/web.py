"""Web copies: title on the first line(s), a byline, then one paragraph a line."""

from __future__ import annotations

import re

from brief.read import cite
from brief.read.blocks import (
    NOTE,
    PUNCT,
    RawEssay,
    block_of,
    is_note,
    long_heading,
    title_like,
)
from brief.read.clean import tidy_display, width
from brief.read.names import byline_note, info_line, split_byline


def split_lines(path: str, lines: list[str]) -> list[RawEssay]:
    texts = [t.strip().lstrip("\u3000") for t in lines]
    texts = [t for t in texts if t]
    essays: list[RawEssay] = []
    i = 0
    while i < len(texts):
        essay = RawEssay(source=path)
        i = _read_head(texts, i, essay)
        while i < len(texts):
            text = texts[i]
            if is_note(text):
                essay.notes.append(text)
                i += 1
                continue
            if essay.notes and len(texts) - i >= 3 and _looks_like_head(texts, i):
                break  # a note closed this essay and a new title and byline follow
            essay.blocks.append(block_of(text))
            i += 1
        # short lines after the last paragraph head nothing: an app's name, 【纠错】, 打印
        while essay.blocks and essay.blocks[-1][0] == "heading":
            essay.blocks.pop()
        essay.blocks = _long_headings(essay.blocks)
        essays.append(essay)
    return essays


def _long_headings(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A paragraph that is one long sentence with no full stop, between two paragraphs, is a
    heading (形成既“放得活”又“管得住”的经济秩序，就要把…建立在…历史自觉上)."""
    out = list(blocks)
    for k, (kind, text) in enumerate(blocks):
        if kind != "para" or width(text) <= 40:
            continue
        before = blocks[k - 1][1] if k and blocks[k - 1][0] == "para" else None
        after = blocks[k + 1][1] if k + 1 < len(blocks) and blocks[k + 1][0] == "para" else None
        if k and long_heading(text, before, after):
            out[k] = ("heading", tidy_display(text))
    return out


def _read_head(texts: list[str], i: int, essay: RawEssay) -> int:
    """Title parts and byline at the top of a web copy; returns the index of the first body line."""
    if i + 2 < len(texts) and _is_header_line(texts[i]):
        essay.header = texts[i].strip("【】[]")  # 理论·智库 or 【理论前沿】 above the title
        i += 1
    titled = texts[i].startswith("# ")
    if titled:
        essay.title_parts.append(texts[i][2:])
        i += 1
    limit = min(len(texts), i + 4)
    for j in range(i, limit):
        # a site's info line (来源：…　作者：…　2025-12-02) holds the byline among its fields
        info = info_line(texts[j])
        names, note = byline_note(info[0] if info else texts[j])
        if (j > i or titled) and split_byline(names) and all(title_like(t) for t in texts[i:j]):
            essay.title_parts.extend(t.lstrip("# ") for t in texts[i:j])
            essay.byline = names
            essay.byline_affiliation = note
            k = j + 1
            while k < len(texts) and is_note(texts[k]) and not NOTE.match(texts[k]):
                k += 1  # a date or source line under the byline
            head = [*info[1], *texts[j + 1 : k]] if info else texts[j:k]
            essay.published = cite.from_lines(head)
            return k
    if not essay.title_parts and title_like(texts[i]) and i + 1 < len(texts):
        essay.title_parts.append(texts[i].lstrip("# "))
        i += 1
    return i


def _is_header_line(text: str) -> bool:
    """A column or page header line: 【理论前沿】, 理论·智库."""
    if re.fullmatch(r"[【\[][^】\]]{2,10}[】\]]", text):
        return True
    return width(text) <= 10 and ("·" in text or "•" in text) and not PUNCT.search(text)


def _looks_like_head(texts: list[str], i: int) -> bool:
    return any(
        split_byline(texts[j]) and all(title_like(t) for t in texts[i:j])
        for j in range(i + 1, min(len(texts), i + 4))
    )
