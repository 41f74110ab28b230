"""What the readers of every input form share: the raw essay they produce and the tests for a
note, a title line and a heading.

A raw essay keeps what an essay says and where, without interpreting it: title parts, byline,
notes and body blocks. The article stage reads the metadata out of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brief.read.clean import despace, tidy_display, width
from brief.read.structure import NUMBERED

# A note in brackets that closes an essay: affiliation, funding, editor's note.
NOTE = re.compile(
    r"^[（(［\[【〔]\s*(?:作者|执笔|本文|本版|本刊|编者|责任编辑|责编|基金|项目|注[：:])"
)
NOTE_LINE = re.compile(
    r"^(?:作者单位|作者简介|基金项目|责任编辑|来源|编辑|校对|发布时间|原标题)[:：]|"
    r"^(?:《[^》]{2,12}》)?\s*[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,40}$"
)
# Lines that open an abstract or author keywords block.
ABSTRACT = re.compile(r"^[【\[［]?\s*(?:内容)?(?:提要|摘要)\s*[】\]］]?\s*[:：]?\s*")
KEYWORDS = re.compile(r"^[【\[［]?\s*关键(?:词|字)\s*[】\]］]?\s*[:：]\s*")
SENTENCE_END = re.compile(r"[。！？!?；;…]['\"”’」』）)》]*$")
# Numbering that opens a paragraph or a point.
MARKER = NUMBERED
HEADER_WORDS = re.compile(r"[·•]|^(?:理论|学术|观点|评论|思想|智库|前沿|学习|视点|争鸣)")
PUNCT = re.compile(r"[，。、；：？！,.;:?!]")


@dataclass
class RawEssay:
    """One essay as found on the input, before its metadata is interpreted."""

    source: str
    title_parts: list[str] = field(default_factory=list)  # kicker / title / subtitle, in order
    byline: str | None = None
    byline_affiliation: str | None = None  # 王小明（中共中央党校教授）: used when no note names one
    notes: list[str] = field(default_factory=list)  # bracketed notes, in order
    header: str | None = None  # page header or column line
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("para"|"heading", text)
    front: dict[str, str] = field(default_factory=dict)  # crawler front matter

    published: str | None = None  # where it was published, as a reader would cite it


MIN_HAN = 40
_HAN = re.compile(r"[\u3400-\u9fff]")


def han_count(blocks: list[tuple[str, str]]) -> int:
    return sum(len(_HAN.findall(text)) for kind, text in blocks if kind == "para")


# A column tag after a title: …千行百业（专题深思）, …（深入学习贯彻…·…纵横谈）
COLUMN_TAG = re.compile(r"[（(][^（）()。！？]{2,45}[）)]\s*$")


def title_like(text: str) -> bool:
    """A line that can be a title: short (its column tag aside), no closing punctuation."""
    text = text.lstrip("# ")
    bare = COLUMN_TAG.sub("", text) or text
    return 2 <= width(bare) <= 60 and not SENTENCE_END.search(bare) and not is_note(text)


_CLAUSE_END = re.compile(r"[。！？!?；;]")


def long_heading(text: str, before: str | None, after: str | None) -> bool:
    """A whole sentence standing as a heading (40-90 characters): no full stop anywhere, not a
    lead-in (…：), and between two paragraphs that end theirs."""
    if (
        not 2 <= width(text) <= 90
        or _CLAUSE_END.search(text)
        or text.endswith(("：", ":", "，", "、"))
    ):
        return False
    if MARKER.match(text) or ABSTRACT.match(text) or KEYWORDS.match(text):
        return False
    return after is not None and (before is None or bool(SENTENCE_END.search(before)))


def is_note(text: str) -> bool:
    text = despace(text)
    return bool(NOTE.match(text) or NOTE_LINE.match(text))


def block_of(text: str) -> tuple[str, str]:
    if text.startswith("#"):
        return ("heading", tidy_display(text.lstrip("# ")))
    text = despace(text)
    return ("heading", tidy_display(text)) if is_heading(text) else ("para", text)


def is_heading(text: str) -> bool:
    """A short paragraph without closing punctuation that is not a numbered lead-in."""
    if SENTENCE_END.search(text) or text.endswith(("：", ":", "，", "、")):
        return False
    if ABSTRACT.match(text) or KEYWORDS.match(text):
        return False
    if MARKER.match(text) and not re.match(
        r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]", text
    ):
        return False
    return 2 <= width(text) <= 40
