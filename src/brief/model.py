"""Plain, frozen records passed from one pipeline stage to the next.

read/ (bytes -> Source -> RawEssay -> Article) -> summary/ (Article -> Brief)
-> pack/ (Briefs -> Pack) -> render/ (Pack -> PDF bytes).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ROLES = ("problem", "mechanism", "recommendation", "context")
LISTS = ("problems", "mechanisms", "recommendations")


@dataclass(frozen=True)
class Source:
    """One input file, decoded."""

    path: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Paragraph:
    n: int  # 1-based, in reading order within the essay
    text: str


@dataclass(frozen=True)
class Point:
    """A numbered point (第一，/一是/首先/（一）…) inside a paragraph."""

    n: int  # paragraph number
    marker: str  # the marker as written, e.g. "一是" or "第二，"
    text: str  # the point's text without its marker, up to the next marker


@dataclass(frozen=True)
class Section:
    heading: str
    role: str  # one of ROLES
    paragraphs: tuple[int, int]  # first and last paragraph number
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    kicker: str | None = None
    subtitle: str | None = None
    column: str | None = None
    # Where the essay was published, as a reader would cite it ("人民日报 2025年3月5日 第13版");
    # None when the text does not say (then the file name stands in on the page).
    published: str | None = None
    authors: tuple[str, ...] = ()
    affiliation: str | None = None
    funding: tuple[str, ...] = ()
    abstract: str | None = None
    author_keywords: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    points: tuple[Point, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One line of a brief's list, traceable to its paragraphs."""

    text: str
    paragraphs: tuple[int, ...]
    score: float = 0.0  # rank within its list; higher is more important


@dataclass(frozen=True)
class Term:
    """A key term with the sentence of an essay that defines or explains it (for the glossary)."""

    term: str
    sentence: str
    paragraph: int
    essay: int = 0  # 1-based number in the pack; 0 until the pack is made


@dataclass(frozen=True)
class Brief:
    article: Article
    thesis: str = ""
    problems: tuple[Item, ...] = ()
    mechanisms: tuple[Item, ...] = ()
    recommendations: tuple[Item, ...] = ()
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()  # glossary candidates of this essay
    length: int = 0  # characters of the essay's body text (for reading time)


@dataclass(frozen=True)
class Link:
    """A connector of an essay's argument map: item `a` belongs with item `b` of another list
    (a measure and the problem it answers, a mechanism and the problem it explains)."""

    a: tuple[str, int]  # (list name, 0-based index in that list)
    b: tuple[str, int]
    terms: tuple[str, ...] = ()  # the shared terms that tie them


@dataclass(frozen=True)
class Theme:
    """A term that recurs across the pack's essays, for the overview."""

    term: str
    essays: tuple[int, ...]  # 1-based numbers of the essays that take it up


@dataclass(frozen=True)
class Pack:
    title: str
    date: str  # ISO date shown on the cover
    briefs: tuple[Brief, ...]
    sources: tuple[str, ...] = field(default=())
    links: tuple[tuple[Link, ...], ...] = ()  # per brief, in pack order (empty: no map data)
    themes: tuple[Theme, ...] = ()
    glossary: tuple[Term, ...] = ()


def brief_to_dict(brief: Brief) -> dict:
    """The JSON shape of `brief extract --json` for one essay."""
    a = brief.article
    return {
        "source": a.source,
        "title": a.title,
        "kicker": a.kicker,
        "subtitle": a.subtitle,
        "column": a.column,
        "published": a.published,
        "authors": list(a.authors),
        "affiliation": a.affiliation,
        "funding": list(a.funding),
        "abstract": a.abstract,
        "paragraphs": [{"n": p.n, "text": p.text} for p in a.paragraphs],
        "sections": [
            {
                "heading": s.heading,
                "role": s.role,
                "paragraphs": list(s.paragraphs),
                "points": list(s.points),
            }
            for s in a.sections
        ],
        "points": [asdict(p) for p in a.points],
        "thesis": brief.thesis,
        **{
            name: [{"text": i.text, "paragraphs": list(i.paragraphs)} for i in getattr(brief, name)]
            for name in LISTS
        },
        "keywords": list(brief.keywords),
        "questions": list(brief.questions),
        "warnings": list(a.warnings) + list(brief.warnings),
    }
