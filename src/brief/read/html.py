"""A saved web page (.html/.htm) -> a web copy: the article's text without the site around it.

News sites wrap an essay in menus, breadcrumbs, share buttons, related links, comments, an editor
line （责编：…） and a footer. The article is the element whose paragraphs hold the most Chinese
text; its paragraphs are kept in order, a paragraph set wholly in <strong> and without a full stop
is a heading, and link lists, editor lines and the paper's page line are dropped. The title is the
page's <h1> (not the <title>, which carries the site's suffix 理论--人民网), the kicker is the
heading above it, and the byline comes from an author line (作者：…) or the line under the title.

The bytes are decoded as the page says, but pages often say wrong: a BOM wins, then strict UTF-8
(GBK text is almost never valid UTF-8), then the declared charset, then GB18030 (a superset of
GB2312 and GBK).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from brief.errors import InputError
from brief.read import cite
from brief.read.chrome import is_caption, is_credit

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HAN = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?；;…]['\"”’」』）)》]*$")
_PAPER_LINE = re.compile(r"^《\s*[^》]{2,12}\s*》\s*[（(]\s*\d{4}\s*年")
_CHROME_TEXT = re.compile(
    r"^(?:分享到|分享让更多人看到|打印|纠错|推荐|返回顶部|相关(?:新闻|阅读|文章)|网友评论)"
)
_AUTHOR = re.compile(r"作者\s*[:：]\s*(.+?)\s*(?:(?:来源|时间|发布|编辑|责编|字号)\s*[:：].*)?$")
_FIELDS = re.compile(
    r"(?:来源|时间|发布时间|编辑|责编|字号)\s*[:：]|\d{4}\s*[-年]\s*\d{1,2}\s*[-月]"
)
# 来源：人民网－人民日报 / 来源：《求是》2025/08 -> the source's name
_SOURCE = re.compile(r"来源\s*[:：]\s*《?([^\s|｜\u3000《》]{2,20})")
_TITLE_SUFFIX = re.compile(r"\s*(?:--|——|_|\||｜|－| - ).*$")
_SKIP_TAGS = ("script", "style", "noscript", "iframe", "form", "button", "select", "svg", "nav")
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")


def read(path: Path) -> list[str]:
    """The reader files.read_sources calls for .html / .htm."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    text = decode_html(data, str(path))
    return [page_text(text, str(path))]


def decode_html(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: file is empty; save the page again")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
        declared = "gb18030"  # the superset: pages labelled GB2312 hold GBK characters
    for encoding in (declared, "gb18030"):
        if not encoding or encoding.replace("-", "") in ("utf8",):
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _clean(text: str) -> str:
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _han(text: str) -> int:
    return len(_HAN.findall(text))


def page_text(html: str, name: str = "page") -> str:
    """The article of a saved page as a web copy: title lines, byline, one paragraph a line."""
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(html)
    except Exception as err:  # lxml's parser errors have several classes
        raise InputError(f"{name}: not a readable HTML page ({err}); save the page again") from None
    for el in list(doc.iter(*_SKIP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    content = _content(doc)
    if content is None:
        raise InputError(f"{name}: no article text found in the page; save the article's page")
    paragraphs = _paragraphs(content)
    kicker, title, subtitle, byline, cited = _head(doc, content)
    if byline is None and paragraphs and _names(paragraphs[0][1]):
        byline = paragraphs.pop(0)[1]  # the byline set as the article's first line
    lines: list[str] = []
    if title and byline:
        lines += [t for t in (kicker, title, subtitle) if t]
        lines += [byline, *cited, ""]
    elif title:
        lines += [f"# {title}", ""]
    for kind, text in paragraphs:
        lines.append(f"## {text}" if kind == "heading" else text)
    return "\n".join(lines) + "\n"


def _content(doc):
    """The element whose own paragraphs hold the most Chinese text (not counting link text)."""
    scores: dict = {}
    for p in doc.iter("p", "div", "section", "td"):
        if p.tag != "p" and any(child.tag in ("p", "div") for child in p):
            continue  # a container; its paragraphs count for it below
        text = _clean(p.text_content())
        if _han(text) < 8 or _link_share(p) > 0.5:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + _han(text)
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el])


def _link_share(el) -> float:
    text = _clean(el.text_content())
    if not text:
        return 0.0
    linked = sum(len(_clean(a.text_content())) for a in el.iter("a"))
    return linked / len(text)


def _paragraphs(content) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for br in content.iter("br"):
        br.tail = "\u2028" + (br.tail or "")  # a line break inside a block parts paragraphs
    for el in content:
        if not isinstance(el.tag, str):
            continue
        if el.tag not in _BLOCKS and not (el.tag == "div" and not len(el.findall(".//p"))):
            continue
        if _link_share(el) > 0.5:
            continue
        pieces = [_clean(t) for t in el.text_content().split("\u2028")]
        pieces = [t for t in pieces if t]
        if len(pieces) > 1:
            out.extend(_block(el, t, plain=True) for t in pieces if _kept(t))
            continue
        text = pieces[0] if pieces else ""
        if not text or not _kept(text):
            continue
        out.append(_block(el, text))
    return out


def _kept(text: str) -> bool:
    """Not the credits, a caption, the paper's page line, share buttons and the like."""
    if is_credit(text) or is_caption(text) or _PAPER_LINE.match(text) or _CHROME_TEXT.match(text):
        return False
    if _han(text) < 30 and (_AUTHOR.search(text) or re.search(r"来源\s*[:：]", text)):
        return False  # the author, date and source line of the heading area
    return not (len(text) <= 40 and re.search(r"责编|责任编辑|【纠错】", text))


def _block(el, text: str, plain: bool = False) -> tuple[str, str]:
    """A heading when the block is a heading element or set wholly in <strong>."""
    strong = "".join(_clean(s.text_content()) for s in el.iter("strong", "b"))
    heading = el.tag.startswith("h") or strong.replace(" ", "") == text.replace(" ", "")
    if heading and not plain and not _SENTENCE_END.search(text) and len(text) <= 60:
        return ("heading", text)
    return ("para", text)


def _head(doc, content) -> tuple[str | None, str | None, str | None, str | None, list[str]]:
    """Kicker, title, subtitle, byline and citation lines from the page's heading area."""
    h1s = [h for h in doc.iter("h1") if _clean(h.text_content())]
    # the heading of the article, not a site logo set as <h1> (a link)
    h1s = [h for h in h1s if _link_share(h) <= 0.5] or h1s
    inside = [h for h in h1s if content in h.iterancestors()]
    before = _before(doc, content, h1s)
    kicker = subtitle = byline = None
    cited: list[str] = []
    if h1s:
        h1 = inside[0] if inside else before[-1] if before else h1s[0]
        title = _clean(h1.text_content())
        prev = _sibling(h1, -1)
        if prev is not None and prev.tag in ("h2", "h3", "h4", "p", "div", "span"):
            text = _clean(prev.text_content())
            if 2 <= len(text) <= 40 and not _FIELDS.search(text) and not _AUTHOR.search(text):
                kicker = text
        nxt = _sibling(h1, 1)
        if nxt is not None and nxt.tag in ("h2", "h3", "h4"):
            text = _clean(nxt.text_content())
            if text and not _AUTHOR.search(text) and not _names(text):
                subtitle = text if text.startswith(("——", "--")) else f"——{text}"
        byline, cited = _byline(h1, content)
    else:
        title = _page_title(doc)
    return kicker, title, subtitle, byline, cited


def _before(doc, content, elements: list) -> list:
    """Those of `elements` that come before `content` in the document."""
    wanted = set(elements)
    out = []
    for el in doc.iter():
        if el is content:
            break
        if el in wanted:
            out.append(el)
    return out


def _sibling(el, step: int):
    """The nearest element sibling with text, before (-1) or after (1)."""
    sib = el.getprevious() if step < 0 else el.getnext()
    while sib is not None and (not isinstance(sib.tag, str) or not _clean(sib.text_content())):
        sib = sib.getprevious() if step < 0 else sib.getnext()
    return sib


_INLINE = ("a", "span", "strong", "b", "em", "i", "font", "br")


def _byline(h1, content) -> tuple[str | None, list[str]]:
    """Between the title and the article: an 作者： line, or a short line of names; and where
    the page says the essay is from (来源：…, the date; a WeChat page's account and time), as
    lines a web copy's head has them."""
    seen = False
    names: str | None = None
    info: list[str] = []
    for el in h1.getroottree().getroot().iter():
        if el is h1:
            seen = True
            continue
        if el is content and seen:
            break
        if not seen or not isinstance(el.tag, str) or el in h1.iterancestors():
            continue
        if any(isinstance(c.tag, str) and c.tag not in _INLINE for c in el):
            continue  # a container: its lines come one by one
        text = _clean(el.text_content())
        if _han(text) > 40:
            break  # the article's text has begun
        if el.get("id") == "js_name" and text:  # a WeChat account: the paper it speaks for
            info.append(f"来源：{text}")
        elif _SOURCE.search(text) or cite.DATE.search(text):
            info.append(text)
        if names is not None:
            continue
        m = _AUTHOR.search(text)
        if m:
            found = m.group(1)
            cut = _FIELDS.search(found)  # 作者：王小明　2025年4月22日 来源：…
            names = _clean(found[: cut.start()] if cut else found) or None
        elif _names(text) and not _FIELDS.search(text):
            names = text
    return names, _citation(info)


def _citation(texts: list[str]) -> list[str]:
    """来源：… and the date from the head area's texts, as a web copy's head lines."""
    source = date = None
    for text in texts:
        m = _SOURCE.search(text)
        if m and source is None:
            source = m.group(1)
        date = date or cite.date_text(text)
    return [x for x in (source and f"来源：{source}", date) if x]


def _names(text: str) -> bool:
    from brief.read.names import split_byline

    text = re.sub(r"^作者\s*[:：]\s*", "", text)
    return len(text) <= 30 and not _SENTENCE_END.search(text) and bool(split_byline(text))


def _page_title(doc) -> str | None:
    for meta in doc.iter("meta"):
        if meta.get("property") in ("og:title",) and meta.get("content"):
            return _clean(meta.get("content"))
    title = doc.find(".//title")
    if title is None:
        return None
    return _TITLE_SUFFIX.sub("", _clean(title.text_content())) or None
