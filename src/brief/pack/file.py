"""The pack file: the whole pack as one YAML file for people to correct, then print exactly.

`brief extract ESSAYS -o pack.yaml` writes it (`dump`); `brief build pack.yaml` reads it back
(`load`) without reading or summarizing anything. Re-extracting into an existing file keeps every
entry whose `id` is already there exactly as the user left it (text, comments and all) and
appends the new essays (`merge`).

The file holds what the printed pack needs: per essay its id, source, title and other heading
lines, the thesis, the three lists (each item its text and ¶ numbers), keywords, questions, the
glossary candidates (`terms`) and `length` (characters, for reading time). What is derived when
the pack is made (map links, themes, the glossary) is not stored. Items are ranked by their order
in the file: when a page is too full, the last items of a list are dropped first.

Checking (pack/check.py) reports every problem at once with its line and key path.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from brief.errors import InputError
from brief.model import LISTS, Article, Brief, Pack
from brief.pack.check import ARTICLE_FIELDS, check
from brief.pack.make import make_pack

SUFFIXES = (".yaml", ".yml")
HEADER = """\
# Brief pack file: {count} to correct, then print exactly as written here.
#
# Edit with any text editor (UTF-8). You may reword the thesis, an item, a title, a question or
# a keyword; delete an item's line to drop it; move an item's line to another list (problems =
# 问题, mechanisms = 机理, recommendations = 对策); add a line of your own, such as
#     - {{text: 你的条目, paragraphs: [3]}}
# under a list, or "- 你的问题？" under questions. paragraphs are the ¶ numbers printed after an
# item ([] prints none). Order counts: when a page is too full, the last items of a list are
# dropped first. null means none. Keep each essay's id: it ties the entry to the essay's text.
# A top-level `date: 2025-11-28` fixes the date on the cover (default: the day of the build).
#
# Print it:      brief build {name} -o pack.pdf        (any --layout; nothing is re-read)
# Add essays:    brief extract MORE-ESSAYS... -o {name}
#   Entries already here are kept exactly as you left them; new essays are added at the end;
#   the old file is kept as {name}.bak.
"""


# ---------------------------------------------------------------- writing


def essay_id(article: Article) -> str:
    """First 10 hex digits of the SHA-1 of the essay's body text with all white space removed:
    the same essay keeps its id when the file is renamed or its line breaks change."""
    body = "".join("".join(p.text.split()) for p in article.paragraphs)
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:10]


class _Dumper(yaml.SafeDumper):
    """SafeDumper that never folds a line (items stay one line each)."""


def _flow(value: Any) -> str:
    """One value in YAML flow style on one line: `推进…`, `[房芳, 郭建杰]`, `{text: …}`."""
    text = yaml.dump(
        value,
        Dumper=_Dumper,
        default_flow_style=True,
        allow_unicode=True,
        width=1 << 30,
        sort_keys=False,
    )
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def entry_lines(brief: Brief, indent: str = "  ", id_: str | None = None) -> list[str]:
    """The YAML lines of one essay's entry in the `essays` list (id: from the essay's text)."""
    a = brief.article
    values: dict[str, Any] = {
        "id": id_ or essay_id(a),
        "source": a.source,
        "title": a.title,
        "kicker": a.kicker,
        "subtitle": a.subtitle,
        "column": a.column,
        "authors": list(a.authors),
        "affiliation": a.affiliation,
        "published": getattr(a, "published", None),
        "thesis": brief.thesis,
        **{
            name: [{"text": i.text, "paragraphs": list(i.paragraphs)} for i in getattr(brief, name)]
            for name in LISTS
        },
        "keywords": list(brief.keywords),
        "questions": list(brief.questions),
        "terms": [
            {"term": t.term, "sentence": t.sentence, "paragraph": t.paragraph} for t in brief.terms
        ],
        # characters of the body text; the file has no text, so it carries the figure
        "length": brief.length or sum(len(p.text) for p in a.paragraphs),
    }
    if "published" not in ARTICLE_FIELDS:
        del values["published"]
    lines = []
    inner = indent + "  "
    for key, value in values.items():
        head = f"{indent}- " if not lines else inner
        if key in (*LISTS, "questions", "terms") and value:
            lines.append(f"{head}{key}:")
            lines.extend(f"{inner}  - {_flow(v)}" for v in value)
        else:
            lines.append(f"{head}{key}: {_flow(value)}")
    return lines


def dump(
    briefs: Sequence[Brief],
    title: str,
    name: str = "pack.yaml",
    ids: Sequence[str] | None = None,
) -> str:
    """The whole pack file: header comment, the pack's title, one entry per essay."""
    count = f"{len(briefs)} essay" + ("s" if len(briefs) != 1 else "")
    out = [HEADER.format(count=count, name=os.path.basename(name)), f"title: {_flow(title)}"]
    out.append("essays:" if briefs else "essays: []")
    for n, brief in enumerate(briefs):
        if n:
            out.append("")
        out.extend(entry_lines(brief, id_=ids[n] if ids else None))
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class PackFile:
    """A pack file, read and checked."""

    path: str
    text: str
    title: str | None
    date: str | None
    briefs: tuple[Brief, ...]
    ids: tuple[str, ...]
    essays_end: int | None  # where new entries go in `text`: the end of the essays list
    essays_indent: str  # the indentation of its `- ` marks

    def pack(self, title: str | None = None) -> Pack:
        """The pack as the file says; `title` (e.g. from --title) wins over the file's."""
        return make_pack(self.briefs, title=title or self.title, date=self.date)


def is_pack_file(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def load(path: str | os.PathLike) -> PackFile:
    """Read and check a pack file; every problem at once in one InputError (exit 2)."""
    label = os.path.normpath(str(path))
    try:
        text = open(path, encoding="utf-8-sig").read()  # noqa: SIM115 - read at once
    except FileNotFoundError:
        raise InputError(f"{label}: no such pack file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a folder, not a pack file") from None
    except UnicodeDecodeError:
        raise InputError(f"{label}: not UTF-8 text; save the pack file as UTF-8") from None
    except OSError as err:
        raise InputError(f"{label}: cannot read the pack file ({err.strerror})") from None
    return parse(text, label)


def parse(text: str, label: str) -> PackFile:
    checked = check(text, label)
    end, indent = _essays_end(text, checked.root)
    return PackFile(
        label, text, checked.title, checked.date, checked.briefs, checked.ids, end, indent
    )


def _essays_end(text: str, root: Any) -> tuple[int | None, str]:
    """Where to append entries in `text` (after the last essay, at a line start) and with what
    indentation; None when the list is not a block list that can simply be extended."""
    for key_node, value_node in getattr(root, "value", ()):
        if getattr(key_node, "value", None) != "essays":
            continue
        if (
            not isinstance(value_node, yaml.SequenceNode)
            or value_node.flow_style
            or not value_node.value
        ):
            return None, "  "
        first = value_node.value[0].start_mark
        indent = " " * max(first.column - 2, 0)
        last = value_node.value[-1]
        # after the last entry's last line of content: the YAML node ends at the next token, so
        # comments and blank lines that follow the entry stay after the new entries
        start = text.rfind("\n", 0, last.start_mark.index) + 1
        lines = text[start : last.end_mark.index].splitlines(keepends=True)
        while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
            lines.pop()
        end = start + sum(map(len, lines))
        if end and text[end - 1] != "\n":
            newline = text.find("\n", end)
            end = len(text) if newline < 0 else newline + 1
        return end, indent
    return None, "  "


# ---------------------------------------------------------------- merging


@dataclass(frozen=True)
class Merge:
    """What re-extracting into an existing pack file does."""

    text: str
    added: tuple[Brief, ...]
    kept: int  # entries already in the file, left exactly as they were
    missing: tuple[
        tuple[int, str, str], ...
    ]  # (1-based place, title, id) of entries not among the inputs


def merge(old: PackFile, briefs: Sequence[Brief]) -> Merge:
    """The file with the essays it lacks appended; entries it has are kept as the user left them.

    Entries whose essay is not among the inputs are kept too (never lose an edit): the caller
    reports them, and the user deletes an entry to drop it."""
    have = set(old.ids)
    new_ids = [essay_id(b.article) for b in briefs]
    added = []
    for b, id_ in zip(briefs, new_ids, strict=True):
        if id_ not in have:
            added.append(b)
            have.add(id_)
    wanted = set(new_ids)
    titles = [b.article.title for b in old.briefs]
    missing = tuple(
        (n + 1, titles[n] if n < len(titles) else "", id_)
        for n, id_ in enumerate(old.ids)
        if id_ not in wanted
    )
    text = old.text
    if added and old.essays_end is None:
        # a flow list written by hand: rebuilt from what was read (same content, new layout)
        ids = [*old.ids, *(essay_id(b.article) for b in added)]
        text = dump([*old.briefs, *added], old.title or "", old.path, ids)
    elif added:
        entries = ["\n".join(entry_lines(b, old.essays_indent)) for b in added]
        head, rest = text[: old.essays_end], text[old.essays_end :]
        if not head.endswith("\n"):
            head += "\n"
        text = head + "".join(f"\n{e}\n" for e in entries) + rest
    if added and text is not old.text:
        try:  # the splice must read back as the old entries then the new ones, or start over
            ok = parse(text, old.path).ids == (*old.ids, *(essay_id(b.article) for b in added))
        except InputError:
            ok = False
        if not ok:
            ids = [*old.ids, *(essay_id(b.article) for b in added)]
            text = dump([*old.briefs, *added], old.title or "", old.path, ids)
    kept = len(old.ids) - len(missing)
    return Merge(text, tuple(added), kept, missing)
