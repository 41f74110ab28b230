"""Markdown as a crawler stores an essay: YAML front matter (title, author, date, section,
source_url), `### kicker`, `# title（column）`, `> 作者《人民日报》（2025年03月05日第 13 版）`, one
paragraph a line, `**bold**` lines as section headings and the notes (（作者单位：…）,
（本文由…组稿、…编辑）) at the end.

Several `#` titles in one file are several essays. A file with no `#` title is left to the
web-copy reader (it returns None).
"""

from __future__ import annotations

import re

from brief.read import cite
from brief.read.blocks import MIN_HAN, RawEssay, block_of, han_count, is_note
from brief.read.chrome import ends_essay, is_chrome
from brief.read.clean import despace, strip_markdown, tidy_display
from brief.read.names import byline_note, split_byline

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s*>\s?")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)\s*[。.]?\s*$")
_SENTENCE = re.compile(r"[。！？!?]")
_FIELD = re.compile(r"^(title|author|date|section|source_url|source)\s*:\s*(.+)$", re.I)
_SUBTITLE = re.compile(r"^\s*(?:——|--|—)")


def _kind(raw: str) -> tuple[str, str]:
    """A raw markdown line -> (kind, text): h1..h6, quote, bold, text or blank."""
    if not raw.strip():
        return "blank", ""
    m = _HEADING.match(raw)
    if m:
        return f"h{len(m.group(1))}", strip_markdown(m.group(2)).strip()
    if _QUOTE.match(raw):
        return "quote", strip_markdown(_QUOTE.sub("", raw)).strip()
    m = _BOLD_LINE.match(raw)
    if m:
        return "bold", strip_markdown(m.group("text")).strip()
    return "text", strip_markdown(raw).strip()


def split_markdown(path: str, front: dict[str, str], lines: list[str]) -> list[RawEssay] | None:
    rows = [(k, t) for k, t in map(_kind, lines) if k != "blank" and t and not is_chrome(t)]
    if not any(k == "h1" for k, _ in rows) and front.get("title"):
        # no # title: the heading that the front matter names is it (## 建设好…, ### kicker above)
        named = "".join(front["title"].split())  # front_matter() took its quotes off
        rows = [
            ("h1", t) if k.startswith("h") and "".join(t.split()) == named else (k, t)
            for k, t in rows
        ]
    title = next((n for n, (k, _) in enumerate(rows) if k == "h1"), len(rows))
    end = next((n for n in range(title, len(rows)) if ends_essay(rows[n][1])), len(rows))
    rows = rows[:end]  # 推荐阅读 and what follows it are the site's
    starts = [i for i, (k, _) in enumerate(rows) if k == "h1"]
    if not starts:
        return None
    head = rows[: starts[0]]
    if any(
        k in ("text", "quote") and han_count([("para", t)]) >= MIN_HAN and _SENTENCE.search(t)
        for k, t in head
    ):
        return None  # body text before the first title: not the crawler's form
    if not front:
        # Front matter that chrome pushed off the top of the file: `title: …` lines above it.
        for _, text in head:
            m = _FIELD.match(text)
            if m:
                front[m.group(1).lower()] = m.group(2).strip().strip("\"'")
    # Display headings directly above a title are its kicker (### 汲取传统村落生态智慧).
    bounds = []
    for s in starts:
        k = s
        while k > 0 and rows[k - 1][0] in ("h2", "h3", "h4", "h5", "h6") and s - k < 2:
            k -= 1
        bounds.append((k, s))
    essays = []
    for n, (first, title_at) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else len(rows)
        essays.append(_essay(path, front, rows[first:title_at], rows[title_at:end]))
    if len(essays) == 1 and essays[0].published is None:
        essays[0].published = cite.from_front(front)
    return essays


def _essay(
    path: str, front: dict[str, str], kickers: list[tuple[str, str]], rows: list[tuple[str, str]]
) -> RawEssay:
    essay = RawEssay(source=path)
    essay.title_parts = [tidy_display(t) for _, t in kickers] + [tidy_display(rows[0][1])]
    i = 1
    # A subtitle line (### ——…) under the title.
    if i < len(rows) and rows[i][0].startswith("h") and _SUBTITLE.match(rows[i][1]):
        essay.title_parts.append(tidy_display(rows[i][1]))
        i += 1
    # The byline: a quote (or a plain line) of names, with the paper's tail kept as the source.
    for k in range(i, min(i + 2, len(rows))):
        kind, text = rows[k]
        if kind not in ("quote", "text"):
            break
        names, published = cite.from_paper_tail(text)
        names, note = byline_note(names)
        if split_byline(names):
            essay.byline = names
            essay.published = published
            essay.byline_affiliation = note
            i = k + 1
            break
        if published:  # 《人民日报》（2025年…） alone on its line
            essay.published = published
            i = k + 1
            continue
        if kind == "text":
            break
    for kind, text in rows[i:]:
        if is_note(text):
            if essay.published is None:
                essay.published = cite.from_lines([text])
            if text.startswith(("（", "(", "［", "[", "【", "〔")):
                essay.notes.append(despace(text))
            continue  # 来源：… / 责任编辑：… lines are neither notes nor text
        if kind == "bold" or kind.startswith("h"):
            essay.blocks.append(("heading", tidy_display(text)))
        elif kind == "quote" and not essay.blocks and split_byline(text):
            essay.byline = text
        else:
            essay.blocks.append(block_of(text))
    return essay
