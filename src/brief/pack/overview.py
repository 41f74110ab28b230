"""The pack's shared themes: terms that recur across its essays, for the overview page.

A theme is a keyword or glossary term of some essay that at least two essays take up: as one of
their keywords, or written at least MENTIONS times in their text (their list items when the
pack was built without the articles' text). Themes taken up by more essays come first.
"""

from __future__ import annotations

from collections.abc import Sequence

from brief.model import LISTS, Brief, Theme
from brief.pack.links import STOP

MAX_THEMES = 12
MENTIONS = 3
MIN_THEMES = 4
READING_SPEED = 300  # characters a minute, for study reading with a pen in hand


def _text(brief: Brief) -> str:
    body = "\n".join(p.text for p in brief.article.paragraphs)
    items = "\n".join(i.text for name in LISTS for i in getattr(brief, name))
    return "\n".join([brief.article.title, body or items, brief.thesis])


def takes_up(brief: Brief, term: str, text: str | None = None, mentions: int = MENTIONS) -> bool:
    """Whether the essay takes up `term`: a keyword of it, or written `mentions` times."""
    if any(term in k for k in brief.keywords):
        return True
    return (text if text is not None else _text(brief)).count(term) >= mentions


def make_themes(briefs: Sequence[Brief], limit: int = MAX_THEMES) -> tuple[Theme, ...]:
    """Up to `limit` themes, most widely shared first. When fewer than MIN_THEMES pass the strict
    test (3+ characters or a keyword of two essays, MENTIONS mentions), two mentions and
    two-character words are let in to fill up (a small pack of unrelated essays)."""
    if len(briefs) < 2:
        return ()
    texts = [_text(b) for b in briefs]
    # "term in any keyword" as one search: a term (no NUL in it) cannot match across the joins
    keys = ["\0".join(b.keywords) for b in briefs]
    candidates = list(
        dict.fromkeys(
            w for b in briefs for w in [*b.keywords, *(t.term for t in b.terms)] if len(w) >= 2
        )
    )
    chosen: list[Theme] = []
    for strict in (True, False):
        scored = []
        for order, term in enumerate(candidates):
            if term in STOP or any(c.term == term for c in chosen):
                continue
            mentions = MENTIONS if strict else MENTIONS - 1
            essays = tuple(
                n
                for n, (key, text) in enumerate(zip(keys, texts, strict=True), 1)
                if term in key or text.count(term) >= mentions  # as takes_up, faster
            )
            keyed = sum(1 for b in briefs if term in b.keywords)
            # a two-character word is a theme only when essays name it among their keywords
            if len(essays) >= 2 and (len(term) >= 3 or keyed >= 2 or not strict):
                scored.append((-(len(essays) + keyed), -len(term), order, term, essays))
        for *_, term, essays in sorted(scored):
            if len(chosen) >= limit:
                break
            # a term inside a chosen one, taken up by the same essays, says nothing new
            if any((term in c.term or c.term in term) and c.essays == essays for c in chosen):
                continue
            chosen.append(Theme(term, essays))
        if len(chosen) >= MIN_THEMES:
            break
    return tuple(chosen)


def reading_minutes(brief: Brief) -> int:
    """Minutes to read the essay closely, at least one."""
    length = brief.length or sum(len(p.text) for p in brief.article.paragraphs)
    return max(1, round(length / READING_SPEED))
