"""Candidates: every clause window of an essay that could be one line of a list.

A window starts at a clause of a sentence and runs to the sentence's end; shorten() then cuts it
to the clauses that fit an item (about 36 characters, ending on a full clause). Every clause of
every sentence starts one, so a point mid-paragraph (the third 要… of a chain, a 例如 list of
shortfalls) gets a candidate as surely as a numbered point does. Section headings are candidates
too. Which windows are points, and of which list, is the model's call (features.py, model.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from brief.model import Article
from brief.summary.rules import section_of, shorten
from brief.summary.sentences import CLAUSE_END, clauses, sentences

MIN_CHARS = 4
BUDGET = 36  # item characters; 30 and 42 scored lower or the same on CV


@dataclass(frozen=True)
class Candidate:
    text: str  # the item as it would be printed
    window: str  # the clauses from the start clause to the sentence's end
    para: int  # paragraph number (1-based)
    sent: int  # sentence index in its paragraph (0-based); -1 for a heading
    first: int  # index of the start clause in its sentence
    last: int  # index of the last clause the item reaches
    kind: str  # heading | sentence
    prior: str  # the role of its section's heading, or "none"
    sentence: str  # the whole sentence (the heading for a heading)
    parts: tuple[str, ...]  # the sentence's clauses
    cut: bool = False  # the item stops inside a clause (at a 、 of a long enumeration)


def _reach(parts: list[str], first: int, text: str) -> int:
    """The index of the last clause an item cut from parts[first:] reaches."""
    length = 0
    for k in range(first, len(parts)):
        length += len(parts[k])
        if length >= len(text):
            return k
    return len(parts) - 1


def _inside(window: str, text: str) -> bool:
    """Whether an item cut from `window` stops inside a clause (…在挖掘、加工、生产 | 、传播…)."""
    body = text.rstrip("”’》）")
    if body.endswith("…"):
        return False  # cut inside a quotation: rules.shorten marked it (…”)
    at = window.find(body)
    if at < 0:
        return False
    rest = window[at + len(body) :].lstrip("”’》）)…")
    return bool(rest) and rest[0] not in CLAUSE_END


def candidates(article: Article) -> list[Candidate]:
    out: list[Candidate] = []
    for s in article.sections:
        text = shorten(s.heading)
        if len(text) >= MIN_CHARS:
            parts = tuple(clauses(s.heading))
            out.append(
                Candidate(
                    text, s.heading, s.paragraphs[0], -1, 0, len(parts) - 1, "heading",
                    s.role, s.heading, parts,
                )
            )  # fmt: skip
    for para in article.paragraphs:
        section = section_of(article, para.n)
        prior = section.role if section is not None else "none"
        for k, sent in enumerate(sentences(para.text)):
            parts = clauses(sent)
            frozen = tuple(parts)
            for j in range(len(parts)):
                window = "".join(parts[j:])
                text = shorten(window, BUDGET)
                if len(text) < MIN_CHARS:
                    continue
                last = _reach(parts, j, text)
                out.append(
                    Candidate(
                        text, window, para.n, k, j, last, "sentence", prior, sent, frozen,
                        _inside(window, text),
                    )
                )  # fmt: skip
    return out
