"""Reading a pack file with line numbers and checking it: every problem at once, one line each,
as `pack.yaml:42: essays[2].problems[1].text: expected text, got a list`.

The YAML loader is a SafeLoader whose mappings and lists remember the line of each key and item,
and that records duplicate keys instead of stopping at the first. The checks mirror the layout's
(unknown keys with did-you-mean, wrong types, empty texts), with the file's lines instead of
the layout chain's files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from brief.errors import InputError, did_you_mean
from brief.model import LISTS, Article, Brief, Item, Term

TOP_KEYS = ("title", "date", "essays")
ESSAY_KEYS = (
    "id",
    "source",
    "title",
    "kicker",
    "subtitle",
    "column",
    "authors",
    "affiliation",
    "published",
    "thesis",
    *LISTS,
    "keywords",
    "questions",
    "terms",
    "length",
)
OPTIONAL_TEXT = ("source", "kicker", "subtitle", "column", "affiliation", "published")
ITEM_KEYS = ("text", "paragraphs")
TERM_KEYS = ("term", "sentence", "paragraph")
# `published` (the citation date the reader is gaining, issue 9) is written and read only once
# model.Article has the field; until then a `published:` key is accepted and not used.
ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))


@dataclass(frozen=True)
class Checked:
    """What a valid pack file says, and its YAML node tree (for splicing in new entries)."""

    title: str | None
    date: str | None
    briefs: tuple[Brief, ...]
    ids: tuple[str, ...]
    root: Any


class _Map(dict):
    """A mapping from the file, with the line of each key (1-based)."""

    line = 0
    lines: dict


class _Seq(list):
    """A list from the file, with the line of each item (1-based)."""

    line = 0
    lines: list


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings and lists remember lines, and that records duplicate keys
    instead of stopping at the first."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line, out.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in out:
            loader.duplicates.append((line, key))
            continue
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = line
    return out


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    out = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    out.line, out.lines = node.start_mark.line + 1, [c.start_mark.line + 1 for c in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


class _Problems:
    """Every problem of the file, as `FILE:LINE: KEY.PATH: message` lines."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.found: list[tuple[int, str]] = []

    def add(self, line: int, path: str, message: str) -> None:
        where = f"{path}: " if path else ""
        self.found.append((line, f"{self.label}:{line}: {where}{message}"))

    def raise_any(self) -> None:
        if self.found:
            lines = [text for _, text in sorted(self.found, key=lambda f: f[0])]
            raise InputError("\n".join(dict.fromkeys(lines)))


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, (int, float)):
        return f"a number ({value}); put it in quotes if it is text"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"a date ({value}); put it in quotes if it is text"
    return repr(value)


def check(text: str, label: str) -> Checked:
    """Parse and check a pack file's text; every problem at once in one InputError."""
    problems = _Problems(label)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and mark and mark.index >= len(text.rstrip()):
            mark = err.context_mark  # "…but got <stream end>": where the unclosed thing began
        line = mark.line + 1 if mark else 1
        raise InputError(
            f"{label}:{line}: YAML syntax error: {err.problem or err.context}; "
            "check the quotes, colons and indentation there"
        ) from None
    except yaml.YAMLError as err:
        raise InputError(f"{label}: YAML syntax error: {err}") from None
    finally:
        loader.dispose()
    for line, key in loader.duplicates:
        problems.add(line, key, "given twice; keep one")
    if not isinstance(data, _Map):
        raise InputError(
            f"{label}:1: expected a pack file (keys title and essays), got {_show(data)}; "
            "write one with: brief extract ESSAYS... -o " + os.path.basename(label)
        )
    if "essays" not in data and {"page", "fonts", "sizes", "templates", "blocks"} & set(data):
        raise InputError(f"{label}:1: this is a layout, not a pack file; give it with --layout")
    _unknown(data, TOP_KEYS, "", problems)
    title = _text(data, "title", "", problems, optional=True)
    date = _date(data, problems)
    briefs: list[Brief] = []
    ids: list[str] = []
    essays = data.get("essays")
    if "essays" not in data:
        problems.add(data.line, "essays", "missing; list the essays (brief extract writes them)")
    elif not isinstance(essays, _Seq) or not essays:
        what = "an empty list" if isinstance(essays, list) else _show(essays)
        problems.add(data.lines["essays"], "essays", f"expected a list of essays, got {what}")
    else:
        seen: dict[str, str] = {}
        for n, entry in enumerate(essays):
            path = f"essays[{n}]"
            if not isinstance(entry, _Map):
                problems.add(
                    essays.lines[n],
                    path,
                    f"expected an essay (a mapping with id, title, …), got {_show(entry)}",
                )
                continue
            brief, id_ = _essay(entry, path, problems)
            if id_ in seen:
                problems.add(
                    entry.lines["id"],
                    f"{path}.id",
                    f"{id_!r} is also {seen[id_]}'s id; each essay needs its own",
                )
            elif id_:
                seen[id_] = path
            ids.append(id_)
            if brief is not None:
                briefs.append(brief)
    problems.raise_any()
    return Checked(title, date, tuple(briefs), tuple(ids), node)


def _unknown(data: _Map, known: Sequence[str], prefix: str, problems: _Problems) -> set[str]:
    """Report unknown keys; return the known keys they look like misspellings of."""
    import difflib

    meant = set()
    for key in data:
        if key not in known:
            problems.add(
                data.lines[key], f"{prefix}{key}", f"unknown key{did_you_mean(key, known)}"
            )
            meant.update(difflib.get_close_matches(str(key), list(known), n=1))
    return meant


def _text(
    data: _Map,
    key: str,
    prefix: str,
    problems: _Problems,
    optional: bool = False,
    empty_ok: bool = False,
) -> str | None:
    """A text value; None when absent or null and `optional`."""
    path = f"{prefix}{key}"
    line = data.lines.get(key, data.line)
    if key not in data or data[key] is None:
        if optional:
            return None
        if key not in data:
            problems.add(line, path, "missing")
            return None
        if empty_ok:
            return ""
    value = data.get(key)
    if not isinstance(value, str):
        problems.add(line, path, f"expected text, got {_show(value)}")
        return None
    value = value.strip()
    if not value and not empty_ok:
        if optional:
            return None
        problems.add(line, path, "is empty; write the text")
        return None
    return value


def _date(data: _Map, problems: _Problems) -> str | None:
    value = data.get("date")
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    problems.add(
        data.lines["date"], "date", f"expected a date such as 2025-11-28, got {_show(value)}"
    )
    return None


def _texts(data: _Map, key: str, prefix: str, problems: _Problems) -> tuple[str, ...]:
    """A list of texts (keywords, questions, authors); a single text counts as a list of one."""
    value = data.get(key)
    path = f"{prefix}{key}"
    if value is None:
        return ()
    if isinstance(value, str):
        value = _Seq([value])
        value.lines = [data.lines[key]]
    if not isinstance(value, _Seq):
        problems.add(data.lines[key], path, f"expected a list of texts, got {_show(value)}")
        return ()
    out = []
    for n, v in enumerate(value):
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
        elif isinstance(v, str) or v is None:
            problems.add(
                value.lines[n], f"{path}[{n}]", "is empty; write the text or delete the line"
            )
        else:
            problems.add(value.lines[n], f"{path}[{n}]", f"expected text, got {_show(v)}")
    return tuple(out)


def _numbers(
    value: Any, line: int, path: str, problems: _Problems, lines: list | None = None
) -> tuple[int, ...]:
    """¶ numbers: a list of whole numbers from 1 (a single number counts as a list of one)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        value, lines = [value], [line]
    out = []
    for n, v in enumerate(value):
        where = (lines or [])[n] if lines and n < len(lines) else line
        if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
            out.append(v)
        else:
            problems.add(
                where,
                f"{path}[{n}]" if isinstance(value, _Seq) else path,
                f"¶ numbers are whole numbers from 1, such as [3, 4]; got {_show(v)}",
            )
    return tuple(out)


def _items(data: _Map, key: str, prefix: str, problems: _Problems) -> tuple[Item, ...]:
    value = data.get(key)
    path = f"{prefix}{key}"
    if value is None:
        return ()
    if not isinstance(value, _Seq):
        problems.add(data.lines[key], path, f"expected a list of items, got {_show(value)}")
        return ()
    out = []
    for n, v in enumerate(value):
        here, line = f"{path}[{n}]", value.lines[n]
        if isinstance(v, str):  # a line added by hand without ¶ numbers
            v = _Map(text=v)
            v.line, v.lines = line, {"text": line}
        if not isinstance(v, _Map):
            problems.add(
                line, here, f"expected an item {{text: …, paragraphs: […]}}, got {_show(v)}"
            )
            continue
        _unknown(v, ITEM_KEYS, here + ".", problems)
        text = _text(v, "text", here + ".", problems)
        paras = _numbers(
            v.get("paragraphs"),
            v.lines.get("paragraphs", line),
            here + ".paragraphs",
            problems,
            getattr(v.get("paragraphs"), "lines", None),
        )
        if text:
            out.append(Item(text, paras, 0.0))
    # the file's order is the ranking: the first item is kept longest on a full page
    return tuple(dataclasses.replace(i, score=float(len(out) - k)) for k, i in enumerate(out))


def _terms(data: _Map, prefix: str, problems: _Problems) -> tuple[Term, ...]:
    value = data.get("terms")
    path = f"{prefix}terms"
    if value is None:
        return ()
    if not isinstance(value, _Seq):
        problems.add(data.lines["terms"], path, f"expected a list of terms, got {_show(value)}")
        return ()
    out = []
    for n, v in enumerate(value):
        here, line = f"{path}[{n}]", value.lines[n]
        if not isinstance(v, _Map):
            problems.add(
                line, here, f"expected {{term: …, sentence: …, paragraph: …}}, got {_show(v)}"
            )
            continue
        _unknown(v, TERM_KEYS, here + ".", problems)
        term = _text(v, "term", here + ".", problems)
        sentence = _text(v, "sentence", here + ".", problems, empty_ok=True)
        para = _numbers(
            v.get("paragraph"), v.lines.get("paragraph", line), here + ".paragraph", problems
        )
        if term is not None and sentence is not None:
            out.append(Term(term, sentence, para[0] if para else 0))
    return tuple(out)


def _essay(entry: _Map, path: str, problems: _Problems) -> tuple[Brief | None, str]:
    prefix = path + "."
    before = len(problems.found)
    meant = _unknown(entry, ESSAY_KEYS, prefix, problems)  # `titel:` is not also "title: missing"
    id_ = _text(entry, "id", prefix, problems, optional="id" in meant) or ""
    title = _text(entry, "title", prefix, problems, optional="title" in meant)
    texts = {k: _text(entry, k, prefix, problems, optional=True) for k in OPTIONAL_TEXT}
    authors = _texts(entry, "authors", prefix, problems)
    thesis = _text(entry, "thesis", prefix, problems, optional=True) or ""
    lists = {name: _items(entry, name, prefix, problems) for name in LISTS}
    keywords = _texts(entry, "keywords", prefix, problems)
    questions = _texts(entry, "questions", prefix, problems)
    terms = _terms(entry, prefix, problems)
    length = entry.get("length", 0)
    if length is None:
        length = 0
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        problems.add(
            entry.lines["length"],
            f"{prefix}length",
            f"expected the essay's characters, a whole number, got {_show(length)}",
        )
        length = 0
    if len(problems.found) > before or title is None:
        return None, id_
    fields = {k: v for k, v in texts.items() if k in ARTICLE_FIELDS and k != "source"}
    article = Article(
        source=texts["source"] or "", title=title, paragraphs=(), authors=authors, **fields
    )
    brief = Brief(
        article, thesis, keywords=keywords, questions=questions, terms=terms, length=length, **lists
    )
    return brief, id_
