"""Article -> Brief: lists a study group can trust, on the seed page and on small essays."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import article
from helpers import brief as make_brief
from helpers import item as make_item

from brief.model import LISTS
from brief.summary.keywords import GENERIC
from brief.summary.questions import make_questions, short
from brief.summary.summarize import shorten, summarize

SHARED = ROOT.parent / "shared" / "eval"


def _texts(brief, name):
    return [i.text for i in getattr(brief, name)]


def test_lists_are_short_bounded_and_traceable(seed_briefs):
    for brief in seed_briefs:
        numbers = {p.n: p.text for p in brief.article.paragraphs}
        headings = [s.heading for s in brief.article.sections]
        for name in LISTS:
            items = getattr(brief, name)
            assert len(items) <= 6
            for item in items:
                assert len(item.text) <= 44, item.text
                assert not item.text.endswith(("，", "、", "："))
                assert item.paragraphs and all(n in numbers for n in item.paragraphs)
                # The item's words stand in the paragraph it cites (or its section heading).
                head = re.split(r"[，；：]", item.text)[0]
                source = numbers[item.paragraphs[0]]
                assert head in source or any(head in h for h in headings), (head, source[:40])


def test_each_essay_of_the_seed_has_all_three_lists(seed_briefs):
    for brief in seed_briefs:
        assert len(brief.mechanisms) >= 2 and len(brief.recommendations) >= 2


def test_a_point_is_filed_once(seed_briefs):
    for brief in seed_briefs:
        texts = [t for name in LISTS for t in _texts(brief, name)]
        assert len(texts) == len(set(texts))


def test_structure_decides_the_list(seed_briefs):
    resources, livelihood, two_roads = seed_briefs
    # Numbered points under a heading of 作用机理 are mechanisms.
    assert "产业间的资本错配会抑制产业结构升级、加剧环境污染" in _texts(resources, "mechanisms")
    # 一是…五是 under 启示 are recommendations, without their numbering.
    recs = _texts(livelihood, "recommendations")
    assert sum(t.startswith("坚持") for t in recs) >= 4
    # Imperative headings (传承…，构建…) are recommendations themselves.
    assert "传承革命英雄主义基因，构建企业攻坚克难的执行文化" in _texts(
        two_roads, "recommendations"
    )
    # A problem stated in the opening paragraph.
    assert any("路径依赖" in t for t in _texts(resources, "problems"))


def test_false_friends_are_not_lead_ins():
    assert shorten("要素错配加剧了资源型城市的路径依赖。") == "要素错配加剧了资源型城市的路径依赖"
    assert shorten("首先，要筑牢人力资本根基。") == "筑牢人力资本根基"
    assert shorten("一是坚持党建引领，将党组织嵌入网格。") == "坚持党建引领，将党组织嵌入网格"
    assert shorten("第二，应用场景不断丰富。") == "应用场景不断丰富"


def test_an_item_cut_inside_a_quotation_closes_it():
    # dev essay 07: the item once ended inside the quotation it opened
    sentence = (
        "其中第一个是“必须统筹好有效市场和有为政府的关系，形成既‘放得活’又‘管得住’的经济秩序”，"
        "这是坚持和完善社会主义市场经济体制的必然要求。"
    )
    assert shorten(sentence) == "其中第一个是“必须统筹好有效市场和有为政府的关系…”"
    assert shorten("《决定》提出“健全社会治理体系”。") == "《决定》提出“健全社会治理体系”"


def test_an_example_lead_in_takes_its_comma_with_it():
    # dev essay 11: 比如，发展“人工智能+农业”，… once printed an item opening on "，"
    sentence = (
        "比如，发展“人工智能+农业”，运用物联网技术、遥感技术等监测作物生长状况，既能够实现精准施肥"
    )
    assert shorten(sentence) == "发展“人工智能+农业”，运用物联网技术、遥感技术等监测作物生长状况"
    assert shorten("例如：一些地方重建设、轻运营。") == "一些地方重建设、轻运营"


def test_an_essay_stating_no_problem_gets_no_problems():
    a = article(
        title="以数字化赋能基层治理",
        paragraphs=[
            "以数字化赋能基层治理，关键是要实现新技术与基层社会治理深度融合。",
            "坚持党的全面领导，确保数字社会治理正确方向。要建立健全党委对数字化平台的统筹领导机制。",
            "推动源头治理，实现关口前移。数字化平台能够实时收集民情数据，精准感知群众诉求。",
            "突出服务导向，提升治理温度。要依托大数据精准识别不同群体的需求，主动推送服务。",
        ],
    )
    brief = summarize(a)
    assert brief.problems == ()
    assert any(t.startswith("坚持党的全面领导") for t in _texts(brief, "recommendations"))
    assert any("能够实时收集民情数据" in t for t in _texts(brief, "mechanisms"))


def test_thesis_is_one_short_claim(seed_briefs):
    for brief in seed_briefs:
        assert 12 <= len(brief.thesis) <= 62
        assert brief.thesis.endswith("。") and brief.thesis.count("。") == 1
    assert "新质生产力" in seed_briefs[0].thesis


def test_keywords_are_specific(seed_briefs):
    for brief in seed_briefs:
        assert 6 <= len(brief.keywords) <= 10
        assert not set(brief.keywords) & GENERIC
    assert {"新质生产力", "资源型城市", "要素错配"} <= set(seed_briefs[0].keywords)


def test_questions_come_from_the_template(seed_briefs):
    brief = seed_briefs[0]
    assert len(brief.questions) == 3
    surest = max(brief.problems, key=lambda i: i.score)
    assert short(surest.text) in brief.questions[0]
    custom = "{{ article.title }}的核心论点是什么？\n{% for i in brief.recommendations %}{{ i.text | short }}可行吗？\n{% endfor %}"
    again = summarize(brief.article, questions_template=custom)
    assert again.questions[0] == "新质生产力赋能资源型城市高质量发展的核心论点是什么？"
    assert len(again.questions) == 3


def test_questions_quote_the_items_the_model_is_surest_of():
    # In the essay's order the first problem is background from the opening; the second scores
    # higher, and the question quotes it. Equal scores keep the essay's order.
    b = make_brief(
        problems=[
            make_item("资源型城市立足自身资源禀赋", 1, score=0.2),
            make_item("产业结构单一、增长乏力", 3, score=0.8),
        ],
        mechanisms=[
            make_item("要素错配抑制产业升级", 4, score=0.5),
            make_item("路径依赖锁定旧动能", 5, score=0.5),
        ],
        recommendations=[
            make_item("培育数字产业", 6, score=0.3),
            make_item("完善要素市场", 7, score=0.9),
        ],
    )
    got = make_questions(b)
    assert got[0].startswith("文章指出“产业结构单一")
    assert got[1].startswith("结合¶4，说说“要素错配抑制产业升级”")
    assert got[2].startswith("在“完善要素市场”“培育数字产业”等对策中")


def test_short_quotes_the_point_not_its_frame_or_label():
    assert short("在技术层面，加快突破关键核心技术") == "加快突破关键核心技术"
    assert short("价值维度：以人民为中心的理念共生") == "以人民为中心的理念共生"
    assert short("坚持“送文化”与“种文化”有机结合") == "坚持‘送文化’与‘种文化’有机结合"
    assert short("加强依法治理，提升基层治理法治化水平") == "加强依法治理"
    assert short("在技术层面，") == "在技术层面"  # nothing after it: the frame is all there is
    assert (
        short("深化数据要素市场化配置改革的各项任务举措") == "深化数据要素市场化配置改革的各项任务…"
    )


def test_same_input_same_output(seed_articles, seed_briefs):
    assert [summarize(a) for a in seed_articles] == seed_briefs


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval is not beside the repository")
def test_seed_page_scores_at_least_the_bar():
    run = subprocess.run(
        [
            sys.executable,
            str(SHARED / "score.py"),
            "--min-recall",
            "0.85",
            "--min-meta",
            "1.0",
            "--max-repeated",
            "0",
            str(SHARED / "seed_gold.yaml"),
            "--",
            str(Path(sys.executable).parent / "brief"),
            "extract",
            str(ROOT / "seeds"),
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-400:]
    median = int(re.search(r"median_item_chars=(\d+)", run.stdout).group(1))
    assert median <= 40


def test_keywords_do_not_depend_on_the_essays_read_before(seed_articles):
    from brief.summary.keywords import keywords

    alone = [keywords(a) for a in reversed(seed_articles)]
    assert [keywords(a) for a in seed_articles] == alone[::-1]


def test_keywords_are_the_same_after_the_idf_table_is_let_go(seed_articles):
    from brief.summary import keywords as kw

    before = [kw.keywords(a) for a in seed_articles]
    kw.release_dictionary()  # what a big build does once its workers have summarized
    assert kw._idf.cache_info().currsize == 0
    assert [kw.keywords(a) for a in seed_articles] == before
    assert len(kw._idf()[0]) == 270_132  # read again, whole


def test_an_item_never_ends_on_a_bare_connective():
    assert shorten(
        "资源型城市产业结构单一，缺乏高附加值行业，因此，剩余劳动力只能流入服务业。"
    ) == ("资源型城市产业结构单一，缺乏高附加值行业")


def test_a_second_item_from_one_sentence_must_outscore_the_next_sentence():
    from brief.summary.candidates import candidates
    from brief.summary.select import select

    a = article(
        title="推动公共文化服务提质增效",
        paragraphs=[
            "要完善公共文化设施网络，推动服务资源向基层延伸，提高群众参与文化活动的便利程度。"
            "要创新公共文化服务方式。",
        ],
    )
    found = candidates(a)
    first = next(k for k, c in enumerate(found) if c.sent == 0 and c.first == 0)
    second = next(k for k, c in enumerate(found) if c.sent == 0 and c.first > found[first].last)
    other = next(k for k, c in enumerate(found) if c.sent == 1)
    want = {first: 0.9, second: 0.8, other: 0.6}
    scored = [(want.get(k, 0.0), (0.0, 0.0, 1.0)) for k in range(len(found))]
    settings = {"threshold": 0.1, "max_items": 2}

    def recs(penalty):
        got = select(found, scored, {**settings, "sentence_penalty": penalty})
        return [i.text for i in got["recommendations"]]

    both = [found[first].text, found[second].text]
    assert recs(1.0) == both
    # 0.8 x 0.55 = 0.44 < 0.6: the second sentence's item takes the slot
    assert recs(0.55) == [found[first].text, found[other].text]
    # scored down, a sentence's second item still fills a list nothing else would
    assert recs(0.3) == [found[first].text, found[other].text]
    assert (
        len(
            select(found, scored, {**settings, "max_items": 3, "sentence_penalty": 0.3})[
                "recommendations"
            ]
        )
        == 3
    )


@pytest.fixture(scope="module")
def seed_clauses(seed_articles):
    """Every clause of the seed page's paragraphs."""
    from brief.summary.sentences import clauses, sentences

    parts = [
        c
        for a in seed_articles
        for p in a.paragraphs
        for s in sentences(p.text)
        for c in clauses(s)
    ]
    assert len(parts) > 400
    return parts


def test_prefixed_cue_patterns_match_as_the_plain_ones_do(seed_clauses):
    import re

    from brief.summary import cues, features

    # the cue lists whose look-behinds stop re's own skipping get a first-character look-ahead
    assert cues.RECOMMENDATION.pattern.startswith("(?=[")
    assert features._WORDS.pattern.startswith("(?=[")
    plain = r"(?<!所)需要|坚持|以.{1,12}为(?:抓手|引领)|[“”]最后一公里|越.{1,12}越"
    fast = cues.prefixed(plain)
    assert fast.pattern != plain
    for pattern in (cues.RECOMMENDATION, cues.REMEDIED, features._WORDS, fast):
        inner = pattern.pattern.split("(?:", 1)[1][:-1]
        slow = re.compile(inner)
        assert all(pattern.findall(c) == slow.findall(c) for c in seed_clauses)
    assert sum(len(fast.findall(c)) for c in seed_clauses) > 0
    # a pattern that may start anywhere is compiled as it is
    assert cues.prefixed(r".{2}是").pattern == r".{2}是"


def test_a_thesis_stands_alone_without_its_summing_up_words():
    from brief.summary.summarize import thesis

    a = article(
        title="在提高政策协同中促进高质量发展",
        paragraphs=[
            "当前，我国经济已由高速增长阶段转向高质量发展阶段。",
            "政策碎片化现象较为突出，导致政策效应有所抵消或削弱。",
            "其中，政策协同的关键在于提高政策取向的一致性。",
            "总的来说，提高政策协同是实现高质量发展的必然要求。",
        ],
    )
    # the closing sentence, without 总的来说，; not the sentence that opens with 其中
    assert thesis(a) == "提高政策协同是实现高质量发展的必然要求。"


def test_a_case_report_is_told_by_its_places_and_figures(seed_clauses):
    from brief.summary import cues

    assert cues.is_case("浙江省已汇聚3638项数据")
    assert cues.is_case("广西壮族自治区") is False  # a place alone, without 省/市/自治区 after it
    assert cues.is_case("内蒙古自治区推进生态建设")
    assert cues.is_case("江苏苏州市工业园区")
    assert not cues.is_case("推动资源型城市转型")
    assert all(cues.is_case(c) == bool(cues.CASE.search(c)) for c in seed_clauses)
    assert any(cues.is_case(c) for c in seed_clauses)


def test_what_the_essay_says_again_is_told_from_what_it_says_once(seed_articles):
    from brief.summary.candidates import candidates
    from brief.summary.features import _repeats, _said, essay, essay_features
    from brief.summary.sentences import sentences

    a = seed_articles[0]  # 新质生产力赋能资源型城市高质量发展
    found = candidates(a)
    e = essay(a, found)
    # The paragraphs' sentence counts stand beside the bigram counts, not mixed up with them.
    assert e.sentences == {p.n: len(sentences(p.text)) for p in a.paragraphs}
    # A heading naming the essay's subject is mostly its repeated words, a case report is not.
    heading = next(s for s in e.sentence_said if s.startswith("基于要素错配视角"))
    case = next(s for s in e.sentence_said if "5G基站" in s)
    assert e.sentence_said[heading] > 0.7 > 0.3 > e.sentence_said[case]
    # Bigrams with a function word or a mark are no content (力的 的发 展是 是关 键，); of the six
    # that are, 关键 is said once or twice, the five others six times or more.
    assert _said("新质生产力的发展是关键，", _repeats(a)) == (6, 5, 5)
    feats = essay_features(a, found)
    shares = [f.get("repeated3", 0.0) for f in feats]
    assert all(0.0 <= x <= 1.0 for x in shares)
    assert all(f.get("repeated6", 0.0) <= f.get("repeated3", 0.0) for f in feats)
    assert sum(x == 0.0 for x in shares) < len(shares) // 4 < sum(x > 0.5 for x in shares)


def test_one_pass_counts_the_terms_with_the_headings_and_without(seed_articles):
    from brief.summary.keywords import essay_own_terms, own_terms

    a = seed_articles[0]  # 新质生产力赋能资源型城市高质量发展
    body = "\n".join(p.text for p in a.paragraphs)
    head = "\n".join([a.title, *(s.heading for s in a.sections)] * 2)
    with_head, alone = essay_own_terms(a)
    # The body's counts are those of the body counted alone, in the same order (ties need it).
    assert list(alone.items()) == list(own_terms(body)[0].items())
    assert list(with_head.items()) == list(own_terms(head + "\n" + body)[0].items())
    # The title and headings count twice: 新质生产力 stands in the title and in headings.
    said = head.count("新质生产力")
    assert said >= 2 and with_head["新质生产力"] == alone["新质生产力"] + said
    assert "资源型城市" in alone and "质生产力" not in alone  # a piece of a term is no term


def test_an_item_cut_inside_an_enumeration_ends_on_an_ellipsis():
    from brief.summary.candidates import candidates
    from brief.summary.select import select

    long_list = (
        "要以共建促进资源整合，充分发挥法院干警在挖掘、加工、生产、传播优质法治文化资源中的主体作用，"
        "发挥好人民法院出版社等平台资源优势，建立和完善相应的激励保障措施。"
    )
    whole = "要健全法治文化建设的协同机制，形成工作合力。"
    found = candidates(article(paragraphs=(long_list + whole,)))
    by_text = {c.text: c for c in found}
    assert by_text["以共建促进资源整合，充分发挥法院干警在挖掘、加工、生产"].cut
    assert not by_text["健全法治文化建设的协同机制，形成工作合力"].cut
    scored = [(0.9, (0.0, 0.0, 1.0)) for _ in found]
    texts = [i.text for i in select(found, scored)["recommendations"]]
    assert "以共建促进资源整合，充分发挥法院干警在挖掘、加工、生产…" in texts
    assert "健全法治文化建设的协同机制，形成工作合力" in texts
