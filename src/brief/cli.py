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
from brief.errors import BriefError

log = logging.getLogger("brief")

EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line like every other error of Brief."""

    def error(self, message: str):  # type: ignore[override]
        print(f"brief: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="brief", description=__doc__.split("\n")[0])
    p.add_argument("--version", action="version", version=f"brief {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    noise = p.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    noise.add_argument(
        "-v", "--verbose", action="store_true", help="print what each stage does and its time"
    )
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read essays and print their outline or JSON")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders")
    ex.add_argument("--json", action="store_true", help="print JSON instead of an outline")

    bd = sub.add_parser("build", help="build the pack: a printable PDF, a web page or Markdown")
    bd.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders")
    bd.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="FILE.pdf, FILE.html or FILE.md"
    )
    bd.add_argument("--layout", metavar="FILE.yaml", help="layout file (default: built-in)")
    bd.add_argument("--title", help="title of the pack (default: from the essays' column)")
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
        if args.command == "extract":
            return _extract(args)
        return _build(args)
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


def _extract(args: argparse.Namespace) -> int:
    import json

    from brief.build import Timings, extract
    from brief.model import brief_to_dict

    timings = Timings()
    briefs = extract(args.paths, progress=_progress(args), timings=timings)
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
    from brief.build import build

    build(
        args.paths,
        output=args.output,
        layout_path=args.layout,
        title=args.title,
        progress=_progress(args),
    )
    return 0
