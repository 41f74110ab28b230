"""Reading: bytes -> text -> essays -> articles.

In: file paths. Out: `model.Article` records, one per essay found.
files (find and decode inputs) -> clean (newlines, markdown, stray spaces) -> page (split a page
or a web copy into raw essays) with names (bylines) and structure (numbering, heading roles) ->
article (title, authors, notes, sections, points).
"""
