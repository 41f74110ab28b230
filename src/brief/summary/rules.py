"""The hand-written rules of the first summarizer, kept as a source of features for the model.

Structure first: section headings tell which list their numbered points belong in, and claim
headings (传承…，构建…) are points themselves. Elsewhere clauses are filed by cue words (cues.py).
The rules' candidates, their role and strength, and whether the rules' own ranking would print
them, are features of the learned summarizer (features.py); they decide nothing on their own.
shorten() cuts an item to the clauses that carry its point, for rules and model alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from brief.model import LISTS, Article, Item, Section
from brief.read import structure
from brief.summary import cues
from brief.summary.sentences import clauses, sentences

MAX_ITEMS = 6  # per list
ITEM_CHARS = 36  # an item grows clause by clause up to this length
FIRST_CLAUSE_CHARS = 44  # a single clause longer than this is cut at a pause (、)
ROLE_OF = {"problem": "problems", "mechanism": "mechanisms", "recommendation": "recommendations"}

# Lead-ins that carry no point: markers, connectives and modal verbs at the start of an item.
LEAD_IN = re.compile(
    r"^(?:(?:(?:比如|例如|譬如)[，,：:]?|"
    + "|".join(p for _, p in structure.NUMBERING)
    + r"|(?:此外|另外|同时|因此|然而|但是|而且|并且|为此|总之|总的看|"
    r"具体而言|具体来说|对此|事实上|可见|由此可见|换言之|进一步看)[，,]?|"
    r"(?:本文|笔者)(?:旨在|试图|拟)?(?:认为|探讨|指出|提出|分析)?|"
    r"(?:但|但是)?(?:也|还|更)?(?:要|应|应当|必须|需要)?(?:清醒|深刻)?(?:看到|认识到|注意到)[，,]?|"
    r"但[，,]?|最后)\s*)+"
)
MODAL = re.compile(
    r"^(?:我们|各地|企业|政府)?(?:还|更|仍|也)?"
    r"(?:要(?![素求点件闻害领务])|应当|应该|应(?![用对急变])|必须|需要|需(?!求)|务必|亟需)"
    r"(?=[\u4e00-\u9fff]{2})"
)
# Quoted speech or policy text: 指出：“…” or 要求“…” with a long quotation (not a quoted term).
QUOTED_SPEECH = re.compile(
    r"(?:指出|强调|提出|要求|宣示|讲话|批示|写道|说)(?:[：:]\s*[“「]|[“「][^”」]{12,})"
)
_BIGRAM_STRIP = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class RuleCandidate:
    text: str
    para: int
    order: int  # document order
    kind: str  # heading | point | lead | topic | sentence
    role: str
    strength: float  # how clearly the cue words file it under its role


# --- candidates -------------------------------------------------------------------------------


def section_of(article: Article, n: int) -> Section | None:
    for s in article.sections:
        if s.paragraphs[0] <= n <= s.paragraphs[1]:
            return s
    return None


def rule_candidates(article: Article) -> list[RuleCandidate]:
    out: list[RuleCandidate] = []
    order = 0
    for s in article.sections:
        # An imperative heading (传承…，构建…) is itself a recommendation.
        if s.role == "recommendation" and structure.IMPERATIVE.match(s.heading):
            out.append(RuleCandidate(s.heading, s.paragraphs[0], order, "heading", s.role, 2.0))
        order += 1
    point_leads: dict[int, list[str]] = {}
    for p in article.points:
        lead = sentences(p.text)[0] if p.text else ""
        point_leads.setdefault(p.n, []).append(lead)
    for para in article.paragraphs:
        section = section_of(article, para.n)
        prior = section.role if section is not None else "context"
        leads = point_leads.get(para.n, [])
        for k, sent in enumerate(sentences(para.text)):
            body = LEAD_IN.sub("", sent.strip())
            is_point = any(lead and lead.strip() in sent for lead in leads)
            if is_point:
                kind = "point"
            elif k == 0 and len(body) <= 30 and re.search(r"[。]$", sent):
                kind = "lead"
            elif k == 0:
                kind = "topic"
            else:
                kind = "sentence"
            for text, role, strength in groups(sent, prior, kind):
                out.append(RuleCandidate(text, para.n, order, kind, role, strength))
                order += 1
    return out


_ROLES = ("problem", "mechanism", "recommendation")


@lru_cache(maxsize=16384)  # a clause is scored alone and in every window that starts before it
def cue_scores(text: str) -> dict[str, float]:
    """How strongly the cue words of `text` (lead-ins removed) point to each role."""
    body = LEAD_IN.sub("", text)
    remedied = cues.count(cues.REMEDIED, body)
    return {role: _cue_score(body, role, remedied) for role in _ROLES}


@lru_cache(maxsize=16384)
def cue_score(text: str, role: str) -> float:
    """cue_scores(text)[role], without counting the other roles' words."""
    body = LEAD_IN.sub("", text)
    remedied = cues.count(cues.REMEDIED, body) if role != "recommendation" else 0
    return _cue_score(body, role, remedied)


def _cue_score(body: str, role: str, remedied: int) -> float:
    if role == "problem":
        return max(
            0.0,
            cues.count(cues.PROBLEM, body)
            + 0.5 * cues.count(cues.WEAK_PROBLEM, body)
            - 2.0 * remedied,
        )
    if role == "mechanism":
        return (
            cues.count(cues.MECHANISM, body)
            + (1.0 if cues.DEFINITION.match(body) else 0.0)
            + 0.5 * remedied
            + 1.5 * cues.count(cues.STRONG_MECHANISM, body)
        )
    return cues.count(cues.RECOMMENDATION, body) + (
        1.5 if MODAL.match(body) or structure.IMPERATIVE.match(body) else 0.0
    )


def groups(sentence: str, prior: str, kind: str) -> list[tuple[str, str, float]]:
    """Candidates from one sentence: (text, role, strength).

    A numbered point or lead sentence is one candidate. Elsewhere each clause with a cue word of
    its own starts a candidate that runs to the sentence's end (shorten() cuts it), so the item
    begins where the point is made (导致大量资本涌向…, not the 相比…而言 before it) and a sentence
    listing three problems gives three items.
    """
    if QUOTED_SPEECH.search(sentence):
        return []  # quoted speech is seldom the essay's own point
    if kind in ("point", "lead"):
        # A numbered point inherits its section's role unless it plainly explains (关键技术突破
        # 是…的核心动力, under a heading of 路径) or plainly urges (要筑牢…, under 机理).
        total = cue_scores(sentence)
        if prior in ROLE_OF:
            body = LEAD_IN.sub("", sentence)
            judges = bool(body) and cues.JUDGEMENT.match(clauses(body)[0])
            explains = cues.STRONG_MECHANISM.search(body) or total["mechanism"] >= total[prior] + 2
            # A point moved out of its section's list stands behind the points that belong there.
            if prior != "mechanism" and (judges or explains and total["recommendation"] < 2):
                return [(sentence, "mechanism", 1.5)]
            if prior != "recommendation" and MODAL.match(body):
                return [(sentence, "recommendation", 1.5)]
            if body.startswith("是"):
                return []  # 首先是“高素质”的劳动者: a list of things, not a point
            # Structure has filed it: its standing does not hang on how many cue words it uses.
            return [(sentence, prior, max(2.5, 1.0 + total[prior]))]
        role = max(total, key=total.get)
        # A lead or a point stands by its place, whatever the number of its cue words.
        return [(sentence, role, max(2.5, total[role]))] if total[role] >= 1.0 else []
    parts = clauses(sentence)
    out: list[tuple[str, str, float]] = []
    for k, clause in enumerate(parts):
        own = cue_scores(clause)
        # The section's role breaks ties; the clause's own words come first.
        role = max(own, key=lambda r: own[r] + (0.5 if r == prior else 0.0))
        if own[role] == 0:
            continue
        rest = cue_score("".join(parts[k:]), role)
        strength = own[role] + 0.5 * rest + (0.75 if role == prior else 0.0)
        if role == "problem" and cues.is_case(clause):
            continue  # 布设13120套传感器…监测: a report of what was done states no problem
        if strength >= 1.5:
            out.append(("".join(parts[k:]), role, strength))
    return out


# --- ranking and selection -------------------------------------------------------------------

_STRUCTURE = {"heading": 3.0, "point": 2.5, "lead": 2.5, "topic": 1.2, "sentence": 0.8}


@lru_cache(maxsize=16384)  # an item's text is compared with the title, headings and items
def bigrams(text: str) -> frozenset[str]:
    text = _BIGRAM_STRIP.sub("", text)
    return frozenset([text[i : i + 2] for i in range(len(text) - 1)])


def rule_score(c: RuleCandidate, focus: frozenset[str], title: frozenset[str]) -> float:
    grams = bigrams(shorten(c.text))
    closeness = len(grams & focus) / (len(grams) or 1)
    score = _STRUCTURE[c.kind] + 0.4 * min(c.strength, 6.0) + 0.5 * closeness
    if len(grams & title) >= (0.5 if c.kind == "heading" else 0.7) * len(grams):
        score -= 1.5  # an item that repeats the title tells the reader nothing new
    if len(c.text) < 8:
        score -= 1.0
    if cues.FRAME.match(clauses(LEAD_IN.sub("", c.text))[0]):
        score -= 0.5  # starts by setting the scene (在…的今天，), not with the point
    if cues.is_case(c.text):
        score -= 1.0  # a case report (浙江省…已汇聚3638项) illustrates; it is not the point
    return score


def rule_scores(candidates: list[RuleCandidate], article: Article) -> list[float]:
    focus = bigrams(article.title + "".join(s.heading for s in article.sections))
    title = bigrams(article.title)
    return [rule_score(c, focus, title) for c in candidates]


def rule_select(
    candidates: list[RuleCandidate], article: Article, ranks: list[float] | None = None
) -> dict[str, tuple[Item, ...]]:
    """At most MAX_ITEMS a list, best first; `ranks` are rule_scores() when already known."""
    ranks = ranks if ranks is not None else rule_scores(candidates, article)
    scores = {id(c): r for c, r in zip(candidates, ranks, strict=True)}
    ranked = sorted(candidates, key=lambda c: (-scores[id(c)], c.order))
    chosen: dict[str, list[tuple[RuleCandidate, str, float]]] = {name: [] for name in LISTS}
    seen: list[tuple[str, frozenset[str], str, str]] = []
    for c in ranked:
        name = ROLE_OF.get(c.role)
        if name is None or len(chosen[name]) >= MAX_ITEMS:
            continue
        text = shorten(c.text)
        if len(text) < 4:
            continue
        grams = bigrams(text)
        # Within a list, an item mostly inside another repeats it, and so does one that starts
        # inside another (当下…时，往往呈现出畏难情绪 and 往往呈现出畏难情绪，欠缺…); across
        # lists only a near copy does (导致战略机遇流失 as a mechanism leaves room for the
        # problem that leads to it).
        head = clauses(text)[0].rstrip("，,：:；;。")
        if any(
            (
                overlap(grams, other) > 0.6 or head in other_text or other_head in text
                if where == name
                else jaccard(grams, other) > 0.6
            )
            for where, other, other_text, other_head in seen
        ):
            continue
        seen.append((name, grams, text, head))
        chosen[name].append((c, text, scores[id(c)]))
    return {
        name: tuple(
            Item(text=text, paragraphs=(c.para,), score=round(score, 3))
            for c, text, score in sorted(items, key=lambda x: x[0].order)
        )
        for name, items in chosen.items()
    }


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def shorten(text: str, budget: int = ITEM_CHARS) -> str:
    """Drop lead-ins and keep the first clauses that fit the budget; never end on a comma."""
    return _shorten(text, budget)  # one cache key however the budget is given


@lru_cache(maxsize=16384)  # ranking, selection and the candidates all ask for each item text
def _shorten(text: str, budget: int) -> str:
    text = text.strip()
    while True:
        # never an item that opens on a comma (比如，发展… -> 发展…)
        stripped = MODAL.sub("", LEAD_IN.sub("", text), count=1).strip().lstrip("，,：:；;、")
        if stripped == text:
            break
        text = stripped
    parts = clauses(text) or ("",)
    limit = max(FIRST_CLAUSE_CHARS, budget)
    out = parts[0]
    for part in parts[1:]:
        # A short opening clause (基于“要素赋能”逻辑，) says little alone: it may take a longer
        # companion, but an item never grows past FIRST_CLAUSE_CHARS.
        if len(out) >= 12 and len(out) + len(part) > budget:
            break
        if not LEAD_IN.sub("", part).rstrip("，,：:；;。、 "):
            break  # a bare connective (…，因此，) would leave the item hanging
        out += part
        if len(out) >= limit:
            break
    if len(out) > limit:
        cut = max(out.rfind(mark, 0, limit) for mark in "，、")
        out = out[:cut] if cut >= 12 else out[:limit]
    return _closed(out.rstrip("，,：:；;。、 "))


_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」"}


def _closed(text: str) -> str:
    """A text cut inside a quotation or a title mark ends with …” (…》), not open."""
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    return text + "…" + "".join(reversed(stack)) if stack else text
