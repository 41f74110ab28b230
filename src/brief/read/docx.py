"""A Word file (.docx) -> web copies, one per essay it holds.

Teachers keep essays in Word with the title in the Title style (or Heading 1 when there is no
Title), a kicker or subtitle in the Subtitle style, section headings in Heading styles, and the
byline and the （作者…） note as plain paragraphs. Each Title starts an essay. A paragraph set
wholly in bold with no full stop is a heading too.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from brief.errors import InputError

_SENTENCE_END = re.compile(r"[。！？!?；;…]['\"”’」』）)》]*$")
_TITLE_STYLES = ("title", "标题")
_SUBTITLE_STYLES = ("subtitle", "副标题")
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def read(path: Path) -> list[str]:
    """The reader files.read_sources calls for .docx."""
    from docx import Document

    try:
        doc = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(
            f"{path}: not a readable Word file ({err}); save it again as .docx"
        ) from None
    paragraphs = []
    for para in doc.paragraphs:
        text = re.sub(r"\s+", " ", para.text.replace("\u3000", " ")).strip()
        if text:
            paragraphs.append((_kind(para), text))
    return [_essay_text(essay) for essay in _essays(paragraphs) if essay]


def _kind(para) -> str:
    name = (para.style.name if para.style is not None else "").strip().lower()
    if name in _TITLE_STYLES:
        return "title"
    if name in _SUBTITLE_STYLES:
        return "subtitle"
    m = _HEADING.match(name)
    if m:
        return "h1" if m.group(1) == "1" else "heading"
    runs = [r for r in para.runs if r.text.strip()]
    if runs and all(r.bold for r in runs) and not _SENTENCE_END.search(para.text.strip()):
        return "heading"
    return "para"


def _essays(paragraphs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Split at each Title (a Subtitle right above it is its kicker). Without any Title, a
    Heading 1 that opens the file plays its part."""
    title_kind = "title" if any(k == "title" for k, _ in paragraphs) else "h1"
    essays: list[list[tuple[str, str]]] = [[]]
    for k, (kind, text) in enumerate(paragraphs):
        if kind == "h1" and title_kind == "title":
            kind = "heading"
        if kind == title_kind:
            kicker = []
            if essays[-1] and essays[-1][-1][0] == "subtitle":
                kicker = [("kicker", essays[-1].pop()[1])]
            if any(x[0] == "title" for x in essays[-1]) or (essays[-1] and k):
                essays.append([])
            essays[-1].extend([*kicker, ("title", text)])
        else:
            essays[-1].append((kind, text))
    return [e for e in essays if any(k == "title" for k, _ in e) or len(e) > 2]


def _essay_text(essay: list[tuple[str, str]]) -> str:
    from brief.read.names import split_byline

    kicker = next((t for k, t in essay if k == "kicker"), None)
    title = next((t for k, t in essay if k == "title"), None)
    rest = [(k, t) for k, t in essay if k not in ("kicker", "title")]
    subtitle = None
    if rest and rest[0][0] == "subtitle":
        subtitle = rest.pop(0)[1]
        if not subtitle.startswith(("——", "--")):
            subtitle = "——" + subtitle
    byline = None
    if rest and len(rest[0][1]) <= 30 and not _SENTENCE_END.search(rest[0][1]):
        names = re.sub(r"^作者\s*[:：]\s*", "", rest[0][1])
        if split_byline(names):
            byline = names
            rest.pop(0)
    lines: list[str] = []
    if title and byline:
        lines += [t for t in (kicker, title, subtitle) if t] + [byline, ""]
    elif title:
        lines += [f"# {title}", ""]
    for kind, text in rest:
        lines.append(f"## {text}" if kind in ("heading", "h1", "subtitle") else text)
    return "\n".join(lines) + "\n"
