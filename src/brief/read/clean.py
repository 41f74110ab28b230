"""Text -> clean lines: newlines, crawler front matter, markdown marks and stray spaces."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that belong to Chinese text: ideographs, CJK and full-width punctuation.
_CJK = (
    r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    r"\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
)
CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACES = r"[ \t\u00a0\u2002-\u200a\u3000]"
# A space is stray when a Chinese character stands on either side of it.
_STRAY = re.compile(f"(?<=[{_CJK}]){_SPACES}+|{_SPACES}+(?=[{_CJK}])")
# Letter-spaced display text: single characters separated by spaces ("维 护 秩 序").
_LETTER_SPACED = re.compile(f"(?:[{_CJK}]{_SPACES}+){{3,}}[{_CJK}]")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
# A line of simple YAML: `key: value`, a list item, an indented continuation, a comment or blank.
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:(?:\s.*)?|\s+\S.*|-\s.*|#.*|\s*)$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*(?=\S)|(?<=\S)\*)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_PREFIX = re.compile(r"^\s*(?:>\s*)+")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")


def despace(text: str) -> str:
    """Remove spaces that stand next to Chinese text; keep those between Latin words."""
    return _STRAY.sub("", text)


def tidy_display(text: str) -> str:
    """Titles and headings: keep one meaningful space ("正道 捍卫"), drop letter-spacing."""
    if _LETTER_SPACED.search(text):
        return despace(text).strip()
    return re.sub(f"{_SPACES}+", " ", text).strip()


_HALF = frozenset("“”‘’")


@lru_cache(maxsize=1 << 16)
def width(text: str, quote: float = 1.0) -> float:
    """Printed width in em: ideographs count 1, ASCII half, curly quotes `quote` (some pages set
    them narrow)."""
    return sum(
        quote if ch in _HALF else 0.5 if ord(ch) < 0x2000 else 1.0
        for ch in text
        if not ch.isspace()
    )


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split off a crawler's YAML front matter; return its simple `key: value` pairs and the rest."""
    m = _FRONT_MATTER.match(text)
    if not m or not all(_YAML_LINE.match(line) for line in m.group(1).splitlines()):
        return {}, text  # a markdown rule above a paragraph, not front matter
    fields = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end() :]


# Control characters other than tab and newline: whitespace left by extraction (a form feed
# between pages, a vertical tab for a line break), never text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x9f]")
# Lines that are plainly markdown: a heading, a quote, a list item, a bold line, a link or image.
_MD_LINE = re.compile(
    r"^(?:#{1,6}\s+\S|>\s|[-*+]\s+\S|\d+\.\s+\S|\*\*[^*]+\*\*\s*$)|!?\[[^\]]+\]\([^)]*\)"
)


def controls_to_space(text: str) -> str:
    """Newlines unified, a form feed as a page break, other control characters as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n").replace("\v", "\n")
    return _CONTROLS.sub(" ", text)


def looks_markdown(text: str) -> bool:
    """Plain prose with an odd asterisk is not markdown; a text whose lines carry markdown marks
    (two headings, quotes, bold lines or links, or one of each kind) is."""
    marks = [m.group(0)[:1] for m in (_MD_LINE.search(line) for line in text.split("\n")) if m]
    return len(marks) >= 2


def raw_lines(text: str) -> list[str]:
    """Lines with control characters and front matter gone but every markdown mark kept."""
    text = unicodedata.normalize("NFC", controls_to_space(text))
    text = text.replace("\ufeff", "").replace("\u200b", "")
    return [line.rstrip() for line in front_matter(text)[1].split("\n")]


def normalize(text: str, markdown: bool | None = None) -> tuple[dict[str, str], list[str]]:
    """Decoded text -> (front matter, lines) with newlines unified and markdown marks removed.

    Markdown marks are removed only from markdown (`markdown=True`, or when None, a text that
    plainly is markdown): in plain prose `*` and `_` are characters of the text (`{{ 6*7 }}`).
    Markdown headings keep a leading '#' marker ("# 标题", "## 小标题") so later stages can use
    them. Leading spaces are kept: on a page they mark a new frame.
    """
    text = unicodedata.normalize("NFC", controls_to_space(text))
    text = text.replace("\ufeff", "").replace("\u200b", "")
    fields, text = front_matter(text)
    if markdown is None:
        markdown = bool(fields) or looks_markdown(text)
    lines = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if markdown:
            line = strip_markdown(line)
        lines.append(line)
    return fields, lines


def strip_markdown(line: str) -> str:
    """One line of markdown -> its text; a heading keeps its '#' marker, a rule becomes blank."""
    if _MD_RULE.match(line):
        return ""
    line = _MD_PREFIX.sub("", line)
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    if "*" in line or "__" in line:
        line = _MD_EMPHASIS.sub("", line)
    m = _MD_HEADING.match(line)
    if m:
        line = "#" * len(m.group(1)) + " " + m.group(2)
    return line
