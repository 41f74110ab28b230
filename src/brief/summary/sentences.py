"""Splitting Chinese text into sentences and clauses without losing a character.

Quoted speech stays whole: a full stop inside “…” does not end the sentence around it, and a
closing quote after a full stop belongs to the sentence it closes (他说：“好。”然后 -> 他说：“好。”|然后).
"""

from __future__ import annotations

import re
from functools import lru_cache

_OPEN = "“‘「『（(《〔【"
_CLOSE = "”’」』）)》〕】"
_SENTENCE_END = "。！？!?；;"
CLAUSE_END = "，,：:；;。！？!?"  # the marks that end a clause (candidates.py asks too)


_MARKS = {
    stops: re.compile("[" + re.escape(_OPEN + _CLOSE + stops) + "]")
    for stops in (_SENTENCE_END, CLAUSE_END)
}


# The same paragraph is split by candidates, rules, thesis and terms: split each text once.
@lru_cache(maxsize=16384)
def _split(text: str, stops: str) -> tuple[str, ...]:
    parts: list[str] = []
    depth = 0
    start = pos = 0
    n = len(text)
    marks = _MARKS[stops]
    while (m := marks.search(text, pos)) is not None:  # only quotes and stops matter
        i = m.start()
        ch = text[i]
        pos = i + 1
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        else:
            # A stop ends a sentence outside quotes, or inside when the quote closes right after.
            j = i + 1
            d = depth
            while j < n and (text[j] in stops or text[j] in _CLOSE or text[j] == "…"):
                if text[j] in _CLOSE:
                    d = max(0, d - 1)
                j += 1
            if d == 0:
                parts.append(text[start:j])
                start = pos = j
                depth = 0
    if start < n:
        parts.append(text[start:])
    return tuple(parts)


def sentences(text: str) -> tuple[str, ...]:
    """Sentences of a paragraph; ''.join(sentences(t)) == t."""
    return _split(text, _SENTENCE_END)


def clauses(sentence: str) -> tuple[str, ...]:
    """Clauses of a sentence, split at ，：；outside quotes; ''.join(clauses(s)) == s."""
    return _split(sentence, CLAUSE_END)
