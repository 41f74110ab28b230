"""Briefs -> Pack: the pack's own facts (title, date, sources) for the cover and contents."""

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


def make_pack(briefs: Sequence[Brief], title: str | None = None, date: str | None = None) -> Pack:
    sources = tuple(dict.fromkeys(b.article.source for b in briefs))
    if not title:
        columns = {b.article.column for b in briefs if b.article.column}
        title = DEFAULT_TITLE if len(columns) != 1 else f"{columns.pop()} {DEFAULT_TITLE}"
    return Pack(title=title, date=date or pack_date(), briefs=tuple(briefs), sources=sources)
