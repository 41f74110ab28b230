"""Article -> Brief (work in progress)."""

from __future__ import annotations

from brief.model import Article, Brief


def summarize(article: Article) -> Brief:
    return Brief(article=article)
