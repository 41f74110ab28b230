"""The pack's glossary: 10-40 key terms, each with the sentence of an essay that defines or
explains it, the essay's number and the paragraph.

Candidates are the essays' Brief.terms (summary/terms.py), best first within each essay. A term
met in several essays keeps its clearest sentence (a definition over an explanation, then the
shorter one). Essays take turns, so a long pack's glossary is not all from its first essays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from brief.model import Brief, Term
from brief.summary.terms import strength

MAX_TERMS = 40


def make_glossary(briefs: Sequence[Brief], limit: int = MAX_TERMS) -> tuple[Term, ...]:
    best: dict[str, tuple[float, int, int, Term]] = {}  # term -> (strength, -length, turn, term)
    for number, brief in enumerate(briefs, start=1):
        for turn, t in enumerate(brief.terms):
            key = (strength(t.term, t.sentence), -len(t.sentence))
            if t.term not in best or key > best[t.term][:2]:
                best[t.term] = (*key, turn, replace(t, essay=number))
    # take turns: every essay's best term, then every essay's second, ...
    order = sorted(best.values(), key=lambda v: (v[2], v[3].essay))
    chosen = [v[3] for v in order[:limit]]
    return tuple(sorted(chosen, key=lambda t: (t.essay, t.paragraph, t.term)))
