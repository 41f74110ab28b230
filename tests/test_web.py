"""The web page and the Markdown: the same content as the PDF, escaped, self-contained,
reproducible, chosen by the output file's extension."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import brief, pack, seed_pack
from markupsafe import escape as escape_html

from brief.cli import main
from brief.model import LISTS, Link, Pack, Term, Theme
from brief.render.essay import para_ref
from brief.render.html import render_html
from brief.render.layout import load_layout
from brief.render.markdown import escape, render_markdown

SHARED = ROOT.parent / "shared" / "eval"
BRIEF = Path(sys.executable).with_name("brief")
EPOCH = "1764288000"  # 2025-11-28


class Page(HTMLParser):
    """The parsed page: its tags with their attributes, the text of each element with an id,
    the text of every <li>, all text, and what the parser could not match."""

    VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[tuple[str, dict, list[str]]] = []
        self.by_id: dict[str, str] = {}
        self.items: list[str] = []
        self.nodes: list[str] = []  # the map's items, each with its connectors
        self.text: list[str] = []
        self.unmatched: list[str] = []
        self.style = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in self.VOID:
            self.open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        if not self.open or self.open[-1][0] != tag:
            self.unmatched.append(tag)
            return
        _, attrs, parts = self.open.pop()
        text = "".join(parts)
        if attrs.get("id"):
            self.by_id[attrs["id"]] = text
        if tag == "li":
            self.items.append(text)
            if attrs.get("class") == "node":
                self.nodes.append(text.replace("\n", ""))
        if tag == "style":
            self.style += text
        if self.open:
            self.open[-1][2].append(text)

    def handle_data(self, data):
        self.text.append(data)
        if self.open:
            self.open[-1][2].append(data)

    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def layout():
    return load_layout()


def html_of(p: Pack, layout) -> str:
    data, warnings = render_html(p, layout)
    assert warnings == []
    return data.decode("utf-8")


def md_of(p: Pack, layout) -> str:
    return render_markdown(p, layout)[0].decode("utf-8")


def unescape_md(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def assert_holds_the_pack(p: Pack, html: str, md: str) -> None:
    """Every title, author, thesis, list item (with its ¶ reference), keyword and question."""
    page = Page(html)
    assert page.unmatched == [] and page.open == []
    text = page.all_text()
    plain_md = unescape_md(md)
    for n, b in enumerate(p.briefs, start=1):
        a = b.article
        essay = page.by_id[f"essay-{n}"]
        assert a.title in essay and a.title in plain_md
        assert f"## {n}. " in md
        for name in a.authors:
            assert name in essay and name in plain_md
        if a.affiliation:
            assert a.affiliation in essay and a.affiliation in plain_md
        assert b.thesis in essay and b.thesis in plain_md
        for name in LISTS:
            for k, it in enumerate(getattr(b, name), start=1):
                li = page.by_id[f"e{n}-{name}-{k}"]
                ref = "¶" + para_ref(it.paragraphs)
                assert li == f"{it.text}\u00a0{ref}", (li, it.text)
                assert f">{escape_html(it.text)}<" in html  # one piece, for a reader's search
                assert f"- {it.text} {ref}\n" in plain_md or f"　{it.text} {ref}\n" in plain_md
        for word in b.keywords:
            assert word in essay and word in plain_md
        for q in b.questions:
            assert q in essay and f". {q}\n" in plain_md
    assert p.title in text and p.title in plain_md


def test_the_seed_pack_is_all_in_the_page_and_the_markdown(layout):
    p = seed_pack()
    assert_holds_the_pack(p, html_of(p, layout), md_of(p, layout))


def test_the_page_is_self_contained_and_reads_on_a_phone(layout):
    html = html_of(seed_pack(), layout)
    page = Page(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "link" not in tags
    assert "iframe" not in tags and "object" not in tags
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
        if href:
            assert href[1:] in page.by_id, f"{href} points nowhere"
    assert (
        "url(" not in page.style and "@import" not in page.style and "@font-face" not in page.style
    )
    metas = [a for t, a in page.tags if t == "meta"]
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas
    assert {"charset": "utf-8"} in metas
    assert ("html", {"lang": "zh-CN"}) in page.tags
    # a contents list of links to every essay; a print stylesheet starting each essay on a page
    nav = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#essay")]
    assert nav[:3] == ["#essay-1", "#essay-2", "#essay-3"]
    assert "@media print" in page.style and "break-before: page" in page.style
    assert '"Noto Sans CJK SC"' in page.style and "PingFang SC" in page.style


def test_essay_text_is_never_template_source_and_is_escaped(layout):
    title = "{{ 6+7 }}测试<script>alert(1)</script>"
    b = brief(
        title=title,
        thesis="{% raw %}论点 & <b>粗</b>",
        problems=["*强调*与_下划线_", "# 不是标题", "[链接](http://x) <br>"],
        recommendations=["- 不是列表", "1. 不是编号", "`代码` | 表格 ~删除~ $x$"],
        keywords=("&amp;",),
        questions=("{{ brief.thesis }}？",),
    )
    p = pack(b, title="<i>包</i>")
    html = html_of(p, layout)
    page = Page(html)
    assert "script" not in [t for t, _ in page.tags] and "i" not in [t for t, _ in page.tags]
    assert "&lt;script&gt;" in html and "{{ 6+7 }}测试" in html and "13测试" not in html
    md = md_of(p, layout)
    assert_holds_the_pack(p, html, md)
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md
    assert "\\# 不是标题" in md and "\\*强调\\*与\\_下划线\\_" in md
    assert "\\[链接\\](http://x)" in md
    assert "- \\- 不是列表" in md and "- 1\\. 不是编号" in md
    assert "\\`代码\\` \\| 表格 \\~删除\\~ \\$x\\$" in md
    assert "\\&amp;" in md and "{{ 6+7 }}测试" in md


def test_markdown_escape_is_conservative_and_reversible():
    for text in ("新质生产力（一）：5G 基站!", "2025年，数字经济占GDP 40%", "A&B 公司"):
        assert escape(text) == text
    for text in (
        "# 标题",
        "*a* _b_ [c] <d> `e` |f| ~g~ $h$ &amp;",
        "- 项",
        "+ 项",
        "3. 项",
        "4) 项",
    ):
        assert unescape_md(escape(text)) == text
        assert escape(text) != text
    assert escape("第一行\n第二行") == "第一行 第二行"
    assert escape(3) == 3


def build_seeds(out: Path, env: dict[str, str]) -> None:
    """`brief build seeds/ -o OUT` in a process of its own; it must succeed."""
    proc = subprocess.run(
        [str(BRIEF), "build", str(ROOT / "seeds"), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


def test_output_is_byte_identical_and_dated_by_source_date_epoch(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    outputs = {}
    for ext in ("html", "md"):
        for run in (1, 2):
            out = tmp_path / f"{run}.{ext}"
            build_seeds(out, env)
            outputs[run] = out.read_bytes()
        assert outputs[1] == outputs[2]
        assert "2025-11-28" in outputs[1].decode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.html", "1.md", "2.html", "2.md"]


def test_an_unknown_output_kind_is_one_line_before_any_reading(tmp_path, capsys):
    out = tmp_path / "pack.docx"
    missing = tmp_path / "no-such-essays"  # not read: the output kind is checked first
    assert main(["build", str(missing), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"brief: {out}: unknown output kind '.docx'; use .pdf, .html or .md\n"
    assert list(tmp_path.iterdir()) == []
    assert main(["build", str(missing), "-o", str(tmp_path / "pack")]) == 2
    assert "unknown output kind ''" in capsys.readouterr().err


def test_the_extension_picks_the_writer(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    for name, start in (
        ("a.HTML", b"<!DOCTYPE html>"),
        ("b.md", b"# "),
        ("c.pdf", b"%PDF"),
    ):
        out = tmp_path / name
        build_seeds(out, env)
        assert out.read_bytes().startswith(start), name


def linked_pack() -> Pack:
    """The seed pack with the map, overview and glossary data that the map work fills in."""
    p = seed_pack()
    links = (
        (
            Link(("mechanisms", 0), ("problems", 0), ("要素错配",)),
            Link(("problems", 3), ("recommendations", 0), ("人力资本",)),
            Link(("mechanisms", 1), ("problems", 3), ("劳动力",)),
            Link(("problems", 0), ("mechanisms", 0), ("产业结构",)),  # the same pair again
            Link(("problems", 9), ("mechanisms", 0), ()),  # names no item: left out
        ),
        (),
        (Link(("recommendations", 1), ("problems", 2), ("工匠精神",)),),
    )
    themes = (Theme("高质量发展", (1, 3)), Theme("治理", (2,)))
    glossary = (
        Term("新质生产力", "新质生产力是创新起主导作用的先进生产力质态。", 2, 1),
        Term("网格化", "网格化精治赋能民生保障。", 9, 2),
    )
    return dataclasses.replace(p, links=links, themes=themes, glossary=glossary)


def test_the_argument_map_overview_and_glossary_appear_when_the_pack_has_them(layout):
    p = linked_pack()
    html, md = html_of(p, layout), md_of(p, layout)
    assert_holds_the_pack(p, html, md)
    page = Page(html)
    first = page.by_id["essay-1"]
    assert "论证图" in first and "论证图" not in page.by_id["essay-2"]
    # each connector once, under its earlier end, with both ends' text and the shared terms
    one = p.briefs[0]
    nodes = page.nodes
    assert nodes[0].startswith(f"问题 1{one.problems[0].text}机理 1{one.mechanisms[0].text}")
    assert "要素错配、产业结构" in nodes[0]
    assert nodes[1].startswith(f"问题 4{one.problems[3].text}机理 2")
    assert f"对策 1{one.recommendations[0].text}人力资本" in nodes[1]
    assert len(nodes) == 3  # 机理 1, 机理 2 and 对策 1 are shown under their problems
    assert nodes[2].startswith(f"问题 3{p.briefs[2].problems[2].text}对策 2")
    # the picture: a dot per item of each mapped essay, a curve per connector, in the page
    mapped = (p.briefs[0], p.briefs[2])
    dots = [a for t, a in page.tags if t == "circle"]
    assert len(dots) == sum(len(getattr(b, name)) for b in mapped for name in LISTS)
    assert len([a for t, a in page.tags if t == "path"]) == 3 + 1
    assert sum(a.get("class") != "lone" for a in dots) == 5 + 2
    hrefs = {a["href"] for t, a in page.tags if t == "a"}
    assert {"#e1-problems-1", "#e1-mechanisms-1", "#e1-recommendations-1"} <= hrefs
    # the overview links to the essays, the glossary names the essay and paragraph
    overview = page.by_id["overview"]
    assert "高质量发展" in overview and "治理" in overview
    assert "新质生产力是创新起主导作用的先进生产力质态。" in page.by_id["glossary"]
    assert f"《{p.briefs[0].article.title}》¶2" in page.by_id["glossary"]

    assert "### 论证图" in md
    assert (
        f"- 问题 1　{one.problems[0].text}\n  - ↳ 机理 1　{one.mechanisms[0].text}（要素错配、产业结构）"
        in unescape_md(md)
    )
    assert "## 概览" in md and "- **高质量发展**：第 1●、3● 篇" in md
    assert "## 术语" in md and "- **网格化**：网格化精治赋能民生保障。（2.《" in md


def test_without_map_data_there_is_no_map_and_lists_are_bullets(layout):
    p = seed_pack()
    html, md = html_of(p, layout), md_of(p, layout)
    assert "论证图" not in html and "论证图" not in md
    assert "data-n=" not in html and 'id="overview"' not in html and 'id="glossary"' not in html


def test_blocks_labels_and_refs_come_from_the_layout(tmp_path):
    path = tmp_path / "web.yaml"
    path.write_text(
        "blocks: [title, questions, thesis, problems, mechanisms, recommendations]\n"
        "labels: {problems: 症结, questions: 想一想, empty: 无}\n"
        "lists: {refs: false, empty: note}\n",
        encoding="utf-8",
    )
    layout = load_layout(path)
    b = brief(thesis="论点。", problems=[], mechanisms=["机理一"], questions=("问一？",))
    html, md = html_of(pack(b), layout), md_of(pack(b), layout)
    essay = Page(html).by_id["essay-1"]
    assert (
        essay.index("想一想") < essay.index("论点。") < essay.index("症结") < essay.index("机理一")
    )
    assert "¶" not in essay and "¶" not in md and "关键词" not in essay
    assert "### 症结\n\n无\n" in md
    assert md.index("### 想一想") < md.index("**论点**")


def test_a_layout_can_replace_the_templates(tmp_path, capsys):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "mine.html.j2").write_text(
        "<!DOCTYPE html><title>{{ title }}</title>"
        "{% for e in essays %}<h2>{{ e.index }} {{ e.title }}</h2>{% endfor %}\n",
        encoding="utf-8",
    )
    path = tmp_path / "web.yaml"
    path.write_text("templates: {html: mine.html.j2, markdown: '{{ total }} 篇'}\n", "utf-8")
    layout = load_layout(path)
    p = seed_pack()
    html = html_of(p, layout)
    assert html.count("<h2>") == 3 and "<h2>1 新质生产力赋能资源型城市高质量发展</h2>" in html
    assert md_of(p, layout) == "3 篇\n"

    broken = tmp_path / "broken.yaml"
    broken.write_text("templates: {html: missing.html.j2}\n", "utf-8")
    out = tmp_path / "pack.html"
    assert (
        main(["build", str(tmp_path / "no-such-essays"), "-o", str(out), "--layout", str(broken)])
        == 3
    )
    err = capsys.readouterr().err
    assert err == (
        f"brief: {broken}: templates.html: template file not found: missing.html.j2 "
        "(looked in templates/ beside the layout and in the package)\n"
    )
    assert not out.exists()


def test_layout_templates_run_sandboxed(tmp_path, capsys):
    path = tmp_path / "web.yaml"
    path.write_text("templates: {markdown: '{{ pack.__class__.__mro__ }}'}\n", "utf-8")
    out = tmp_path / "pack.md"
    missing = tmp_path / "no-such-essays"  # refused before any reading
    assert main(["build", str(missing), "-o", str(out), "--layout", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"brief: {path}: templates.markdown: refused: the template reaches for __class__, __mro__"
    )
    assert err.count("\n") == 1 and not out.exists()
    # and what the source does not name is refused while rendering: only the view's fields
    path.write_text(
        "templates: {html: \"{{ essays[0] | attr('length') }}{{ pack.briefs | map(attribute='article') | first | attr('paragraphs') }}\"}\n",
        "utf-8",
    )
    assert (
        main(["build", str(ROOT / "seeds"), "-o", str(tmp_path / "p.html"), "--layout", str(path)])
        == 0
    )


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval is not beside the repository")
def test_twelve_dev_essays_are_all_in_the_page_and_the_markdown(tmp_path, layout):
    from brief.build import extract
    from brief.pack.make import make_pack

    files = sorted((SHARED / "dev" / "web").glob("*.txt"))[:12]
    assert len(files) == 12
    p = make_pack(extract([str(f) for f in files]), date="2025-11-28")
    assert len(p.briefs) == 12
    assert_holds_the_pack(p, html_of(p, layout), md_of(p, layout))


def test_the_real_pack_shows_every_connector_theme_and_term(seed_briefs, layout):
    """The seed page as make_pack fills it (links, themes, glossary): all of it in both."""
    from brief.pack.make import make_pack
    from brief.pack.overview import reading_minutes

    p = make_pack(seed_briefs, date="2025-11-28")
    assert any(p.links) and p.themes and p.glossary
    html, md = html_of(p, layout), md_of(p, layout)
    assert_holds_the_pack(p, html, md)
    page = Page(html)
    pairs = {frozenset((tuple(k.a), tuple(k.b))) for links in p.links for k in links}
    assert len([t for t, _ in page.tags if t == "path"]) == len(pairs)
    assert md.count("  - ↳ ") == len(pairs)
    contents = page.by_id["contents"]
    for b in p.briefs:
        line = f"{b.length:,} 字 · {reading_minutes(b)} 分钟"
        assert line in contents and line in md
    for t in p.themes:
        assert t.term in page.by_id["overview"] and f"- **{t.term}**：第 " in md
    for t in p.glossary:
        assert t.sentence in page.by_id["glossary"] and t.sentence in unescape_md(md)


def test_an_edited_pack_file_builds_to_html_and_markdown(tmp_path, capsys):
    """The same pack as the PDF when it comes from a corrected pack.yaml."""
    packfile = tmp_path / "pack.yaml"
    assert main(["extract", str(ROOT / "seeds"), "-o", str(packfile)]) == 0
    text = packfile.read_text("utf-8")
    old = "筑牢人力资本根基"
    assert old in text
    packfile.write_text(text.replace(old, "亲手改过的对策"), "utf-8")
    for name in ("pack.html", "pack.md"):
        out = tmp_path / name
        assert main(["build", str(packfile), "-o", str(out)]) == 0, capsys.readouterr().err
        got = out.read_text("utf-8")
        assert "亲手改过的对策" in got and old not in got
        assert "新质生产力赋能资源型城市高质量发展" in got
