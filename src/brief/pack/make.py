"""Briefs -> Pack: the pack's own facts (title, date, sources) for the cover and contents, and
what is derived from the briefs for the argument maps, the overview and the glossary."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from brief.model import Brief, Pack

DEFAULT_TITLE = "研读简报"


def pack_date() -> str:
    """Today, or the day of SOURCE_DATE_EPOCH when set, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def pack_title(briefs: Sequence[Brief], title: str | None = None) -> str:
    """The title given, else the column the essays share with 研读简报, else 研读简报."""
    if title:
        return title
    columns = {b.article.column for b in briefs if b.article.column}
    return DEFAULT_TITLE if len(columns) != 1 else f"{columns.pop()} {DEFAULT_TITLE}"


def make_pack(briefs: Sequence[Brief], title: str | None = None, date: str | None = None) -> Pack:
    """The pack, with each brief's map links, the shared themes and the glossary computed from
    the briefs alone (so a pack read back from an edited file gets them the same way)."""
    from brief.pack.glossary import make_glossary
    from brief.pack.links import make_links
    from brief.pack.overview import make_themes

    sources = tuple(dict.fromkeys(b.article.source for b in briefs))
    return Pack(
        title=pack_title(briefs, title),
        date=date or pack_date(),
        briefs=tuple(briefs),
        sources=sources,
        links=tuple(make_links(b) for b in briefs),
        themes=make_themes(briefs),
        glossary=make_glossary(briefs),
    )
