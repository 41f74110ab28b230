"""Features of a candidate: sparse {name: value} dicts the model weighs (model.py).

The cue words of cues.py and the first summarizer's judgements (rules.py) are features here, not
decisions: which word families the start clause and the rest carry, and each cue word itself;
how the item opens; numbering; place in sentence, paragraph and essay; the section's role; form
signals (figures, quotation marks, places, 习近平…指出); closeness to the title and headings; and
whether the rules would have made it a candidate, of which list, how strongly, and printed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from brief.model import Article
from brief.read import structure
from brief.summary import cues, rules
from brief.summary.candidates import Candidate
from brief.summary.rules import LEAD_IN, MODAL, QUOTED_SPEECH, bigrams

_FAMILIES = (
    ("P", cues.PROBLEM),
    ("p", cues.WEAK_PROBLEM),
    ("M", cues.MECHANISM),
    ("m", cues.WEAK_MECHANISM),
    ("R", cues.RECOMMENDATION),
    ("X", cues.REMEDIED),
    ("S", cues.STRONG_MECHANISM),
)
# Words whose family says less than the word itself: each is a feature of its own.
_WORDS = re.compile(
    "|".join(f"(?:{p.pattern})" for _, p in _FAMILIES if _ != "X")
    + r"|若|将会|将|会|可|能|了|已|已经|正在|日益|越来越|仍|仍然|尚|有待|亟|并非|不是|而是|"
    r"作为|载体|体现了|彰显了|离不开|本质上|意义|价值|为|是|的|都|也|还|更|既|又|和|与|"
    r"我们|我国|中国|各地|美国|人类|世界|社会|党|国家|企业|政府|人民|群众"
)
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[“”\"「」]")
_LEADER = re.compile(r"习近平|总书记|总统|主席")
_SAYS = re.compile(r"指出|强调|说|讲|表示|认为|提出|写道")
_FIGURES = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿|个|项|名|家|余|多|套|次|元|倍|年)")
_SUBJECTLESS = re.compile(r"^(?:要|应|需|必须|应当|还要|更要|也要|并|并且|同时|从而|进而|以)")
_STOP = "，,：:；;。！？!?"


@dataclass(frozen=True)
class Essay:
    """What features need to know about the whole essay, computed once."""

    title: frozenset[str]
    headings: frozenset[str]
    paragraphs: int
    sentences: dict[int, int]  # paragraph number -> sentences in it
    point_leads: dict[int, tuple[str, ...]]
    rule_windows: dict[
        tuple[int, str], tuple[str, float, str]
    ]  # (para, window) -> role, strength, kind
    rule_printed: dict[tuple[int, str], str]  # (para, item text) -> list name
    rule_rank: dict[tuple[int, str], float]


def essay(article: Article, counts: dict[int, int]) -> Essay:
    found = rules.rule_candidates(article)
    windows = {(c.para, c.text): (c.role, c.strength, c.kind) for c in reversed(found)}
    title = bigrams(article.title)
    ranks = rules.rule_scores(found, article)
    rank = {(c.para, c.text): r for c, r in zip(found, ranks, strict=True)}
    printed = {
        (i.paragraphs[0], i.text): name
        for name, items in rules.rule_select(found, article, ranks).items()
        for i in items
    }
    leads: dict[int, list[str]] = {}
    for p in article.points:
        leads.setdefault(p.n, []).append(p.text[:12])
    return Essay(
        frozenset(title),
        frozenset(bigrams("".join(s.heading for s in article.sections))),
        len(article.paragraphs),
        counts,
        {n: tuple(v) for n, v in leads.items()},
        windows,
        printed,
        rank,
    )


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


@lru_cache(maxsize=16384)
def _clause(text: str) -> tuple[tuple[int, ...], frozenset[str]]:
    """Per family, how often a clause uses it; and the cue words it uses."""
    counts = tuple(len(pattern.findall(text)) for _, pattern in _FAMILIES)
    words = frozenset(
        w if len(w) <= 4 else w[:2] + "…" for w in (m.group() for m in _WORDS.finditer(text))
    )
    return counts, words


# A sentence is shared by all its windows and a start clause by its windows of every length:
# what depends only on them is computed once (features are most of summarizing's time).
@lru_cache(maxsize=8192)
def _sentence(sentence: str) -> tuple[tuple[str, float], ...]:
    leader = bool(_LEADER.search(sentence))
    return (
        ("numbered", float(bool(structure.NUMBERED.match(sentence)))),
        ("figures", float(bool(_FIGURES.search(sentence)))),
        ("quoted_speech", float(bool(QUOTED_SPEECH.search(sentence)))),
        ("leader", float(leader)),
        ("leader_says", float(leader and bool(_SAYS.search(sentence)))),
    )


@lru_cache(maxsize=16384)
def _start(clause: str) -> tuple[tuple[str, float], ...]:
    """How the start clause opens, and its cue families and words (its lead-in removed)."""
    head = LEAD_IN.sub("", clause)
    counts, words = _clause(head)
    f = [
        ("modal", float(bool(MODAL.match(head)))),
        ("imperative", float(bool(structure.IMPERATIVE.match(head)))),
        ("subjectless", float(bool(_SUBJECTLESS.match(head)))),
        ("lead_in", float(LEAD_IN.match(clause) is not None)),
        ("frame", float(bool(cues.FRAME.match(head)))),
        ("judgement", float(bool(cues.JUDGEMENT.match(head)))),
        ("definition", float(bool(cues.DEFINITION.match(head)))),
        ("report", float(bool(cues.REPORT.match(head)))),
    ]
    f += [("c1:" + name, min(3, n)) for (name, _), n in zip(_FAMILIES, counts, strict=True) if n]
    f += [("w1:" + w, 1.0) for w in sorted(words)]
    return tuple(f)


@lru_cache(maxsize=16384)
def _after(clause: str) -> bool:
    """Whether a clause frames the one after it (在…中，/ …：)."""
    return bool(cues.FRAME.match(clause))


_PLACE = tuple(
    tuple(f"{name}:{_bucket(k, (1, 2, 3, 5))}" for k in range(8)) for name in ("cl", "sn")
)
_LENGTH = tuple("len:" + _bucket(n, (8, 12, 16, 24, 32, 40)) for n in range(41))


@lru_cache(maxsize=8192)
def _around(
    parts: tuple[str, ...],
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """For each clause of a sentence, which families the clauses before it use, and after it."""
    counts = [_clause(part)[0] for part in parts]
    none = (0,) * len(_FAMILIES)
    before, seen = [], none
    for row in counts:
        before.append(seen)
        seen = tuple(a or b for a, b in zip(seen, row, strict=True))
    after, seen = [], none
    for row in reversed(counts):
        after.append(seen)
        seen = tuple(a or b for a, b in zip(seen, row, strict=True))
    return tuple(before), tuple(reversed(after))


def features(c: Candidate, e: Essay) -> dict[str, float]:
    f: dict[str, float] = {}
    rule = e.rule_windows.get((c.para, c.sentence if c.kind == "heading" else c.window))
    text = c.text
    f["kind:" + c.kind] = 1.0
    f["prior:" + c.prior] = 1.0
    # Place: clause in sentence, sentence in paragraph, paragraph in essay.
    f[_PLACE[0][min(c.first, 7)]] = 1.0
    f["cl_last"] = float(c.first == len(c.parts) - 1)
    if c.sent >= 0:
        count = e.sentences.get(c.para, 1)
        f[_PLACE[1][min(c.sent, 7)]] = 1.0
        f["sn_last"] = float(c.sent == count - 1)
        f["sn_only"] = float(count == 1)
    f["para_first"] = float(c.para == 1)
    f["para_second"] = float(c.para == 2)
    f["para_last"] = float(c.para == e.paragraphs)
    f["para_pos"] = c.para / max(1, e.paragraphs)
    f["prior_cl:" + c.prior + ":" + str(min(c.first, 2))] = 1.0
    # Numbering and point leads.
    sentence = _sentence(c.sentence)
    numbered = sentence[0][1]
    f["numbered"] = numbered
    f["numbered_start"] = float(bool(numbered) and c.first == 0)
    is_lead = any(lead and lead in c.sentence for lead in e.point_leads.get(c.para, ()))
    f["point_lead"] = float(is_lead)
    f["point_lead_start"] = float(is_lead and c.first == 0)
    # How the item opens and what it says.
    f[_LENGTH[min(len(text), 40)]] = 1.0
    f["clauses:" + str(min(3, c.last - c.first + 1))] = 1.0
    f.update(_start(c.parts[c.first]))  # a candidate has at least one clause
    # Cue families and words, counted once per clause (the same clause is in many windows).
    rest_counts = [0] * len(_FAMILIES)
    rest_words: set[str] = set()
    for part in c.parts[c.first + 1 : c.last + 1]:
        counts, words = _clause(part)
        rest_counts = [a + b for a, b in zip(rest_counts, counts, strict=True)]
        rest_words.update(words)
    around = _around(c.parts)
    before_any, after_any = around[0][c.first], around[1][c.last]
    for k, (name, _) in enumerate(_FAMILIES):
        if rest_counts[k]:
            f["cr:" + name] = min(3, rest_counts[k])
        if before_any[k]:
            f["cb:" + name] = 1.0
        if after_any[k]:
            f["ca:" + name] = 1.0
    f["h1:" + text[:1]] = 1.0
    f["h2:" + text[:2]] = 1.0
    for word in rest_words:
        f["wr:" + word] = 1.0
    f["case"] = float(bool(cues.CASE.search(text)))
    f["digit"] = float(bool(_DIGIT.search(text)))
    f.update(sentence[1:3])
    f["quote"] = float(bool(_QUOTE.search(text)))
    f.update(sentence[3:])
    f["prev_frame"] = float(c.first > 0 and _after(c.parts[c.first - 1]))
    f["prev_colon"] = float(c.first > 0 and c.parts[c.first - 1][-1:] in "：:")
    f["ends_full"] = float(c.parts[c.last][-1:] in "。；;！？!?") if c.parts else 0.0
    # Closeness to the title and the headings.
    grams = bigrams(text)
    n = len(grams) or 1
    f["title_close"] = len(grams & e.title) / n
    f["heading_close"] = len(grams & e.headings) / n
    f["title_repeat"] = float(len(grams & e.title) >= 0.7 * n)
    # The first summarizer's judgements.
    if rule is not None:
        role, strength, kind = rule
        f["rule:" + role] = 1.0
        f["rule_str:" + role] = min(strength, 6.0) / 3.0
        f["rule_kind:" + kind] = 1.0
        rank = e.rule_rank.get((c.para, c.sentence if c.kind == "heading" else c.window))
        if rank is not None:
            f["rule_rank"] = rank / 5.0
    printed = e.rule_printed.get((c.para, text))
    if printed is not None:
        f["rule_printed:" + printed] = 1.0
    return {k: v for k, v in f.items() if v}


def essay_features(article: Article, found: list[Candidate]) -> list[dict[str, float]]:
    counts: dict[int, int] = {}
    for c in found:
        if c.sent >= 0:
            counts[c.para] = max(counts.get(c.para, 0), c.sent + 1)
    e = essay(article, counts)
    return [features(c, e) for c in found]
