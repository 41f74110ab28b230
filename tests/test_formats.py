"""Reading newspaper PDF pages, saved web pages and Word files (brief.read.pdf/html/docx).

The files are made here from web copies (tests/formats.py sets them): each must give the same
essays, paragraphs, headings and metadata as the web copy it was set from.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from formats import (
    docx_file,
    encrypted_pdf,
    html_page,
    parse_web,
    pdf_page,
    pdf_page_flowed,
    scanned_pdf,
)

from brief.read.article import read_articles
from brief.read.files import find_files, read_source, read_sources

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / ".venv" / "bin" / "brief"
DEV_WEB = ROOT.parent / "shared" / "eval" / "dev" / "web"
DATA = Path(__file__).resolve().parent / "data"
needs_dev = pytest.mark.skipif(not DEV_WEB.is_dir(), reason="../shared/eval is not beside the repo")


def _web(name: str) -> Path:
    """A web copy of tests/data, or of the dev essays."""
    return DATA / name if (DATA / name).exists() else DEV_WEB / name


def _read(path: Path):
    return [a for source in read_sources(path) for a in read_articles(source)]


def _same(article, expected) -> None:
    """What the summarizer and the scorer use: title, byline, note, paragraphs, headings."""
    assert article.title == expected.title
    assert article.authors == expected.authors
    assert article.affiliation == expected.affiliation
    assert [s.heading for s in article.sections] == [s.heading for s in expected.sections]
    assert [p.text for p in article.paragraphs] == [p.text for p in expected.paragraphs]


def _web_article(path: Path):
    (article,) = read_articles(read_source(path))
    return article


# --- PDF ------------------------------------------------------------------------------------------

TRIPLES = [("01.txt", "05.txt", "06.txt"), ("07.txt", "16.txt", "10.txt")]


@needs_dev
@pytest.mark.parametrize("arrangement", ["top", "left", "rows", "side"])
@pytest.mark.parametrize("triple", range(len(TRIPLES)))
def test_newspaper_page_gives_the_essays_of_its_web_copies(tmp_path, arrangement, triple):
    names = TRIPLES[triple]
    essays = [parse_web((DEV_WEB / n).read_text(encoding="utf-8")) for n in names]
    page = tmp_path / "page.pdf"
    pdf_page(essays, page, seed=triple * 7 + len(arrangement), arrangement=arrangement)
    got = _read(page)
    assert len(got) == 3
    by_title = {a.title: a for a in got}
    for name in names:
        expected = _web_article(DEV_WEB / name)
        _same(by_title[expected.title], expected)


@needs_dev
@pytest.mark.parametrize("seed", [0, 1])
def test_flowed_page_gives_the_essays_of_its_web_copies(tmp_path, seed):
    """Justified paragraphs flowed through frames, as reportlab's platypus sets them."""
    names = TRIPLES[seed]
    page = tmp_path / "page.pdf"
    pdf_page_flowed(
        [parse_web((DEV_WEB / n).read_text(encoding="utf-8")) for n in names], page, seed
    )
    by_title = {a.title: a for a in _read(page)}
    assert len(by_title) == 3
    for name in names:
        expected = _web_article(DEV_WEB / name)
        _same(by_title[expected.title], expected)


@needs_dev
def test_page_reading_order_is_left_to_right_then_down(tmp_path):
    """Essays come in the order a reader meets their titles: the top one first."""
    essays = [parse_web((DEV_WEB / n).read_text(encoding="utf-8")) for n in TRIPLES[0]]
    page = tmp_path / "page.pdf"
    pdf_page(essays, page, seed=3, arrangement="top")
    assert [a.title for a in _read(page)] == [_web_article(DEV_WEB / n).title for n in TRIPLES[0]]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BRIEF), *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def test_a_scan_is_refused_in_one_line_and_nothing_is_written(tmp_path):
    scan = tmp_path / "scan.pdf"
    scanned_pdf(scan)
    out = tmp_path / "pack.pdf"
    proc = _run("build", str(scan), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr == (
        f"brief: {scan}: no text layer (a scanned page?); run OCR first, e.g. ocrmypdf, "
        "then give Brief the result\n"
    )
    assert not out.exists()


def test_an_encrypted_pdf_is_refused_in_one_line(tmp_path):
    locked = tmp_path / "locked.pdf"
    encrypted_pdf(parse_web(_web("web_two_roads.txt").read_text(encoding="utf-8")), locked)
    out = tmp_path / "pack.pdf"
    proc = _run("build", str(locked), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith(f"brief: {locked}: encrypted (needs a password);")
    assert not out.exists()


def test_a_broken_pdf_is_refused_in_one_line(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n this is not a PDF body")
    proc = _run("extract", str(broken))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"brief: {broken}: ")


# --- saved web pages ------------------------------------------------------------------------------

HTML_CASES = [
    ("people", "utf-8", None),
    ("gmw", "gbk", None),
    ("people-inline", "gbk", "utf-8"),  # declares UTF-8, is GBK
    ("qs", "gbk", ""),  # declares nothing
    ("people", "gb18030", "gb2312"),
    ("people-inline", "utf-8", "gbk"),  # declares GBK, is UTF-8
]


@pytest.mark.parametrize(("style", "encoding", "meta"), HTML_CASES)
@pytest.mark.parametrize("name", ["web_two_roads.txt", "05.txt", "01.txt"])
def test_saved_page_gives_the_essay_of_its_web_copy(tmp_path, style, encoding, meta, name):
    web = _web(name)
    if not web.exists():
        pytest.skip("dev essays not beside the repository")
    page = tmp_path / "page.html"
    html_page(parse_web(web.read_text(encoding="utf-8")), page, encoding, meta, style)
    (article,) = _read(page)
    expected = _web_article(web)
    _same(article, expected)
    assert article.kicker == expected.kicker
    text = " ".join(p.text for p in article.paragraphs)
    for chrome in ("责编", "ICP", "网友", "分享", "相关新闻", "人民网", "登录"):
        assert chrome not in text
    # the page's source and date line is the citation (人民网－人民日报: the paper)
    paper = {"people": "人民日报", "people-inline": "人民日报", "gmw": "光明日报", "qs": "求是"}
    assert article.published == f"{paper[style]} 2025年4月22日"


def test_a_saved_wechat_article_gives_its_author_and_account():
    from brief.model import Source
    from brief.read.article import read_articles
    from brief.read.html import page_text

    body = "".join(
        f"<p><span>第{n}段，" + "这是正文内容，讲清道理。" * 4 + "</span></p>" for n in range(5)
    )
    html = (
        '<html><body><div id="js_article"><h1 class="rich_media_title">坚持系统观念</h1>'
        '<div id="meta_content"><span class="rich_media_meta_text">原创</span>'
        '<span id="js_author_name">王小明</span><a id="js_name">学习时报</a>'
        '<em id="publish_time">2025年12月2日 07:30</em><em>北京</em></div>'
        f'<div id="js_content">{body}</div><p>微信扫一扫<br>关注该公众号</p></div></body></html>'
    )
    (article,) = read_articles(Source("wx.html", page_text(html), "utf-8"))
    assert (article.title, article.authors) == ("坚持系统观念", ("王小明",))
    assert article.published == "学习时报 2025年12月2日"


def test_page_title_without_h1_drops_the_site_suffix(tmp_path):
    from brief.read.html import page_text

    body = "".join(f"<p>第{n}段，" + "这是正文内容，讲清道理。" * 4 + "</p>" for n in range(5))
    html = f"<html><head><title>坚持系统观念--理论--人民网</title></head><body><div>{body}</div></body></html>"
    assert page_text(html).splitlines()[0] == "# 坚持系统观念"


# --- Word files -----------------------------------------------------------------------------------


def test_word_file_gives_each_essay_of_its_web_copies(tmp_path):
    names = ["05.txt", "01.txt"] if DEV_WEB.is_dir() else ["web_two_roads.txt"]
    webs = [_web(n) for n in names]
    path = tmp_path / "essays.docx"
    docx_file([parse_web(w.read_text(encoding="utf-8")) for w in webs], path)
    got = _read(path)
    assert len(got) == len(webs)
    for article, web in zip(got, webs, strict=True):
        expected = _web_article(web)
        _same(article, expected)
        assert article.kicker == expected.kicker


def test_word_file_headings_come_from_their_styles(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("深刻把握高质量发展的内在要求", style="Title")
    doc.add_paragraph("王小明")
    doc.add_paragraph("高质量发展是全面建设社会主义现代化国家的首要任务。" * 3)
    doc.add_paragraph("坚持创新驱动", style="Heading 2")
    doc.add_paragraph("创新是引领发展的第一动力，要加快实现高水平科技自立自强。" * 3)
    bold = doc.add_paragraph()
    bold.add_run("推动绿色转型").bold = True
    doc.add_paragraph("绿色发展是高质量发展的底色，要加快发展方式绿色转型。" * 3)
    doc.add_paragraph("（作者单位：中共中央党校）")
    path = tmp_path / "one.docx"
    doc.save(str(path))
    (article,) = _read(path)
    assert article.title == "深刻把握高质量发展的内在要求"
    assert article.authors == ("王小明",)
    assert article.affiliation == "中共中央党校"
    assert [s.heading for s in article.sections] == ["坚持创新驱动", "推动绿色转型"]
    assert len(article.paragraphs) == 3


# --- folders and imports --------------------------------------------------------------------------


def test_folder_gives_supported_files_in_name_order_and_names_the_others_once(tmp_path, caplog):
    web = _web("web_two_roads.txt")
    essay = parse_web(web.read_text(encoding="utf-8"))
    html_page(essay, tmp_path / "b.html")
    docx_file([essay], tmp_path / "a.docx")
    (tmp_path / "c.txt").write_text(web.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    with caplog.at_level("WARNING", logger="brief"):
        files = find_files([str(tmp_path)])
    assert [f.name for f in files] == ["a.docx", "b.html", "c.txt"]
    warnings = [r.getMessage() for r in caplog.records]
    assert warnings == [f"{tmp_path}: skipped 2 files Brief does not read: old.doc, photo.jpg"]


HEAVY_READERS = "{'pypdfium2', 'lxml', 'docx'}"


def _loaded(code: str) -> str:
    probe = (
        "import sys\n"
        f"{code}\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY_READERS}), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    return proc.stderr.strip().splitlines()[-1]


def test_help_loads_no_reader_library():
    code = "from brief.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert _loaded(code) == "[]"


def test_a_text_build_loads_no_reader_library():
    web = _web("web_two_roads.txt")
    code = f"from brief.build import read\nassert read([{str(web)!r}])"
    assert _loaded(code) == "[]"


def test_logo_h1_and_br_paragraphs(tmp_path):
    """A site logo set as <h1> is not the title; paragraphs parted by <br> are paragraphs."""
    web = _web("web_two_roads.txt")
    essay = parse_web(web.read_text(encoding="utf-8"))
    paras = "<br><br>\n".join(f"\u3000\u3000{t}" for k, t in essay.blocks if k == "para")
    html = (
        '<html><head><meta charset="utf-8"><title>x</title></head><body>'
        '<div class="logo"><h1><a href="/">某某网</a></h1></div>'
        f'<div class="art"><h1>{essay.title}</h1><div class="info">作者：{essay.byline}　'
        f'2025-04-22 来源：某某日报</div><div id="content">{paras}<br>'
        f"{'<br>'.join(essay.notes)}</div></div></body></html>"
    )
    page = tmp_path / "page.htm"
    page.write_text(html, encoding="utf-8")
    (article,) = _read(page)
    expected = _web_article(web)
    assert article.title == expected.title
    assert article.authors == expected.authors
    assert article.affiliation == expected.affiliation
    want = [t for k, t in essay.blocks if k == "para"]
    assert [p.text for p in article.paragraphs] == want
