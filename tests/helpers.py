"""Small builders for Article, Brief and Pack, so tests do not parse files to get them.

`seed_pack()` is three essays from the seed page (shared/seeds, annotated in shared/eval/
seed_gold.yaml), with realistic lists, keywords and questions. `long_brief()` is an essay far too
long for one page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from brief.model import Article, Brief, Item, Pack, Paragraph


def item(text: str, *paragraphs: int, score: float = 0.0) -> Item:
    return Item(text=text, paragraphs=tuple(paragraphs) or (1,), score=score)


def items(texts: Iterable[str], first_paragraph: int = 1) -> tuple[Item, ...]:
    """Items from plain texts, earlier ones ranked higher, each on its own paragraph."""
    texts = list(texts)
    return tuple(
        item(t, first_paragraph + n, score=float(len(texts) - n)) for n, t in enumerate(texts)
    )


def article(
    title: str = "新质生产力赋能资源型城市高质量发展",
    paragraphs: Sequence[str] = (
        "资源型城市立足自身资源禀赋，逐步形成了以自然资源开采和加工为主体的产业结构。",
    ),
    source: str = "seeds/000_c6352a07d5a6d834.txt",
    **fields,
) -> Article:
    paras = tuple(Paragraph(n, t) for n, t in enumerate(paragraphs, start=1))
    return Article(source=source, title=title, paragraphs=paras, **fields)


def brief(
    title: str = "新质生产力赋能资源型城市高质量发展",
    thesis: str = "",
    problems: Iterable[str | Item] = (),
    mechanisms: Iterable[str | Item] = (),
    recommendations: Iterable[str | Item] = (),
    keywords: Sequence[str] = (),
    questions: Sequence[str] = (),
    **article_fields,
) -> Brief:
    def as_items(values: Iterable[str | Item]) -> tuple[Item, ...]:
        values = list(values)
        if all(isinstance(v, Item) for v in values):
            return tuple(values)  # type: ignore[arg-type]
        return items(str(v) for v in values)

    return Brief(
        article=article(title=title, **article_fields),
        thesis=thesis,
        problems=as_items(problems),
        mechanisms=as_items(mechanisms),
        recommendations=as_items(recommendations),
        keywords=tuple(keywords),
        questions=tuple(questions),
    )


def pack(*briefs: Brief, title: str = "理论·智库 研读简报", date: str = "2025-11-28") -> Pack:
    sources = tuple(dict.fromkeys(b.article.source for b in briefs))
    return Pack(title=title, date=date, briefs=tuple(briefs), sources=sources)


def seed_briefs() -> tuple[Brief, Brief, Brief]:
    first = brief(
        title="新质生产力赋能资源型城市高质量发展",
        authors=("房芳", "郭建杰"),
        column="理论·智库",
        thesis="新质生产力作为一种先进生产力，能够有效优化要素错配问题、提高资源配置效率，"
        "为资源型城市的高质量发展提供了新思路。",
        problems=[
            "要素错配加剧了资源型城市“刚性”的产业路径依赖和“功能锁定”",
            "产业结构单一、经济增长乏力、资源濒临枯竭、生态环境恶化",
            "对知识、技术密集型产业形成显著的“金融挤出效应”",
            "高素质劳动力永久迁出，城市创新能力下降，整体人力资本水平停滞",
        ],
        mechanisms=[
            item("产业间的资本错配会抑制产业结构升级、加剧环境污染", 3, 4, score=5),
            item("行业间的劳动力错配会抑制技术进步、降低人力资本", 5, 6, score=4),
            item("基于“技术赋能”逻辑，通过生产要素的创新性配置缓解要素错配", 8, 9, score=3),
            item("基于“要素赋能”逻辑，通过新型生产要素“质”的变革优化资源配置效率", 10, score=2),
            item("基于“关系变革”逻辑，通过“新型生产关系”破除要素流动障碍", 11, 12, score=1),
        ],
        recommendations=[
            "筑牢人力资本根基，优化人才培养体系",
            "推动产学研协同攻坚，共建技术交流平台和成果转化中心",
            "加强数据要素市场的培育力度，建立数据交易平台",
            "培育具有地方特色的数字化产业",
            "加快数字技术与传统能源产业各环节和各链条深度融合，加快5G基站、工业互联网平台等配套设施建设",
        ],
        keywords=("新质生产力", "资源型城市", "要素错配", "高质量发展"),
        questions=(
            "结合资源型城市“刚性”的产业路径依赖，谈谈要素错配如何造成“功能锁定”。",
            "结合“技术赋能”“要素赋能”“关系变革”三重逻辑，谈谈新质生产力如何缓解要素错配。",
            "结合数据要素市场的培育，谈谈资源型城市怎样提高要素配置效率。",
        ),
    )
    second = brief(
        title="民生保障与社会治理协同演进的实践启示",
        authors=("沈琦", "刘京沂"),
        affiliation="中共济南市章丘区委党校",
        column="理论·智库",
        thesis="民生保障与社会治理呈现“价值共生、功能互补、动态互促”的内在关联，"
        "其协同演进是基层治理现代化的核心命题。",
        problems=["其协同演进是基层治理现代化的核心命题"],
        mechanisms=[
            "价值维度：以人民为中心的理念共生",
            "功能维度：相互支撑的互补耦合",
            "实践维度：动态互促的发展闭环，遵循“治理优化—民生改善—治理认同—治理升级”的闭环逻辑",
        ],
        recommendations=[
            "以治理促民生：网格化精治赋能民生保障，问题处置效率提升40%",
            "以民生惠治理：社区微业提升治理认同",
            "坚持党建引领",
            "坚持需求导向",
            "坚持多元参与",
            "坚持机制创新",
            "坚持服务细化",
        ],
        keywords=("民生保障", "社会治理", "协同演进", "网格化"),
        questions=(
            "“以治理促民生”“以民生惠治理”两条路径如何相互支撑？",
            "章丘区的网格化精治经验能否推广到你所在的地区？",
        ),
    )
    third = brief(
        title="赓续“两路”精神血脉 赋能企业高质量发展",
        authors=("邓海霞",),
        affiliation="西南财经大学天府学院马克思主义学院",
        column="理论·智库",
        thesis="借助精神重塑以及实践转化，构建起驱动企业高质量发展的强大动力引擎。",
        problems=[
            "部分企业面临着内生动力不足、创新转型险阻等诸多挑战",
            "往往呈现出畏难情绪，欠缺主动出击的勇气，导致战略机遇流失",
            "部分企业员工存有浮躁心理，过度追求短期利益，工匠精神缺失、基础管理薄弱",
            "单枪匹马已无法适应激烈的市场竞争",
        ],
        mechanisms=[
            "其深层原因在于精神动能匮乏",
            "推动精神力量向治理效能、发展实效转化",
        ],
        recommendations=[
            "传承革命英雄主义基因，构建企业攻坚克难的执行文化",
            "弘扬“甘当路石”奉献精神，夯实企业人才长青的梯队建设",
            "深化军民团结协作理念，构建企业开放共赢的产业生态",
            "持续增加研发投入，建立容错纠错机制",
            "在薪酬分配、职务晋升方面向一线艰苦岗位倾斜，完善技术与管理双通道职业发展路径",
        ],
        keywords=("“两路”精神", "企业文化", "高质量发展"),
        questions=("“两路”精神在今天的企业管理中还有哪些现实意义？",),
    )
    return first, second, third


def seed_pack() -> Pack:
    return pack(*seed_briefs())


LONG_SENTENCE = (
    "资源型城市的经济发展长期依赖低技术门槛的资源型产业，对高素质劳动力需求有限；且此类产业"
    "高污染、高风险的生产环境，与高素质劳动力的工作期望严重不符，供需双重因素下，"
    "高素质劳动力被迫流向其他行业。"
)


def long_brief(
    chars: int = 20_000, title: str = "一篇极长的文章：要素错配与资源型城市转型"
) -> Brief:
    """A brief whose lists hold about `chars` characters, far more than one page can hold."""
    per_item = len(LONG_SENTENCE) + 4
    n = max(3, chars // per_item)
    texts = [f"第{k + 1}点：{LONG_SENTENCE}" for k in range(n)]
    third = n // 3
    scored = [item(t, k + 1, score=float((k * 37) % 101)) for k, t in enumerate(texts)]
    return brief(
        title=title,
        authors=("房芳",),
        column="理论·智库",
        thesis=LONG_SENTENCE,
        problems=scored[:third],
        mechanisms=scored[third : 2 * third],
        recommendations=scored[2 * third :],
        keywords=("要素错配", "资源型城市"),
        questions=("长文章如何压缩到一页？",),
    )
