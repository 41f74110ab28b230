"""Packing: briefs -> pack.

In: `model.Brief` records in reading order. Out: one `model.Pack` with the pack's title, date and
sources, ready to render.
"""
