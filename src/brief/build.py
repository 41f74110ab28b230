"""The pipeline, top to bottom: read -> page -> articles -> briefs -> pack -> PDF (or HTML, or
Markdown: `writer` maps the output file's extension to the writer that makes it).

Everything that can fail on the user's input is checked before the slow work: the layout, the
output folder, the fonts, then every input file is read and split before any essay is summarized.
Nothing is written until the output is complete, and then it replaces an old one in one rename.

Each stage is timed; `brief --verbose` prints the times and bench/bench.py reads them.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

from brief.model import Article, Brief, Pack
from brief.progress import Progress, Silent

if TYPE_CHECKING:
    from brief.render.schema import Layout

log = logging.getLogger("brief")


class Timings:
    """Seconds spent in each stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def total(self) -> float:
        return sum(self.seconds.values())

    def line(self) -> str:
        """'imports 0.105, layout 0.006, …, total 1.020' (seconds), as --verbose prints it."""
        parts = [f"{name} {sec:.3f}" for name, sec in self.seconds.items()]
        return ", ".join([*parts, f"total {self.total():.3f}"])


def read(paths: Sequence[str], progress: Progress | None = None) -> list[Article]:
    """Every essay of every input, in input order; a file without an essay is an error."""
    from brief.errors import InputError
    from brief.read.article import read_articles
    from brief.read.files import find_files, read_source

    progress = progress or Silent()
    files = find_files(paths)
    progress.start("reading", len(files))
    articles: list[Article] = []
    for path in files:
        source = read_source(path)
        found = read_articles(source)
        if not found:
            progress.finish()
            raise InputError(
                f"{source.path}: no essay found (is this a theory essay in Chinese?); "
                "remove the file or check its text"
            )
        articles.extend(found)
        progress.step()
    progress.finish()
    return articles


def summarize_all(
    articles: Sequence[Article],
    questions_template: str | None = None,
    progress: Progress | None = None,
) -> list[Brief]:
    """One brief per essay, in order.

    Serial on purpose: 210 essays take about 2.3 s here, while each worker process would first
    have to load jieba's dictionary (0.5 s) on a 2-core machine.
    """
    from brief.summary.summarize import summarize

    progress = progress or Silent()
    progress.start("summarizing", len(articles))
    briefs = []
    for article in articles:
        briefs.append(summarize(article, questions_template))
        progress.step()
    progress.finish()
    return briefs


def extract(
    paths: Sequence[str],
    questions_template: str | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> list[Brief]:
    """Read the inputs and summarize every essay found in them."""
    from brief.summary.keywords import load_dictionary

    timings = timings or Timings()
    with timings.stage("read"):
        articles = read(paths, progress)
    log.info("read %d essays (%.2f s)", len(articles), timings.seconds["read"])
    with timings.stage("jieba"):
        if progress is not None:
            progress.start("loading jieba's dictionary", len(articles), counted=False)
        load_dictionary()
    log.info("loaded jieba's dictionary (%.2f s)", timings.seconds["jieba"])
    with timings.stage("summarize"):
        briefs = summarize_all(articles, questions_template, progress)
    log.info("summarized %d essays (%.2f s)", len(briefs), timings.seconds["summarize"])
    return briefs


class Writer(NamedTuple):
    """How one output kind is made: `prepare` checks what the writer needs from the layout
    (fonts, templates) before any essay is read; `render` returns the bytes and the warnings."""

    stage: str  # the name of the prepare stage in the timings
    done: str  # what --verbose says prepare did
    prepare: Callable[[Layout], object]
    render: Callable[[Pack, Layout], tuple[bytes, list[str]]]


def writer(output: str) -> Writer:
    """The writer of the `-o` file, by its extension: .pdf, .html or .md."""
    ext = os.path.splitext(output)[1]
    kind = ext.lower()
    if kind == ".pdf":
        from brief.render.fonts import load_fonts
        from brief.render.pdf import render_pack

        # fonts are registered once per process; render_pack reuses them
        return Writer("fonts", "registered", lambda layout: load_fonts(layout.fonts), render_pack)
    if kind == ".html":
        from brief.render import html

        return Writer("templates", "compiled", html.check, html.render_html)
    if kind == ".md":
        from brief.render import markdown

        return Writer("templates", "compiled", markdown.check, markdown.render_markdown)
    from brief.errors import UsageError
    from brief.output import check_output

    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        check_output(output)  # a folder is told it is a folder
    raise UsageError(f"{output}: unknown output kind '{ext}'; use .pdf, .html or .md")


def build(
    paths: Sequence[str],
    output: str,
    layout_path: str | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> list[str]:
    """Build the pack at `output` (PDF, HTML or Markdown, by its extension); returns the warnings."""
    timings = timings or Timings()
    progress = progress or Silent()
    with timings.stage("imports"):
        out = writer(output)  # an unknown output kind fails before anything else
        from brief.output import check_output, write_atomic
        from brief.pack.make import make_pack
        from brief.render.layout import load_layout
        from brief.render.schema import questions_template

    with timings.stage("layout"):
        layout = load_layout(layout_path)  # a broken layout fails before any work
        check_output(output)  # and so does an output folder that cannot be written
    log.info("layout %s, output %s (%.2f s)", layout.file, output, timings.seconds["layout"])
    with timings.stage(out.stage):
        out.prepare(layout)
    log.info("%s the %s (%.2f s)", out.done, out.stage, timings.seconds[out.stage])

    briefs = extract(paths, questions_template(layout), progress, timings)
    pack = make_pack(briefs, title=title)

    with timings.stage("render"):
        progress.start(f"rendering {len(pack.briefs)} essays", len(pack.briefs), counted=False)
        try:
            data, warnings = out.render(pack, layout)
        finally:
            progress.finish()
    log.info(
        "rendered %d essays, %d KB (%.2f s)",
        len(pack.briefs),
        len(data) // 1024,
        timings.seconds["render"],
    )
    for w in warnings:
        log.warning(w)
    with timings.stage("write"):
        write_atomic(output, data)
    log.info("wrote %s (%d essays)", output, len(pack.briefs))
    log.info("timings (s): %s", timings.line())
    return warnings
