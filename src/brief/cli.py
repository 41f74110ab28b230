"""Command line: parse arguments, set up logging, turn Brief's errors into one-line messages."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from brief import __version__
from brief.errors import BriefError

log = logging.getLogger("brief")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="brief", description=__doc__)
    p.add_argument("--version", action="version", version=f"brief {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    noise = p.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    noise.add_argument("-v", "--verbose", action="store_true", help="print what each stage does")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read essays and print their outline or JSON")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders")
    ex.add_argument("--json", action="store_true", help="print JSON instead of an outline")

    bd = sub.add_parser("build", help="build the printable PDF pack")
    bd.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders")
    bd.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    bd.add_argument("--layout", metavar="FILE.yaml", help="layout file (default: built-in)")
    bd.add_argument("--title", help="title of the pack (default: from the essays' column)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="brief: %(message)s", stream=sys.stderr)
    try:
        if args.command == "extract":
            return _extract(args)
        return _build(args)
    except BriefError as err:
        if args.debug:
            raise
        print(f"brief: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("brief: interrupted", file=sys.stderr)
        return 130


def _extract(args: argparse.Namespace) -> int:
    from brief.build import extract
    from brief.model import brief_to_dict

    briefs = extract(args.paths)
    if args.json:
        data = {"articles": [brief_to_dict(b) for b in briefs]}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from brief.outline import outline

        sys.stdout.write(outline(briefs))
    return 0


def _build(args: argparse.Namespace) -> int:
    from brief.build import build

    build(args.paths, output=args.output, layout_path=args.layout, title=args.title)
    return 0
