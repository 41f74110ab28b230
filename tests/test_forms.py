"""The three input forms of the dev essays (web copies, newspaper pages, crawler markdown), the
citation, markdown cleaning only for markdown, control characters, site chrome and mutated files.

Tests on ../shared/eval/dev skip cleanly when it is absent.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import ROOT
from fuzz import DEV, mutants, no_blank_lines, one_line, site_chrome
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.model import Source
from brief.read.article import read_articles
from brief.read.files import decode, read_source

needs_dev = pytest.mark.skipif(not (DEV / "gold.yaml").is_file(), reason="needs ../shared/eval")


def _gold() -> list[dict]:
    import yaml

    return yaml.safe_load((DEV / "gold.yaml").read_text(encoding="utf-8"))["articles"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _read(path) -> list:
    return read_articles(read_source(path))


def _meta_misses(form: str, pattern: str) -> list[str]:
    """Gold essays whose title, authors, affiliation or headings the reader gets wrong."""
    got = [a for path in sorted((DEV / form).glob(pattern)) for a in _read(path)]
    by_title = {_norm(a.title): a for a in got}
    misses = []
    for g in _gold():
        a = by_title.get(_norm(g["title"]))
        if a is None:
            misses.append(f"{g['title']}: not found")
            continue
        if sorted(map(_norm, a.authors)) != sorted(map(_norm, g["authors"])):
            misses.append(f"{g['title']}: authors {a.authors}")
        if all(
            _norm(p) not in _norm(a.affiliation or "") for p in (g["affiliation"] or "").split("、")
        ):
            misses.append(f"{g['title']}: affiliation {a.affiliation}")
        heads = {_norm(s.heading) for s in a.sections}
        lost = [h for h in g.get("headings") or [] if _norm(h) not in heads]
        if lost:
            misses.append(f"{g['title']}: headings lost {lost}")
    return misses


@needs_dev
@pytest.mark.parametrize(("form", "pattern"), [("web", "*.txt"), ("page", "*.txt"), ("md", "*.md")])
def test_every_dev_essay_is_found_with_its_metadata_in_every_form(form, pattern):
    assert _meta_misses(form, pattern) == []


@needs_dev
def test_pages_split_into_three_essays_each_even_without_closing_notes():
    # dev-page5 and dev-page9 hold short commentaries (思想纵横) that end with no （作者…） note.
    for page in sorted((DEV / "page").glob("*.txt")):
        essays = _read(page)
        assert len(essays) == 3, (page.name, [a.title for a in essays])
        for a in essays:
            assert not re.search(r"[。！？]", a.title), (page.name, a.title)


@needs_dev
def test_the_page_credits_at_its_foot_are_no_part_of_the_last_title(tmp_path):
    text = (DEV / "page" / "dev-page1.txt").read_text(encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_text(text + "\n\n本版责编：王小明  版式设计：李四\n", encoding="utf-8")
    got = [(a.title, a.authors, a.paragraphs) for a in _read(path)]
    assert got == [
        (a.title, a.authors, a.paragraphs) for a in _read(DEV / "page" / "dev-page1.txt")
    ]


@needs_dev
def test_crawler_markdown_reads_kicker_title_column_byline_and_citation():
    (a,) = _read(DEV / "md" / "10.md")
    assert (a.kicker, a.title, a.authors) == (
        "积极实施城市更新行动",
        "建设好城市公共文化空间",
        ("李书简", "杨菁"),
    )
    assert a.published == "人民日报 2025年2月21日 第9版"
    assert all("人民日报" not in p.text for p in a.paragraphs)
    (b,) = _read(DEV / "md" / "25.md")
    assert b.column.startswith("深入学习贯彻")
    assert "社会主义法治精神是习近平法治思想的重要标识性概念" in [s.heading for s in b.sections]
    # （本文由…组稿、…编辑） is a note, not the essay's last paragraph
    assert "组稿" not in b.paragraphs[-1].text


@needs_dev
def test_crawler_markdown_with_its_title_one_level_down_reads_the_same(tmp_path):
    # ## title under a ### kicker (no # line): the front matter's title says which is which
    text = (DEV / "md" / "10.md").read_text(encoding="utf-8")
    assert "\n# 建设好城市公共文化空间\n" in text
    path = tmp_path / "10.md"
    path.write_text(text.replace("\n# 建设好", "\n## 建设好"), encoding="utf-8")
    (a,) = _read(path)
    (b,) = _read(DEV / "md" / "10.md")
    assert (a.kicker, a.title, a.authors) == (b.kicker, b.title, b.authors)
    assert a.paragraphs == b.paragraphs


@needs_dev
def test_web_copy_title_with_quotes_colon_and_long_column_tag():
    (a,) = _read(DEV / "web" / "22.txt")
    assert a.title == "“绿水青山就是金山银山”理念：人类发展观“术语的革命”"
    assert a.authors == ("黄承梁",)
    assert a.column.endswith("原创性概念标识性概念纵横谈")


def test_a_whole_sentence_between_paragraphs_is_a_heading_but_not_a_paragraph_with_stops(tmp_path):
    body = "政府和市场的关系是对经济发展具有决定性作用的关系。" * 3
    heading = (
        "形成既“放得活”又“管得住”的经济秩序，就要把统筹好有效市场和有为政府的关系建立在历史自觉上"
    )
    text = "\n".join(
        ["形成既“放得活”又“管得住”的经济秩序", "张来明", body, heading, body, body + "。"]
    )
    (a,) = read_articles(Source("x.txt", text, "utf-8"))
    assert [s.heading for s in a.sections] == [heading]
    assert all(p.text != heading for p in a.paragraphs)


def test_markdown_marks_are_removed_only_from_markdown():
    body = "资源型城市立足自身资源禀赋，逐步形成了以自然资源开采和加工为主体的产业结构，a*b*c 不是强调。"
    text = f"{{{{ 6*7 }}}}测试\n王小明\n{body}\n{body}"
    (a,) = read_articles(Source("essay.txt", text, "utf-8"))
    assert a.title == "{{ 6*7 }}测试"
    assert "a*b*c" in a.paragraphs[0].text
    (m,) = read_articles(Source("essay.md", f"# **加粗**标题\n\n> 王小明\n\n{body}\n", "utf-8"))
    assert m.title == "加粗标题"


def test_a_form_feed_and_a_few_control_characters_are_whitespace():
    page = (ROOT / "seeds" / "000_c6352a07d5a6d834.txt").read_text(encoding="utf-8")
    lines = page.split("\n")
    for k in range(40, len(lines), 40):
        lines[k] = "\f" + lines[k]
    lines[10] += "\x0b\x1b"
    text, _ = decode("\n".join(lines).encode(), "page.txt")
    assert [a.title for a in read_articles(Source("page.txt", text, "utf-8"))] == [
        a.title for a in _read(ROOT / "seeds" / "000_c6352a07d5a6d834.txt")
    ]


def test_the_citation_comes_from_the_text_and_the_page_prints_it():
    body = "资源型城市立足自身资源禀赋，逐步形成了以自然资源开采和加工为主体的产业结构。" * 3
    text = (
        f"新质生产力赋能资源型城市高质量发展\n房芳\n来源：光明日报 2025年03月05日\n{body}\n{body}"
    )
    (a,) = read_articles(Source("000_c6352a07d5a6d834.txt", text, "utf-8"))
    assert a.published == "光明日报 2025年3月5日"
    assert all("来源" not in p.text for p in a.paragraphs)
    from brief.render.layout import load_layout
    from brief.render.templates import compiled

    layout = load_layout(None)
    line = compiled((), layout.templates.source).render(article=a)
    assert "光明日报 2025年3月5日" in line and "000_c6352a07d5a6d834" not in line
    (plain,) = read_articles(
        Source(
            "000_c6352a07d5a6d834.txt", text.replace("来源：光明日报 2025年03月05日\n", ""), "utf-8"
        )
    )
    assert plain.published is None
    assert "000_c6352a07d5a6d834.txt" in compiled((), layout.templates.source).render(article=plain)


def test_a_page_dateline_is_the_citation_and_not_text():
    page = (ROOT / "seeds" / "000_c6352a07d5a6d834.txt").read_text(encoding="utf-8")
    text = "人民日报 2025年3月5日 星期三 第13版 理论\n\n" + page
    essays = read_articles(Source("page.txt", text, "utf-8"))
    assert len(essays) == 3
    assert {a.published for a in essays} == {"人民日报 2025年3月5日 第13版 理论"}
    assert all("星期三" not in p.text for a in essays for p in a.paragraphs)


def test_chinese_sentences_always_make_an_essay_even_with_no_title():
    text = "资源型城市立足自身资源禀赋，逐步形成了以自然资源开采和加工为主体的产业结构。" * 4
    (a,) = read_articles(Source("notes.txt", text, "utf-8"))
    assert a.title == "notes" and any("file name" in w for w in a.warnings)


# --- mutated real files ---------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=25, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _essay_titles(text: str, name: str) -> list[str]:
    return [a.title for a in read_articles(Source(name, text, "utf-8"))]


@needs_dev
@SETTINGS
@given(
    st.sampled_from(sorted((DEV / "web").glob("*.txt")) if DEV.is_dir() else [ROOT]),
    st.integers(0, 10**6),
)
def test_a_crawled_page_with_chrome_keeps_its_title_and_drops_the_chrome(path, seed):
    rnd = random.Random(seed)
    original = path.read_text(encoding="utf-8")
    (want,) = _essay_titles(original, path.name)
    lines = original.split("\n")
    for mutation in (site_chrome, one_line):
        (got,) = read_articles(Source(path.name, "\n".join(mutation(lines, rnd)), "utf-8"))
        if not (mutation is one_line and "  " in original.split("\n")[0]):
            # (a title in two halves, 坚持…正道  捍卫…秩序, joined with two spaces is one line
            # more than the joints of a one-line crawl can tell: known, left alone)
            assert got.title == want, mutation.__name__
        text = " ".join(p.text for p in got.paragraphs) + " ".join(s.heading for s in got.sections)
        assert not re.search(r"ICP|登录|版权所有|推荐帖子|分享到|当前位置", text), mutation.__name__


@needs_dev
@SETTINGS
@given(st.sampled_from(sorted((DEV / "page").glob("*.txt")) if DEV.is_dir() else [ROOT]))
def test_a_page_without_blank_lines_keeps_its_three_essays(path):
    lines = no_blank_lines(path.read_text(encoding="utf-8").split("\n"), random.Random(0))
    assert len(_essay_titles("\n".join(lines), path.name)) == 3


@needs_dev
def test_mutated_dev_files_always_yield_an_essay():
    for name, data, names in mutants(80, seed=3):
        text, _ = decode(data, name)
        assert read_articles(Source(name, text, "utf-8")), (name, names)


def _head_and_body(text: str) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    k = lines.index("") if "" in lines else 3
    return lines[:k], lines[k:]


def _people_copy(text: str) -> str:
    """Copied from a people.com.cn page: the breadcrumb over the title, the date and source
    line and the font-size button under the byline, 责编 and share at the end."""
    head, body = _head_and_body(text)
    return "\n".join(
        ["人民网 >> 理论 >> 正文", *head, "2025年12月02日08:27 | 来源：人民网－人民日报", "小字号"]
        + [*body, "", "（责编：李昉、王雪）", "分享让更多人看到"]
    )


def _gmw_copy(text: str) -> str:
    """Copied from a gmw.cn page: the byline inside the source, author and date line."""
    head, body = _head_and_body(text)
    names = head[-1]
    info = f"来源：光明日报　作者：{names}　2025-12-02 05:00"
    return "\n".join([*head[:-1], info, *body, "", "[ 责编：王小明 ]"])


def _wechat_copy(text: str) -> str:
    """Copied from a WeChat article: 原创, the author, the account, date and place on one line;
    the app's buttons after the essay."""
    head, body = _head_and_body(text)
    info = f"原创 {head[-1]} 学习时报 2025年12月02日 07:30 北京"
    tail = ["阅读原文", "预览时标签不可点", "微信扫一扫", "关注该公众号", "继续滑动看下一个"]
    return "\n".join([*head[:-1], info, *body, "", *tail, "学习时报", "知道了"])


def _captioned_copy(text: str) -> str:
    """A web copy with photos and their captions after the second and the fourth paragraph (one
    opens on 图为, one only ends on the photographer's credit)."""
    head, body = _head_and_body(text)
    paras = [i for i, line in enumerate(body) if line.strip()]
    k, j = paras[min(2, len(paras) - 1)], paras[min(4, len(paras) - 1)]
    second = (
        "2025年4月，游客在浙江省湖州市安吉县余村参观游览，感受乡村新面貌。（新华社记者 徐昱摄）"
    )
    first = "图为浙江某地乡村一景。（资料图片）"
    return "\n".join([*head, *body[:k], first, *body[k:j], second, *body[j:]])


def _xuexi_copy(text: str) -> str:
    """Copied from 学习强国: one info line with the source, author and date; the app's name and
    【纠错】 at the end."""
    head, body = _head_and_body(text)
    info = f"来源：人民日报 | 作者：{head[-1]} | 2025-12-02"
    return "\n".join([*head[:-1], info, *body, "", "责任编辑：王小明", "【纠错】", "学习强国"])


def _labelled_copy(text: str) -> str:
    """Exported from a database: 标题：… and 作者：… labels (a kicker stays above the title)."""
    head, body = _head_and_body(text)
    titles = [*head[:-2], "标题：" + head[-2]] if len(head) >= 2 else head[:-1]
    return "\n".join([*titles, "作者：" + head[-1], *body])


COPIES = {
    "people": (_people_copy, "人民日报 2025年12月2日"),
    "gmw": (_gmw_copy, "光明日报 2025年12月2日"),
    "wechat": (_wechat_copy, "学习时报 2025年12月2日"),
    "caption": (_captioned_copy, None),
    "xuexi": (_xuexi_copy, "人民日报 2025年12月2日"),
    "labelled": (_labelled_copy, None),
}
ESSAY = (
    "以数字化赋能新时代“枫桥经验”\n尉建文\n\n"
    "坚持和发展新时代“枫桥经验”，是推进基层治理现代化的重要路径。近年来，各地运用数字技术"
    "创新矛盾纠纷化解方式，取得了积极成效。\n"
    "数字技术让群众诉求表达更加便捷。线上平台打通了反映问题的渠道，基层干部能够第一时间"
    "掌握社情民意，及时回应群众关切。\n"
    "数据共享让矛盾化解更加高效。各部门信息互通，减少了群众来回奔波。\n"
    "（作者单位：南开大学社会学院）"
)


def _same_essay(got, clean, name: str) -> None:
    assert (got.title, got.authors, got.affiliation) == (
        clean.title,
        clean.authors,
        clean.affiliation,
    ), name
    assert got.kicker == clean.kicker and got.sections == clean.sections, name
    assert got.paragraphs == clean.paragraphs, name


@pytest.mark.parametrize("kind", sorted(COPIES))
def test_a_copy_of_a_news_site_or_wechat_page_reads_as_the_essay(kind):
    copy, cited = COPIES[kind]
    (clean,) = read_articles(Source("a.txt", ESSAY, "utf-8"))
    (got,) = read_articles(Source("a.txt", copy(ESSAY), "utf-8"))
    assert clean.authors == ("尉建文",) and clean.affiliation == "南开大学社会学院"
    _same_essay(got, clean, kind)
    assert got.published == (cited or clean.published)


@needs_dev
@pytest.mark.parametrize("kind", sorted(COPIES))
def test_site_copies_of_the_dev_essays_read_as_their_clean_copies(kind):
    copy, cited = COPIES[kind]
    for path in sorted((DEV / "web").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (clean,) = read_articles(Source(path.name, text, "utf-8"))
        (got,) = read_articles(Source(path.name, copy(text), "utf-8"))
        _same_essay(got, clean, path.name)
        assert got.published == (cited or clean.published), path.name
