"""Features of a candidate: sparse {name: value} dicts the model weighs (model.py).

The cue words of cues.py and the first summarizer's judgements (rules.py) are features here, not
decisions: which word families the start clause and the rest carry, and each cue word itself;
how the item opens; numbering; place in sentence, paragraph and essay; the section's role; form
signals (figures, quotation marks, places, 习近平…指出); closeness to the title and headings; how
much of it, and of its sentence, the essay says again (its own argument is repeated, background is
said once); and whether the rules would have made it a candidate, of which list, how strongly, and
printed it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from brief.model import Article
from brief.read import structure
from brief.summary import cues, rules
from brief.summary.candidates import Candidate
from brief.summary.rules import LEAD_IN, MODAL, QUOTED_SPEECH, bigrams
from brief.summary.sentences import clauses

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
_WORDS = cues.prefixed(
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
# An essay's content bigrams are of ideographs other than these, which say nothing of its subject.
_NOT_CONTENT = re.compile(r"[^\u4e00-\u9fff]|[的了是和与在对为而也就都又及其之]")
_BIGRAM = re.compile(r"(?=([^|]{2}))")  # every two characters, overlapping, that hold no "|"


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
    # Of each clause's content bigrams, how many the essay uses at all, 3 and 6 times or more.
    clause_said: dict[str, tuple[int, int, int]]
    sentence_said: dict[str, float]  # sentence -> the share of it the essay uses 3 times or more


def _repeats(article: Article) -> dict[str, int]:
    """Each content bigram of the essay (of ideographs, no function word): 1 when the essay uses it
    once or twice, 2 when 3-5 times, 3 when 6 times or more."""
    text = _NOT_CONTENT.sub("|", "|".join(p.text for p in article.paragraphs))
    counts = Counter(_BIGRAM.findall(text))
    return {g: 1 + (n >= 3) + (n >= 6) for g, n in counts.items()}


def _said(clause: str, levels: dict[str, int]) -> tuple[int, int, int]:
    """A clause's content bigrams: how many, and how many the essay uses 3 and 6 times or more."""
    got = list(map(levels.get, map(str.__add__, clause, clause[1:]), repeat(0)))
    once, often, most = got.count(1), got.count(2), got.count(3)
    return once + often + most, often + most, most


def _shares(said: list[tuple[int, int, int]]) -> tuple[float, float]:
    content = sum(x[0] for x in said)
    if not content:
        return 0.0, 0.0
    return sum(x[1] for x in said) / content, sum(x[2] for x in said) / content


def essay(article: Article, found: list[Candidate]) -> Essay:
    counts: dict[int, int] = {}
    for c in found:
        if c.sent >= 0:
            counts[c.para] = max(counts.get(c.para, 0), c.sent + 1)
    ruled = rules.rule_candidates(article)
    windows = {(c.para, c.text): (c.role, c.strength, c.kind) for c in reversed(ruled)}
    title = bigrams(article.title)
    ranks = rules.rule_scores(ruled, article)
    rank = {(c.para, c.text): r for c, r in zip(ruled, ranks, strict=True)}
    printed = {
        (i.paragraphs[0], i.text): name
        for name, items in rules.rule_select(ruled, article, ranks).items()
        for i in items
    }
    leads: dict[int, list[str]] = {}
    for p in article.points:
        leads.setdefault(p.n, []).append(p.text[:12])
    levels = _repeats(article)
    clause_said: dict[str, tuple[int, int, int]] = {}
    sentence_said: dict[str, float] = {}
    for c in found:
        if c.sentence not in sentence_said:
            for part in c.parts:
                if part not in clause_said:
                    clause_said[part] = _said(part, levels)
            sentence_said[c.sentence] = _shares([clause_said[p] for p in c.parts])[0]
    return Essay(
        frozenset(title),
        frozenset(bigrams("".join(s.heading for s in article.sections))),
        len(article.paragraphs),
        counts,
        {n: tuple(v) for n, v in leads.items()},
        windows,
        printed,
        rank,
        clause_said,
        sentence_said,
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
def _sentence(sentence: str) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """Whether the sentence is numbered, and its form features (set ones only) in two groups."""
    leader = bool(_LEADER.search(sentence))
    form = (
        ("figures", bool(_FIGURES.search(sentence))),
        (
            "quoted_speech",
            bool(QUOTED_SPEECH.search(sentence)),
        ),
    )
    speaker = ("leader", leader), ("leader_says", leader and bool(_SAYS.search(sentence)))
    return (
        bool(structure.NUMBERED.match(sentence)),
        tuple(k for k, v in form if v),
        tuple(k for k, v in speaker if v),
    )


@lru_cache(maxsize=16384)
def _start(clause: str) -> tuple[tuple[str, float], ...]:
    """How the start clause opens, and its cue families and words (its lead-in removed): the
    features that are set."""
    head = LEAD_IN.sub("", clause)
    counts, words = _clause(head)
    f = [
        ("modal", bool(MODAL.match(head))),
        ("imperative", bool(structure.IMPERATIVE.match(head))),
        ("subjectless", bool(_SUBJECTLESS.match(head))),
        ("lead_in", LEAD_IN.match(clause) is not None),
        ("frame", bool(cues.FRAME.match(head))),
        ("judgement", bool(cues.JUDGEMENT.match(head))),
        ("definition", bool(cues.DEFINITION.match(head))),
        ("report", bool(cues.REPORT.match(head))),
    ]
    out = [(k, 1.0) for k, v in f if v]
    out += [("c1:" + name, min(3, n)) for (name, _), n in zip(_FAMILIES, counts, strict=True) if n]
    out += [("w1:" + w, 1.0) for w in sorted(words)]
    return tuple(out)


@lru_cache(maxsize=16384)
def _after(clause: str) -> bool:
    """Whether a clause frames the one after it (在…中，/ …：)."""
    return bool(cues.FRAME.match(clause))


_PLACE = tuple(
    tuple(f"{name}:{_bucket(k, (1, 2, 3, 5))}" for k in range(8)) for name in ("cl", "sn")
)
_LENGTH = tuple("len:" + _bucket(n, (8, 12, 16, 24, 32, 40)) for n in range(41))


@lru_cache(maxsize=8192)  # keyed by the sentence: a string's hash is kept, a tuple's is not
def _around(
    sentence: str,
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """For each clause of a sentence, which families the clauses before it use, and after it."""
    counts = [_clause(part)[0] for part in clauses(sentence)]
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
    """The features that are set (a value of 0 is left out), always in the same order."""
    f: dict[str, float] = {}
    rule = e.rule_windows.get((c.para, c.sentence if c.kind == "heading" else c.window))
    text = c.text
    parts = c.parts
    f["kind:" + c.kind] = 1.0
    f["prior:" + c.prior] = 1.0
    # Place: clause in sentence, sentence in paragraph, paragraph in essay.
    f[_PLACE[0][min(c.first, 7)]] = 1.0
    if c.first == len(parts) - 1:
        f["cl_last"] = 1.0
    if c.sent >= 0:
        count = e.sentences.get(c.para, 1)
        f[_PLACE[1][min(c.sent, 7)]] = 1.0
        if c.sent == count - 1:
            f["sn_last"] = 1.0
        if count == 1:
            f["sn_only"] = 1.0
    if c.para == 1:
        f["para_first"] = 1.0
    if c.para == 2:
        f["para_second"] = 1.0
    if c.para == e.paragraphs:
        f["para_last"] = 1.0
    f["para_pos"] = c.para / max(1, e.paragraphs)
    f["prior_cl:" + c.prior + ":" + str(min(c.first, 2))] = 1.0
    # Numbering and point leads.
    numbered, form, speaker = _sentence(c.sentence)
    if numbered:
        f["numbered"] = 1.0
        if c.first == 0:
            f["numbered_start"] = 1.0
    if any(lead and lead in c.sentence for lead in e.point_leads.get(c.para, ())):
        f["point_lead"] = 1.0
        if c.first == 0:
            f["point_lead_start"] = 1.0
    # How the item opens and what it says.
    f[_LENGTH[min(len(text), 40)]] = 1.0
    f["clauses:" + str(min(3, c.last - c.first + 1))] = 1.0
    f.update(_start(parts[c.first]))  # a candidate has at least one clause
    # Cue families and words, counted once per clause (the same clause is in many windows).
    rest_counts = [0] * len(_FAMILIES)
    rest_words: set[str] = set()
    for part in parts[c.first + 1 : c.last + 1]:
        counts, words = _clause(part)
        rest_counts = [a + b for a, b in zip(rest_counts, counts, strict=True)]
        rest_words.update(words)
    before, after = _around(c.sentence)
    before_any, after_any = before[c.first], after[c.last]
    for k, (name, _) in enumerate(_FAMILIES):
        if rest_counts[k]:
            f["cr:" + name] = min(3, rest_counts[k])
        if before_any[k]:
            f["cb:" + name] = 1.0
        if after_any[k]:
            f["ca:" + name] = 1.0
    f["h1:" + text[:1]] = 1.0
    f["h2:" + text[:2]] = 1.0
    for word in sorted(rest_words):  # in a set's order, the sums would vary by process
        f["wr:" + word] = 1.0
    if cues.is_case(text):
        f["case"] = 1.0
    if _DIGIT.search(text):
        f["digit"] = 1.0
    for name in form:
        f[name] = 1.0
    if _QUOTE.search(text):
        f["quote"] = 1.0
    for name in speaker:
        f[name] = 1.0
    if c.first > 0 and _after(parts[c.first - 1]):
        f["prev_frame"] = 1.0
    if c.first > 0 and parts[c.first - 1][-1:] in "：:":
        f["prev_colon"] = 1.0
    if parts[c.last][-1:] in "。；;！？!?":
        f["ends_full"] = 1.0
    # Closeness to the title and the headings.
    grams = bigrams(text)
    n = len(grams) or 1
    shared = len(grams & e.title)
    if shared:
        f["title_close"] = shared / n
    if grams & e.headings:
        f["heading_close"] = len(grams & e.headings) / n
    if shared >= 0.7 * n:
        f["title_repeat"] = 1.0
    # How much of the item, and of its sentence, the essay says again.
    often, most = _shares([e.clause_said[p] for p in parts[c.first : c.last + 1]])
    if often:
        f["repeated3"] = often
    if most:
        f["repeated6"] = most
    if e.sentence_said[c.sentence]:
        f["sentence_repeated3"] = e.sentence_said[c.sentence]
    # The first summarizer's judgements.
    if rule is not None:
        role, strength, kind = rule
        f["rule:" + role] = 1.0
        if strength:
            f["rule_str:" + role] = min(strength, 6.0) / 3.0
        f["rule_kind:" + kind] = 1.0
        rank = e.rule_rank.get((c.para, c.sentence if c.kind == "heading" else c.window))
        if rank:
            f["rule_rank"] = rank / 5.0
    printed = e.rule_printed.get((c.para, text))
    if printed is not None:
        f["rule_printed:" + printed] = 1.0
    return f


def essay_features(article: Article, found: list[Candidate]) -> list[dict[str, float]]:
    e = essay(article, found)
    return [features(c, e) for c in found]
