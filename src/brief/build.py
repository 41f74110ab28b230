"""The pipeline, top to bottom: read -> page -> articles -> briefs -> pack -> PDF.

Everything is computed before anything is written; the PDF replaces an old one only when complete.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from brief.model import Brief

log = logging.getLogger("brief")


def extract(paths: Sequence[str], questions_template: str | None = None) -> list[Brief]:
    """Read the inputs and summarize every essay found in them."""
    from brief.article import read_articles
    from brief.errors import InputError
    from brief.read import read_paths
    from brief.summarize import summarize

    briefs = []
    for source in read_paths(paths):
        articles = read_articles(source)
        if not articles:
            raise InputError(f"{source.path}: no essay found (is this a theory essay in Chinese?)")
        briefs.extend(summarize(a, questions_template) for a in articles)
    return briefs


def build(
    paths: Sequence[str],
    output: str,
    layout_path: str | None = None,
    title: str | None = None,
) -> list[str]:
    """Build the PDF pack at `output`; returns the warnings."""
    from brief.layout import load_layout, questions_template
    from brief.output import write_atomic
    from brief.pack import make_pack
    from brief.render import render_pack

    layout = load_layout(layout_path)  # a broken layout fails before any work
    briefs = extract(paths, questions_template(layout))
    pack = make_pack(briefs, title=title)
    pdf, warnings = render_pack(pack, layout)
    for w in warnings:
        log.warning(w)
    write_atomic(output, pdf)
    log.info("wrote %s (%d essays)", output, len(pack.briefs))
    return warnings
