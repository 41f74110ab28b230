"""Pack -> one self-contained web page, for reading on a phone and printing from a browser.

The page is the layout's `templates.html` (the package's pack.html.j2 unless a layout replaces
it) rendered from the view of render/view.py, so it holds what the PDF holds. Everything is in
the one file: the stylesheet is inline, the fonts are the reader's own (a system CJK font
stack), there are no scripts or images, and nothing is loaded from elsewhere. Every value is
HTML-escaped: an essay's text is never template source.
"""

from __future__ import annotations

from brief.model import Pack
from brief.render.schema import Layout
from brief.render.view import pack_view, render_template, template

KEY = "templates.html"


def check(layout: Layout) -> None:
    """Compile the page template, so a broken one fails before any essay is read."""
    template(layout, KEY, autoescape=True)


def render_html(pack: Pack, layout: Layout) -> tuple[bytes, list[str]]:
    """The pack as UTF-8 HTML, and the warnings (none so far: the reader's fonts set the text)."""
    from brief import __version__

    context = {**pack_view(pack, layout), "version": __version__}
    text = render_template(layout, KEY, template(layout, KEY, autoescape=True), context)
    return text.encode("utf-8"), []
