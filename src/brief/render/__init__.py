"""Rendering: pack -> output.

In: a `model.Pack` and a layout. Out: PDF, HTML or Markdown bytes (or a text outline).
schema (the layout's options) and layout (loading and validating the YAML), templates (Jinja2),
fonts and typeset (CJK line breaking); blocks (the pieces of a page), one module per page kind
(cover, contents, essay) with fit (one page per essay) and running (header and footer); pdf puts
them together. view is the pack as values for the web page (html) and Markdown (markdown),
both Jinja2 templates. outline is the plain-text view of `brief extract`.
"""
