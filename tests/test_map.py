"""Argument maps, overview and glossary: the data derived in make_pack and how they are set."""

import dataclasses
import io
import re

import pytest
from conftest import ROOT
from helpers import article, brief
from pypdf import PdfReader

from brief.model import LISTS, Brief, Link
from brief.pack.glossary import make_glossary
from brief.pack.links import make_links
from brief.pack.make import make_pack
from brief.pack.overview import make_themes
from brief.render.blocks import Kit, scale_at
from brief.render.fonts import load_fonts
from brief.render.layout import load_layout
from brief.render.map import build_map, fit_map, smallest_map
from brief.render.pdf import render_pack
from brief.summary.terms import DEFINES, essay_terms, strength

SHARED = ROOT.parent / "shared" / "eval" / "dev" / "web"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_pack(seed_briefs):
    return make_pack(seed_briefs, date="2025-11-28")


@pytest.fixture(scope="module")
def kit():
    layout = load_layout(None)
    return Kit(layout, load_fonts(layout.fonts), scale_at(layout, 0.0))


# ---------------------------------------------------------------- derived data


def test_links_join_a_mechanism_or_measure_to_a_problem_by_shared_words(seed_pack):
    assert any(seed_pack.links), "the seed has clear links"
    for b, links in zip(seed_pack.briefs, seed_pack.links, strict=True):
        for link in links:
            assert link.a[0] in ("mechanisms", "recommendations") and link.b[0] == "problems"
            assert 0 <= link.a[1] < len(getattr(b, link.a[0]))
            assert 0 <= link.b[1] < len(b.problems)
            assert link.terms
        # at most one problem per mechanism or measure
        assert len({ln.a for ln in links}) == len(links)


def test_links_need_shared_content_words():
    unrelated = brief(
        problems=["资源型城市产业结构单一"],
        mechanisms=["干部队伍理想信念淡薄"],
        recommendations=["弘扬“两路”精神"],
    )
    assert make_links(unrelated) == ()
    related = brief(
        problems=["资源型城市产业结构单一，高端制造缺乏"],
        recommendations=["培育高端制造产业集群，优化资源型城市产业结构"],
    )
    (link,) = make_links(related)
    assert link.a == ("recommendations", 0) and link.b == ("problems", 0)


def test_links_are_a_function_of_the_brief_alone(seed_briefs, seed_pack):
    """A pack rebuilt from its briefs (as from an edited pack.yaml) gets the same links."""
    again = make_pack([dataclasses.replace(b) for b in seed_briefs])
    assert again.links == seed_pack.links


def test_terms_prefer_a_definition_sentence():
    a = article(
        title="新质生产力",
        paragraphs=[
            "新质生产力正在各地兴起，新质生产力带动产业升级。",
            "所谓新质生产力，是指创新起主导作用、摆脱传统经济增长方式的先进生产力质态。",
            "发展新质生产力要因地制宜，新质生产力不是一哄而上。",
        ],
    )
    (term, *_) = essay_terms(a, ("新质生产力",))
    assert term.term == "新质生产力" and term.paragraph == 2
    assert term.sentence.startswith("所谓新质生产力")
    assert strength(term.term, term.sentence) == DEFINES


def test_each_seed_essay_has_terms_and_a_length(seed_briefs):
    for b in seed_briefs:
        assert b.length == sum(len(squash(p.text)) for p in b.article.paragraphs) > 1000
        assert len(b.terms) >= 4
        paras = {p.n: p.text for p in b.article.paragraphs}
        for t in b.terms:
            assert t.term in t.sentence and t.sentence in paras[t.paragraph]


def test_the_seed_glossary_has_ten_terms_from_every_essay(seed_pack):
    glossary = seed_pack.glossary
    assert 10 <= len(glossary) <= 40
    assert {t.essay for t in glossary} == {1, 2, 3}
    assert len({t.term for t in glossary}) == len(glossary)  # one definition per term
    for t in glossary:
        text = {p.n: p.text for p in seed_pack.briefs[t.essay - 1].article.paragraphs}
        assert t.sentence in text[t.paragraph]


def test_glossary_keeps_at_most_forty_terms_taking_turns():
    briefs = []
    for n in range(12):
        terms = tuple(
            dataclasses.replace(
                t, term=f"{t.term}{n}{k}", sentence=t.sentence.replace(t.term, f"{t.term}{n}{k}")
            )
            for k, t in enumerate([_term()] * 6)
        )
        briefs.append(dataclasses.replace(brief(), terms=terms))
    glossary = make_glossary(briefs)
    assert len(glossary) == 40
    assert {t.essay for t in glossary} == set(range(1, 13))


def _term():
    from brief.model import Term

    return Term("要素错配", "所谓要素错配，是指要素没有配置到效率最高的地方。", 3)


def test_themes_are_terms_two_essays_take_up():
    a = brief(title="甲", keywords=("资源型城市", "要素错配"))
    b = brief(title="乙", keywords=("资源型城市", "数字治理"))
    c = brief(title="丙", keywords=("基层治理",))
    (theme, *rest) = make_themes([a, b, c])
    assert theme.term == "资源型城市" and theme.essays == (1, 2)
    assert all(len(t.essays) >= 2 for t in rest)
    assert make_themes([a]) == ()


# ---------------------------------------------------------------- the map's geometry


def _overlap(p, q) -> bool:
    return p.x < q.x + q.w and q.x < p.x + p.w and p.y < q.y + q.h and q.y < p.y + p.h


def _crosses(box, a, b) -> bool:
    """Whether the axis-parallel segment a-b passes through the inside of `box`."""
    (x1, y1), (x2, y2) = a, b
    inside_x = (box.x + 0.01, box.x + box.w - 0.01)
    inside_y = (box.y + 0.01, box.y + box.h - 0.01)
    if abs(y1 - y2) < 1e-6:  # horizontal
        lo, hi = sorted((x1, x2))
        return inside_y[0] < y1 < inside_y[1] and lo < inside_x[1] and hi > inside_x[0]
    lo, hi = sorted((y1, y2))
    return inside_x[0] < x1 < inside_x[1] and lo < inside_y[1] and hi > inside_y[0]


def _check_geometry(geom, b: Brief, links: tuple[Link, ...]):
    boxes = geom.boxes
    for i, p in enumerate(boxes):
        for q in boxes[i + 1 :]:
            assert not _overlap(p, q), (p.key, q.key)
        inner = p.w - 2 * p.pad
        assert p.para.height_for(inner) + 2 * p.pad <= p.h + 1e-6
        assert all(line.width <= inner + 0.5 for line in p.para.break_lines(inner))
        assert p.x >= 0 and p.x + p.w <= geom.width + 1e-6
    keys = {bx.key for bx in boxes}
    for name in LISTS:
        assert {(name, n) for n in range(len(getattr(b, name)))} <= keys
    assert len(geom.connectors) == len(links)
    for line in geom.connectors:
        for a, c in zip(line, line[1:], strict=False):
            assert a[0] == c[0] or a[1] == c[1]  # orthogonal segments
            for box in boxes:
                assert not _crosses(box, a, c), (box.key, a, c)


@pytest.mark.parametrize("room", [0, 200, 320, 700])  # 0: what the page reserves for it
def test_a_map_fits_its_room_without_overlaps_or_crossings(kit, seed_pack, room):
    for b, links in zip(seed_pack.briefs, seed_pack.links, strict=True):
        room = room or smallest_map(kit, b, links, 480)
        geom = fit_map(kit, b, links, 480, room, 8.5)
        assert geom.height <= room + 1e-6
        _check_geometry(geom, b, links)


def test_a_map_built_against_a_limit_is_the_same_map_or_too_tall_for_it(kit, seed_pack):
    """Fitting stops building a map as soon as it is too tall: that never changes a verdict."""
    for b, links in zip(seed_pack.briefs, seed_pack.links, strict=True):
        for size, budget in ((8.5, None), (6.5, 20)):
            whole = build_map(kit, b, links, 480, size, budget)
            for limit in (whole.height * 0.3, whole.height * 0.9, whole.height, whole.height + 5):
                cut = build_map(kit, b, links, 480, size, budget, limit=limit)
                assert (cut.height <= limit + 1e-6) == (whole.height <= limit + 1e-6)
                if whole.height <= limit + 1e-6:
                    assert cut.height == whole.height
                    assert [(x.key, x.y, x.h) for x in cut.boxes] == [
                        (x.key, x.y, x.h) for x in whole.boxes
                    ]
                    assert cut.connectors == whole.connectors
                else:
                    assert limit < cut.height <= whole.height


def test_every_recommendation_link_passes_between_the_middle_boxes(kit):
    crowded = brief(
        thesis="论点。",
        problems=[f"资源型城市问题{n}甲乙" for n in range(6)],
        mechanisms=[f"机理{n}丙丁" for n in range(6)],
        recommendations=[f"对策{n}戊己" for n in range(6)],
    )
    links = tuple(Link(("recommendations", n), ("problems", 5 - n), ("x",)) for n in range(6))
    links += tuple(Link(("mechanisms", n), ("problems", n), ("y",)) for n in range(6))
    for size in (6.5, 8.5, 11):
        _check_geometry(build_map(kit, crowded, links, 400, size, None), crowded, links)


# ---------------------------------------------------------------- the PDF


@pytest.fixture(scope="module")
def seed_pdf(seed_pack):
    pdf, warnings = render_pack(seed_pack, load_layout(ROOT / "layouts" / "default.yaml"))
    return warnings, [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _in_map(page_text: str, item) -> bool:
    mapped = squash(page_text).split("论证图", 1)[1]
    head, ref = squash(item.text)[:6], f"¶{item.paragraphs[0]}"
    return any(
        ref in mapped[m.start() : m.start() + len(item.text) + 12]
        for m in re.finditer(re.escape(head), mapped)
    )


def test_seed_front_matter_is_one_page_with_contents_and_overview(seed_pack, seed_pdf):
    warnings, texts = seed_pdf
    assert warnings == []
    assert len(texts) == 1 + len(seed_pack.briefs) + 1  # front page, essays, glossary
    front = squash(texts[0])
    assert "目录" in front and "概览" in front
    overview = front.split("概览", 1)[1]
    for b in seed_pack.briefs:
        assert squash(b.article.title) in overview
        assert f"{b.length:,}" in overview


def test_each_seed_page_has_its_map_with_every_item(seed_pack, seed_pdf):
    _, texts = seed_pdf
    for n, b in enumerate(seed_pack.briefs, start=1):
        page = texts[n]
        assert squash(b.article.title) in squash(page) and "论证图" in page
        for name in LISTS:
            for it in getattr(b, name):
                assert _in_map(page, it), it.text


def test_the_glossary_ends_the_pack_with_essay_and_paragraph(seed_pack, seed_pdf):
    _, texts = seed_pdf
    last = squash(texts[-1])
    assert last.split("—")[0].endswith("术语") or "术语" in last[:40]
    found = re.findall(r"〔(\d+)·¶(\d+)〕", last)
    assert len(found) == len(seed_pack.glossary) >= 10
    for t in seed_pack.glossary:
        assert squash(t.term + t.sentence) in last


def test_map_layout_sets_brief_and_map_on_facing_pages(seed_pack):
    layout = load_layout(ROOT / "layouts" / "map.yaml")
    pdf, warnings = render_pack(seed_pack, layout)
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert warnings == []
    for n, b in enumerate(seed_pack.briefs):
        brief_page = 1 + 2 * n  # 0-based: page 2, 4, 6 (left-hand pages) hold the briefs
        assert (brief_page + 1) % 2 == 0
        assert "笔记" in texts[brief_page] and "论证图" not in texts[brief_page]
        assert "论证图" in texts[brief_page + 1]
        for name in LISTS:
            for it in getattr(b, name):
                assert _in_map(texts[brief_page + 1], it), it.text


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared (the dev essays)")
def test_twelve_dev_essays_keep_one_page_each_with_their_maps():
    from brief.build import extract

    files = sorted(SHARED.glob("*.txt"))[:12]
    the_pack = make_pack(extract([str(f) for f in files]), date="2025-11-28")
    assert len(the_pack.briefs) == 12
    pdf, warnings = render_pack(the_pack, load_layout(None))
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert not [w for w in warnings if "argument map" in w]
    glossary_pages = sum(1 for t in texts if "〔" in t and "论证图" not in t)
    front = len(texts) - 12 - glossary_pages
    assert front == 1  # cover, contents and overview of twelve essays on one A4 page
    assert 10 <= len(the_pack.glossary) <= 40
    for n, b in enumerate(the_pack.briefs):
        page = texts[front + n]
        assert squash(b.article.title) in squash(page)
        for name in LISTS:
            for it in getattr(b, name):
                assert _in_map(page, it), (n, it.text)
