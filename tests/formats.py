"""Make the files users have from web copies of essays: newspaper PDF pages, saved web pages and
Word files, so the readers of brief.read.pdf/html/docx can be tested on known text.

A web copy (shared/eval/dev/web/NN.txt, tests/data/web_*.txt) is: one or two title lines (a kicker
above the title), the byline, a blank line, then one paragraph a line with the （作者…） notes
last. `parse_web` reads that; `pdf_page`, `html_page` and `docx_file` set it.

The layouts vary with a seed (page arrangement, column counts, font sizes, gutters, where the
byline stands) so that a reader is not fitted to one template.

Run as a script to score every format against the web copies of the dev essays:
    .venv/bin/python tests/formats.py ../shared/eval/dev OUT_DIR
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
_SENTENCE_END = re.compile(r"[。！？!?；;…：:]['\"”’」』）)》]*$")


@dataclass
class Essay:
    title: str
    byline: str
    kicker: str | None = None
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("para"|"heading", text)
    notes: list[str] = field(default_factory=list)


def parse_web(text: str) -> Essay:
    head, _, body = text.strip("\ufeff\n").partition("\n\n")
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    byline = lines.pop()
    kicker = lines.pop(0) if len(lines) > 1 else None
    essay = Essay(title=" ".join(lines), byline=byline, kicker=kicker)
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if re.match(r"^[（(［\[]\s*(?:作者|本版|本文|基金)", line):
            essay.notes.append(line)
        elif not _SENTENCE_END.search(line) and len(line) <= 40 and not line.endswith("，"):
            essay.blocks.append(("heading", line))
        else:
            essay.blocks.append(("para", line))
    return essay


# --- PDF pages -----------------------------------------------------------------------------------

_FONT_NAMES = {
    "serif": "NotoSerifSC-Regular",
    "serif-bold": "NotoSerifSC-Bold",
    "sans": "NotoSansSC-Regular",
    "sans-bold": "NotoSansSC-Bold",
}
_NO_LINE_START = set("，。、；：？！）》”’…—")


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for face in _FONT_NAMES.values():
        if face not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face, str(FONTS / f"{face}.ttf")))


def _wrap(text: str, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Chinese line breaking by width; punctuation never starts a line (it hangs instead)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    avail = width - indent
    for ch in text:
        if line and stringWidth(line + ch, font, size) > avail and ch not in _NO_LINE_START:
            lines.append(line)
            line = ""
            avail = width
        line += ch
    if line:
        lines.append(line)
    return lines


@dataclass
class _Style:
    body: float  # body font size
    leading: float
    cols: int
    gutter: float  # between the columns of an essay, in points
    title: float
    byline_pos: str  # "centre" | "right" | "end"
    heading_font: str
    body_font: str


def _style(rng: random.Random) -> _Style:
    body = rng.choice([8.5, 9.0, 9.5, 10.0])
    body_font = rng.choice(["serif", "serif", "sans"])
    # headings in bold or in the other face, as newspapers set them
    heading = rng.choice(["sans-bold", "serif-bold", "sans" if body_font == "serif" else "serif"])
    return _Style(
        body=body,
        leading=body * rng.choice([1.4, 1.5, 1.6]),
        cols=rng.choice([3, 3, 4]),
        gutter=body * rng.choice([0.9, 1.2, 1.6]),
        title=rng.choice([18.0, 20.0, 22.0, 24.0]),
        byline_pos=rng.choice(["centre", "centre", "right", "end"]),
        heading_font=heading,
        body_font=body_font,
    )


@dataclass
class _Piece:
    """A line of an essay's column flow."""

    kind: str  # body | heading | note | gap | byline
    text: str = ""
    indent: bool = False


def _flow(essay: Essay, st: _Style, col_width: float) -> list[_Piece]:
    body_font = _FONT_NAMES[st.body_font]
    head_font = _FONT_NAMES[st.heading_font]
    out: list[_Piece] = []
    for kind, text in essay.blocks:
        if kind == "heading":
            out.append(_Piece("gap"))
            out.extend(_Piece("heading", t) for t in _wrap(text, head_font, st.body, col_width))
            out.append(_Piece("gap"))
        else:
            for k, t in enumerate(_wrap(text, body_font, st.body, col_width, 2 * st.body)):
                out.append(_Piece("body", t, indent=k == 0))
    for note in essay.notes:
        for k, t in enumerate(_wrap(note, body_font, st.body * 0.9, col_width, 2 * st.body)):
            out.append(_Piece("note", t, indent=k == 0))
    if st.byline_pos == "end":
        out.append(_Piece("byline", essay.byline))
    return out


def _head_height(essay: Essay, st: _Style, width: float) -> float:
    title_lines = _wrap(essay.title, _FONT_NAMES["sans-bold"], st.title, width * 0.9)
    h = len(title_lines) * st.title * 1.3 + st.body
    if essay.kicker:
        h += st.title * 0.6 * 1.4
    if st.byline_pos != "end":
        h += st.body * 2.2
    return h + st.body


def _essay_height(essay: Essay, st: _Style, width: float) -> float:
    col_width = (width - (st.cols - 1) * st.gutter) / st.cols
    flow = _flow(essay, st, col_width)
    per_col = -(-len(flow) // st.cols)
    return _head_height(essay, st, width) + per_col * st.leading + st.body


def _draw_essay(c, essay: Essay, st: _Style, x: float, top: float, width: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    y = top - st.body
    centre = x + width / 2
    if essay.kicker:
        size = st.title * 0.6
        c.setFont(_FONT_NAMES["sans"], size)
        y -= size
        c.drawCentredString(centre, y, essay.kicker)
        y -= size * 0.4
    title_font = _FONT_NAMES["sans-bold"]
    for line in _wrap(essay.title, title_font, st.title, width * 0.9):
        c.setFont(title_font, st.title)
        y -= st.title
        c.drawCentredString(centre, y, line)
        y -= st.title * 0.3
    if st.byline_pos != "end":
        c.setFont(_FONT_NAMES["sans"], st.body * 1.05)
        y -= st.body * 1.6
        if st.byline_pos == "right":
            c.drawRightString(x + width - 2 * st.body, y, essay.byline)
        else:
            c.drawCentredString(centre, y, essay.byline)
        y -= st.body * 0.6
    y -= st.body
    col_width = (width - (st.cols - 1) * st.gutter) / st.cols
    flow = _flow(essay, st, col_width)
    per_col = -(-len(flow) // st.cols)
    for k, piece in enumerate(flow):
        col, row = divmod(k, per_col)
        cx = x + col * (col_width + st.gutter)
        cy = y - (row + 1) * st.leading
        if piece.kind == "gap":
            continue
        if piece.kind == "heading":
            font = _FONT_NAMES[st.heading_font]
            c.setFont(font, st.body)
            c.drawCentredString(cx + col_width / 2, cy, piece.text)
        elif piece.kind == "byline":
            c.setFont(_FONT_NAMES["sans"], st.body)
            c.drawRightString(cx + col_width, cy, piece.text)
        else:
            size = st.body * (0.9 if piece.kind == "note" else 1.0)
            font = _FONT_NAMES[st.body_font]
            c.setFont(font, size)
            c.drawString(cx + (2 * st.body if piece.indent else 0), cy, piece.text)
    del stringWidth


def pdf_page(essays: list[Essay], path: Path, seed: int = 0, arrangement: str | None = None) -> str:
    """Set three essays as a newspaper theory page; returns the arrangement used.

    Arrangements: "top" (first essay across the page, two side by side below), "left" (first
    essay down the left, two stacked on the right), "rows" (stacked full width), "side" (three
    side by side)."""
    from reportlab.pdfgen import canvas

    _fonts()
    rng = random.Random(seed)
    arrangement = arrangement or rng.choice(["top", "left", "rows", "side"])
    styles = [_style(rng) for _ in essays]
    if arrangement == "side":
        for st in styles:
            st.cols = min(st.cols, 3)
            st.title = min(st.title, 18.0)
    page_w, margin = 842.0, 36.0
    inner = page_w - 2 * margin
    gap = 18.0  # between essays
    boxes: list[tuple[float, float, float]] = []  # x, top offset from the header, width
    heights: list[float] = []
    if arrangement == "top":
        half = (inner - gap) / 2
        widths = [inner, half, half]
    elif arrangement == "left":
        left = inner * rng.choice([0.42, 0.5, 0.58])
        widths = [left, inner - left - gap, inner - left - gap]
    elif arrangement == "rows":
        widths = [inner] * len(essays)
    else:
        third = (inner - 2 * gap) / 3
        widths = [third] * 3
    heights = [_essay_height(e, st, w) for e, st, w in zip(essays, styles, widths, strict=True)]
    if arrangement == "top":
        boxes = [(margin, 0, inner), (margin, heights[0] + gap, widths[1])]
        boxes.append((margin + widths[1] + gap, heights[0] + gap, widths[2]))
        body_h = heights[0] + gap + max(heights[1], heights[2])
    elif arrangement == "left":
        rx = margin + widths[0] + gap
        boxes = [(margin, 0, widths[0]), (rx, 0, widths[1]), (rx, heights[1] + gap, widths[2])]
        body_h = max(heights[0], heights[1] + gap + heights[2])
    elif arrangement == "rows":
        offsets = [sum(heights[:k]) + k * gap for k in range(len(essays))]
        boxes = [(margin, off, inner) for off in offsets]
        body_h = offsets[-1] + heights[-1]
    else:
        boxes = [(margin + k * (widths[0] + gap), 0, widths[0]) for k in range(3)]
        body_h = max(heights)
    header_h = 48.0
    page_h = max(1191.0, header_h + body_h + 2 * margin)
    c = canvas.Canvas(str(path), pagesize=(page_w, page_h), invariant=1)
    top = page_h - margin
    c.setFont(_FONT_NAMES["sans-bold"], 20)
    c.drawString(margin, top - 20, rng.choice(["理论·智库", "理论", "学术·观点"]))
    c.setFont(_FONT_NAMES["sans"], 9)
    c.drawRightString(
        page_w - margin, top - 18, f"2025年{rng.randint(1, 12)}月{rng.randint(1, 28)}日  星期二"
    )
    c.drawCentredString(page_w / 2, top - 18, f"第{rng.choice([9, 13, 17])}版")
    c.line(margin, top - 28, page_w - margin, top - 28)
    for essay, st, (x, off, w) in zip(essays, styles, boxes, strict=True):
        _draw_essay(c, essay, st, x, top - header_h - off, w)
    c.showPage()
    c.save()
    return arrangement


def pdf_page_flowed(essays: list[Essay], path: Path, seed: int = 0) -> None:
    """A page set the other way: reportlab's justified CJK paragraphs flowed through frames (one
    for the head of each essay, one per column), the first essay across the top in four
    columns and two below it in three."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame, Paragraph

    _fonts()
    rng = random.Random(seed)
    size = rng.choice([8.5, 9.0, 9.5])
    face = _FONT_NAMES[rng.choice(["serif", "sans"])]
    body = ParagraphStyle(
        "b", fontName=face, fontSize=size, leading=size * 1.5, firstLineIndent=2 * size,
        alignment=TA_JUSTIFY, wordWrap="CJK",
    )  # fmt: skip
    head = ParagraphStyle(
        "h", parent=body, fontName=_FONT_NAMES["sans-bold"], firstLineIndent=0,
        alignment=TA_CENTER, spaceBefore=size * 0.7, spaceAfter=size * 0.7,
    )  # fmt: skip
    note = ParagraphStyle("n", parent=body, fontSize=size * 0.9)
    title = ParagraphStyle(
        "t", fontName=_FONT_NAMES["sans-bold"], fontSize=20, leading=26, alignment=TA_CENTER,
        wordWrap="CJK",
    )  # fmt: skip
    kicker = ParagraphStyle(
        "k", parent=title, fontName=_FONT_NAMES["sans"], fontSize=12, leading=16
    )
    byline = ParagraphStyle("y", parent=title, fontName=_FONT_NAMES["serif-bold"], fontSize=10)
    width, margin, gutter = 842.0, 30.0, rng.choice([8.0, 10.0, 14.0])

    def story(e: Essay) -> list:
        return [Paragraph(t, head if k == "heading" else body) for k, t in e.blocks] + [
            Paragraph(n, note) for n in e.notes
        ]

    def column_height(e: Essay, w: float, cols: int) -> float:
        cw = (w - (cols - 1) * gutter) / cols
        total = sum(p.wrap(cw, 1e6)[1] + 1.5 * size for p in story(e))
        return total * 1.25 / cols + 12 * size  # a paragraph split between frames wastes lines

    def draw(c, e: Essay, x: float, top: float, w: float, h: float, cols: int) -> None:
        parts = ([Paragraph(e.kicker, kicker)] if e.kicker else []) + [
            Paragraph(e.title, title), Paragraph(e.byline, byline)
        ]  # fmt: skip
        head_h = sum(p.wrap(w, 1e6)[1] for p in parts) + 24
        Frame(x, top - head_h, w, head_h, 0, 0, 0, 0).addFromList(parts, c)
        cw = (w - (cols - 1) * gutter) / cols
        flow = story(e)
        for k in range(cols):
            Frame(x + k * (cw + gutter), top - head_h - h, cw, h, 0, 0, 0, 0).addFromList(flow, c)
        assert not flow, "the columns are too short"

    inner = width - 2 * margin
    half = (inner - 20) / 2
    h0 = column_height(essays[0], inner, 4)
    h1 = max(column_height(e, half, 3) for e in essays[1:])
    height = 2 * margin + 40 + h0 + h1 + 400
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    c.setFont(_FONT_NAMES["sans-bold"], 18)
    c.drawString(margin, height - margin - 18, "理论·智库")
    c.setFont(_FONT_NAMES["sans"], 9)
    c.drawRightString(width - margin, height - margin - 16, "2025年12月2日  星期二  第9版")
    top = height - margin - 40
    draw(c, essays[0], margin, top, inner, h0, 4)
    top -= h0 + 200
    draw(c, essays[1], margin, top, half, h1, 3)
    draw(c, essays[2], margin + half + 20, top, half, h1, 3)
    c.showPage()
    c.save()


def scanned_pdf(path: Path) -> None:
    """An image-only page, as a scanner makes it: no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 850), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 800, 14):
        draw.line((40, y, 560, y), fill=90, width=6)  # grey bars where the lines of text were
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.drawImage(ImageReader(img), 0, 0, 595, 842)
    c.showPage()
    c.save()


def encrypted_pdf(essay: Essay, path: Path) -> None:
    from reportlab.pdfgen import canvas

    _fonts()
    c = canvas.Canvas(str(path), pagesize=(595, 842), encrypt="secret")
    c.setFont(_FONT_NAMES["serif"], 10)
    c.drawString(40, 800, essay.title)
    c.showPage()
    c.save()


# --- saved web pages -----------------------------------------------------------------------------

_PEOPLE = """<!DOCTYPE html>
<html><head>
{meta}
<title>{title}--理论--人民网</title>
<meta name="keywords" content="{title}">
<link rel="stylesheet" href="/css/main.css">
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="header"><ul class="nav">
<li><a href="/">人民网首页</a></li><li><a href="/politics">时政</a></li><li><a href="/theory">理论</a></li>
<li><a href="/opinion">观点</a></li><li><a href="/society">社会</a></li><li><a href="/edu">教育</a></li>
</ul><div class="login"><a href="#">登录</a> <a href="#">注册</a></div></div>
<div class="path"><a href="/">人民网</a>&gt;&gt;<a href="/theory">理论</a>&gt;&gt;<a href="#">{crumb}</a></div>
<div class="main">
<div class="text_title">
<h3 class="pre">{kicker}</h3>
<h1>{title}</h1>
<h4 class="sub"></h4>
<p class="author">{byline_line}</p>
<div class="box01"><div class="fl">{date} | 来源：<a href="#">人民网－人民日报</a></div>
<div class="fr"><a href="#">分享到：</a><a class="wx">微信</a><a class="wb">微博</a></div></div>
</div>
<div class="rm_txt_con cf">
{paras}
<p class="paper_num">《 人民日报 》（ {date_short} 09 版）</p>
<div class="edit cf">(责编：{editor})</div>
</div>
<div class="share"><span>分享让更多人看到</span><a>推荐</a><a>打印</a><a>纠错</a></div>
<div class="related"><h2>相关新闻</h2><ul>
<li><a href="#">深刻把握中国式现代化的科学内涵和重大意义</a></li>
<li><a href="#">以高质量发展推动经济社会全面进步</a></li>
<li><a href="#">坚持和发展新时代“枫桥经验”</a></li>
</ul></div>
<div class="comments"><h2>网友评论</h2>
<div class="c"><span>网友：学习者</span><p>文章写得很好，观点深刻，值得反复学习。</p></div>
<div class="c"><span>网友：老张</span><p>支持！希望多刊登这样的理论文章，讲得透彻。</p></div>
</div>
</div>
<div class="footer"><p>人民日报社概况 | 关于人民网 | 报社招聘 | 招聘英才 | 广告服务 | 合作加盟 | 供稿服务</p>
<p>人民网版权所有，未经书面授权禁止使用</p><p>Copyright &copy; 1997-2025 by www.people.com.cn. all rights reserved</p>
<p><a href="#">京ICP备08101536号</a> 京公网安备11000002000008号</p></div>
</body></html>
"""

_GMW = """<html>
<head>
{meta}
<title>{title}_光明网</title>
</head>
<body>
<div id="top"><a href="#">首页</a> | <a href="#">时政</a> | <a href="#">理论</a> | <a href="#">文化</a> | <a href="#">科技</a> | <a href="#">教育</a></div>
<div class="g-crumbs"><a href="#">首页</a> &gt; <a href="#">理论</a> &gt; <a href="#">{crumb}</a> &gt; 正文</div>
<div class="m-title-box">
<h2 class="u-kicker">{kicker}</h2>
<h1 class="u-title">{title}</h1>
<div class="m-con-info"><span class="m-con-time">{date}</span> <span class="m-con-source">来源：<a>光明日报</a></span> <span class="m-con-author">作者：{byline}</span></div>
</div>
<div class="u-mainText" id="articleBox">
{paras}
<p>[ 责编：{editor} ]</p>
</div>
<div class="m-share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="m-hot"><h3>热点推荐</h3>
<p><a href="#">为推进中国式现代化提供坚强保障</a></p>
<p><a href="#">新时代新征程上的理论创新与实践探索</a></p>
</div>
<div class="m-comment"><h3>评论</h3><p>登录后发表评论，文明上网理性发言。</p></div>
<div id="footer"><p>光明网版权所有</p><p>京ICP证060026号 京公网安备11000002000026号</p></div>
</body>
</html>
"""


_QS = """<!DOCTYPE html>
<html lang="zh-CN"><head>
{meta}
<meta name="viewport" content="width=device-width">
<meta property="og:site_name" content="求是网">
<title>{title} - 求是网</title>
</head>
<body>
<div class="top-bar"><span>欢迎访问</span><a>网站地图</a><a>English</a><input type="text" placeholder="搜索"></div>
<ul class="menu"><li>首页</li><li>理论</li><li>时评</li><li>学习</li><li>专题</li><li>图片</li><li>视频</li></ul>
<div class="inner">
<div class="headtitle"><h3 class="yt">{kicker}</h3><h1>{title}</h1></div>
<div class="appellation">来源：《求是》2025/08　作者：{byline}　{date}</div>
<div class="highlight">
{paras}
<p style="text-align: right;">【纠错】 【责任编辑：{editor}】</p>
<div class="xgyd"><h3>相关阅读</h3><ul><li><a href="#">以党的自我革命引领社会革命</a></li><li><a href="#">不断开辟马克思主义中国化时代化新境界</a></li></ul></div>
</div>
<div class="fenxiang">分享到：<a>微信</a><a>QQ</a></div>
</div>
<div class="footer">主办单位：求是杂志社　版权所有　京ICP备05035286号</div>
</body></html>
"""


def html_page(
    essay: Essay,
    path: Path,
    encoding: str = "utf-8",
    meta: str | None = None,
    style: str = "people",
) -> None:
    """A saved page of a news site. `meta` is the charset the page declares ("" for none); it
    defaults to the true one."""
    from html import escape

    declared = encoding if meta is None else meta
    if not declared:
        meta_tag = ""
    elif style.startswith("people"):
        meta_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
    else:
        meta_tag = f'<meta charset="{declared}">'
    paras = []
    if style == "people":  # a picture and its caption above the text
        paras.append('<p style="text-align: center;"><img src="/img/2025/0422/a.jpg"></p>')
        paras.append(
            '<p style="text-align: center;">图为浙江省湖州市安吉县余村。新华社记者 徐昱摄</p>'
        )
    if style == "people-inline":
        # the byline as the article's first line, as many pages set it
        paras.append(f'<p style="text-align: center;">{escape(essay.byline)}</p>')
    for kind, text in essay.blocks:
        if kind == "heading":
            align = ' style="text-align: center;"' if style == "qs" else ""
            paras.append(f"<p{align}><strong>{escape(text)}</strong></p>")
        elif style == "qs" and "。" in text[:60]:
            lead, _, rest = text.partition("。")  # a bold lead sentence opens the paragraph
            paras.append(f"<p>\u3000\u3000<strong>{escape(lead)}。</strong>{escape(rest)}</p>")
        else:
            paras.append(f"<p>\u3000\u3000{escape(text)}</p>")
    for note in essay.notes:
        paras.append(f"<p>\u3000\u3000{escape(note)}</p>")
    fields = {
        "meta": meta_tag,
        "title": escape(essay.title),
        "kicker": escape(essay.kicker or ""),
        "crumb": "理论前沿",
        "date": "2025年04月22日08:17",
        "date_short": "2025年04月22日",
        "editor": "王小明、李红",
        "byline": escape(essay.byline),
        "byline_line": "" if style == "people-inline" else f"作者：{escape(essay.byline)}",
        "paras": "\n".join(paras),
    }
    template = {"people": _PEOPLE, "people-inline": _PEOPLE, "gmw": _GMW, "qs": _QS}[style]
    path.write_bytes(template.format(**fields).encode(encoding))


# --- Word files ----------------------------------------------------------------------------------


def docx_file(essays: list[Essay], path: Path) -> None:
    """Essays as a teacher keeps them in Word: Title and Heading styles, the note last."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for n, essay in enumerate(essays):
        if n:
            doc.add_page_break()
        if essay.kicker:
            doc.add_paragraph(essay.kicker, style="Subtitle")
        doc.add_paragraph(essay.title, style="Title")
        by = doc.add_paragraph(essay.byline)
        by.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for kind, text in essay.blocks:
            if kind == "heading":
                doc.add_paragraph(text, style="Heading 2")
            else:
                doc.add_paragraph(text)
        for note in essay.notes:
            doc.add_paragraph(note)
    doc.save(str(path))


# --- the whole dev set in every format, scored ----------------------------------------------------

_ARRANGEMENTS = ("top", "left", "rows", "side")
_HTML_VARIANTS = (  # (site style, encoding, declared charset)
    ("people", "utf-8", None),
    ("gmw", "gbk", None),
    ("people-inline", "gbk", "utf-8"),  # mislabelled
    ("qs", "gbk", ""),  # no meta charset
    ("gmw", "utf-8", ""),
    ("people", "gb18030", "gb2312"),
    ("qs", "utf-8", None),
    ("people-inline", "utf-8", "gbk"),  # mislabelled the other way
)


def make_all(web: Path, out: Path, formats: tuple[str, ...] = ("pdf", "html", "docx")) -> None:
    """Every web copy of `web` set as PDF pages (three essays each), saved pages and Word files
    (two essays each), in out/pdf, out/html, out/docx."""
    files = sorted(web.glob("*.txt"))
    essays = [parse_web(f.read_text(encoding="utf-8")) for f in files]
    for kind in formats:
        (out / kind).mkdir(parents=True, exist_ok=True)
    if "pdf" in formats:
        for k in range(0, len(essays), 3):
            n = k // 3
            arrangement = _ARRANGEMENTS[n % len(_ARRANGEMENTS)]
            name = out / "pdf" / f"page{n + 1:02d}.pdf"
            if n % 5 == 4:
                pdf_page_flowed(essays[k : k + 3], name, n)
            else:
                pdf_page(essays[k : k + 3], name, n, arrangement)
    if "html" in formats:
        for n, (f, essay) in enumerate(zip(files, essays, strict=True)):
            style, encoding, meta = _HTML_VARIANTS[n % len(_HTML_VARIANTS)]
            html_page(essay, out / "html" / f"{f.stem}.html", encoding, meta, style)
    if "docx" in formats:
        for k in range(0, len(essays), 2):
            docx_file(essays[k : k + 2], out / "docx" / f"essays{k // 2 + 1:02d}.docx")


def main(argv: list[str]) -> None:
    import subprocess
    import sys
    import time

    dev, out = Path(argv[0]), Path(argv[1])
    formats = tuple(argv[2:]) or ("pdf", "html", "docx")
    make_all(dev / "web", out, formats)
    brief = ROOT / ".venv" / "bin" / "brief"
    score = dev.parent / "score.py"
    for kind, folder in [("web", dev / "web"), *((k, out / k) for k in formats)]:
        start = time.perf_counter()
        pred = subprocess.run(
            [str(brief), "extract", str(folder), "--json"], capture_output=True, check=True
        ).stdout
        took = time.perf_counter() - start
        (out / f"{kind}.json").write_bytes(pred)
        result = (
            subprocess.run(
                [sys.executable, str(score), str(dev / "gold.yaml"), str(out / f"{kind}.json")],
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()
        )
        print(f"{kind:5} {result[-1]}  ({took:.1f} s)")
        for line in result[:-1]:
            if "NOT FOUND" in line or "=0." in line:
                print("      ", line)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
