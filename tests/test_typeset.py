"""The CJK line breaker: real sentences, against stock reportlab, and random text."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.render.fonts import MISSING_MARK, load_fonts
from brief.render.layout import load_layout
from brief.render.typeset import CLOSING, OPENING, CJKParagraph, Span, TextStyle, clean, text_width

SIZE = 10.0

# Sentences from the seed page, with the marks that stock reportlab mishandles.
SENTENCES = [
    "因此，相比新兴产业、高新技术产业而言，资源型产业在融资时往往更有优势，导致大量资本涌向资源型"
    "产业，对知识、技术密集型产业形成显著的“金融挤出效应”，阻碍产业结构优化升级，加剧城市路径依赖"
    "与产业结构失衡。",
    "第一，基于“技术赋能”逻辑，通过生产要素的创新性配置缓解要素错配；第二，基于“要素赋能”逻辑，"
    "通过新型生产要素“质”的变革优化资源配置效率！第三，基于“关系变革”逻辑？通过“新型生产关系”"
    "破除要素流动障碍：《资源型城市》（2023年版）……民生保障与社会治理的协同遵循“治理优化——"
    "民生改善——治理认同——治理升级”的闭环逻辑。",
    "2023年9月，习近平总书记在黑龙江考察时指出，整合科技创新资源，引领发展战略性新兴产业和未来"
    "产业，加快5G基站、工业互联网平台等配套设施建设，编号DS543的项目问题处置效率提升40%，"
    "重复投诉率下降35%，人均月增收2000—3000元。",
]
WORDS = ("2023", "5G", "DS543", "40%", "2000")


@pytest.fixture(scope="module")
def fonts():
    return load_fonts(load_layout(None).fonts)


@pytest.fixture(scope="module")
def body(fonts):
    return TextStyle(fonts.chain("body"), SIZE)


def lines_of(text: str, style: TextStyle, width: float) -> list[str]:
    return CJKParagraph([Span(text, style)], SIZE * 1.5).line_texts(width)


WIDTHS = [SIZE * em + extra for em in range(6, 41) for extra in (0.0, 2.5, 5.0, 7.5)]


def test_no_line_starts_with_closing_or_ends_with_opening(body):
    for text in SENTENCES:
        for width in WIDTHS:
            lines = lines_of(text, body, width)
            assert "".join(lines) == text  # nothing lost, nothing added
            for line in lines:
                assert line[0] not in CLOSING, (width, line)
                assert line[-1] not in OPENING, (width, line)


def test_dashes_ellipses_and_latin_words_never_split(body):
    for text in SENTENCES:
        for width in WIDTHS:
            joined = "|".join(lines_of(text, body, width))
            assert "—|—" not in joined and "…|…" not in joined, width
            for word in WORDS:
                assert joined.count(word) == text.count(word), (width, word, joined)


def stock_lines(text: str, font: str, width: float) -> list[str]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("cjk", fontName=font, fontSize=SIZE, leading=SIZE * 1.5, wordWrap="CJK")
    para = Paragraph(text, style)
    para.wrap(width, 10_000)
    bl = para.blPara
    if bl.kind == 0:  # plain text: (extra space, [words]) per line
        return ["".join(words) for _, words in bl.lines]
    return ["".join(w.text for w in line.words) for line in bl.lines]


def test_stock_reportlab_breaks_the_rules_that_brief_keeps(fonts, body):
    """The difference is real: stock wordWrap='CJK' starts lines with ，。” etc. at these widths."""
    font = fonts.body.regular.name
    stock_bad = brief_bad = 0
    for text in SENTENCES:
        for width in WIDTHS:
            stock = stock_lines(text, font, width)
            assert "".join(stock) == text
            stock_bad += sum(1 for line in stock[1:] if line[0] in CLOSING)
            stock_bad += sum(1 for line in stock[:-1] if line[-1] in OPENING)
            ours = lines_of(text, body, width)
            brief_bad += sum(1 for line in ours[1:] if line[0] in CLOSING)
            brief_bad += sum(1 for line in ours[:-1] if line[-1] in OPENING)
    assert stock_bad > 20
    assert brief_bad == 0


def test_lines_are_justified_except_the_last(body):
    para = CJKParagraph([Span(SENTENCES[0], body)], SIZE * 1.5)
    width = SIZE * 17 + 3.3
    lines = para.break_lines(width)
    assert len(lines) > 3
    g = para._glyphs
    for line in lines[:-1]:
        gaps = sum(1 for k in range(line.start, line.end) if g.stretch[k])
        assert line.justified
        assert line.width + line.extra * gaps == pytest.approx(width, abs=0.01)
        assert 0 <= line.extra < SIZE * 0.5  # slack is spread thin, not dumped in one gap
    assert not lines[-1].justified and lines[-1].extra == 0


def test_adjacent_marks_share_space(body):
    assert text_width([Span("”“", body)]) == pytest.approx(SIZE)  # ”“ in one em
    assert text_width([Span("”。", body)]) == pytest.approx(SIZE * 1.5)
    assert text_width([Span("）、", body)]) == pytest.approx(SIZE * 1.5)
    assert text_width([Span("字字", body)]) == pytest.approx(SIZE * 2)


def test_a_full_width_middle_dot_takes_half_an_em(fonts):
    sans = TextStyle(fonts.chain("heading"), SIZE)
    assert text_width([Span("理论·智库", sans)]) == pytest.approx(SIZE * 4.5)


def test_a_closing_mark_at_the_end_of_a_line_may_hang_its_blank_half(body):
    # a line of 10.5 em: the comma after ten characters sets in half an em instead of
    # pulling the tenth character down with it
    lines = lines_of("字" * 10 + "，" + "字" * 5, body, SIZE * 10.5 + 0.1)
    assert lines == ["字" * 10 + "，", "字" * 5]


def test_a_last_line_is_never_one_or_two_characters(body):
    assert [len(x) for x in lines_of("字" * 21, body, SIZE * 10)] == [10, 8, 3]
    assert [len(x) for x in lines_of("字" * 22, body, SIZE * 10)] == [10, 9, 3]
    assert [len(x) for x in lines_of("字" * 23, body, SIZE * 10)] == [10, 10, 3]
    # a mark goes with its character: 什么？ is two atoms, and takes 为 from the line above
    question = "字" * 18 + "为什么？"
    assert lines_of(question, body, SIZE * 10)[-1] == "为什么？"


def test_a_stray_space_before_a_mark_does_not_let_the_mark_start_a_line(body):
    # found by the random test below: the space broke the line, the comma led the next one
    assert lines_of("2023DS543DS543DS543 ，", body, SIZE * 12) == ["2023DS543DS543DS543，"]
    assert clean("创新 。 ") == "创新。 "


def test_characters_missing_from_the_body_face_use_the_fallback(fonts, body):
    spare = next(
        chr(cp)
        for cp in range(0x3400, 0x4DC0)
        if cp in fonts.fallback.regular.cmap and cp not in fonts.body.regular.cmap
    )
    para = CJKParagraph([Span(f"甲{spare}乙", body)], SIZE * 1.5)
    assert [f.name for f in para._glyphs.faces] == [
        fonts.body.regular.name,
        fonts.fallback.regular.name,
        fonts.body.regular.name,
    ]
    assert not para.missing


def test_characters_no_face_has_become_the_geta_mark(body):
    para = CJKParagraph([Span("甲\U0001f600乙", body)], SIZE * 1.5)
    assert para.missing == {"\U0001f600"}
    assert para.line_texts(SIZE * 20) == [f"甲{MISSING_MARK}乙"]


def test_a_keep_span_stays_whole_and_with_the_text_before_it(fonts, body):
    small = TextStyle(fonts.chain("body"), 7.0)
    for width in WIDTHS[:40]:
        para = CJKParagraph(
            [Span(SENTENCES[0], body), Span(" ¶12–14", small, keep=True)], SIZE * 1.5
        )
        last = para.line_texts(width)[-1]
        assert last.endswith("¶12–14") and len(last) > len(" ¶12–14")


def test_drawn_text_reads_back_whole(fonts, body):
    """Segments, char spacing and compression draw exactly the paragraph's text."""
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, initialFontName=fonts.body.regular.name)
    heading = TextStyle(fonts.chain("heading", bold=True), SIZE)
    para = CJKParagraph([Span("论点　", heading), Span(SENTENCES[1], body)], SIZE * 1.6)
    para.draw_at(canvas, 50, 800, 300)
    canvas.showPage()
    canvas.save()
    text = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
    assert "".join(text.split()) == "".join(("论点" + SENTENCES[1]).split())


def test_clean_collapses_whitespace_and_drops_invisibles():
    assert clean("甲\n\t 乙\u200b丙\u00ad") == "甲 乙丙"


FRAGMENTS = [
    *"资源型城市产业结构转型升级，。、；：？！“”（）《》",
    "——",
    "……",
    "5G",
    "2023",
    " ",
    "DS543",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=120), st.integers(8, 40))
def test_random_text_loses_nothing_and_keeps_the_rules(body_style, parts, ems):
    text = "".join(parts)
    lines = lines_of(text, body_style, ems * SIZE)
    assert "".join(lines).replace(" ", "") == clean(text).replace(" ", "")
    for prev, line in zip(lines, lines[1:], strict=False):
        assert line[0] not in CLOSING or _forced(prev, line, ems), (prev, line)


def _forced(prev: str, line: str, ems: int) -> bool:
    # An atom wider than a line (a run of closing marks, or 资———— with its dashes glued on)
    # cannot be kept whole: only then may a mark lead, where the line above is that atom's start.
    return len(line) >= ems - 2 or all(c in CLOSING for c in prev.strip()[1:])


@pytest.fixture(scope="module")
def body_style(body):
    return body


def test_the_two_halves_of_a_chinese_dash_join(fonts, body):
    from brief.render.fonts import ink_extent

    para = CJKParagraph([Span("甲——乙", body)], SIZE * 1.5)
    g = para._glyphs
    left = ink_extent(g.faces[1].name, "—")
    assert left is not None and 0 < left[0] < left[1]
    # the second dash's ink starts where the first dash's ink ends
    assert g.adv[1] / SIZE * 1000 == pytest.approx(left[1] - left[0])
    assert g.adv[2] == g.natural[2]


def test_an_opening_mark_starting_a_line_hangs_its_blank_half(body):
    para = CJKParagraph([Span("“军民一家、民族团结”是“两路”精神的内核", body)], SIZE * 1.5)
    first = para.break_lines(SIZE * 30)[0]
    assert first.lead == pytest.approx(SIZE / 2)
    assert para.break_lines(SIZE * 30)[0].width == pytest.approx(text_width(para.spans) - SIZE / 2)


def test_flowable_in_a_platypus_story(fonts, body):
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, initialFontName=fonts.body.regular.name)
    flowable = CJKParagraph([Span(SENTENCES[0], body)], SIZE * 1.5).flowable()
    frame = Frame(50, 50, 300, 700, showBoundary=0)
    assert frame.add(flowable, canvas) == 1
    assert flowable.height == pytest.approx(
        CJKParagraph([Span(SENTENCES[0], body)], SIZE * 1.5).height_for(300 - 12)
    )
    canvas.showPage()
    canvas.save()
    text = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
    assert "".join(text.split()) == SENTENCES[0]


def _arrays(para: CJKParagraph) -> tuple:
    g = para._glyphs
    return (g.chars, g.sizes, g.natural, g.adv, g.xoff, g.glue, g.stretch, g.space, g.squeeze)


def test_shared_glyphs_are_those_a_fresh_paragraph_makes(fonts, body):
    """Fitting sets one text at many sizes: the glyphs made from a text seen at another size
    are exactly what the paragraph makes from scratch, and the same spans share them."""
    from brief.render.glyphs import forget

    small = TextStyle(fonts.chain("body"), 7.0)
    text = SENTENCES[1]  # marks that close up, a dash, Latin words
    spans = [Span(text, body), Span(" ¶3–4", small, keep=True)]
    smaller = [Span(text, TextStyle(body.faces, 8.5)), Span(" ¶3–4", small, keep=True)]
    forget()
    first = CJKParagraph(spans, SIZE * 1.5)
    after = CJKParagraph(smaller, 8.5 * 1.5)
    assert CJKParagraph(spans, SIZE * 1.5)._glyphs is first._glyphs
    lines = after.line_texts(SIZE * 17)
    forget()
    fresh = CJKParagraph(smaller, 8.5 * 1.5)
    assert fresh._glyphs is not after._glyphs
    assert _arrays(fresh) == _arrays(after)
    assert fresh.line_texts(SIZE * 17) == lines
    assert fresh.break_lines(SIZE * 17) == after.break_lines(SIZE * 17)


def test_paragraphs_sharing_glyphs_keep_their_own_manner(body):
    text = "字" * 21
    justified = CJKParagraph([Span(text, body)], SIZE * 1.5)
    ragged = CJKParagraph([Span(text, body)], SIZE * 1.5, align="left")
    assert ragged._glyphs is justified._glyphs
    assert [len(x) for x in justified.line_texts(SIZE * 10)] == [10, 8, 3]
    assert [len(x) for x in ragged.line_texts(SIZE * 10)] == [10, 10, 1]  # no stub rule
    indented = CJKParagraph([Span(text, body)], SIZE * 1.5, first_indent=SIZE * 2)
    assert [len(x) for x in indented.line_texts(SIZE * 10)] == [8, 10, 3]


def test_a_balanced_title_breaks_between_its_phrases(body):
    def title(text: str, ems: int) -> list[str]:
        para = CJKParagraph([Span(text, body)], SIZE * 1.3, align="left", balance=True)
        return para.line_texts(SIZE * ems)

    # balanced by width alone, the break fell inside 理念 (…”理 / 念：…)
    assert title("“绿水青山就是金山银山”理念：人类发展观“术语的革命”", 16) == [
        "“绿水青山就是金山银山”理念：",
        "人类发展观“术语的革命”",
    ]
    assert title("坚持多边主义正道 捍卫国际贸易秩序", 12) == [
        "坚持多边主义正道",
        "捍卫国际贸易秩序",
    ]
    # no phrase boundary: balanced by width, as before
    assert title("为人工智能高质量发展和高水平安全提供法治保障", 16) == [
        "为人工智能高质量发展和",
        "高水平安全提供法治保障",
    ]
    # a phrase too short for a line of its own (理论：) is not broken after
    assert title("理论：新时代中国特色社会主义思想的原创性贡献", 16)[0] != "理论："
    assert title("以新产业、新模式、新动能助力发展方式绿色转型", 16) == [
        "以新产业、新模式、",
        "新动能助力发展方式绿色转型",
    ]


def test_a_whole_span_is_never_split_but_a_line_may_end_before_it(body):
    words = ["法治文化资源", "基层", "法治文化建设", "直达", "人民群众"]
    spans = [Span("关键词　", body)] + [
        Span(w + ("；" if k < len(words) - 1 else ""), body, whole=True)
        for k, w in enumerate(words)
    ]
    para = CJKParagraph(spans, SIZE * 1.5, align="left")
    for ems in range(10, 30):
        lines = para.line_texts(SIZE * ems)
        assert "".join(lines) == "".join(s.text for s in spans)
        pieces = [w for line in lines for w in line.replace("关键词　", "").split("；") if w]
        assert pieces == words, (ems, lines)  # each keyword on one line
    # as plain text, the same line splits 人民群众
    plain = CJKParagraph([Span("".join(s.text for s in spans), body)], SIZE * 1.5, align="left")
    assert any(
        not any("人民群众" in line for line in plain.line_texts(SIZE * ems))
        for ems in range(10, 30)
    )
