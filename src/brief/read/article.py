"""Essays as found -> Articles: title parts, authors, affiliation, funding, sections and points."""

from __future__ import annotations

import re
from pathlib import PurePath

from brief.model import Article, Paragraph, Point, Section, Source
from brief.read.blocks import ABSTRACT, KEYWORDS, RawEssay
from brief.read.clean import despace, tidy_display
from brief.read.essays import split_essays
from brief.read.names import split_byline
from brief.read.structure import NUMBERING, heading_role

# A column tag in brackets after the title: 推动…千行百业（专题深思）
_COLUMN_TAG = re.compile(r"^(?P<title>.+?)\s*[（(](?P<tag>[^（）()]{2,40})[）)]\s*$")
_SUBTITLE = re.compile(r"^\s*(?:——|--|—)\s*")
_JOB = (
    r"(?:党委书记|党委副书记|副?书记|副?院长|副?所长|副?主任|副?校长|副?部长|副?主编|秘书长|"
    r"理事长|副?会长|特聘教授|二级教授|副?教授|讲师|助教|特约研究员|副?研究员|助理研究员|"
    r"博士生导师|硕士生导师|博导|博士后(?:研究人员)?|博士(?:研究)?生|硕士(?:研究)?生|研究生|"
    r"博士|高级经济师|经济师|首席专家|首席经济学家|院士|主任医师|研究人员|成员|学者|专家|"
    r"负责人|主席|委员)"
)
_TRAILING_JOB = re.compile(f"(?:[、，,]?{_JOB})+$")
_AFFIL_INTRO = re.compile(r"^(?:作者)?(?:单位)?(?:分别)?(?:为|系|是|：|:)?")


def read_articles(source: Source) -> list[Article]:
    """All essays of one decoded input file."""
    return [to_article(raw) for raw in split_essays(source)]


def to_article(raw: RawEssay) -> Article:
    warnings: list[str] = []
    kicker, title, subtitle = _title_parts(raw.title_parts)
    column = None
    m = _COLUMN_TAG.match(title)
    if m and not m.group("tag").startswith(("引题", "作者")):
        title, column = m.group("title").strip(), m.group("tag").strip()
    if not title:
        warnings.append("no title found; the file name stands in for it")
        title = PurePath(raw.source).stem
    authors: tuple[str, ...] = ()
    if raw.byline:
        authors = split_byline(raw.byline) or ()
        if not authors:
            warnings.append(f"byline not understood: {raw.byline}")
    elif raw.front.get("author"):
        authors = split_byline(raw.front["author"]) or (raw.front["author"],)
    affiliation, funding, named = _notes(raw.notes)
    if affiliation is None and raw.byline_affiliation:
        affiliation = _institution(raw.byline_affiliation)
    if not authors and named:
        authors = named

    abstract = None
    author_keywords: tuple[str, ...] = ()
    blocks: list[tuple[str, str]] = []
    for kind, text in raw.blocks:
        if kind == "para" and ABSTRACT.match(text) and abstract is None and len(blocks) < 3:
            abstract = ABSTRACT.sub("", text) or None
        elif kind == "para" and KEYWORDS.match(text) and not author_keywords:
            author_keywords = tuple(
                k for k in re.split(r"[；;，,、\s]+", KEYWORDS.sub("", text)) if k
            )
        else:
            blocks.append((kind, text))

    paragraphs, sections = _paragraphs_and_sections(blocks)
    points = find_points(paragraphs)
    sections = tuple(
        Section(
            heading=s.heading,
            role=s.role,
            paragraphs=s.paragraphs,
            points=tuple(
                p.marker + p.text for p in points if s.paragraphs[0] <= p.n <= s.paragraphs[1]
            ),
        )
        for s in sections
    )
    return Article(
        source=raw.source,
        title=title,
        kicker=kicker,
        subtitle=subtitle,
        column=column or raw.header,
        published=raw.published,
        authors=authors,
        affiliation=affiliation,
        funding=funding,
        abstract=abstract,
        author_keywords=author_keywords,
        paragraphs=paragraphs,
        sections=sections,
        points=points,
        warnings=tuple(warnings),
    )


_LABELS = {
    "引题": "kicker",
    "肩题": "kicker",
    "标题": "title",
    "题目": "title",
    "主标题": "title",
    "主题": "title",
    "副题": "subtitle",
    "副标题": "subtitle",
}
_LABEL = re.compile(r"^(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")


def _title_parts(parts: list[str]) -> tuple[str | None, str, str | None]:
    parts = [tidy_display(p) for p in parts if p.strip()]
    # 引题：… / 标题：… / 副题：… as a database or a form labels them
    found = [(k, m) for k, p in enumerate(parts) if (m := _LABEL.match(p))]
    labelled = {_LABELS[m.group(1)]: parts[k][m.end() :] for k, m in found}
    if labelled.get("title"):
        first = found[0][0]
        kicker = labelled.get("kicker") or (" ".join(parts[:first]) or None)  # a line above
        dashed = [_SUBTITLE.sub("", p) for p in parts[first:] if _SUBTITLE.match(p)]
        return (
            kicker,
            labelled["title"],
            labelled.get("subtitle") or (dashed[0] if dashed else None),
        )
    if not parts:
        return None, "", None
    subtitle = None
    if len(parts) > 1 and _SUBTITLE.match(parts[-1]):
        subtitle = _SUBTITLE.sub("", parts.pop())
    kicker = parts.pop(0) if len(parts) > 1 else None
    return kicker, " ".join(parts), subtitle


def _notes(notes: list[str]) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """Affiliation, funding and any authors named in notes: （作者单位：…） ［作者系…；本文系…项目…］
    （作者为…教授） （作者：王小明，中央党校教授）."""
    affiliation = None
    funding: list[str] = []
    named: tuple[str, ...] = ()
    # two notes set on one line, （作者单位：…）（本文系…成果）, are two notes
    pieces = [p for note in notes for p in _ADJACENT.split(despace(note))]
    for note in pieces:
        body = _unbracket(note)
        for part in re.split(r"[；;]\s*", body):
            part = part.strip("。 ")
            if not part:
                continue
            if part.startswith("作者") and affiliation is None:
                # （作者：王小明，中央党校教授）: names first, then where they work
                who = re.match(r"^作者[：:]\s*([^，,、（(]+)[，,（(]\s*(.+?)[）)]?$", part)
                if who and split_byline(who.group(1)):
                    named = split_byline(who.group(1)) or ()
                    part = "作者为" + who.group(2)
                affiliation = _institution(part)
            elif re.match(r"^本文(?:系|为|是|受)", part) or "项目" in part or "基金" in part:
                funding.append(part)
    return affiliation, tuple(funding), named


_ADJACENT = re.compile(r"(?<=[）)］\]】〕])\s*(?=[（(［\[【〔])")


def _unbracket(text: str) -> str:
    """Drop the one pair of brackets around a note, keeping brackets inside it."""
    text = text.strip()
    if text[:1] in "（(［[【〔":
        text = text[1:]
    if text[-1:] in "）)］]】〕":
        text = text[:-1]
    return text.strip()


def _institution(part: str) -> str | None:
    text = _AFFIL_INTRO.sub("", part.removeprefix("作者")).strip()
    text = re.sub(r"^(?:单位)?(?:分别)?(?:为|系|是)?[：:]?", "", text)
    # Several authors: （作者分别为A大学教授、B学院副教授）
    pieces = [_TRAILING_JOB.sub("", p).strip() for p in re.split(r"[、，,]", text)]
    pieces = [p for p in pieces if p]
    return "、".join(dict.fromkeys(pieces)) or None


def _paragraphs_and_sections(
    blocks: list[tuple[str, str]],
) -> tuple[tuple[Paragraph, ...], list[Section]]:
    paragraphs: list[Paragraph] = []
    heads: list[tuple[str, int]] = []  # heading and the number of the paragraph after it
    for kind, text in blocks:
        if kind == "heading":
            heads.append((text, len(paragraphs) + 1))
        else:
            paragraphs.append(Paragraph(len(paragraphs) + 1, text))
    sections = []
    total = len(paragraphs)
    for k, (heading, first) in enumerate(heads):
        last = heads[k + 1][1] - 1 if k + 1 < len(heads) else total
        if last < first:
            continue  # a heading with no paragraphs of its own (e.g. above a sub-heading)
        sections.append(Section(heading, heading_role(heading, k, len(heads)), (first, last)))
    return tuple(paragraphs), sections


# Families of numbering; a point needs a sibling of its family in the same essay.
_FAMILIES = (
    *NUMBERING,
    # Parallel openings that enumerate just as numbers do: 在技术层面，… 在安全层面，…
    ("aspect", r"(?:在|从)[^，。；、“”]{1,10}(?:层面|方面|维度|领域|上)[，,]"),
    ("regard", r"(?:对于|就|对)[^，。；、“”]{1,8}(?:而言|来说)[，,]"),
)
_POINT = re.compile(
    r"(?:^|(?<=[。；;！？!?：:]))\s*(?P<marker>"
    + "|".join(f"(?P<{n}>{p})" for n, p in _FAMILIES)
    + ")"
)


def find_points(paragraphs: tuple[Paragraph, ...]) -> tuple[Point, ...]:
    """Numbered points at the start of a paragraph or after a sentence inside it."""
    found: list[tuple[str, Point]] = []
    for para in paragraphs:
        hits = list(_POINT.finditer(para.text))
        for k, m in enumerate(hits):
            end = hits[k + 1].start() if k + 1 < len(hits) else len(para.text)
            text = para.text[m.end() : end].strip()
            if len(text) >= 4:
                family = next(name for name, _ in _FAMILIES if m.group(name))
                found.append((family, Point(para.n, m.group("marker"), text)))
    counts: dict[str, int] = {}
    for family, _ in found:
        counts[family] = counts.get(family, 0) + 1
    return tuple(p for family, p in found if counts[family] >= 2)
