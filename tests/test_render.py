"""The PDF: pages, text where it belongs, embedded fonts, links, outline, fitting, reproducibility."""

from __future__ import annotations

import dataclasses
import gc
import io
import re
import weakref
from pathlib import Path

import pytest
from helpers import brief, item, long_brief, pack, seed_briefs, seed_pack
from pypdf import PdfReader

from brief.model import LISTS
from brief.render import pdf as render
from brief.render.essay import para_ref
from brief.render.fit import fit_essay
from brief.render.fonts import load_fonts
from brief.render.layout import load_layout
from brief.render.pdf import render_pack
from brief.render.typeset import CLOSING

ROOT = Path(__file__).resolve().parents[1]
FRONT = 1  # a short pack: cover head, contents and overview on one page (was 2 before the overview)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def layout():
    return load_layout(None)


@pytest.fixture(scope="module")
def rendered(layout):
    """The seed pack plus one far too long essay, rendered once for the whole module."""
    the_pack = pack(*seed_briefs(), long_brief())
    pdf, warnings = render_pack(the_pack, layout)
    return the_pack, pdf, warnings, PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def texts(rendered):
    return [page.extract_text() for page in rendered[3].pages]


def test_one_page_per_essay_after_the_front_matter(rendered):
    the_pack, _, _, reader = rendered
    assert len(reader.pages) == FRONT + len(the_pack.briefs)


def test_each_title_is_on_its_own_page(rendered, texts):
    the_pack = rendered[0]
    for n, b in enumerate(the_pack.briefs):
        page = squash(texts[FRONT + n])
        assert squash(b.article.title) in page
        for other in the_pack.briefs:
            if other is not b:
                assert squash(other.article.title) not in page


def test_essay_page_shows_every_block(rendered, texts):
    first = rendered[0].briefs[0]
    page = squash(texts[FRONT])
    for label in ("论点", "问题", "机理", "对策", "关键词", "讨论", "论证图"):
        assert label in page
    assert squash(first.thesis) in page
    for name in LISTS:
        for it in getattr(first, name):
            assert squash(it.text) in page
    assert "¶3–4" in page and "¶11–12" in page  # references in small type after the items
    assert "第1篇/共4篇" in page  # running header
    assert "—2—" in page  # footer page number
    assert "1.结合资源型城市" in page  # numbered questions
    assert "房芳" in page and "郭建杰" in page


def test_every_font_is_embedded(rendered):
    reader = rendered[3]
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(font["/BaseFont"])
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert seen and not any("Helvetica" in name for name in seen)
    assert b"Helvetica" not in rendered[1]


def test_too_long_essay_keeps_to_one_page_and_says_what_it_dropped(rendered, texts):
    the_pack, _, warnings, _ = rendered
    long_one = the_pack.briefs[-1]
    assert sum(len(x) for name in LISTS for x in (i.text for i in getattr(long_one, name))) > 20_000
    notes = [w for w in warnings if w.startswith(f"《{long_one.article.title}》")]
    assert any("no room for the argument map" in w for w in notes)  # the map gives way first
    notes = [w for w in notes if "argument map" not in w]
    assert len(notes) == 1
    m = re.fullmatch(
        r"《.+》: too long for one page even at the smallest sizes; dropped (\d+) of (\d+) "
        r"lowest-ranked items \(问题 (\d+), 机理 (\d+), 对策 (\d+)\)",
        notes[0],
    )
    assert m, notes[0]
    dropped, total = int(m.group(1)), int(m.group(2))
    assert total == 200 and 0 < dropped < total
    assert dropped == sum(int(m.group(k)) for k in (3, 4, 5))
    page = squash(texts[-1])
    assert squash(long_one.article.title) in page and "笔记" in page  # notes survive (min lines)
    assert page.count("第") - page.count("第4篇") == total - dropped  # 第N点 of each kept item


def test_dropped_items_are_the_lowest_ranked(layout):
    long_one = long_brief()
    the_pack = pack(long_one)
    page, _ = fit_essay(layout, load_fonts(layout.fonts), the_pack, long_one, 1)
    entries = [e for s in page.sections for e in s.entries]
    kept = [e.score for e in entries if not e.dropped]
    dropped = [e.score for e in entries if e.dropped]
    assert kept and dropped
    assert min(kept) >= max(dropped)
    assert page.kit.scale.body == layout.fit.min_body  # items go only once sizes are at the minimum


def test_a_page_tightens_before_dropping_anything(layout):
    texts = [
        f"第{k}点：资源型城市的经济发展长期依赖低技术门槛的资源型产业，对高素质劳动力需求有限"
        for k in range(34)
    ]
    medium = brief(
        title="稍长的文章", problems=texts[:11], mechanisms=texts[11:22], recommendations=texts[22:]
    )
    page, notes = fit_essay(layout, load_fonts(layout.fonts), pack(medium), medium, 1)
    assert notes == []
    assert not any(e.dropped for s in page.sections for e in s.entries)
    assert layout.fit.min_body <= page.kit.scale.body < layout.sizes.body


def test_no_line_starts_with_closing_punctuation(texts):
    for text in texts[FRONT:]:
        for line in text.splitlines():
            line = line.strip()
            if line and not re.fullmatch(r"— \d+ —", line):  # the footer's dashes are meant
                assert line[0] not in CLOSING, line


def test_two_renders_are_byte_identical(rendered, layout):
    the_pack, pdf, _, _ = rendered
    again, _ = render_pack(the_pack, layout)
    assert again == pdf


def test_creation_date_comes_from_source_date_epoch(layout, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    pdf, _ = render_pack(seed_pack(), layout)
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:20231114221320")


def test_metadata(rendered):
    meta = rendered[3].metadata
    assert meta.title == "理论·智库 研读简报"
    assert meta.author.startswith("房芳、郭建杰、沈琦")
    assert "2025-11-28" in meta.subject and "共 4 篇" in meta.subject
    assert "新质生产力" in meta["/Keywords"]
    assert meta.creator.startswith("Brief ")


def test_outline_has_every_essay(rendered):
    the_pack, _, _, reader = rendered
    titles = [entry.title for entry in reader.outline]
    assert titles == ["目录", "概览", *(b.article.title for b in the_pack.briefs)]
    pages = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert pages == [0, 0, *range(FRONT, FRONT + len(the_pack.briefs))]


def test_contents_entries_link_to_their_pages(rendered, texts):
    the_pack, _, _, reader = rendered
    contents = reader.pages[0]  # the one front page
    targets = []
    for annot in contents["/Annots"]:
        a = annot.get_object()
        assert a["/Subtype"] == "/Link"
        dest = a["/Dest"] if "/Dest" in a else a["/A"]["/D"]
        if isinstance(dest, str):
            dest = reader.named_destinations[dest]
            targets.append(reader.get_destination_page_number(dest))
        else:
            targets.append(reader.get_page_number(dest[0].get_object()))
    assert targets == list(range(FRONT, FRONT + len(the_pack.briefs)))
    page = squash(texts[0])
    assert "目录" in page and "概览" in page
    for n, b in enumerate(the_pack.briefs, start=1):
        assert f"{n}{squash(b.article.title)}" in page


def test_cover(texts):
    cover = squash(texts[0])
    assert "理论·智库研读简报" in cover and "2025-11-28" in cover and "共4篇" in cover
    assert "000_c6352a07d5a6d834.txt" in cover


def test_missing_characters_are_reported_with_code_and_essay(layout):
    fonts = load_fonts(layout.fonts)
    only_fallback = next(
        chr(cp)
        for cp in range(0x3400, 0x4DC0)
        if cp in fonts.fallback.regular.cmap and cp not in fonts.body.regular.cmap
    )
    odd = brief(title="生僻字", thesis=f"论点里有{only_fallback}字，也有\U00020000字。")
    pdf, warnings = render_pack(pack(odd), layout)
    assert warnings == [
        "《生僻字》: U+20000 '\U00020000' is in none of the fonts "
        "(NotoSerifSC-Regular.ttf, NotoSansSC-Regular.ttf); printed as 〓"
    ]
    text = squash(PdfReader(io.BytesIO(pdf)).pages[FRONT].extract_text())
    assert f"论点里有{only_fallback}字，也有〓字。" in text


def test_empty_lists_are_omitted_or_noted(tmp_path, layout):
    sparse = brief(
        title="只有对策", thesis="论点。", recommendations=["加强数据要素市场的培育力度"]
    )
    pdf, _ = render_pack(pack(sparse), layout)
    page = squash(PdfReader(io.BytesIO(pdf)).pages[FRONT].extract_text())
    lists = page.split("论证图")[0]  # the map below always shows its three columns
    assert "对策" in lists and "问题" not in lists and "本文未明确论述" not in page
    noted = tmp_path / "noted.yaml"
    noted.write_text("lists: {empty: note}\n", encoding="utf-8")
    pdf, _ = render_pack(pack(sparse), load_layout(noted))
    page = squash(PdfReader(io.BytesIO(pdf)).pages[FRONT].extract_text())
    assert "问题（本文未明确论述）" in page and "机理（本文未明确论述）" in page


def test_blocks_labels_and_templates_come_from_the_layout(tmp_path):
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        "blocks: [title, recommendations, problems]\n"
        "labels: {recommendations: 建议, problems: 短板}\n"
        "templates:\n"
        "  footer: {right: '{{ pack.title }} · 第 {{ page }} 页'}\n",
        encoding="utf-8",
    )
    pdf, _ = render_pack(seed_pack(), load_layout(custom))
    page = squash(PdfReader(io.BytesIO(pdf)).pages[FRONT].extract_text())
    assert "理论·智库研读简报·第2页" in page
    assert page.index("建议") < page.index("短板")
    for gone in ("论点", "笔记", "讨论", "第1篇"):
        assert gone not in page


@pytest.mark.parametrize("path", sorted((ROOT / "layouts").glob("*.yaml")), ids=lambda p: p.name)
def test_every_layout_builds(path):
    the_pack = seed_pack()
    layout = load_layout(path)
    pdf, warnings = render_pack(the_pack, layout)
    reader = PdfReader(io.BytesIO(pdf))
    per_essay = 2 if layout.map.page else 1  # map.yaml: brief and map on facing pages
    assert len(reader.pages) == FRONT + per_essay * len(the_pack.briefs)
    assert warnings == []
    for n in range(len(the_pack.briefs)):
        assert "论证图" in reader.pages[FRONT + per_essay * n + per_essay - 1].extract_text()
    for n, b in enumerate(the_pack.briefs):
        page = reader.pages[FRONT + per_essay * n].extract_text()
        assert squash(b.article.title) in squash(page)


def test_paragraph_references():
    assert para_ref((3,)) == "3"
    assert para_ref((3, 4)) == "3–4"
    assert para_ref((2, 3, 4, 7)) == "2–4, 7"
    assert para_ref((9, 1, 2)) == "1–2, 9"


def test_bold_works_in_a_stock_paragraph(layout):
    from reportlab.lib.fonts import tt2ps

    fonts = load_fonts(layout.fonts)
    assert tt2ps(fonts.body.name, 1, 0) == fonts.body.bold.name
    assert tt2ps(fonts.heading.name, 1, 0) == fonts.heading.bold.name


def test_items_keep_their_order_after_dropping(layout):
    ranked = [
        item(f"第{k}条：很长的条目" + "要素错配" * 60, k + 1, score=float(k % 5)) for k in range(30)
    ]
    essay = dataclasses.replace(
        long_brief(), problems=tuple(ranked), mechanisms=(), recommendations=()
    )
    pdf, warnings = render_pack(pack(essay), layout)
    page = squash(PdfReader(io.BytesIO(pdf)).pages[FRONT].extract_text())
    shown = [int(n) for n in re.findall(r"第(\d+)条", page)]
    assert shown == sorted(shown) and len(shown) < 30 and warnings


def test_a_giant_thesis_is_shortened_rather_than_overflowing(layout):
    giant = brief(
        title="论点极长",
        thesis="要素错配加剧了资源型城市的产业路径依赖。" * 1500,
        problems=["产业结构单一"],
    )
    pdf, warnings = render_pack(pack(giant), layout)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == FRONT + 1
    assert warnings[-1:] == ["《论点极长》: too long for one page; cut short with …: thesis"]
    page = squash(reader.pages[FRONT].extract_text())
    assert "…" in page and "—2—" in page


def test_many_essays_spread_the_contents_over_more_pages(layout):
    many = [
        brief(title=f"第{n}篇：资源型城市高质量发展", thesis="论点。", problems=["问题"])
        for n in range(1, 46)
    ]
    pdf, _ = render_pack(pack(*many), layout)
    reader = PdfReader(io.BytesIO(pdf))
    front = 1 + 2 + 1  # cover, two pages of contents, the overview after them, over two pages
    assert len(reader.pages) == front + len(many)
    overview = squash("".join(reader.pages[n].extract_text() for n in (front - 2, front - 1)))
    assert "概览" in overview and all(squash(b.article.title) in overview for b in many)
    last = squash(reader.pages[front - 1].extract_text())
    last = squash(reader.pages[front - 2].extract_text())
    assert f"45第45篇：资源型城市高质量发展{front + 45}" in last
    assert squash(many[0].article.title) in squash(reader.pages[front].extract_text())
    assert reader.get_destination_page_number(reader.outline[-1]) == front + 44


def test_each_essay_page_is_let_go_before_the_next_is_laid_out(layout, monkeypatch):
    """Essays are fitted and drawn one at a time, so a big pack does not hold every layout."""
    pages: list[weakref.ref] = []
    alive = []  # for each essay: how many earlier pages are still alive when it is fitted

    def fit(*args):
        gc.collect()
        alive.append(sum(ref() is not None for ref in pages))
        page, notes = real_fit(*args)
        pages.append(weakref.ref(page))
        return page, notes

    real_fit = render.fit_essay
    monkeypatch.setattr(render, "fit_essay", fit)
    the_pack = pack(*seed_briefs(), long_brief())
    pdf, warnings = render_pack(the_pack, layout)
    assert alive == [0] * len(the_pack.briefs)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == FRONT + len(the_pack.briefs)
    assert len(warnings) == 2  # the long essay: no room for its map, dropped items
