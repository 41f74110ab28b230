"""Bytes -> text: find the input files and decode them."""

from __future__ import annotations

import codecs
import logging
from collections.abc import Sequence
from pathlib import Path

from brief.errors import InputError
from brief.model import Source

log = logging.getLogger("brief")

SUFFIXES = (".txt", ".md")
# Files that are not text: the module that reads each, imported only when such a file is read.
READERS = {
    ".pdf": "brief.read.pdf",
    ".html": "brief.read.html",
    ".htm": "brief.read.html",
    ".docx": "brief.read.docx",
}
SUPPORTED = SUFFIXES + tuple(READERS)

# Byte-order marks tell the encoding outright; check the longer UTF-32 marks first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline and carriage return: a few are whitespace left by
# extraction (pdftotext writes a form feed between pages); many mean the bytes are not text.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}
# The share of control characters from which a file is taken for binary data: random bytes have
# about one in eight; a text that went through extraction has a handful.
_BINARY_SHARE = 0.05


def find_files(paths: Sequence[str]) -> list[Path]:
    """Files named, and the *.txt / *.md files of folders named, in name order."""
    if not paths:
        raise InputError("no input given; name text files or folders")
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found, skipped = folder_files(path)
            if not found:
                raise InputError(
                    f"{name}: folder has no .txt or .md files (nor .pdf, .html, .docx); "
                    "put the essays there"
                )
            if skipped:
                log.warning(
                    "%s: skipped %d file%s Brief does not read: %s",
                    name,
                    len(skipped),
                    "" if len(skipped) == 1 else "s",
                    ", ".join(skipped),
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError(f"{name}: not a regular file or folder; name a text file or a folder")
        else:
            raise InputError(f"{name}: no such file or folder; check the path")
    return files


def folder_files(path: Path) -> tuple[list[Path], list[str]]:
    """A folder's supported files in name order, and the names of the others. Hidden files and
    Word's lock files (~$name.docx) are no one's essays and are passed over silently."""
    found, skipped = [], []
    for p in sorted(path.iterdir()):
        if p.name.startswith((".", "~$")) or not p.is_file():
            continue
        (found if p.suffix.lower() in SUPPORTED else skipped).append(p)
    return found, [p.name for p in skipped]


def read_sources(path: Path) -> list[Source]:
    """One file -> its texts: a text file is one; a PDF page, a saved web page or a Word file
    gives each essay it holds as a web copy (title, byline, one paragraph a line)."""
    module = READERS.get(path.suffix.lower())
    if module is None:
        return [read_source(path)]
    import importlib

    reader = importlib.import_module(module)
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path")
    try:
        texts = reader.read(path)
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    kind = path.suffix.lower().lstrip(".")
    return [Source(path=str(path), text=text, encoding=kind) for text in texts]


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with BOM, or GB18030; return (text, encoding)."""
    if not data.strip():
        raise InputError(f"{name}: file is empty; remove it or add the essay's text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: not valid {encoding} despite its byte-order mark"
                ) from None
            return _checked(text, name), encoding
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), not text; save it as UTF-8 text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), name), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: cannot decode as UTF-8 or GB18030; save it as UTF-8 text")


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name}: file is empty; remove it or add the essay's text")
    if "\x00" in text:
        raise InputError(f"{name}: binary file (NUL characters), not text; save it as UTF-8 text")
    controls = sum(1 for ch in text if ch in _CONTROL)
    if controls > max(8, _BINARY_SHARE * len(text)):
        raise InputError(
            f"{name}: binary file (control characters), not text; save it as UTF-8 text"
        )
    return text


def read_source(path: Path) -> Source:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    text, encoding = decode(data, str(path))
    return Source(path=str(path), text=text, encoding=encoding)


def read_paths(paths: Sequence[str]) -> list[Source]:
    return [read_source(p) for p in find_files(paths)]
