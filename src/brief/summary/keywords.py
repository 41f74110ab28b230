"""Keywords: TF-IDF over jieba's words and the terms the essay itself repeats."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from functools import cache
from pathlib import Path

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
        "所谓",
        "坚定",
    ]
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_EDGE = frozenset("的与和及了是在对为把被将从以而并或等之其这那也都就又")


@cache
def _segmenter():
    """jieba's segmenter and dictionary as jieba-rs (the rjieba package).

    jieba-rs is jieba's own algorithm and dictionary in Rust: its words are jieba's word for word
    (tested on every annotated essay), it cuts an essay in under a millisecond where jieba takes
    about 8, and it loads in 0.1 s and 40 MB where jieba takes 0.5 s and 90 MB. jieba itself is
    not imported: its package only supplies the IDF table."""
    import rjieba

    rjieba.tokenize("词典")  # the dictionary loads on first use
    return rjieba


@cache
def _idf() -> tuple[dict[str, float], float]:
    return _idf_table(_jieba_file("analyse", "idf.txt"))


def load_segmenter() -> None:
    """Load the segmenter's dictionary (0.1 s) now."""
    _segmenter()


def load_dictionary() -> None:
    """Load the dictionary and the IDF table now rather than inside the first essay."""
    _segmenter()
    _idf()


def release_dictionary() -> None:
    """Let go of the IDF table (keywords() reads it again if asked); the segmenter stays."""
    import gc

    _idf.cache_clear()
    gc.collect()


def words(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of `text` with their start and end offsets."""
    tokens = _segmenter().tokenize(text)
    if not _JOINED_LATIN.search(text):
        return tokens  # no token can need cutting: most essays, without a loop over them
    out = []
    for word, start, end in tokens:
        if word[:1].isascii() and _JOINED_LATIN.fullmatch(word):  # it starts [A-Za-z0-9]
            # jieba-rs keeps 2025-03-05 or content_1.html whole; jieba cuts at the marks
            out += [
                (m.group(), start + m.start(), start + m.end()) for m in _LATIN_PART.finditer(word)
            ]
        else:
            out.append((word, start, end))
    return out


_JOINED_LATIN = re.compile(r"[A-Za-z0-9]+(?:[^A-Za-z0-9\u4e00-\u9fff\s][A-Za-z0-9]*)+")
_LATIN_PART = re.compile(r"[A-Za-z0-9]+(?:\.\d+)?%?|.")  # jieba's finalseg.re_skip


def _jieba_file(*parts: str) -> Path:
    from importlib.util import find_spec

    spec = find_spec("jieba")  # where the package is, without importing it (0.17 s)
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed; reinstall Brief (make install)")
    return Path(spec.origin).parent.joinpath(*parts)


def _idf_table(path: Path) -> tuple[dict[str, float], float]:
    """jieba's IDF table (one `word value` pair a line) and its median IDF."""
    with open(path, encoding="utf-8") as f:
        fields = f.read().split()  # split in C: twice as fast as a loop over lines
    # 270,132 words share 3,328 values: one float object each, not one a word (6 MB less, and
    # fewer pages a forked worker copies when it counts references to them)
    values = {v: float(v) for v in set(fields[1::2])}
    idf = dict(zip(fields[::2], map(values.__getitem__, fields[1::2]), strict=True))
    ordered = sorted(idf.values())
    return idf, ordered[len(ordered) // 2]


def own_terms(body: str, head: str = "") -> tuple[Counter[str], Counter[str]]:
    """Terms of 4-6 characters the essay repeats (新质生产力, 资源型城市), with their counts: over
    `head` and `body` together, and over `body` alone (the keywords count the title and headings
    too, the glossary the body only; one pass serves both).

    jieba's dictionary would cut them (新质/生产力); they are scored beside its words instead of
    being taught to it, since teaching changes the one dictionary for every later essay.
    """
    runs = _HAN_RUN.findall(head) if head else []
    split = len(runs)
    runs += _HAN_RUN.findall(body)
    both: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    # A string seen 3 times holds substrings seen 3 times: only where a frequent n-gram starts
    # and another starts one later can a frequent (n+1)-gram start (4-grams counted in C). The
    # places frequent in head and body together include every place of a gram frequent in the
    # body alone, so counting the body's share of them gives its own counts.
    grams = [[run[i : i + 4] for i in range(len(run) - 3)] for run in runs]
    # The body's counts, then the head's added in front: the keys stay in text order.
    level_body = Counter(g for row in grams[split:] for g in row)
    level = Counter(g for row in grams[:split] for g in row)
    level.update(level_body)
    starts: list[tuple[int, str, int]] = []
    for n in range(4, 9):
        found = {t: c for t, c in level.items() if c >= 3}  # in text order, as ties need
        both.update(found)
        alone.update({t: c for t, c in level_body.items() if c >= 3})
        frequent = found.keys()
        if n == 8 or not frequent:
            break
        if n == 4:  # every place: the 4-grams at i and i + 1 are both frequent
            starts = [
                (k, run, i)
                for k, (run, row) in enumerate(zip(runs, grams, strict=True))
                for i, (a, b) in enumerate(zip(row, row[1:], strict=False))
                if a in frequent and b in frequent
            ]
        else:
            starts = [
                (k, run, i)
                for k, run, i in starts
                if i + n < len(run)
                and run[i : i + n] in frequent
                and run[i + 1 : i + n + 1] in frequent
            ]
        level_body = Counter(run[i : i + n + 1] for k, run, i in starts if k >= split)
        level = Counter(run[i : i + n + 1] for k, run, i in starts if k < split)
        level.update(level_body)
    return _whole_terms(both), _whole_terms(alone)


def _whole_terms(counts: Counter[str]) -> Counter[str]:
    """Keep a term only when no longer term is as frequent (drop 质生产力 inside 新质生产力), and
    only terms that do not start or end on a function word (…与社, 同演进的…)."""
    pieces = set()  # found inside a longer term at least as frequent
    for u, n in counts.items():
        for k in range(4, min(len(u), 7)):
            for j in range(len(u) - k + 1):
                piece = u[j : j + k]
                if counts.get(piece, n + 1) <= n:
                    pieces.add(piece)
    return Counter(
        {
            t: n
            for t, n in counts.items()
            if len(t) <= 6 and t[0] not in _EDGE and t[-1] not in _EDGE and t not in pieces
        }
    )


def essay_own_terms(article: Article) -> tuple[Counter[str], Counter[str]]:
    """own_terms() of an essay: with its title and headings (twice, as the keywords weigh them),
    and of its body alone."""
    return own_terms(_body(article), _head(article))


def _head(article: Article) -> str:
    return "\n".join([article.title, *(s.heading for s in article.sections)] * 2)


def _body(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs)


def _ranked(text: str, top: int, own: Counter[str]) -> list[str]:
    """The `top` best by TF-IDF of jieba's words and the essay's own terms (ties in text order).

    An own term counts only where it starts and ends on jieba's word boundaries (新质/生产力 makes
    新质生产力; 中华民族/共同体 does not make 中华民族共)."""
    idf, median = _idf()
    tokens = words(text)
    starts = {start for _, start, _ in tokens}
    ends = {end for _, _, end in tokens}
    freq: Counter[str] = Counter(w for w, _, _ in tokens if len(w.strip()) >= 2)
    total = sum(freq.values()) or 1
    scores = {w: n * idf.get(w, median) / total for w, n in freq.items()}
    for term, n in own.items():
        at = text.find(term)
        if at in starts and at + len(term) in ends and term not in freq:
            scores[term] = n * idf.get(term, median) / total
    # Where a word first stands breaks ties: look it up only for words that can make the top.
    pool = list(scores)
    if len(pool) > top:
        cutoff = heapq.nlargest(top, scores.values())[-1]
        pool = [w for w in pool if scores[w] >= cutoff]
    first = {w: text.find(w) for w in pool}
    return sorted(pool, key=lambda w: (-scores[w], first[w], w))[:top]


def keywords(
    article: Article, count: int = COUNT, own: Counter[str] | None = None
) -> tuple[str, ...]:
    """`own`: essay_own_terms(article)[0] when the caller has it already."""
    text = _head(article) + "\n" + _body(article)
    found = list(article.author_keywords)
    if own is None:
        own = essay_own_terms(article)[0]
    for word in _ranked(text, 60, own):
        if len(found) >= count:
            break
        if word in GENERIC or word.isdigit() or word in found:
            continue
        if any(word in f for f in found):
            continue
        if any(f in word and word.replace(f, "", 1) in GENERIC for f in found):
            continue  # 推动人工智能 is 人工智能 with a generic verb in front
        inside = [f for f in found if f in word]
        if inside:
            found[found.index(inside[0])] = word  # 资源型城市 takes the place of 资源型
            found = [f for f in found if f == word or f not in word]
            continue
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
