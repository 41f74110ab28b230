"""Cue words that tell which list a heading or a clause belongs in (problem, mechanism, recommendation).

Written for the genre, not for any one essay: the words are those theory essays use to state a
problem (trends and risks as well as deficits), a mechanism (causes, capabilities, conditions)
and a recommendation (imperatives and goals). False friends are excluded by look-arounds:
要素 is not 要, 效应/适应/供应 are not 应, 需求 is not 需.
"""

from __future__ import annotations

import re

try:  # CPython's own pattern parser, to find where a pattern's matches can start
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # another Python: patterns are compiled as they are
    _sre = _sre_parse = None


def prefixed(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled so that a search skips, with one set lookup, every character none of
    its words starts with. re does so by itself for plain alternatives, but a look-behind in
    front of one (…(?<!所)需要…) stops it, and findall then tries every alternative at every
    character: 2-6 times slower on these lists. The matches are the same."""
    first = _first_chars(list(_sre_parse.parse(pattern))) if _sre_parse else None
    if not first:
        return re.compile(pattern)
    chars = "".join(re.escape(c) for c in sorted(first))
    return re.compile(f"(?=[{chars}])(?:{pattern})")


def _first_chars(seq: list) -> set[str] | None:
    """The characters a match of a parsed pattern can start with; None when any may."""
    for op, av in seq:
        if op is _sre.ASSERT and av[0] > 0:  # a look-ahead: what it accepts starts the match
            got = _first_chars(list(av[1]))
            if got is not None:
                return got
            continue
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # a look-behind or a negative look-ahead takes no character
        if op is _sre.LITERAL:
            return {chr(av)}
        if op is _sre.IN:
            out = set()
            for kind, arg in av:
                if kind is _sre.LITERAL:
                    out.add(chr(arg))
                elif kind is _sre.RANGE and arg[1] - arg[0] < 512:
                    out.update(chr(x) for x in range(arg[0], arg[1] + 1))
                else:
                    return None
            return out
        if op is _sre.BRANCH:
            out = set()
            for branch in av[1]:
                got = _first_chars(list(branch))
                if got is None:
                    return None
                out |= got
            return out
        if op is _sre.SUBPATTERN:
            return _first_chars(list(av[-1]))
        return None
    return None


# --- clauses ----------------------------------------------------------------------------------

PROBLEM = re.compile(
    r"挑战|困境|短板|弱项|不足|风险|瓶颈|危机|障碍|矛盾|难题|隐患|制约|阻碍|抑制|错配|失衡|"
    r"乏力|缺失|薄弱|匮乏|欠缺|缺乏|滞后|不够|不强|不高|不充分|不平衡|面临|尚未|难以|无法|浮躁|"
    r"畏难|流失|滥用|滥施|违背|违反|破坏|扭曲|损害|冲击|背离|僭越|歧视|霸凌|同质化|无序|瘫痪|"
    r"恶化|枯竭|下降|停滞|锁定|路径依赖|挤出|迁出|单一|失业|短期利益|功利|空心化|陷入|困扰|"
    r"压力|威胁|误用|不确定|脱节|碎片化|形式主义|痛点|堵点|难点|“最后一公里”|掩盖|传导|加剧|"
    r"凌驾|粗暴|倒退|逆差|拒绝|无视|专横|绕过|撇开|未经|单边主义|保护主义|零和|"
    r"呈现.{0,12}趋势|更容易|存在.{0,16}(?:问题|现象|情况|短板|不足|障碍)"
)
MECHANISM = re.compile(
    r"因为|由于|导致|致使|使得|从而|进而|因此|因而|所以|机理|机制|逻辑|原因|根源|在于|本质|实质|"
    r"精髓|灵魂|之本|根基|基石|前提|源泉|引擎|能够|可以|有助于|"
    r"有利于|得以|意味着|决定|取决于|离不开|催生|重塑|驱动|源于|意在|旨在|"
    r"越.{1,12}越|就越|规模报酬|互补|耦合|闭环|互促|才是|实质是|体现为|表现为|具有|"
    r"造成|引发|终将|势必|必然|注定|这表明|这意味着|也就是说|意味着"
)
# Verbs that describe as often as they explain: half a cue.
WEAK_MECHANISM = re.compile(
    r"通过|作为|核心|关键|基础|支撑|动力|推动|形成|带来|产生|促使|赋能|依托|体现|彰显|功能|效应|作用|维度|共生|嵌入|转化为|保障|一方面|另一方面"
)
RECOMMENDATION = prefixed(
    r"(?<![重主需必只不想])要(?![素求点件闻害领务塞紧])|(?<![效适供反相响对回呼感理照])应(?![用对急变力激])|"
    r"应当|应该|必须|(?<!所)需要|(?<!所)需(?![求])|亟需|亟待|务必|坚持|加强|推进|完善|健全|构建|建立|"
    r"强化|提升|优化|深化|加快|着力|积极|持续|大力|切实|不断|进一步|鼓励|引导|支持|探索|注重|"
    r"统筹|落实|确保|做好|抓好|发挥|培育|打造|防止|避免|严禁|摒弃|坚决|筑牢|夯实|弘扬|传承|"
    r"激活|营造|拓展|树立|保障|维护|捍卫|倡导|践行|唯有|只有.{1,20}才|才能|方能|应对|破除|"
    r"赋予|引入|推广|延续|守护|以.{1,12}为(?:抓手|引领|导向|核心|重点|主线|目标)"
)
# 问题 also names a topic (群众切身问题): half a cue.
WEAK_PROBLEM = re.compile(r"问题")
# A problem word as the object of a remedy (缓解…错配问题, 应对…挑战) states a fix, not a problem.
_REMEDY = (
    r"(?:缓解|解决|化解|破解|克服|破除|消除|防范|避免|应对|抵御|减少|降低|突破|补齐|补强|扭转|遏制|抗|"
    r"识别|预警|监测|排查|防控|管控|治理|优化|改善|纠正|矫正)"
)
_TROUBLE = r"(?:问题|风险|挑战|障碍|矛盾|困境|瓶颈|难题|错配|冲击|短板|弱项|压力|隐患|纠纷)"
REMEDIED = prefixed(
    f"{_REMEDY}[^，。；]{{0,14}}?{_TROUBLE}|(?:把|将|对)[^，。；]{{0,6}}?{_TROUBLE}[^，。；]{{0,8}}?{_REMEDY}"
)
# A clause that only sets the scene: 在…的今天，面对…时，随着…，
FRAME = re.compile(
    r"^(?:当下|当前|目前|如今)?(?:在|面对|面临|随着|当|伴随|针对)[^，。；]{1,30}[，,]$"
)
# What one thing is to another when it explains it: 是…的基础/前提/关键…
_GROUNDS = "基础|前提|关键|核心|根本|保障|支撑|动力|源泉|基石|根基|主线|引擎"
# A clause that judges "X是Y的关键/基础…" (提升数字化水平是…的重要支撑) explains even when it
# opens with a verb.
JUDGEMENT = re.compile(
    r"^[^，。；]{2,20}是[^，。；]{1,24}的.{0,4}"
    f"(?:{_GROUNDS}|路径|举措|抓手)"
)
# A short judgement "X是Y" (人工智能是通用技术) defines, and a definition explains.
DEFINITION = re.compile(r"^[\u4e00-\u9fff“”]{2,14}(?:是|即)[\u4e00-\u9fff“”、]{2,24}[，。；]?$")
# Words that state a cause or a condition outright weigh more than a bare 能够.
STRONG_MECHANISM = re.compile(
    r"原因|根源|在于|机理|导致|本质|实质|精髓|之本|灵魂|"
    f"是.{{1,24}}的(?:{_GROUNDS})|"
    r"通过[^。；]{2,30}(?:缓解|优化|破除|降低|减少|提升|提高|促进|实现)"
)
# A case report: a named place, or figures.
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    "广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
CASE = re.compile(
    f"(?:{_PROVINCES})(?:省|市|自治区)|[\u4e00-\u9fff]{{2}}(?:省|市)[\u4e00-\u9fff]{{2,3}}(?:市|区|县)|"
    r"\d+(?:\.\d+)?\s*(?:%|万|亿|个|项|名|家|余|多|套|次|元|倍|座|条|所|户)"
)
# Every case report names a 省/市/区 or has a figure: most clauses are ruled out by one set lookup.
_CASE_HINT = re.compile(r"[省市区\d]")


def is_case(text: str) -> bool:
    """Whether `text` reports a case (CASE), quickly."""
    return _CASE_HINT.search(text) is not None and CASE.search(text) is not None


# Descriptive lead-ins that tell a sentence reports rather than argues.
REPORT = re.compile(r"^(?:比如|例如|如|譬如|据|数据显示|统计|截至|近年来|20\d\d年|\d+月)")


def count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))
