"""Command line: parse arguments, set up logging, turn Brief's errors into one-line messages.

Exit codes: 0 done; 1-4 the user's input, layout or output (brief.errors); 2 also for bad
arguments; 70 an internal error (a bug: please report it with the output of --debug); 130
interrupted. Only --debug shows a traceback.

This module imports nothing heavy: `brief --help` answers without loading reportlab or the segmenter.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys

from brief import __version__
from brief.errors import BriefError, UsageError

log = logging.getLogger("brief")

EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line like every other error of Brief."""

    def error(self, message: str):  # type: ignore[override]
        print(f"brief: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


ABOUT = """\
Brief turns Chinese theory essays (理论文章) into a printed briefing pack: a cover, a contents
page and one page per essay with its thesis, problems (问题), mechanisms (机理) and
recommendations (对策) traced to paragraphs (¶), keywords, discussion questions and room for notes.
"""

WORKFLOW = """\
quick:
  brief build essays/                        write essays.pdf here
  brief build essays/ -o pack.pdf --layout a5

correct, then print exactly what was corrected:
  brief extract essays/ -o pack.yaml         the briefs as one YAML file; edit it
  brief build pack.yaml -o pack.pdf          print it (no reading or summarizing)
  brief extract more/ -o pack.yaml           add essays; your edits stay as they are

layouts:
  brief layouts                              the layouts that come with Brief
  brief layout-copy a5 mine.yaml             copy one to edit; then --layout mine.yaml

Run `brief COMMAND --help` for a command's options.
"""


def _noise(p: argparse.ArgumentParser, top: bool) -> None:
    """-q/-v/--debug, before or after the command. After it they default to SUPPRESS, so that a
    subcommand does not reset what was given before it."""
    keep = {} if top else {"default": argparse.SUPPRESS}
    p.add_argument("--debug", action="store_true", help="show tracebacks", **keep)
    noise = p.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only", **keep)
    noise.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print what each stage does and its time",
        **keep,
    )


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="brief",
        description=ABOUT,
        epilog=WORKFLOW,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"brief {__version__}")
    _noise(p, top=True)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, description: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, description=description)
        _noise(c, top=False)
        return c

    ex = command(
        "extract",
        "read essays; print their outline or JSON, or write a pack file to correct",
        "Read and summarize essays. With -o pack.yaml, write the whole pack as one YAML file "
        "to correct by hand and print with `brief build pack.yaml`; into an existing pack file, "
        "only essays it lacks are added (at the end) and every entry in it stays as it is.",
    )
    ex.add_argument(
        "paths", nargs="+", metavar="PATH", help="files (.txt .md .pdf .html .docx) or folders"
    )
    ex.add_argument("--json", action="store_true", help="print JSON instead of an outline")
    ex.add_argument("-o", "--output", metavar="FILE.yaml", help="write (or extend) a pack file")
    ex.add_argument("--title", help="title of the pack (default: from the essays' column)")
    ex.add_argument(
        "--layout", metavar="FILE.yaml", help="a layout whose questions template to use"
    )

    bd = command(
        "build",
        "build the pack: a printable PDF, a web page or Markdown",
        "Build the pack from essays, or print a pack file (from `brief extract -o`) exactly "
        "as it is written: a PDF, a web page (-o pack.html) or Markdown (-o pack.md).",
    )
    bd.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .md .pdf .html .docx) or folders, or one pack .yaml file",
    )
    bd.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="FILE.pdf, FILE.html or FILE.md: where to write and what (default: a PDF named "
        "after the input, here)",
    )
    bd.add_argument(
        "--layout",
        metavar="FILE.yaml",
        help="layout file or name (`brief layouts`; default: built-in)",
    )
    bd.add_argument("--title", help="title of the pack (default: the pack file's, or the column)")

    command(
        "layouts", "list the layouts that come with Brief", "List the layouts that come with Brief."
    )
    cp = command(
        "layout-copy",
        "copy a layout to edit",
        "Copy one of Brief's layouts to FILE, to edit and use with --layout FILE.",
    )
    cp.add_argument("name", metavar="NAME", help="a layout's name (see `brief layouts`)")
    cp.add_argument("file", metavar="FILE", help="the new layout file (.yaml)")
    cp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    return p


def _setup_logging(level: int) -> None:
    """Messages of the `brief` logger go to the current stderr as `brief: …` lines."""
    for handler in list(log.handlers):
        if getattr(handler, "_brief_cli", False):
            log.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("brief: %(message)s"))
    handler._brief_cli = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING
    _setup_logging(level)
    # A build makes little cyclic garbage (peak memory is the same without the collector on 210
    # essays), but the collector keeps rescanning the dictionaries and the fonts: off for the
    # run, it saves about 0.15 s of a 1.2 s build.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if argv is None:
            gc.freeze()  # the process ends now: no last scan of everything at exit
        elif collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except BriefError as err:
        if args.debug:
            raise
        for line in str(err).splitlines() or [type(err).__name__]:
            # a layout with several mistakes reports each on its own line, all at once
            print(f"brief: {line}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("brief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of stdout went away (`brief extract … | head`): not an error of Brief
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as err:
        if args.debug:
            raise
        what = " ".join(str(err).split()) or "no message"
        if len(what) > 200:
            what = what[:197] + "..."
        print(
            f"brief: internal error: {type(err).__name__}: {what} (run with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _progress(args: argparse.Namespace):
    from brief.progress import Progress

    return Progress(sys.stderr, enabled=False if args.quiet else None)


def _say(args: argparse.Namespace, message: str) -> None:
    """What was written, and where: shown unless --quiet."""
    if not args.quiet:
        print(f"brief: {message}", file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    import json

    from brief.build import Timings, extract, extract_to_file, questions_errors
    from brief.model import brief_to_dict

    timings = Timings()
    if args.output:
        if args.json:
            raise UsageError("--json prints to the terminal; leave it out to write a pack file")
        for message in extract_to_file(
            args.paths,
            args.output,
            title=args.title,
            layout_path=_layout_path(args.layout),
            progress=_progress(args),
            timings=timings,
        ):
            _say(args, message)
        log.info("timings (s): %s", timings.line())
        return 0
    template, origin = None, ""
    if args.layout:
        from brief.render.layout import load_layout
        from brief.render.schema import questions_template

        layout = load_layout(_layout_path(args.layout))
        template, origin = questions_template(layout), layout.origin("templates.questions")
    with questions_errors(origin):
        briefs = extract(args.paths, template, progress=_progress(args), timings=timings)
    log.info("timings (s): %s", timings.line())
    if args.json:
        data = {"articles": [brief_to_dict(b) for b in briefs]}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from brief.render.outline import outline

        sys.stdout.write(outline(briefs))
    sys.stdout.flush()  # a closed pipe shows here, inside main(), not at exit
    return 0


def _build(args: argparse.Namespace) -> int:
    from brief.build import build, default_output

    output = args.output or default_output(args.paths)
    build(
        args.paths,
        output=output,
        layout_path=_layout_path(args.layout),
        title=args.title,
        progress=_progress(args),
    )
    if not args.output:
        _say(args, f"wrote {output} (give -o FILE.pdf to choose where)")
    return 0


def _layout_path(value: str | None) -> str | None:
    """--layout FILE, or the name of a layout that comes with Brief (`--layout a5`)."""
    if value is None:
        return None
    from brief.render.presets import resolve

    return resolve(value)


def _layouts(args: argparse.Namespace) -> int:
    from brief.render.presets import presets

    found = presets()
    width = max(len(p.name) for p in found)
    for p in found:
        sys.stdout.write(f"{p.name:<{width}}  {p.about}\n")
    sys.stdout.write(
        "\nUse one: --layout NAME; copy one to edit: brief layout-copy NAME FILE.yaml\n"
    )
    sys.stdout.flush()
    return 0


def _layout_copy(args: argparse.Namespace) -> int:
    from brief.errors import OutputError
    from brief.output import write_atomic
    from brief.render.layout import load_layout
    from brief.render.presets import copy_text, find

    preset = find(args.name)
    if os.path.exists(args.file) and not args.force:
        raise OutputError(f"{args.file}: exists; choose another name or give --force to replace it")
    write_atomic(args.file, copy_text(preset).encode("utf-8"))
    load_layout(args.file)  # the copy must load as it is
    _say(args, f"wrote {args.file} (from {preset.name}); edit it, then: --layout {args.file}")
    return 0


COMMANDS = {
    "extract": _extract,
    "build": _build,
    "layouts": _layouts,
    "layout-copy": _layout_copy,
}
