"""Site chrome around a crawled essay: menus, breadcrumbs, login boxes, font-size and share
buttons, 推荐帖子 and footers.

A crawled page saved as one line is first cut back into lines where its lines were joined (a
space between two Chinese characters, or a run of spaces); then lines that are plainly the
site's (a menu of short words, 人民网 >> 理论, 登录/注册, 小字号, 责编, 分享到, 版权所有, ICP
numbers) are dropped, and everything from a 推荐/相关阅读 block after the essay on. Text is only
touched when it plainly carries chrome (two such lines or more), so an essay that mentions
分享经济 keeps it.
"""

from __future__ import annotations

import re

from brief.read.clean import width
from brief.read.names import split_byline

_CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# Where a one-line crawl joined its lines: spaces between Chinese text, or two spaces or a tab.
# (A space next to a digit stays: a page's stray spaces write 4 月 17 日.)
_JOINT = re.compile(
    rf"(?<=[{_CJK}])[ \u00a0\u3000]+(?=[{_CJK}A-Za-z])|(?<=[A-Za-z.,;:!?])[ \u00a0]+(?=[{_CJK}])"
    r"|[ \u00a0\u3000]{2,}|\t+"
)
_SENTENCE = re.compile(r"[。！？!?][”’」』）)]*")

_CHROME_LINE = re.compile(
    r"^[（(【\[]?\s*(?:首页|主页|当前位置|您的位置|所在位置|登录|登陆|注册|用户名|密码|忘记密码|退出|字号|字体|"
    r"打印|关闭窗口|收藏|分享|责任编辑|责编|编辑|校对|审核|值班编辑|扫一扫|扫码|关注我们|手机版|"
    r"客户端|下载|返回顶部|返回|上一篇|下一篇|评论|发表评论|网友评论|举报|点击|阅读量|浏览|"
    r"关于我们|联系我们|网站地图|免责声明|广告服务|广告|友情链接|版权|English)"
    r"(?:\s|[:：|｜>›»/·]|$)"
)
_CHROME_ANYWHERE = re.compile(
    r"ICP[备证]|公网安备|版权所有|Copyright|All Rights Reserved|©|违法和不良信息|举报电话|"
    r"登录\s*[|｜/]?\s*注册|分享到|分享让更多人看到",
    re.I,
)
# Words that are the site's even with no separator after them (注册新用户, 忘记密码？).
_CHROME_WORD = re.compile(
    r"^(?:首页|登录|登陆|注册|忘记密码|用户名|退出登录|扫一扫|扫码|关注我们|手机版|客户端|"
    r"返回顶部|上一篇|下一篇|网站地图|联系我们|关于我们|免责声明|友情链接|打印本页|关闭窗口|"
    r"[小中大]字号|[【\[]?纠错[】\]]?$|预览时标签不可点|微信扫一扫|关注该公众号|使用小程序|写留言|知道了)"
)
# A breadcrumb: 人民网 >> 理论 >> 正文, 首页＞观点＞理论.
_BREADCRUMB = re.compile(r"^[^\s>＞»›]{1,12}(?:\s*(?:>>|＞＞|>|＞|»|›)\s*[^\s>＞»›]{1,12})+$")
# What follows the essay on a crawled page: recommended or related posts.
_AFTER = re.compile(
    r"^(?:推荐帖子|推荐阅读|推荐文章|相关阅读|相关文章|相关新闻|相关推荐|热门推荐|热门文章|"
    r"热点推荐|猜你喜欢|延伸阅读|更多精彩|精彩推荐|往期回顾|热门评论|"
    r"阅读原文|继续滑动看下一个|向上滑动看下一个)"
)
_MENU_WORD = re.compile(r"^[\w\u3400-\u9fff]{1,6}$")
_SEPARATED = re.compile(r"\s*[|｜]\s*|\s+")


def explode(lines: list[str]) -> list[str]:
    """A page saved as one (or a few) very long lines -> its lines again."""
    texts = [line for line in lines if line.strip()]
    if len(texts) > 3 or not texts or max(len(t) for t in texts) < 300:
        return lines
    out: list[str] = []
    for line in lines:
        out.extend(part.strip() for part in _JOINT.split(line) if part.strip())
    return out


def ends_essay(line: str) -> bool:
    """A heading of recommended or related posts: what follows is not the essay's."""
    return bool(_AFTER.match(line.strip())) and width(line.strip()) <= 12


def is_chrome(line: str) -> bool:
    text = line.strip()
    if not text:
        return False
    if _CHROME_ANYWHERE.search(text) and width(text) <= 80:
        return True
    if _CHROME_LINE.match(text) and width(text) <= 40 and "。" not in text:
        return True
    if _CHROME_WORD.match(text) and width(text) <= 8:
        return True  # 注册新用户, 忘记密码？
    if _BREADCRUMB.match(text) and width(text) <= 40:
        return True
    words = [w for w in _SEPARATED.split(text) if w]
    # A menu: four or more short words in a row, nothing that reads as a sentence.
    return len(words) >= 4 and all(_MENU_WORD.match(w) for w in words) and width(text) <= 80


def _menu_run(lines: list[str], i: int) -> int:
    """Length of a run of one-word lines from i (a menu cut into lines): 首页 / 新闻 / 理论 …"""
    j = i
    while j < len(lines) and width(lines[j].strip()) <= 4 and _MENU_WORD.match(lines[j].strip()):
        j += 1
    # The last short word, a name before a longer line, is the essay's byline: 张来明 / 标题
    if j - i >= 3 and split_byline(lines[j - 1].strip()) and j < len(lines):
        j -= 1
    return j - i


def _marks(lines: list[str]) -> int:
    return sum(1 for line in lines if is_chrome(line) or _AFTER.match(line.strip()))


def _explode_plain(lines: list[str]) -> list[str]:
    """A one-line essay with no chrome: cut only where a sentence ends before the space, and
    after a short head (title, byline) at the start; a stray space inside a sentence stays."""
    # Paragraphs joined leave a space after many sentence ends; a stray space or two inside
    # one paragraph is not a crawl: then nothing is cut.
    ends = sum(
        len(re.findall(r"[。！？!?][”’」』）)]*[ \u00a0\u3000\t]+\S", line)) for line in lines
    )
    if ends < 3:
        return lines
    out: list[str] = []
    for line in lines:
        parts = [p for p in _JOINT.split(line) if p.strip()]
        cur = ""
        for n, part in enumerate(parts):
            # A title or byline ahead of the body: a few characters at least (a single one is
            # a stray space in 传 承), with no sentence end.
            head = (not out and 2 <= width(cur + part) <= 40 and not _SENTENCE.search(part)) and (
                width(part) >= 4 or bool(split_byline(part))
            )
            cur = f"{cur} {part}" if cur else part
            if head or _SENTENCE.search(cur.rstrip()[-3:]) or n == len(parts) - 1:
                out.append(cur.strip())
                cur = ""
    return out


# A photo's caption: 图为…。（资料图片）, 图片来源：…, 新华社记者 李贺摄, …（张三摄）. Never the
# essay's text. (图为… opens captions, seldom a sentence of an essay.) The text and the web
# readers both ask this.
_CAPTION = re.compile(
    r"^(?:(?:图为|▲|△).{2,78}|(?:图：|图片：).{2,78}?(?:[（(][^（）()]{0,16}[）)]|摄)"
    r"|[（(]?(?:图片来源|图片由|资料图片)[^。]{0,30}|新华社记者.{2,20}摄|.{0,20}[（(]资料图片[）)]"
    r"|.{2,70}[（(][^（）()]{0,16}摄[）)])$"
)


# The page's or the site's credits: 本版责编：王小明  版式设计：李四, （责任编辑：…）. Never the essay's.
_CREDIT = re.compile(
    r"^[（(\[［【]?\s*(?:本版)?(?:责编|责任编辑|编辑|校对|审核|监制|版式设计|美术编辑|美编|"
    r"图片编辑|制图)\s*[:：]"
)


def is_credit(line: str) -> bool:
    text = line.strip()
    return width(text) <= 60 and bool(_CREDIT.match(text))


def is_caption(line: str) -> bool:
    text = line.strip()
    return bool(text) and width(text) <= 80 and bool(_CAPTION.match(text))


def strip_chrome(lines: list[str]) -> list[str]:
    cut = explode(lines)
    if cut is not lines and _marks(cut) < 2:
        return _explode_plain(lines)
    lines = cut
    if _marks(lines) < 2:
        return lines
    out: list[str] = []
    seen_body = False
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        if _AFTER.match(text) and width(text) <= 12:
            if seen_body:
                break  # recommended posts and the footer: the essay is over
            i += 1
            continue
        run = _menu_run(lines, i)
        if run >= 3:
            i += run
            continue
        if is_chrome(text):
            i += 1
            continue
        if _SENTENCE.search(text) and width(text) >= 10:
            seen_body = True
        out.append(lines[i])
        i += 1
    return _from_title(out)


def _from_title(lines: list[str]) -> list[str]:
    """Drop the leftovers of the site's head above the essay: single menu words (理论, 正文)
    and prompts (忘记密码？) before the first line that can start an essay."""
    k = 0
    while k < len(lines):
        text = lines[k].strip()
        if text and not (
            (width(text) <= 4 and not split_byline(text)) or text.endswith(("？", "?", ">", "|"))
        ):
            break
        k += 1
    return lines[k:] if k < len(lines) else lines
