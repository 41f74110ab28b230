"""How an essay marks its structure: numbered points (第一，/一是/（一）…) and what a heading says
its section does (problem, mechanism, recommendation or context).

The reader needs both to cut paragraphs into points and to give each section its role; the
summarizer reads the same patterns from here.
"""

from __future__ import annotations

import re

# --- numbering ------------------------------------------------------------------------------

_NUM = "[一二三四五六七八九十]+"
# Families of numbering that open a point: 第一， 一是 首先 （一） 一、 1. ①
NUMBERING = (
    ("di", f"第{_NUM}[，、,：:]"),
    ("shi", f"{_NUM}是[，、,：:]?"),
    ("order", r"(?:首先|其次|再次)[，,]?|最后[，,]"),
    ("paren", f"[（(]{_NUM}[）)]"),
    ("dun", f"{_NUM}[、．]"),
    ("digit", r"\d{1,2}[、．.](?!\d)"),
    ("circle", r"[①②③④⑤⑥⑦⑧⑨⑩]"),
)
NUMBERED = re.compile("^(?:" + "|".join(p for _, p in NUMBERING) + ")")

# --- headings ---------------------------------------------------------------------------------

_HEAD_REC = re.compile(
    r"路径|对策|启示|建议|举措|策略|措施|方略|思路|着力点|抓手|途径|之道|正道|之策|对之|实践进路|进路"
)
_HEAD_MECH = re.compile(
    r"机理|逻辑|原因|成因|根源|动因|缘由|内涵|本质|意涵|理论|依据|维度|意义|价值意蕴|特征|规律|何以|为何"
)
_HEAD_PROB = re.compile(
    r"问题|挑战|困境|短板|不足|风险|瓶颈|危机|缺陷|背离|症结|障碍|矛盾|困难|失范|滥|乱象|误区|"
    r"弊端|隐患|难题|践踏|动摇|扭曲|破坏|违[宪法规背反]|霸凌|冲击|制约"
)
# An imperative heading starts with a verb of action: 传承…，构建…
IMPERATIVE = re.compile(
    r"^(?:进一步|持续|全面|大力|切实|着力|坚持|加快|加强|加大|推动|推进|深化|深入|构建|建立|健全|"
    r"完善|强化|提升|提高|优化|培育|传承|弘扬|夯实|筑牢|促进|增强|激活|发挥|打造|营造|拓展|统筹|"
    r"把握|坚守|守护|树立|落实|创新|突出|注重|聚焦|用好|抓好|做好|做强|发展|释放|赋能|开发|化解|"
    r"利用|运用|整合|依托|推行|实施|开展|设立|制定|规范|防范|加大|扩大|引导|鼓励|支持|探索|"
    r"畅通|保障|维护|捍卫|倡导|践行|建设|打通|破除|严禁|摒弃|发扬|赓续|汲取|挖掘|激发|凝聚|"
    r"增加|减少|降低|改善|改革|完善|构筑|提振|稳住|守住|筑起|以)"
)


def heading_role(heading: str, index: int, count: int) -> str:
    """The role of a section from its heading; position breaks ties (argument runs problem -> fix)."""
    if _HEAD_REC.search(heading):
        return "recommendation"
    if _HEAD_MECH.search(heading):
        return "mechanism"
    if _HEAD_PROB.search(heading):
        return "problem"
    if IMPERATIVE.match(heading):
        return "recommendation"
    if count > 1 and index >= count / 2:
        return "recommendation"
    return "context"
