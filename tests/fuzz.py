"""Deterministic mutations of real essay files, for robustness tests and the fuzz check.

`mutants(n, seed)` takes the dev essays (web copies, pages, crawler markdown in ../shared/eval/dev)
and the seed page, and returns n (name, bytes) pairs, each a real file put through one to three
mutations chosen by a seeded generator: lines dropped, doubled or merged; blank lines removed;
odd whitespace; control characters (a form feed between pages as pdftotext writes it); site
chrome around the essay; the whole saved as one line; the head cut off before the title.
Every mutant keeps at least 200 characters of a real essay, so each must yield an essay.

As a script, it writes the mutants to a folder and runs one `brief extract DIR --json` over them:

    .venv/bin/python tests/fuzz.py 400          # 400 files, seed 0
    .venv/bin/python tests/fuzz.py 400 --seed 7
    .venv/bin/python tests/fuzz.py 400 --single  # one mutation a file: each one's effect alone
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
SEED = ROOT / "seeds" / "000_c6352a07d5a6d834.txt"

_HAN = re.compile(r"[\u3400-\u9fff]")


def originals() -> list[Path]:
    files = [SEED]
    for form, pattern in (("web", "*.txt"), ("page", "*.txt"), ("md", "*.md")):
        files.extend(sorted((DEV / form).glob(pattern)))
    return [f for f in files if f.is_file()]


# --- mutations: each takes and returns the text's lines ------------------------------------------


def drop_lines(lines: list[str], rnd: random.Random) -> list[str]:
    k = max(1, len(lines) // 40)
    gone = set(rnd.sample(range(len(lines)), min(k, len(lines) - 1)))
    return [line for i, line in enumerate(lines) if i not in gone]


def double_lines(lines: list[str], rnd: random.Random) -> list[str]:
    twice = set(rnd.sample(range(len(lines)), max(1, len(lines) // 40)))
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend([line, line] if i in twice else [line])
    return out


def merge_lines(lines: list[str], rnd: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(max(1, len(lines) // 30)):
        i = rnd.randrange(len(out) - 1) if len(out) > 1 else 0
        if i + 1 < len(out):
            out[i : i + 2] = [out[i] + rnd.choice(("", " ")) + out[i + 1]]
    return out


def no_blank_lines(lines: list[str], rnd: random.Random) -> list[str]:
    return [line for line in lines if line.strip()]


def odd_whitespace(lines: list[str], rnd: random.Random) -> list[str]:
    spaces = (" ", "\t", "\u00a0", "\u3000", "  ", "\u2003")
    out = []
    for line in lines:
        r = rnd.random()
        if r < 0.1 and len(line) > 4:
            k = rnd.randrange(1, len(line))
            line = line[:k] + rnd.choice(spaces) + line[k:]
        elif r < 0.2:
            line = line + rnd.choice(spaces)
        elif r < 0.25:
            line = rnd.choice(spaces) + line
        out.append(line + ("\r" if r > 0.9 else ""))
    return out


def control_characters(lines: list[str], rnd: random.Random) -> list[str]:
    out = []
    every = rnd.randrange(25, 60)
    for i, line in enumerate(lines):
        if i and i % every == 0:
            out.append("\f")  # pdftotext: one form feed between pages
        if rnd.random() < 0.01 and line:
            k = rnd.randrange(len(line))
            line = line[:k] + rnd.choice("\x0b\x1b\x07\x08\x7f") + line[k:]
        out.append(line)
    return out


_MENUS = (
    "首页 新闻 理论 评论 时政 国际 财经 文化 视频 图片",
    "首页 | 要闻 | 理论 | 学习 | 专题 | 数据 | English",
    "当前位置：首页 > 理论 > 正文",
    "登录 注册 | 手机版 | 客户端",
    "用户名 密码 登录 忘记密码？ 注册新用户",
    "字号：大 中 小  打印本页  关闭窗口",
)
_FOOTERS = (
    "责任编辑：王小明",
    "分享到：微信 微博 QQ空间",
    "推荐帖子",
    "推荐阅读 热门文章 相关新闻",
    "关于我们 | 联系我们 | 网站地图 | 免责声明 | 广告服务",
    "版权所有 © 2025 理论网 All Rights Reserved",
    "京ICP备12345678号-1  京公网安备 11010502000001号",
    "扫一扫 关注我们",
)
_POSTS = (
    "以新质生产力推动高质量发展",
    "深刻把握中国式现代化的本质要求",
    "加快构建新发展格局",
)


def site_chrome(lines: list[str], rnd: random.Random) -> list[str]:
    head = rnd.sample(_MENUS, rnd.randrange(2, 5))
    tail = rnd.sample(_FOOTERS, rnd.randrange(3, 7))
    if "推荐帖子" in tail:
        k = tail.index("推荐帖子") + 1
        tail[k:k] = rnd.sample(_POSTS, 2)
    return [*head, "", *lines, "", *tail]


def one_line(lines: list[str], rnd: random.Random) -> list[str]:
    """A crawled page saved as one line: the site's menus and footer around it."""
    lines = site_chrome(lines, rnd)
    return [rnd.choice((" ", "  ", "\t")).join(line.strip() for line in lines if line.strip())]


def cut_head(lines: list[str], rnd: random.Random) -> list[str]:
    """The page cut before its title: the first few text lines are gone."""
    texts = [i for i, line in enumerate(lines) if line.strip()]
    k = texts[min(len(texts) - 1, rnd.randrange(1, 4))]
    return lines[k:]


MUTATIONS: tuple[Callable[[list[str], random.Random], list[str]], ...] = (
    drop_lines,
    double_lines,
    merge_lines,
    no_blank_lines,
    odd_whitespace,
    control_characters,
    site_chrome,
    one_line,
    cut_head,
)


def mutate(
    text: str, rnd: random.Random, most: int = 3, markdown: bool = False
) -> tuple[str, list[str]]:
    # A crawled web page comes as one line, not the crawler's markdown.
    pool = [m for m in MUTATIONS if not (markdown and m is one_line)]
    chosen = rnd.sample(pool, rnd.randrange(1, most + 1))
    # One line and chrome last: they act on what the other mutations left.
    chosen.sort(key=lambda m: m in (site_chrome, one_line))
    lines = text.split("\n")
    for m in chosen:
        lines = m(lines, rnd) or lines
    return "\n".join(lines), [m.__name__ for m in chosen]


def mutants(n: int, seed: int = 0, most: int = 3) -> list[tuple[str, bytes, list[str]]]:
    """n mutated files: (file name, bytes, mutation names), the same for the same n and seed."""
    rnd = random.Random(seed)
    sources = originals()
    out = []
    for k in range(n):
        src = sources[k % len(sources)]
        text, names = mutate(src.read_text(encoding="utf-8"), rnd, most, src.suffix == ".md")
        if len(_HAN.findall(text)) < 200:
            text, names = src.read_text(encoding="utf-8"), []
        suffix = src.suffix
        encoding = "gb18030" if rnd.random() < 0.1 else "utf-8"
        out.append((f"{k:03d}_{src.parent.name}_{src.stem}{suffix}", text.encode(encoding), names))
    return out


CHROME_WORDS = re.compile(
    r"ICP|登录|注册|版权所有|责任编辑|推荐帖子|分享到|网站地图|当前位置|关闭窗口"
)


def _quality(folder: Path, made: list[tuple[str, bytes, list[str]]]) -> None:
    """How much of each original survives: its titles found, chrome kept out of the text."""
    from collections import Counter

    from brief.model import Source
    from brief.read.article import read_articles
    from brief.read.files import read_source

    titles: dict[str, set[str]] = {}
    for src in originals():
        titles[f"{src.parent.name}_{src.stem}"] = {a.title for a in read_articles(read_source(src))}
    lost: Counter[str] = Counter()
    leaked: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    for name, _, names in made:
        got = read_articles(read_source(folder / name))
        want = titles[name.split("_", 1)[1].rsplit(".", 1)[0]]
        for m in names or ["none"]:
            tried[m] += 1
        if "cut_head" not in names and not want <= {a.title for a in got}:
            for m in names or ["none"]:
                lost[m] += 1
        text = " ".join(p.text for a in got for p in a.paragraphs)
        text += " ".join(s.heading for a in got for s in a.sections)
        if CHROME_WORDS.search(text):
            for m in names:
                leaked[m] += 1
    del Source
    for m in sorted(tried):
        print(
            f"  {m:20s} files {tried[m]:3d} title_lost {lost[m]:3d} chrome_in_text {leaked[m]:3d}"
        )


def main(argv: list[str]) -> int:
    import subprocess
    import sys
    import tempfile

    n = int(argv[0]) if argv else 400
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    most = 1 if "--single" in argv else 3  # --single: one mutation a file, to see each alone
    with tempfile.TemporaryDirectory() as tmp:
        made = mutants(n, seed, most)
        for name, data, _ in made:
            (Path(tmp) / name).write_bytes(data)
        brief = str(Path(sys.executable).with_name("brief"))
        run = subprocess.run([brief, "extract", tmp, "--json"], capture_output=True, text=True)
        print(f"one run over {n} files: exit {run.returncode}; stderr: {run.stderr.strip()!r}")
        # Then each file alone, to count every refusal (one run stops at the first).
        from brief.errors import BriefError
        from brief.read.article import read_articles
        from brief.read.files import read_source

        refused = internal = 0
        for path in sorted(Path(tmp).iterdir()):
            try:
                if not read_articles(read_source(path)):
                    refused += 1
                    print(f"refused: {path.name}: no essay found")
            except BriefError as err:
                refused += 1
                print(f"refused: {err}")
            except Exception as err:  # noqa: BLE001 - counting internal errors is the point
                internal += 1
                print(f"internal error: {path.name}: {type(err).__name__}: {err}")
        print(f"files {n} refused {refused} internal_errors {internal}")
        _quality(Path(tmp), made)
    return 0 if internal == 0 and run.returncode in (0, 2) else 1


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
