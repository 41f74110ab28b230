"""The pipeline, top to bottom: read -> page -> articles -> briefs -> pack -> PDF (or HTML, or
Markdown: `writer` maps the output file's extension to the writer that makes it).

Everything that can fail on the user's input is checked before the slow work: the output kind,
the layout, the output folder and the writer's templates, then every input file is read and split
before any essay is summarized. The PDF's fonts are registered while the essays are summarized
in other processes (brief.workers). Nothing is written until the output is complete, and then it
replaces an old one in one rename.

A pack file (`brief extract … -o pack.yaml`, corrected by hand) skips reading and summarizing:
`build` prints exactly what it says; `extract_to_file` writes or extends one.

Each stage is timed; `brief --verbose` prints the times and bench/bench.py reads them.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from brief import workers
from brief.errors import InputError
from brief.model import Article, Brief, Pack
from brief.progress import Progress, Silent
from brief.read.article import read_articles
from brief.read.files import find_files, folder_files, read_sources

if TYPE_CHECKING:
    from brief.render.schema import Layout

FEW_FILES = 4  # at most 12 essays (a page holds 3): a pack summarized by one process

log = logging.getLogger("brief")


class Timings:
    """Seconds spent in each stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.start = time.perf_counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def total(self) -> float:
        """Wall time since the timings began: stages may overlap (fonts while summarizing)."""
        return time.perf_counter() - self.start

    def line(self) -> str:
        """'imports 0.105, layout 0.006, …, total 1.020' (seconds), as --verbose prints it."""
        parts = [f"{name} {sec:.3f}" for name, sec in self.seconds.items()]
        return ", ".join([*parts, f"total {self.total():.3f}"])


def read(paths: Sequence[str], progress: Progress | None = None) -> list[Article]:
    """Every essay of every input, in input order; a file without an essay is an error.

    Many files are read in worker processes (brief.workers), in order."""
    from brief.workers import jobs_for, ordered_results

    progress = progress or Silent()
    files = find_files(paths)
    progress.start("reading", len(files))
    articles: list[Article] = []
    try:
        with ordered_results(_read_file, files, jobs_for(len(files))) as results:
            for path, found in zip(files, results, strict=True):
                if not found:
                    raise InputError(
                        f"{path}: no essay found (is this a theory essay in Chinese?); "
                        "remove the file or check its text"
                    )
                articles.extend(found)
                progress.step()
    finally:
        progress.finish()
    return articles


def _read_file(path: str) -> list[Article]:
    # a PDF page or a Word file may hold several essays
    return [a for source in read_sources(Path(path)) for a in read_articles(source)]


def summarize_all(
    articles: Sequence[Article],
    questions_template: str | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
    meanwhile: Callable[[], None] | None = None,
    ready: workers.Ready | None = None,
) -> list[Brief]:
    """One brief per essay, in order; `meanwhile` runs in this process as the essays are done.

    A big pack is summarized in one worker per core, forked after this process has loaded
    the dictionary, so no worker loads it again (brief.workers). A small pack is summarized
    by one forked child that loads the dictionary itself while this process does `meanwhile`
    (registering the fonts): the two costs overlap instead of adding up. `ready`, a worker forked
    when the build began (small packs), has loaded it already. The output is the same byte for
    byte either way."""
    from functools import partial

    from brief.summary.summarize import summarize
    from brief.workers import jobs_for, ordered_results

    timings = timings or Timings()
    progress = progress or Silent()
    jobs = jobs_for(len(articles))
    if ready is not None and jobs > 1:
        ready.close()  # the workers below fork after this process has loaded the dictionary
        ready = None
    if jobs > 1:
        with timings.stage("dictionary"):
            if progress is not None:
                progress.start("loading the dictionary", len(articles), counted=False)
            load_summarizer()
        log.info("loaded the dictionary (%.2f s)", timings.seconds["dictionary"])
    task = partial(summarize, questions_template=questions_template)
    if jobs == 1 and ready is None:
        task = partial(_loaded, task)
    briefs = []
    with (
        nullcontext(ready.map([(a, questions_template) for a in articles]))
        if ready is not None
        else ordered_results(task, articles, jobs, background=True)
    ) as results:
        if meanwhile is not None:
            meanwhile()
        with timings.stage("summarize"):
            progress.start("summarizing", len(articles))
            for brief in results:
                briefs.append(brief)
                progress.step()
            progress.finish()
    if jobs > 1:
        # The IDF table (70 MB) served the workers; the render workers forked later need none.
        from brief.summary.keywords import release_dictionary

        release_dictionary()
    log.info(
        "summarized %d essays (%s, %.2f s)",
        len(briefs),
        f"{jobs} workers" if jobs > 1 else "one process, which loaded the dictionary",
        timings.seconds["summarize"],
    )
    return briefs


def _summarize_one(item: tuple[Article, str | None]) -> Brief:
    """The task of the worker forked when a small pack's build begins (its layout's questions
    template is known only later, so it comes with each essay)."""
    from brief.summary.summarize import summarize

    article, questions_template = item
    return summarize(article, questions_template=questions_template)


def _loaded(task: Callable[[Article], Brief], article: Article) -> Brief:
    load_summarizer()  # once per process: later calls return at once
    return task(article)


def load_summarizer() -> None:
    """Load what summarizing needs (the word segmenter's dictionary, the model's weights) once,
    before any essay."""
    from brief.summary import model
    from brief.summary.keywords import load_dictionary

    load_dictionary()
    model.load()


def extract(
    paths: Sequence[str],
    questions_template: str | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
    meanwhile: Callable[[], None] | None = None,
    ready: workers.Ready | None = None,
) -> list[Brief]:
    """Read the inputs and summarize every essay found in them."""
    timings = timings or Timings()
    with timings.stage("read"):
        articles = read(paths, progress)
    log.info("read %d essays (%.2f s)", len(articles), timings.seconds["read"])
    return summarize_all(articles, questions_template, progress, timings, meanwhile, ready)


class Writer(NamedTuple):
    """How one output kind is made: `check` fails early on what the writer needs of the layout
    (its templates), before any essay is read; `meanwhile` prepares the rest while the essays are
    summarized (the PDF's fonts); `render` returns the bytes and the warnings, calling its third
    argument as each essay is done when `counted` (the PDF; the others are quick)."""

    check: Callable[[Layout], object]
    meanwhile: Callable[[Layout, Timings], None] | None
    render: Callable[..., tuple[bytes, list[str]]]
    counted: bool = False


def _register_fonts(layout: Layout, timings: Timings) -> None:
    from brief.render.fonts import load_fonts

    with timings.stage("fonts"):
        load_fonts(layout.fonts)  # registered once per process; render_pack reuses them
    log.info("registered the fonts (%.2f s)", timings.seconds["fonts"])


def writer(output: str) -> Writer:
    """The writer of the `-o` file, by its extension: .pdf, .html or .md."""
    ext = os.path.splitext(output)[1]
    kind = ext.lower()
    if kind == ".pdf":
        from brief.render.pdf import render_pack

        return Writer(lambda layout: None, _register_fonts, render_pack, counted=True)
    if kind == ".html":
        from brief.render import html

        return Writer(html.check, None, html.render_html)
    if kind == ".md":
        from brief.render import markdown

        return Writer(markdown.check, None, markdown.render_markdown)
    from brief.errors import OutputError, UsageError
    from brief.output import check_output
    from brief.pack.file import is_pack_file

    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        check_output(output)  # a folder is told it is a folder
    if is_pack_file(output):
        raise OutputError(
            f"{output}: build writes the printed pack; a pack file to edit is written by "
            f"brief extract PATH... -o {output}"
        )
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
    # A small pack's summarizer starts loading its dictionary now, in a worker, while this
    # process imports the renderer, loads the layout, reads the essays and registers the fonts.
    ready = workers.ready(load_summarizer, _summarize_one) if _few_files(paths) else None
    try:
        out = writer(output)  # an unknown output kind fails before anything else
        return _build(paths, output, out, layout_path, title, progress, timings, ready)
    finally:
        if ready is not None:
            ready.close()


def _few_files(paths: Sequence[str]) -> bool:
    """Whether the inputs are a few essay files (a small pack), judged without reading them."""
    count = 0
    for name in paths:
        path = Path(name)
        if path.suffix.lower() in (".yaml", ".yml"):
            return False  # a pack file: nothing is summarized
        if path.is_dir():
            try:
                count += len(folder_files(path)[0])  # the files find_files() would read
            except OSError:
                return False
        elif path.is_file():
            count += 1
        else:
            return False  # an error to report, soon: nothing to summarize
    return 0 < count <= FEW_FILES


def _build(
    paths: Sequence[str],
    output: str,
    out: Writer,
    layout_path: str | None,
    title: str | None,
    progress: Progress,
    timings: Timings,
    ready: workers.Ready | None,
) -> list[str]:
    with timings.stage("imports"):
        from brief.output import check_output, write_atomic
        from brief.pack.file import is_pack_file
        from brief.pack.make import make_pack
        from brief.render.layout import load_layout
        from brief.render.schema import questions_template

    with timings.stage("layout"):
        layout = load_layout(layout_path)  # a broken layout fails before any work
        check_output(output)  # and so does an output folder that cannot be written
        out.check(layout)  # or a template the writer cannot compile
    log.info("layout %s, output %s (%.2f s)", layout.file, output, timings.seconds["layout"])

    def meanwhile() -> None:
        """What the rest needs, made while the essays are summarized: the writer's own needs
        (the PDF's fonts) and the segmenter that make_pack's map links cut items with."""
        from brief.summary.keywords import load_segmenter

        if out.meanwhile:
            out.meanwhile(layout, timings)
        load_segmenter()

    if any(is_pack_file(p) for p in paths):
        pack = read_pack_file(paths, title, timings)  # printed as written: nothing is re-read
        meanwhile()
    else:
        with questions_errors(layout.origin("templates.questions")):
            briefs = extract(paths, questions_template(layout), progress, timings, meanwhile, ready)
        with timings.stage("pack"):
            pack = make_pack(briefs, title=title)  # the maps' links, themes, glossary

    with timings.stage("render"):
        if out.counted:
            progress.start("rendering", len(pack.briefs))
        else:
            progress.start(f"rendering {len(pack.briefs)} essays", len(pack.briefs), counted=False)
        try:
            data, warnings = out.render(pack, layout, *([progress.step] if out.counted else []))
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


@contextmanager
def questions_errors(layout_file: str) -> Iterator[None]:
    """A layout's questions template fails while summarizing: name the layout file too."""
    from brief.errors import LayoutError

    try:
        yield
    except LayoutError as err:
        raise type(err)(f"{layout_file}: {err}") from None


# ---------------------------------------------------------------- pack files


def read_pack_file(paths: Sequence[str], title: str | None, timings: Timings) -> Pack:
    """The pack a pack file describes. It is printed on its own: mixing it with essays (whose
    briefs nobody has corrected) is refused; `brief extract ESSAYS -o pack.yaml` adds them."""
    from brief.pack.file import is_pack_file, load

    files = [p for p in paths if is_pack_file(p)]
    others = [p for p in paths if not is_pack_file(p)]
    if len(files) > 1:
        raise InputError(
            f"{files[1]}: one pack file at a time (also given: {files[0]}); build each on its own"
        )
    if others:
        raise InputError(
            f"{files[0]}: a pack file is printed as written and cannot be mixed with essays "
            f"({' '.join(others)}); add them to it first: "
            f"brief extract {' '.join(others)} -o {files[0]}"
        )
    with timings.stage("pack file"):
        pack = load(files[0]).pack(title)
    log.info(
        "read %s: %d essays (%.2f s)", files[0], len(pack.briefs), timings.seconds["pack file"]
    )
    return pack


def default_output(paths: Sequence[str], suffix: str = ".pdf") -> str:
    """Where `brief build` writes without -o: in the current folder, named after the input
    (pack.yaml -> pack.pdf, essays/ -> essays.pdf, a.txt -> a.pdf), brief.pdf for several."""
    if len(paths) != 1:
        return "brief" + suffix
    name = os.path.basename(os.path.normpath(paths[0]))
    stem = os.path.splitext(name)[0] if os.path.isfile(paths[0]) else name
    return (stem if stem not in ("", ".", "..") else "brief") + suffix


def extract_to_file(
    paths: Sequence[str],
    output: str,
    title: str | None = None,
    layout_path: str | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> list[str]:
    """Write the pack file `output` (.yaml) for people to correct; returns what to tell them.

    Into an existing pack file, only the essays it lacks are added (at the end); every entry
    already there stays exactly as it is, also when its essay is not among the inputs (said in
    the messages). The old file is kept as FILE.bak; the new one replaces it in one rename."""
    from brief.errors import OutputError
    from brief.output import check_output, write_atomic
    from brief.pack.file import dump as dump_pack
    from brief.pack.file import is_pack_file, load, merge
    from brief.pack.make import pack_title

    timings = timings or Timings()
    if not is_pack_file(output):
        raise OutputError(f"{output}: a pack file is YAML; name it with .yaml, e.g. pack.yaml")
    check_output(output)
    old = load(output) if os.path.exists(output) else None  # a broken file stops here, unchanged
    template, origin = None, ""
    if layout_path:
        from brief.render.layout import load_layout
        from brief.render.schema import questions_template

        layout = load_layout(layout_path)
        template, origin = questions_template(layout), layout.origin("templates.questions")
    with questions_errors(origin):
        briefs = extract(paths, template, progress, timings)
    if old is None:
        # only the title: the maps' links, themes and glossary are made when the file is built
        write_atomic(output, dump_pack(briefs, pack_title(briefs, title), output).encode("utf-8"))
        return [f"wrote {output}: {len(briefs)} essays; correct it, then: brief build {output}"]
    result = merge(old, briefs)
    messages = []
    if title and title != old.title:
        messages.append(f"{output}: kept its title {old.title!r}; edit the file to change it")
    for place, name, id_ in result.missing:
        messages.append(
            f"{output}: essay {place} ({name}, id {id_}) is not among the inputs; "
            "kept as it is (delete its entry to drop it)"
        )
    if not result.added:
        return [*messages, f"{output}: no new essays; the file is unchanged"]
    write_atomic(output + ".bak", Path(output).read_bytes())
    write_atomic(output, result.text.encode("utf-8"))
    return [
        *messages,
        f"wrote {output}: {len(result.added)} new essays added at the end, "
        f"{len(old.ids)} entries kept as they were (old file: {output}.bak)",
    ]
