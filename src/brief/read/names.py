"""Bylines: split glued Chinese names ("房芳郭建杰" -> 房芳, 郭建杰) and tell names from other lines.

A glued byline is split where each part starts with a known surname and has one or two given-name
characters; among the splits that work, the one whose surnames are most common wins (a surname's
weight falls with its rank in the list below, roughly the order of frequency in China).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from brief.read import cite

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶"
    "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛"
    "郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊殷牛詹葛关祝申俞卜伍温甘左舒游房路"
    "柴鲁齐耿凌苗尚单季焦岳喻谷聂章童邢滕鲍梅应涂包纪翟蓝欧危郎靳屈阮褚安倪成管储解冉窦时尤"
    "仇栾邬巩蒲粟曲钮商宫佟司盛楚骆闵祁符宁蔺麻车原项景牟云丛农姬昝艾习薄宗印刁门师霍卓华毕"
    "米冷池荣明饶权晏强连屠皮隋蒙狄全阎桂占巫苟区冀娄官卫邝植佘代鞠晋信过尉亓铁逯那扈郜谯廉"
    "缪禹芦茅练阳岑揭宣谈边奚扶隆甄旷桑敖帅戚贝瞿勾惠蔚幸虞和母平计兰查战寇湛双臧凤花费水钦"
    "伏裴贵於荆咸居汝怀厉荀阚郁诸晁訾凃栗卞苑年满索宿冼都井逄来东展续智璩漆雍尧郦豆海鄢郗"
)
_COMPOUND = [
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "万俟",
    "申屠",
    "太史",
    "闻人",
    "澹台",
    "公冶",
    "宗政",
    "濮阳",
    "淳于",
    "单于",
    "钟离",
    "左丘",
    "东郭",
    "拓跋",
]
_RANK = {ch: i for i, ch in enumerate(dict.fromkeys(_SURNAMES))}

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
_INSTITUTION = re.compile(
    r"(课题组|编辑部|评论员|评论部|理论部|写作组|调研组|研究组|研究中心|研究院|研究所|研究会|"
    r"研究基地|党组|党委|委员会|办公室|学院|大学|党校|学会|协会|中心|联合会|工作室)$"
)
_PREFIX = re.compile(r"^(?:作者|文|撰文|执笔|署名)\s*[:：/／]\s*|^[□■◎○●/／]\s*")
_SEPARATORS = re.compile(r"[\s、，,；;／/]+")


def _weight(surname: str) -> float:
    if surname in _COMPOUND:
        return -math.log(60)
    return -math.log(_RANK[surname] + 12)


@lru_cache(maxsize=1024)
def split_glued(text: str) -> tuple[str, ...] | None:
    """Split a run of Han characters into 2-4 character names, or None when no split fits."""
    n = len(text)
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    for i in range(n):
        if best[i] is None:
            continue
        score, names = best[i]
        starts = [(text[i : i + 2], 2)] if text[i : i + 2] in _COMPOUND else []
        if text[i] in _RANK:
            starts.append((text[i], 1))
        for surname, k in starts:
            for given in (1, 2):
                j = i + k + given
                if j > n:
                    continue
                # Scholars' names are more often three characters than two: a small preference.
                cand = (
                    score + _weight(surname) + (0.3 if k + given == 3 else 0.0),
                    (*names, text[i:j]),
                )
                if best[j] is None or cand[0] > best[j][0]:
                    best[j] = cand
    return best[n][1] if best[n] else None


_TRAILING_NOTE = re.compile(r"^(?P<names>[^（(]+)[（(](?P<note>[^（）()]{4,60})[）)]\s*$")


# 吴灿　中南大学中国村落文化研究中心教授: the affiliation after a wide space, named by its kind
_TRAILING_PLACE = re.compile(
    r"^(?P<names>.+?)(?:\u3000|\s{2,}|\s(?=\S+$))(?P<note>\S{2,40}?"
    r"(?:大学|学院|党校|研究院|研究所|研究中心|中心|科学院|委员会|研究会|办公室|部|厅|局)\S{0,12})$"
)


def byline_note(line: str) -> tuple[str, str | None]:
    """A byline and the affiliation after it, in brackets (王小明（中共中央党校教授）) or after
    a wide space (吴灿　中南大学)."""
    text = line.strip()
    for pattern in (_TRAILING_NOTE, _TRAILING_PLACE):
        m = pattern.match(text)
        if m and split_byline(m.group("names")):
            return m.group("names").strip(), m.group("note")
    return line, None


# A page's info line under the title, as copied from a news site: fields apart by wide spaces or |.
_FIELDS = re.compile(r"[\u3000|｜]+|\s{2,}|\s+(?=(?:来源|作者|发布时间|时间)\s*[:：]|\d{4}[-年/.])")
_AUTHOR_FIELD = re.compile(r"^作者\s*[:：]\s*")
# 原创 张三 李四 学习时报 2025年12月02日 07:30 北京: a WeChat article's head, the account last.
_WECHAT = re.compile(
    r"^原创\s+(?P<who>.+?)\s+(?P<account>\S{2,16})\s+(?P<date>\d{4}年\d{1,2}月\d{1,2}日)"
    r"(?:\s+\d{1,2}:\d{2})?(?:\s+\S{2,6})?$"
)


def info_line(line: str) -> tuple[str, list[str]] | None:
    """The byline and the citation fields of a page's info line, or None when it is not one:
    来源：光明日报　作者：张三 李四　2025-12-02 05:00 -> ("张三 李四", ["来源：光明日报", "2025-12-02"]);
    原创 张三 学习时报 2025年12月02日 07:30 北京 -> ("张三", ["来源：学习时报", "2025年12月02日"])."""
    text = line.strip()
    m = _WECHAT.match(text)
    if m and split_byline(m.group("who")):
        return m.group("who"), [f"来源：{m.group('account')}", m.group("date")]
    fields = [f.strip() for f in _FIELDS.split(text) if f.strip()]
    authors = [f for f in fields if _AUTHOR_FIELD.match(f)]
    if len(fields) < 2 or len(authors) != 1:
        return None
    rest = [f for f in fields if f is not authors[0]]
    if not all(f.startswith(("来源", "发布", "时间")) or cite.DATE.match(f) for f in rest):
        return None
    names = _AUTHOR_FIELD.sub("", authors[0])
    return (names, rest) if split_byline(names) else None


# Words of a page's head that read like a surname and a given name: 原创 (WeChat), 转载, 编辑.
_LABEL_WORDS = frozenset(["原创", "转载", "编辑", "责编", "来源", "作者", "推荐", "置顶"])


def split_byline(line: str) -> tuple[str, ...] | None:
    """Authors of a byline line, or None when the line does not read as a byline.

    Accepts names separated by spaces or 、, glued names, minority names with a middle dot
    (阿不都·热合曼), and a signing institution (…课题组, …编辑部, 本报评论员).
    """
    text = _PREFIX.sub("", line.strip()).strip("（）() ")
    if not text or len(text) > 40 or text in _LABEL_WORDS:
        return None
    if _INSTITUTION.search(text) and _HAN.match(text.replace("（", "").replace("）", "")):
        return (text,)
    parts = _join_padded([p for p in _SEPARATORS.split(text) if p])
    if not parts or sum(len(p) for p in parts) > 16:
        return None
    names: list[str] = []
    for part in parts:
        found = _names_in(part)
        if found is None:
            return None
        names.extend(found)
    return tuple(names)


def _join_padded(parts: list[str]) -> list[str]:
    """Two-character names padded to the width of three (`杨  菁`, `孙  琨  王  干`) come apart
    into single characters; join each pair of single characters again."""
    out: list[str] = []
    k = 0
    while k < len(parts):
        if len(parts[k]) == 1 and k + 1 < len(parts) and len(parts[k + 1]) == 1:
            out.append(parts[k] + parts[k + 1])
            k += 2
        else:
            out.append(parts[k])
            k += 1
    return out


def _names_in(part: str) -> tuple[str, ...] | None:
    if "·" in part or "•" in part:
        pieces = re.split(r"[·•]", part)
        ok = all(len(x) >= 2 and _HAN.match(x) for x in pieces)
        return ("·".join(pieces),) if ok else None
    if not _HAN.match(part) or len(part) < 2:
        return None
    if len(part) <= 3 and _starts_with_surname(part):
        return (part,)
    if len(part) == 4 and part[:2] in _COMPOUND:
        return (part,)
    return split_glued(part) if len(part) >= 4 else None


def _starts_with_surname(text: str) -> bool:
    return text[0] in _RANK or text[:2] in _COMPOUND
