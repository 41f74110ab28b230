"""A readable outline of extracted briefs, for `brief extract` without --json."""

from __future__ import annotations

from collections.abc import Sequence

from brief.model import LISTS, Brief

_LABELS = {"problems": "问题", "mechanisms": "机理", "recommendations": "对策"}


def _refs(paragraphs: Sequence[int]) -> str:
    return "¶" + ",".join(map(str, paragraphs)) if paragraphs else ""


def outline(briefs: Sequence[Brief]) -> str:
    out: list[str] = []
    for k, brief in enumerate(briefs, 1):
        a = brief.article
        out.append(f"[{k}] {a.title}")
        for label, value in (
            ("kicker", a.kicker),
            ("subtitle", a.subtitle),
            ("column", a.column),
            ("authors", "、".join(a.authors)),
            ("affiliation", a.affiliation),
            ("funding", "；".join(a.funding)),
            ("source", a.source),
        ):
            if value:
                out.append(f"    {label}: {value}")
        out.append(f"    paragraphs: {len(a.paragraphs)}")
        for s in a.sections:
            out.append(f"    § {s.heading}  [{s.role}, ¶{s.paragraphs[0]}-{s.paragraphs[1]}]")
            out.extend(f"        · {p}" for p in s.points)
        if brief.thesis:
            out.append(f"    thesis: {brief.thesis}")
        for name in LISTS:
            items = getattr(brief, name)
            if items:
                out.append(f"    {_LABELS[name]}:")
                out.extend(f"      - {i.text}  {_refs(i.paragraphs)}" for i in items)
        if brief.keywords:
            out.append("    keywords: " + "；".join(brief.keywords))
        out.extend(f"    ? {q}" for q in brief.questions)
        out.extend(f"    ! {w}" for w in a.warnings + brief.warnings)
        out.append("")
    return "\n".join(out)
