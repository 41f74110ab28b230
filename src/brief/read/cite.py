"""Where an essay was published, as a reader would cite it: 人民日报 2025年3月5日 第13版.

Found in a crawler's byline tail (`《人民日报》（2025年03月05日第 13 版）`), a source or date line
(`来源：光明日报`, `发布时间：2025-03-05`), or the front matter (date, section, source).
"""

from __future__ import annotations

import re

_DATE = r"(?P<y>\d{4})\s*(?:年|[-./])\s*(?P<m>\d{1,2})\s*(?:月|[-./])\s*(?P<d>\d{1,2})\s*日?"
_PAGE = r"(?:第\s*(?P<p>\d{1,3})\s*版|(?P<p2>\d{1,3})\s*版)"
_PAPER = r"《(?P<paper>[^》]{2,12}(?:报|刊|志|论坛|求是|学习时报))》"
# 《人民日报》（2025年03月05日第 13 版）, 《光明日报》2025年3月5日 11版
PAPER_TAIL = re.compile(
    _PAPER + r"\s*[（(]?\s*(?:" + _DATE + r")?\s*[，,]?\s*(?:" + _PAGE + r")?\s*[）)]?\s*$"
)
_SOURCE_LINE = re.compile(r"^(?:来源|来源于|稿件来源|出处|刊于|原载)\s*[:：]\s*(?P<src>.+)$")
_PARTS = re.compile(r"\s*[|｜]\s*")
_SITE = re.compile(r"^[^－—-]{2,12}[－—-](?=[^－—-]{2,12}$)")
_DATE_LINE = re.compile(r"^(?:发布时间|发布日期|时间|日期)?\s*[:：]?\s*" + _DATE)


DATE = re.compile(_DATE)  # 2025年3月5日, 2025-03-05, 2025/3/5


def _date(m: re.Match[str]) -> str:
    return f"{int(m.group('y'))}年{int(m.group('m'))}月{int(m.group('d'))}日"


def date_text(text: str) -> str | None:
    """The first date in a text, as a citation writes it (2025年3月5日)."""
    m = DATE.search(text)
    return _date(m) if m else None


def format_citation(paper: str | None, date: re.Match[str] | None, page: str | None) -> str | None:
    parts = [paper.strip("《》 ") if paper else None, _date(date) if date else None]
    parts.append(f"第{int(page)}版" if page else None)
    text = " ".join(p for p in parts if p)
    return text or None


def from_paper_tail(text: str) -> tuple[str, str | None]:
    """A byline with the paper's tail -> (the names before it, the citation)."""
    m = PAPER_TAIL.search(text)
    if not m:
        return text, None
    date = DATE.search(m.group(0))
    page = m.group("p") or m.group("p2")
    return text[: m.start()].strip(), format_citation(m.group("paper"), date, page)


def from_lines(lines: list[str]) -> str | None:
    """A source line (来源：…) and a date line among an essay's head or tail lines."""
    source = date = None
    for whole in lines:
        whole = whole.strip()
        tail = PAPER_TAIL.search(whole)
        if tail and len(whole) - len(tail.group(0)) <= 20:
            return from_paper_tail(whole)[1]
        # 2025年12月02日08:27 | 来源：人民网－人民日报: a date and a source on one line
        for line in _PARTS.split(whole):
            m = _SOURCE_LINE.match(line)
            if m and source is None:
                src = m.group("src")
                inline = DATE.search(src)
                if inline:  # 来源：光明日报 2025年03月05日
                    date = date or inline
                    src = src[: inline.start()] + src[inline.end() :]
                # 人民网－人民日报: the site, then the paper it took the essay from
                src = _SITE.sub("", re.sub(r"\s+", " ", src)).strip("《》 ")
                if 2 <= len(src) <= 30:
                    source = src
            m = _DATE_LINE.match(line)
            if m and date is None and len(line) <= 40:
                date = m
    if source is None:
        return None
    return format_citation(source, date, None)


def from_front(front: dict[str, str]) -> str | None:
    """Front matter: `source`/`publication` (or a 《…》 name), `date`, `section` (第09版)."""
    paper = next(
        (
            front[k]
            for k in ("publication", "newspaper", "paper", "source", "media")
            if front.get(k)
        ),
        None,
    )
    if paper and ("/" in paper or len(paper) > 20):
        paper = None  # a URL or a sentence, not a name
    date = DATE.search(front.get("date", ""))
    page = re.search(r"(\d{1,3})\s*版", front.get("section", ""))
    if not (paper or date):
        return None
    return format_citation(paper, date, page.group(1) if page else None)


def from_header(text: str) -> str | None:
    """A page's dateline (人民日报 2025年3月5日 星期三 第9版 理论前沿) -> 人民日报 2025年3月5日
    第9版 理论前沿: the date and page in the usual form, the weekday dropped, the rest kept."""
    date = DATE.search(text)
    if not date:
        return None
    page = re.search(_PAGE, text)
    rest = text[: date.start()] + " " + text[date.end() :]
    if page:
        rest = rest.replace(page.group(0), " ")
    rest = re.sub(r"星期[一二三四五六日天]|周[一二三四五六日]", " ", rest)
    words = [w.strip("《》|｜·-—") for w in re.split(r"[\s|｜]+", rest)]
    words = [w for w in words if w]
    head = [w for w in words if w.endswith(("报", "刊", "志"))]
    tail = [w for w in words if w not in head]
    number = page.group("p") or page.group("p2") if page else None
    parts = [*head, _date(date), f"第{int(number)}版" if number else "", *tail]
    return " ".join(p for p in parts if p) or None
