"""Article -> Brief: thesis, problem / mechanism / recommendation lists, keywords, questions.

The lists are chosen by a model learned from annotated essays: candidates.py makes every clause
window a candidate, features.py describes it (cue words, structure, place, form, and the first
summarizer's judgements from rules.py), model.py scores it (is it a point; which list) and
select.py keeps at most six a list, no two from one clause, each point in one list.
"""

from __future__ import annotations

import re
from dataclasses import replace

from brief.model import Article, Brief
from brief.summary import cues
from brief.summary.rules import LEAD_IN, QUOTED_SPEECH, bigrams, shorten
from brief.summary.sentences import sentences

THESIS_CHARS = 60


def lists(article: Article, model=None) -> dict:
    """The three lists of an article, as the (given or packaged) model chooses them."""
    from brief.summary import model as weights
    from brief.summary.candidates import candidates
    from brief.summary.features import essay_features
    from brief.summary.select import select

    m = model or weights.load()
    found = candidates(article)
    scored = [m.score(f) for f in essay_features(article, found)]
    return select(found, scored, m.select)


def summarize(article: Article, questions_template: str | None = None) -> Brief:
    from brief.summary.keywords import essay_own_terms, keywords
    from brief.summary.questions import make_questions
    from brief.summary.terms import with_terms

    chosen = lists(article)
    with_head, body = essay_own_terms(article)  # the terms it repeats: for keywords and glossary
    brief = Brief(
        article=article,
        thesis=thesis(article),
        problems=chosen["problems"],
        mechanisms=chosen["mechanisms"],
        recommendations=chosen["recommendations"],
        keywords=keywords(article, own=with_head),
    )
    brief = replace(brief, questions=make_questions(brief, questions_template))
    return with_terms(brief, body)  # glossary candidates and body length (summary/terms.py)


# --- thesis -------------------------------------------------------------------------------------

# 深入学习贯彻…精神，/贯彻落实…部署， opens many claims without being one.
_DUTY = re.compile(r"^(?:(?:深入|认真)?(?:学习)?贯彻(?:落实)?[^，。]{2,40}[，,])+")
_BACKGROUND = re.compile(r"^(?:当前|目前|当下|如今|近年来|近期|随着|[^，。]{1,10}以来)")
_CLAIM = re.compile(r"是|要|必须|关键|核心|根本|需要|必然|重要|在于|能够|提供")
# 总的来说，… sums the essay up: the claim is what follows.
_SUMMING = re.compile(r"^(?:总的来说|总的来看|总而言之|综上所述|概而言之|由此观之)[，,]")
# A thesis stands alone on the page: 其中…/这…/此… points back at a sentence the reader has not got.
_ANAPHORA = re.compile(r"^(?:其中|这|此|该|它|其)")


def thesis(article: Article) -> str:
    """The sentence of the abstract, the opening, a section's opening or the close that best
    states the title's claim, cut to about 60 characters at a clause boundary."""
    paras = article.paragraphs
    if not paras and not article.abstract:
        return ""
    pool: list[tuple[str, float]] = []
    if article.abstract:
        pool.extend((s, 1.0) for s in sentences(article.abstract))
    first_heading = article.sections[0].paragraphs[0] if article.sections else 3
    for p in paras[: max(1, min(first_heading - 1, 3))]:
        pool.extend((s, 0.6) for s in sentences(p.text))
    for sec in article.sections:
        pool.extend((x, 0.3) for x in sentences(paras[sec.paragraphs[0] - 1].text)[:2])
    pool.extend((s, 0.4) for s in sentences(paras[-1].text))
    title = bigrams(article.title)
    best, best_score = "", float("-inf")
    for sent, bonus in pool:
        body = LEAD_IN.sub("", sent)
        if QUOTED_SPEECH.search(sent) or cues.REPORT.match(body) or len(body) < 12:
            continue
        if any(body.startswith(p.text) for p in article.points):
            continue  # a numbered point argues one step, not the whole essay
        text = shorten(_SUMMING.sub("", _DUTY.sub("", sent)), THESIS_CHARS)
        grams = bigrams(text)
        score = bonus + 3 * len(grams & title) / (len(title) or 1)
        score += 0.3 * min(2, len(_CLAIM.findall(text))) - (1.0 if len(text) < 16 else 0.0)
        if _BACKGROUND.match(body):
            score -= 0.8  # 当前…/近年来… sets the scene; the claim comes after it
        if _ANAPHORA.match(text):
            score -= 0.8
        if score > best_score:
            best, best_score = text, score
    return best + "。" if best else ""
