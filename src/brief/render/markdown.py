"""Pack -> one Markdown file, for pasting into notes and chat groups.

The layout's `templates.markdown` (the package's pack.md.j2) renders the same view as the web
page (render/view.py). Markdown has no autoescape, so every value a template prints goes through
`escape` (the environment's finalize): characters that would change what the text means as
Markdown are backslash-escaped, conservatively, and line breaks inside a value become spaces.
"""

from __future__ import annotations

import re
from typing import Any

from brief.model import Pack
from brief.render.schema import Layout
from brief.render.view import pack_view, render_template, template

KEY = "templates.markdown"

# ASCII marks that mean something in CommonMark or its common extensions wherever they stand
# (emphasis, code, links, HTML, headings and tags, tables, strikethrough, math), and an `&` that
# would start an entity; a backslash before ASCII punctuation is always a valid escape. Others,
# such as ( ) or !, only mean something after one of these, so they stay as they are.
_MARKS = re.compile(r"([\\`*_\[\]<>#|~$]|&(?=#?\w+;))")
# At the start of a value: a list marker or a numbered list item ('-', '+', '3.', '3)').
_LEADING = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))")


def escape(value: Any) -> Any:
    """A printed value with its Markdown marks escaped; numbers and `safe` values pass."""
    from markupsafe import Markup

    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    text = " ".join(value.split("\n")) if "\n" in value else value
    text = _MARKS.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: m.group(1) + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"), text)


def check(layout: Layout) -> None:
    """Compile the Markdown template, so a broken one fails before any essay is read."""
    template(layout, KEY, autoescape=False, finalize=escape)


def render_markdown(pack: Pack, layout: Layout) -> tuple[bytes, list[str]]:
    """The pack as UTF-8 Markdown, and the warnings (none)."""
    from brief import __version__

    context = {**pack_view(pack, layout), "version": __version__}
    tmpl = template(layout, KEY, autoescape=False, finalize=escape)
    text = render_template(layout, KEY, tmpl, context)
    # the template's optional blocks leave runs of blank lines: one blank line is Markdown's gap
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    return text.encode("utf-8"), []
