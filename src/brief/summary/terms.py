"""Key terms of an essay with the sentence that defines or explains each (for the glossary).

A term is one of the essay's keywords or a term it repeats. Its sentence is, best first: one that
defines it (所谓X，… / X是指… / X即… / X，是…的…), one that starts with it and says what it is or
does (X作为… / X意味着… / X的核心在于…), or, as a fallback, the shortest sentence that names it
with an explaining verb (是 / 在于 / 意味着). The strength is kept implicit in the order of
Brief.terms and can be recomputed with strength(); the glossary prefers real definitions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from brief.model import Article, Brief, Term
from brief.summary.sentences import sentences

PER_ESSAY = 8
MIN_PER_ESSAY = 4  # an essay with fewer clear terms adds its keywords' explaining sentences
MIN_CHARS, MAX_CHARS = (
    12,
    140,
)  # a defining sentence shorter is no definition, longer is a paragraph

DEFINES = 3.0  # 所谓X / X是指 / X即
STATES = 2.0  # X，是…的… at the start of a sentence
EXPLAINS = 1.0  # X作为… / X意味着… at the start of a sentence
MENTIONS = 0.5  # X named in a sentence with an explaining verb

_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|首先|其次|再次|最后|同时|因此|其中|而|这里)[，,]?"
)
_EXPLAIN_START = r"(?:作为|意味着|体现为|表现为|实质上|本质上|的本质|的核心|的内涵|的关键|的要义|的根本|之所以|旨在)"
_VERBS = re.compile(r"是|在于|意味着|体现|表现为|指|作为|包括|能够")
_QUOTED = re.compile(r"(?:指出|强调|说|写道)[：:]|[：:][“「]")  # quoted speech is no definition


_DEFINES_AFTER = re.compile(r"(?:是指|指的是|就是指|即是|是一种|是一个|，?即(?!便|使))")
_SO_CALLED_AFTER = re.compile(r"(?:就是|是指|指的是|是|即|指|，)")
_STATES_AFTER = re.compile(r"(?:就是|是)[^。！？]{4,}的")
_EXPLAINS_AFTER = re.compile(_EXPLAIN_START)
_OPEN_Q, _CLOSE_Q = '“「"', '”」"'


def strength(term: str, sentence: str) -> float:
    """How clearly `sentence` defines `term`: DEFINES (所谓X / X是指 / X即), STATES (X，是…的
    at the start), EXPLAINS (X作为… at the start), MENTIONS (an explaining verb soon after it)
    or 0. Plain string work around each place the term stands, with patterns compiled once."""
    s = _LEAD.sub("", sentence.strip())
    best = 0.0
    start = s.find(term)
    while start >= 0:
        before = s[:start]
        if before[-1:] and before[-1] in _OPEN_Q:
            before = before[:-1]
        after = s[start + len(term) :]
        if after[:1] and after[0] in _CLOSE_Q:
            after = after[1:]
        bare = after[1:] if after[:1] in ("，", ",") else after
        if before.endswith("所谓") and _SO_CALLED_AFTER.match(after):
            return DEFINES
        if _DEFINES_AFTER.match(bare) or _DEFINES_AFTER.match(after):
            return DEFINES
        if not before and _STATES_AFTER.match(bare):
            best = max(best, STATES)
        elif not before and _EXPLAINS_AFTER.match(bare):
            best = max(best, EXPLAINS)
        elif _VERBS.search(after[:20]):
            best = max(best, MENTIONS)
        start = s.find(term, start + 1)
    return best


def candidate_terms(
    article: Article, keywords: tuple[str, ...], own: Counter[str] | None = None
) -> list[str]:
    """The keywords, then terms of 3-6 characters the essay's body repeats at least three times
    (`own`: keywords.essay_own_terms(article)[1] when the caller has it)."""
    from brief.summary.keywords import GENERIC, essay_own_terms

    if own is None:
        own = essay_own_terms(article)[1]
    repeated = [t for t, n in own.most_common() if n >= 3 and t not in GENERIC and "所谓" not in t]
    out = [k for k in keywords if len(k) >= 2 and k not in GENERIC]
    for t in repeated:
        if not any(t in k or k in t for k in out):
            out.append(t)
    return out[: PER_ESSAY * 2]


def essay_terms(
    article: Article,
    keywords: tuple[str, ...],
    count: int = PER_ESSAY,
    own: Counter[str] | None = None,
) -> tuple[Term, ...]:
    """Up to `count` terms, each with its best sentence: definitions first, then by keyword rank.
    An essay with fewer than MIN_PER_ESSAY such terms gets its keywords' best-explaining
    sentences as well (the sentence that names the term earliest and reads shortest)."""
    sents = [
        (p.n, s.strip())
        for p in article.paragraphs
        for s in sentences(p.text)
        if MIN_CHARS <= len(s.strip()) <= MAX_CHARS and not _QUOTED.search(s)
    ]
    options: list[tuple[float, float, int, str, int, str]] = []
    for rank, term in enumerate(candidate_terms(article, keywords, own)):
        for n, sent in sents:
            if term in sent:
                # about 50 characters reads best; the term early in the sentence explains it
                fit = -abs(len(sent) - 50) - sent.index(term)
                options.append((strength(term, sent), fit, -rank, term, n, sent))
    # the clearest sentence goes to its term first; one sentence serves one term
    clear: list[tuple[float, int, Term]] = []
    fallback: list[tuple[float, int, Term]] = []
    done: set[str] = set()
    used: set[str] = set()
    for score, _, neg_rank, term, n, sent in sorted(options, reverse=True):
        if term in done or sent in used:
            continue
        done.add(term)
        used.add(sent)
        weak = score < MENTIONS or (len(term) == 2 and score < STATES)
        (fallback if weak else clear).append((score, -neg_rank, Term(term, sent, n)))
    clear.sort(key=lambda f: (-f[0], f[1]))
    fallback.sort(key=lambda f: f[1])
    chosen = clear[:count]
    if len(chosen) < MIN_PER_ESSAY:
        chosen += fallback[: MIN_PER_ESSAY - len(chosen)]
    return tuple(t for _, _, t in chosen)


def body_length(article: Article) -> int:
    """Characters of the essay's body text, without spaces (for reading time)."""
    return sum(len(re.sub(r"\s+", "", p.text)) for p in article.paragraphs)


def with_terms(brief: Brief, own: Counter[str] | None = None) -> Brief:
    """The brief with its glossary candidates (Brief.terms) and its length filled in."""
    article = brief.article
    terms = essay_terms(article, brief.keywords, own=own)
    return replace(brief, terms=terms, length=body_length(article))
