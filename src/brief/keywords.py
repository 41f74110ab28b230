"""Keywords with jieba: TF-IDF over the essay, with the essay's own repeated terms taught first."""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache

from brief.model import Article

COUNT = 8
# Words too general to tell one theory essay from another.
GENERIC = frozenset(
    [
        "发展",
        "推动",
        "推进",
        "我们",
        "问题",
        "建设",
        "重要",
        "进行",
        "实现",
        "提升",
        "加强",
        "坚持",
        "更加",
        "不断",
        "全面",
        "深入",
        "习近平",
        "总书记",
        "指出",
        "强调",
        "中国",
        "我国",
        "社会",
        "要求",
        "方面",
        "工作",
        "作用",
        "能力",
        "体系",
        "水平",
        "领域",
        "时代",
        "新时代",
        "过程",
        "当前",
        "目前",
        "积极",
        "有效",
        "持续",
        "进一步",
        "通过",
        "形成",
        "提供",
        "具有",
        "实践",
        "理论",
        "重大",
        "基础",
        "关键",
        "核心",
        "充分",
        "构建",
        "完善",
        "促进",
        "深化",
        "加快",
        "以及",
        "同时",
        "其中",
        "相关",
        "一系列",
        "主要",
        "各类",
        "不同",
        "更好",
        "各种",
        "这一",
        "新的",
        "能够",
        "可以",
        "需要",
        "必须",
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
        "首先",
        "其次",
        "最后",
        "第一",
        "第二",
        "第三",
        "本文",
        "文章",
        "党中央",
        "人民",
        "国家",
        "战略",
        "部署",
        "精神",
        "意见",
        "建议",
        "全会",
        "二十届",
        "四中全会",
        "十五五",
        "作出",
        "出台",
        "习近平总书记",
        "习近平主席",
        "全方位",
        "坚定",
    ]
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_EDGE = frozenset("的与和及了是在对为把被将从以而并或等之其这那也都就又")


@cache
def _jieba():
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    return jieba, jieba.analyse


def _own_terms(text: str) -> list[str]:
    """Terms of 4-6 characters the essay repeats (新质生产力, 资源型城市), for jieba's dictionary."""
    counts: Counter[str] = Counter()
    for run in _HAN_RUN.findall(text):
        for n in range(4, 9):
            for i in range(len(run) - n + 1):
                counts[run[i : i + n]] += 1
    terms = [t for t, c in counts.items() if c >= 3]
    # Keep a term only when no longer term is as frequent (drop 质生产力 inside 新质生产力), and
    # only terms that do not start or end on a function word (…与社, 同演进的…).
    return [
        t
        for t in terms
        if len(t) <= 6
        and t[0] not in _EDGE
        and t[-1] not in _EDGE
        and not any(t in u and counts[u] >= counts[t] for u in terms if u != t)
    ]


def keywords(article: Article, count: int = COUNT) -> tuple[str, ...]:
    jieba, analyse = _jieba()
    text = "\n".join([article.title, *(s.heading for s in article.sections)] * 2)
    text += "\n" + "\n".join(p.text for p in article.paragraphs)
    for term in _own_terms(text):
        jieba.add_word(term, freq=2000)
    found = list(article.author_keywords)
    for word in analyse.extract_tags(text, topK=40):
        if len(found) >= count:
            break
        if word in GENERIC or len(word) < 2 or word.isdigit() or word in found:
            continue
        if any(word in f for f in found):
            continue
        if any(f in word and word.replace(f, "", 1) in GENERIC for f in found):
            continue  # 推动人工智能 is 人工智能 with a generic verb in front
        found.append(word)
    return tuple(_join_split_terms(found, text)[:count])


def _join_split_terms(words: list[str], text: str) -> list[str]:
    """Two keywords that the essay only ever writes together (千行 + 百业) are one term."""
    out = list(words)
    for a in words:
        for b in words:
            joined = a + b
            if a not in out or b not in out or a == b:
                continue
            together = text.count(joined)
            if together >= 2 and together >= 0.8 * max(text.count(a), text.count(b)):
                out[out.index(a)] = joined
                out.remove(b)
    return out
