"""Jinja2 templates of a layout: finding a template's text, compiling it in the sandbox
(brief.sandbox: a shared layout is data, not a program), the variables each kind of template
sees, and messages for template errors."""

from __future__ import annotations

import functools
import os
import re
from typing import Any

from brief.errors import LayoutError, TemplateRefused
from brief.sandbox import is_refusal, unsafe_attributes


def is_template_name(source: str) -> bool:
    return bool(re.fullmatch(r"[\w./-]+\.(j2|jinja2?|txt)", source.strip()))


def template_source(dirs: tuple[str, ...], source: str) -> str:
    """The text of a template: the value itself, or the file it names."""
    if is_template_name(source):
        env = environment(dirs)
        return env.loader.get_source(env, source.strip())[0]
    return source


@functools.cache
def environment(dirs: tuple[str, ...]):
    import jinja2

    from brief.sandbox import make_environment

    return make_environment(
        jinja2.FileSystemLoader(list(dirs)), {"basename": lambda p: os.path.basename(str(p))}
    )


@functools.lru_cache(maxsize=256)
def compiled(dirs: tuple[str, ...], source: str):
    env = environment(dirs)
    if is_template_name(source):
        return env.get_template(source.strip())
    return env.from_string(source)


REFUSED_HINT = "a layout's templates may use only the values layouts/README.md lists"


def refused_names(dirs: tuple[str, ...], source: str) -> str | None:
    """The refusal message for a template whose source names underscore attributes, else None."""
    names = unsafe_attributes(environment(dirs), template_source(dirs, source))
    if not names:
        return None
    return f"refused: the template reaches for {', '.join(names)} ({REFUSED_HINT})"


def template_error(where: str, err: Exception) -> LayoutError:
    """`where` is 'FILE: KEY'; a sandbox refusal exits 2 like other unsafe input."""
    cls = TemplateRefused if is_refusal(err) else LayoutError
    return cls(f"{where}: {template_problem(err)}")


def template_problem(err: Exception) -> str:
    import jinja2

    if is_refusal(err):
        return f"refused: {str(err).rstrip('.')} ({REFUSED_HINT})"
    if isinstance(err, jinja2.TemplateNotFound):
        return f"template file not found: {err.name} (looked in templates/ beside the layout and in the package)"
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = f" in {err.name}" if err.name else ""
        return f"template syntax error{where} on line {err.lineno}: {err.message}"
    if isinstance(err, jinja2.UndefinedError):
        return f"template error: {err.message}"
    return f"template error: {type(err).__name__}: {err}"


# ---------------------------------------------------------------- template contexts


def page_context(pack: Any, brief: Any, index: int, page: int, pages: int) -> dict[str, Any]:
    """Variables of the header, footer and source templates. brief is None on the contents page."""
    return {
        "pack": pack,
        "brief": brief,
        "article": brief.article if brief is not None else None,
        "index": index,
        "total": len(pack.briefs),
        "page": page,
        "pages": pages,
    }


def cover_context(pack: Any, pages: int) -> dict[str, Any]:
    """Variables of the cover template."""
    columns = list(dict.fromkeys(b.article.column for b in pack.briefs if b.article.column))
    authors = list(dict.fromkeys(a for b in pack.briefs for a in b.article.authors))
    return {
        "pack": pack,
        "total": len(pack.briefs),
        "pages": pages,
        "columns": columns,
        "authors": authors,
        "sources": [os.path.basename(s) for s in pack.sources],
    }


def sample_contexts() -> dict[str, list[dict[str, Any]]]:
    """Sample variables for each kind of template, to catch undefined names when loading."""
    from brief.model import Article, Brief, Item, Pack, Paragraph

    article = Article(
        source="seeds/sample.txt",
        title="样例",
        paragraphs=(Paragraph(1, "样例。"),),
        column="理论",
        authors=("甲",),
    )
    item = Item("样例", (1,), 1.0)
    brief = Brief(article, "样例", (item,), (item,), (item,), ("样例",), ("样例？",))
    pack = Pack("样例", "2025-01-01", (brief,), ("seeds/sample.txt",))
    pages = [page_context(pack, brief, 1, 3, 3), page_context(pack, None, 0, 2, 3)]
    return {
        "header": pages,
        "footer": pages,
        "source": pages[:1],
        "cover": [cover_context(pack, 3)],
        "questions": [{"brief": brief, "article": article}],
    }
