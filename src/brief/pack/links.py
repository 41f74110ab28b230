"""The connectors of an essay's argument map: which measure answers which problem, which
mechanism explains which problem.

A pure function of the Brief: the items' own words, and, when the article is there, the
sentence each item was cut from. Two items are linked when they share content words (jieba words
of 2+ characters, not generic), each weighted by how rare it is among the essay's items, and the
sum passes THRESHOLD. Each mechanism and each recommendation gets at most one problem: the best
scored, the nearer one in the essay's order on a tie. No clear match, no line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from brief.model import Brief, Item, Link
from brief.summary.keywords import GENERIC
from brief.summary.sentences import sentences

THRESHOLD = 1.6  # sum of rarity weights of the shared words
OWN = 1.0  # of which the items' own words (not their source sentences) must give this much
CONTEXT = 0.5  # a word only in the item's source sentence counts this much

# Words that connect any item to any other: verbs of doing and abstract nouns of policy prose.
_STOP_WORDS = """
通过 能够 进一步 加快 提高 促进 形成 实施 构建 完善 机制 体系 水平
能力 作用 方面 领域 工作 相关 有效 积极 持续 充分 一系列 以及 同时
其中 过程 基础 关键 核心 重点 方式 路径 手段 主体 要素 问题 因素
影响 导致 造成 存在 面临 需要 必须 应当 可以 实现 提供 具有 不仅
而且 更是 进而 从而 因此 这些 这一 一些 一个 各类 各种 各地 当前
新时代 时代 现代化 优化 创新 高质量 发展 推动 加强 提升 增强 深化
健全 强化 注重 坚持 着力 着重 聚焦 围绕 部分 程度 这种 那种 严重
不足 任务 现代 各国 上述 本身 一定 重要 地方 国家 政府 企业 人民
群众 我们 他们 其他 更加 更好 切实 全面 不断
"""
STOP = GENERIC | frozenset(_STOP_WORDS.split())
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The item's content words: jieba words of 2+ Han characters that are not generic."""
    from brief.summary.keywords import words

    return frozenset(
        w
        for w, _, _ in words(text)
        if len(w) >= 2 and w not in STOP and all(_HAN.match(c) for c in w)
    )


class _Sentences:
    """The sentences of an article's paragraphs, each paragraph split once for all its items."""

    def __init__(self, brief: Brief):
        self.paras = {p.n: p.text for p in brief.article.paragraphs}
        self.split: dict[int, list[str]] = {}

    def of(self, n: int) -> list[str]:
        if n not in self.split:
            self.split[n] = sentences(self.paras.get(n, ""))
        return self.split[n]


def _source_sentence(found: _Sentences, item: Item) -> str:
    """The sentence of the article that the item was cut from, or ''."""
    probe = item.text[:8]
    for n in item.paragraphs:
        for s in found.of(n):
            if probe and probe in s:
                return s
    return ""


def _words(found: _Sentences, item: Item) -> dict[str, float]:
    own = content_words(item.text)
    around = content_words(_source_sentence(found, item)) - own
    return {**{w: CONTEXT for w in around}, **{w: 1.0 for w in own}}


def make_links(brief: Brief, threshold: float = THRESHOLD) -> tuple[Link, ...]:
    """The map's connectors: mechanism -> problem, then recommendation -> problem."""
    found = _Sentences(brief)
    lists = {
        name: [_words(found, i) for i in getattr(brief, name)]
        for name in ("problems", "mechanisms", "recommendations")
    }
    every = [w for ws in lists.values() for w in ws]
    if not lists["problems"] or len(every) < 2:
        return ()
    df = Counter(word for ws in every for word in ws)
    rarity = {word: math.log((len(every) + 1) / n) for word, n in df.items()}
    out: list[Link] = []
    for name in ("mechanisms", "recommendations"):
        for j, words in enumerate(lists[name]):
            item = getattr(brief, name)[j]
            best: tuple[float, float, int, tuple[str, ...]] | None = None
            for i, pwords in enumerate(lists["problems"]):
                shared = sorted(set(words) & set(pwords), key=lambda w: (-rarity[w], w))
                own = sum(rarity[w] for w in shared if words[w] == pwords[w] == 1.0)
                if own < OWN:
                    continue  # the items' own words must meet; context alone is too weak
                score = sum(rarity[w] * min(words[w], pwords[w]) for w in shared)
                near = -abs(item.paragraphs[0] - brief.problems[i].paragraphs[0])
                if best is None or (score, near) > best[:2]:
                    best = (score, near, i, tuple(shared[:3]))
            if best is not None and best[0] >= threshold:
                out.append(Link((name, j), ("problems", best[2]), best[3]))
    return tuple(out)
