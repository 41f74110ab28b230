"""Selection: from scored candidates to the three lists.

Each candidate goes to the list the model thinks likeliest, with the score P(point) x P(list).
Best first, an item is taken while its list has room (6; fewer when nothing left is likely
enough to be a point) unless it shares a clause with an item already taken, or mostly repeats
one (in any list: a point is filed once). A sentence seldom holds two points: each item taken
from a sentence scales the rest of that sentence's candidates by SENTENCE_PENALTY, so a second
item from it must outscore the next sentence's best. Lists print in the essay's order, and an
item cut inside a clause (at a 、 of a long enumeration) ends on … to say so.
"""

from __future__ import annotations

import heapq

from brief.model import LISTS, Item
from brief.summary.candidates import Candidate
from brief.summary.rules import bigrams

MAX_ITEMS = 6
THRESHOLD = 0.3  # used when the weights file names none
OVERLAP = 0.6  # 0.4, 0.5 and 0.8 scored lower on CV
# cv recall 0.568 at 1 (no penalty), 0.578 at 0.85, 0.586 at 0.55; at 0.4 (0.592) and 0 (0.586)
# the seed page loses points that share a sentence (0.84, 0.82: its bar is 0.85).
SENTENCE_PENALTY = 0.55


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def select(
    found: list[Candidate],
    scored: list[tuple[float, tuple[float, float, float]]],
    settings: dict[str, float] | None = None,
) -> dict[str, tuple[Item, ...]]:
    settings = settings or {}
    threshold = settings.get("threshold", THRESHOLD)
    most = int(settings.get("max_items", MAX_ITEMS))
    penalty = settings.get("sentence_penalty", SENTENCE_PENALTY)
    if len(found) != len(scored):
        raise ValueError("select: one score per candidate")
    # (-score, index, list, items taken from its sentence when the score was set)
    heap = []
    for k, (p, q) in enumerate(scored):
        best = max(range(3), key=lambda i: q[i])
        s = p * q[best]
        if s >= threshold:
            heap.append((-s, k, best, 0))
    heapq.heapify(heap)
    chosen: dict[int, list[tuple[int, Candidate, float]]] = {0: [], 1: [], 2: []}
    taken: list[tuple[Candidate, frozenset[str], tuple[int, int, str]]] = []
    per_sentence: dict[tuple[int, int, str], int] = {}
    while heap:
        neg, k, best, seen = heapq.heappop(heap)
        c = found[k]
        sentence = (c.para, c.sent, c.kind)
        now = per_sentence.get(sentence, 0)
        if now != seen:  # its sentence gave an item since: score it down and queue it again
            heapq.heappush(heap, (neg * penalty ** (now - seen), k, best, now))
            continue
        if len(chosen[best]) >= most:
            continue
        grams = bigrams(c.text)
        clash = False
        for other, other_grams, other_sentence in taken:
            if other_sentence == sentence and not (c.last < other.first or other.last < c.first):
                clash = True  # shares a clause
                break
            if other.text == c.text or _overlap(grams, other_grams) > OVERLAP:
                clash = True
                break
        if clash:
            continue
        taken.append((c, grams, sentence))
        chosen[best].append((k, c, -neg))
        per_sentence[sentence] = now + 1
    return {
        name: tuple(
            Item(text=c.text + ("…" if c.cut else ""), paragraphs=(c.para,), score=round(s, 3))
            for _, c, s in sorted(chosen[i], key=lambda x: x[0])
        )
        for i, name in enumerate(LISTS)
    }
