"""Page -> essays: the seed page and web copies, read as a careful reader would."""

import pytest
from conftest import DATA, SEED

from brief.model import Source
from brief.read.article import read_articles
from brief.read.clean import despace, tidy_display
from brief.read.files import read_source


def test_seed_page_gives_three_essays_with_their_metadata(seed_articles):
    got = [
        (a.title, a.authors, a.affiliation, a.column, [s.heading for s in a.sections])
        for a in seed_articles
    ]
    assert got == [
        (
            "新质生产力赋能资源型城市高质量发展",
            ("房芳", "郭建杰"),
            None,
            "理论·智库",
            [
                "要素错配制约资源型城市高质量发展的作用机理",
                "基于要素错配视角，新质生产力赋能资源型城市高质量发展的实践路径",
                "进一步培育壮大新质生产力，驱动资源型城市高质量发展",
            ],
        ),
        (
            "民生保障与社会治理协同演进的实践启示",
            ("沈琦", "刘京沂"),
            "中共济南市章丘区委党校",
            "理论·智库",
            [
                "民生保障与社会治理协同演进的内在逻辑",
                "民生保障与社会治理协同演进的实践路径",
                "民生保障与社会治理协同演进的现实启示",
            ],
        ),
        (
            "赓续“两路”精神血脉 赋能企业高质量发展",
            ("邓海霞",),
            "西南财经大学天府学院马克思主义学院",
            "理论·智库",
            [
                "传承革命英雄主义基因，构建企业攻坚克难的执行文化",
                "弘扬“甘当路石”奉献精神，夯实企业人才长青的梯队建设",
                "深化军民团结协作理念，构建企业开放共赢的产业生态",
            ],
        ),
    ]


def test_funding_notes_are_kept_apart_from_the_affiliation(seed_articles):
    funding = seed_articles[2].funding
    assert len(funding) == 2
    assert funding[0].startswith("本文系2025年成都市哲学社会科学规划年度项目")
    assert funding[1].endswith("（项目编号：20250030）")


def test_hard_wrapped_lines_are_rejoined_into_paragraphs(seed_articles):
    first = seed_articles[0].paragraphs[0].text
    assert first.startswith("资源型城市立足自身资源禀赋，逐步形成了以自然资源开采")
    assert first.endswith("严重制约了城市的高质量发展。")
    # Letter-spaced lines lose their stray spaces.
    value = seed_articles[1].paragraphs[3].text
    assert "维护秩序、促进公平为目标，根本是营造安全稳定环境" in value
    assert "提升40%" in seed_articles[1].paragraphs[9].text


def test_no_body_text_is_lost_from_the_seed(seed_articles):
    raw = despace(read_source(DATA.parent.parent / "seeds" / "000_c6352a07d5a6d834.txt").text)
    raw = "".join(raw.split())
    for a in seed_articles:
        for p in a.paragraphs:
            assert p.text.replace(" ", "") in raw


def test_numbered_points_follow_their_sections(seed_articles):
    logic = seed_articles[1].sections[0]
    assert logic.role == "mechanism"
    assert logic.points == (
        "第一，价值维度：以人民为中心的理念共生",
        "第二，功能维度：相互支撑的互补耦合",
        "第三，实践维度：动态互促的发展闭环",
    )
    lessons = seed_articles[1].sections[2]
    assert lessons.role == "recommendation"
    assert [p[:6] for p in lessons.points] == [
        "一是坚持党建",
        "二是坚持需求",
        "三是坚持多元",
        "四是坚持机制",
        "五是坚持服务",
    ]


def test_web_copy_reads_like_the_page(seed_articles):
    (web,) = read_articles(read_source(DATA / "web_two_roads.txt"))
    page = seed_articles[2]
    assert web.title == page.title
    assert web.authors == page.authors
    assert web.affiliation == page.affiliation
    assert [p.text for p in web.paragraphs] == [p.text for p in page.paragraphs]
    assert web.sections == page.sections


def test_markdown_copy_with_front_matter_abstract_and_institution():
    (a,) = read_articles(read_source(DATA / "web_institution.md"))
    assert a.title == "以高水平开放推动高质量发展"
    assert a.authors == ("中国宏观经济研究院课题组",)
    assert a.abstract.startswith("高水平开放是推动高质量发展的重要动力。")
    assert a.author_keywords == ("高水平开放", "制度型开放", "营商环境")
    assert [s.role for s in a.sections] == ["problem", "mechanism", "recommendation"]
    assert a.paragraphs[0].text.startswith("近年来，我国对外开放取得显著成效")
    assert "执笔" not in a.paragraphs[-1].text


def test_kicker_column_tag_and_title_after_the_byline():
    text = (
        "汲取传统村落生态智慧\n建设好宜居宜业和美乡村（专题深思）\n吴灿\n\n"
        "习近平总书记指出：“农村现代化是建设农业强国的内在要求和必要条件。”宜居宜业是乡村振兴的关键。\n"
        "传统村落作为农耕文明的活态载体，蕴含着天人合一、顺时应势、共生共荣等智慧。\n"
        "（作者为中南大学中国村落文化研究中心教授）\n"
    )
    (a,) = read_articles(Source("web.txt", text, "utf-8"))
    assert (a.kicker, a.title, a.column) == (
        "汲取传统村落生态智慧",
        "建设好宜居宜业和美乡村",
        "专题深思",
    )
    assert a.authors == ("吴灿",)
    assert a.affiliation == "中南大学中国村落文化研究中心"
    assert len(a.paragraphs) == 2


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], "　　"  # first line indented two characters
    for ch in text:
        line += ch
        if len(line) >= width:
            lines.append(line.strip("　"))
            line = ""
    if line.strip("　"):
        lines.append(line.strip("　"))
    return lines


@pytest.mark.parametrize("width", [16, 20, 24])
def test_page_of_three_essays_at_any_column_width(width):
    """A, B, C as a newspaper page lays them out: title before, after, and with the byline at
    the end, each essay wrapped at the same width, blank lines between lines."""
    body = [
        "近年来，随着以人工智能、云计算、区块链、大数据等为代表的数字技术迅猛发展，数字技术日益"
        "成为赋能社会治理的重要力量，必须坚持以人民为中心的发展思想。",
        "要建立健全党委对数字化平台的统筹领导机制，确保党的领导贯穿于平台设计、运行和优化的全过程。"
        "持续推动“智慧党建”与基层社会治理的深度融合，将数字技术适当嵌入基层党组织的组织生活。",
        "要完善数字化治理相关法律法规，加快研究制定关于基层社会治理数据采集、共享、开放、应用的"
        "标准和规范。加强数据安全与隐私保护，坚决防止数据滥用和泄露。",
        "要依托大数据精准识别不同群体、不同区域的需求，推动治理模式从“人找服务”向“服务找人”转变，"
        "主动推送个性化、定制化服务，让数字文明成果惠及更多群众。",
    ]

    def essay(paragraphs):
        return [line for p in paragraphs for line in _wrap(p, width)]

    lines = [
        " 尉建文",
        "以数字化赋能新时代基层治理",
        *essay(body),
        "（作者为南开大学社会学院教授）",
    ]
    lines += [" 刘金林朱丽", *essay(body[::-1]), "（作者单位分别为广西财经学院、广西民族大学）"]
    lines += ["努力创建铸牢中华民族", "共同体意识示范区"]  # a title set in a narrow frame
    lines += [
        *essay(body[1:]),
        "（作者单位：北京邮电大学经济管理学院）",
        "李烨",
        "推动人工智能全方位赋能千行百业",
        "理论·前沿",
    ]
    # the narrow-frame title's two lines stand together, every other line is followed by a blank
    text = "".join(line + ("\n" if line == "努力创建铸牢中华民族" else "\n\n") for line in lines)
    essays = read_articles(Source("page.txt", text, "utf-8"))
    assert [(a.title, a.authors, a.column) for a in essays] == [
        ("以数字化赋能新时代基层治理", ("尉建文",), "理论·前沿"),
        ("努力创建铸牢中华民族共同体意识示范区", ("刘金林", "朱丽"), "理论·前沿"),
        ("推动人工智能全方位赋能千行百业", ("李烨",), "理论·前沿"),
    ]
    assert [p.text for p in essays[0].paragraphs] == body
    assert [p.text for p in essays[1].paragraphs] == body[::-1]
    assert [p.text for p in essays[2].paragraphs] == body[1:]
    assert essays[1].affiliation == "广西财经学院、广西民族大学"


def test_display_text_keeps_one_meaningful_space():
    assert tidy_display("坚持多边主义正道  捍卫国际贸易秩序") == "坚持多边主义正道 捍卫国际贸易秩序"
    assert tidy_display("维 护 秩 序 、促 进 公 平") == "维护秩序、促进公平"
    assert (
        despace("网格员主动解决 2023 年 Made in China 问题")
        == "网格员主动解决2023年Made in China问题"
    )


def test_kicker_above_the_title_on_a_page():
    body = (
        "习近平总书记指出：“农村现代化是建设农业强国的内在要求和必要条件。”宜居宜业是乡村振兴的关键，"
        "与民生福祉息息相关。只有建设好宜居宜业和美乡村，才能使乡村留人聚才、焕发生机。传统村落作为"
        "农耕文明的活态载体，蕴含着天人合一、顺时应势、共生共荣等智慧。"
    )
    lines = [" 吴灿", "汲取传统村落生态智慧", "建设好宜居宜业和美乡村", *_wrap(body, 18), "理论"]
    (a,) = read_articles(Source("page.txt", "\n\n".join(lines) + "\n", "utf-8"))
    assert (a.kicker, a.title, a.authors, a.column) == (
        "汲取传统村落生态智慧",
        "建设好宜居宜业和美乡村",
        ("吴灿",),
        "理论",
    )
    assert [p.text for p in a.paragraphs] == [body]


def test_byline_with_its_affiliation_and_a_date_line():
    text = (
        "以高水平开放推动高质量发展\n王小明（中共中央党校经济学教研部教授）\n"
        "2025年04月22日 09:01  来源：人民网－人民日报\n\n"
        "近年来，我国对外开放取得显著成效，但也要看到，一些领域仍存在短板弱项。\n"
        "要主动对接国际高标准经贸规则，在产权保护、产业补贴、环境标准等领域实现规则相通相容。\n"
    )
    (a,) = read_articles(Source("web.txt", text, "utf-8"))
    assert (a.authors, a.affiliation) == (("王小明",), "中共中央党校经济学教研部")
    assert a.paragraphs[0].text.startswith("近年来")


@pytest.mark.parametrize(
    ("byline", "note", "affiliation"),
    [
        ("吴灿　中南大学中国村落文化研究中心教授", "", "中南大学中国村落文化研究中心"),
        ("吴灿 李明  北京大学马克思主义学院", "", "北京大学马克思主义学院"),
        # the closing note says more than the byline, and wins
        (
            "吴灿　中南大学",
            "（作者单位：中南大学中国村落文化研究中心）",
            "中南大学中国村落文化研究中心",
        ),
        (
            "吴灿（中南大学教授）",
            "（作者为中南大学中国村落文化研究中心教授）",
            "中南大学中国村落文化研究中心",
        ),
    ],
)
def test_an_affiliation_beside_the_byline(byline, note, affiliation):
    text = (
        f"建设好宜居宜业和美乡村\n{byline}\n\n"
        "弘扬天人合一理念，夯实乡村生态基石。“天人合一”是中华优秀传统文化的重要理念，"
        "传统村落在选址、布局和建造中处处体现着人与自然和谐共生的智慧。\n"
        "建设宜居宜业和美乡村，要延续尊重自然的传统智慧，守护好周边的生态屏障。\n"
        f"{note}\n"
    )
    (a,) = read_articles(Source("web.txt", text, "utf-8"))
    names = ("吴灿", "李明") if "李明" in byline else ("吴灿",)
    assert (a.title, a.authors, a.affiliation) == ("建设好宜居宜业和美乡村", names, affiliation)


def test_title_after_the_body_may_fit_one_line():
    body = (
        "习近平总书记指出：“农村现代化是建设农业强国的内在要求和必要条件。”宜居宜业是乡村振兴的关键，"
        "与民生福祉息息相关。只有建设好宜居宜业和美乡村，才能使乡村留人聚才、焕发生机。传统村落作为"
        "农耕文明的活态载体，蕴含着天人合一、顺时应势、共生共荣等智慧。"
    )
    nxt = (
        "人工智能作为引领新一轮科技革命和产业变革的战略性技术，正以前所未有的深度和广度重塑着人类生产"
        "生活方式。当前，加快发展新一代人工智能已成为我国抢占科技竞争制高点的战略选择。"
    )
    page = [" 吴灿", *_wrap(body, 18), "（作者为中南大学中国村落文化研究中心教授）"]
    text = "\n\n".join(page) + "\n\n汲取传统村落\n生态智慧\n\n建设好宜居宜业和美乡村\n\n"
    text += "\n\n".join([*_wrap(nxt, 20), "（作者单位：北京邮电大学经济管理学院）", "李烨"])
    text += "\n\n推动人工智能全方位赋能千行百业\n\n理论\n"
    first, second = read_articles(Source("page.txt", text, "utf-8"))
    assert (first.kicker, first.title) == ("汲取传统村落生态智慧", "建设好宜居宜业和美乡村")
    assert [p.text for p in first.paragraphs] == [body]
    assert (second.title, second.authors) == ("推动人工智能全方位赋能千行百业", ("李烨",))
    assert [p.text for p in second.paragraphs] == [nxt]


def test_authors_named_in_the_closing_note():
    text = (
        "以高水平开放推动高质量发展\n\n"
        "近年来，我国对外开放取得显著成效，但也要看到，一些领域仍存在短板弱项。\n"
        "要主动对接国际高标准经贸规则，在产权保护、产业补贴、环境标准等领域实现规则相通相容。\n"
        "（作者：王小明，中共中央党校经济学教研部教授）\n"
    )
    (a,) = read_articles(Source("web.txt", text, "utf-8"))
    assert (a.title, a.authors, a.affiliation) == (
        "以高水平开放推动高质量发展",
        ("王小明",),
        "中共中央党校经济学教研部",
    )


def test_two_notes_on_one_line_are_two_notes():
    text = (
        "建设好宜居宜业和美乡村\n吴灿\n\n"
        "弘扬天人合一理念，夯实乡村生态基石。“天人合一”是中华优秀传统文化的重要理念，"
        "传统村落在选址、布局和建造中处处体现着人与自然和谐共生的智慧。\n"
        "建设宜居宜业和美乡村，要延续尊重自然的传统智慧，守护好周边的生态屏障，"
        "严禁无序开发资源、破坏自然肌理。\n"
        "（作者单位：中南大学中国村落文化研究中心）（本文系国家社科基金重大项目阶段性成果）\n"
    )
    (a,) = read_articles(Source("web.txt", text, "utf-8"))
    assert a.affiliation == "中南大学中国村落文化研究中心"
    assert a.funding == ("本文系国家社科基金重大项目阶段性成果",)


def test_a_lead_in_that_filled_its_line_is_cut_off_like_its_siblings(seed_articles):
    texts = [p.text for p in seed_articles[0].paragraphs]
    assert "第二，基于“要素赋能”逻辑，通过新型生产要素“质”的变革优化资源配置效率" in texts
    assert any(t.startswith("创新性、颠覆性技术的渗透和协同") for t in texts)


def test_a_header_line_above_a_web_copy_is_the_column_not_a_kicker():
    text = (
        "【理论前沿】\n新质生产力赋能资源型城市高质量发展\n房芳 郭建杰\n\n"
        "资源型城市立足自身资源禀赋，逐步形成了以自然资源开采和加工为主体的产业结构，"
        "为构建中国的工业化版图做出了重要贡献。\n"
    )
    (a,) = read_articles(Source("web.txt", text, "utf-8"))
    assert (a.kicker, a.title, a.column) == (None, "新质生产力赋能资源型城市高质量发展", "理论前沿")


def _titles(text: str) -> list[str]:
    return [a.title for a in read_articles(Source("pages.txt", text, "utf-8"))]


def test_pages_parted_by_form_feeds_are_read_page_by_page(seed_articles):
    seed = SEED.read_text(encoding="utf-8")
    one = [a.title for a in seed_articles]
    # pdftotext's output of a two-page PDF: the second page's header must not end up a title
    assert _titles(seed + "\f" + seed + "\f") == one + one
    assert _titles(seed + "\f") == one


def test_pages_of_one_long_essay_are_read_as_one_text(seed_articles):
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.split("\n")
    # a page break inside an essay (a journal's later pages have no byline): no new essay there
    at = len(lines) // 5
    parted = "\n".join(lines[:at]) + "\n\f" + "\n".join(lines[at:])
    assert _titles(parted) == [a.title for a in seed_articles]
