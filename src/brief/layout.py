"""Layouts: YAML files saying how a pack looks, loaded into one validated, typed record.

Every layout is an overlay on the built-in default (src/brief/defaults/default.yaml), optionally
through a chain of `extends:` files, deep-merged parent first. The schema is declared once below
as frozen dataclasses; each option carries its docstring and its check. Loading collects every
error (unknown key, wrong type, bad colour, missing font, bad template...) as one line naming the
file and the key path, and raises them together as one LayoutError.

This module does not import reportlab, so that a broken layout is reported quickly.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from brief.errors import LayoutError

BUILTIN = "brief:default"  # the name to `extends:` the built-in default explicitly
BUILTIN_LABEL = "built-in default.yaml"
PACKAGE = Path(__file__).resolve().parent
DEFAULT_FILE = PACKAGE / "defaults" / "default.yaml"
PACKAGE_TEMPLATES = PACKAGE / "templates"

# Blocks an essay page can show, in any order the layout gives.
BLOCKS = (
    "header",
    "kicker",
    "title",
    "subtitle",
    "authors",
    "source",
    "thesis",
    "problems",
    "mechanisms",
    "recommendations",
    "keywords",
    "questions",
    "notes",
)

MM = 72 / 25.4
UNITS = {"pt": 1.0, "mm": MM, "cm": 10 * MM, "in": 72.0}
PAPER = {
    "A3": (297 * MM, 420 * MM),
    "A4": (210 * MM, 297 * MM),
    "A5": (148 * MM, 210 * MM),
    "A6": (105 * MM, 148 * MM),
    "B5": (176 * MM, 250 * MM),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
}


class Invalid(ValueError):
    """A value that fails its check; the message says what was expected."""


# ---------------------------------------------------------------- pure value parsers


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_length(value: Any) -> float:
    """A length in points from 10, 10.5, '10.5pt', '4mm', '1.2cm' or '0.5in'."""
    if isinstance(value, bool):
        raise Invalid(f"expected a size such as 10.5pt or 4mm, got {_show(value)}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(pt|mm|cm|in)?\s*", value)
        if m:
            return float(m.group(1)) * UNITS[m.group(2) or "pt"]
    raise Invalid(
        f"expected a size such as 10.5pt or 4mm (units: pt, mm, cm, in), got {_show(value)}"
    )


def parse_colour(value: Any) -> str:
    """'#rgb', '#rrggbb' or a CSS colour name, as '#rrggbb'."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"#[0-9a-fA-F]{3}", text):
            return "#" + "".join(c * 2 for c in text[1:]).lower()
        if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
            return text.lower()
        names = _colour_names()
        if text.lower() in names:
            return names[text.lower()]
        if not text.startswith("#"):
            near = difflib.get_close_matches(text.lower(), list(names), n=1)
            if near:
                raise Invalid(f"unknown colour name {_show(value)}; did you mean '{near[0]}'?")
    raise Invalid(f"not a colour: {_show(value)} (use #rgb, #rrggbb or a name such as darkred)")


@functools.cache
def _colour_names() -> dict[str, str]:
    from reportlab.lib import colors  # lazy: only when a layout names a colour

    return {
        name.lower(): "#" + c.hexval()[2:].lower()
        for name, c in colors.getAllNamedColors().items()
        if hasattr(c, "hexval") and not isinstance(c, colors.CMYKColor)
    }


def parse_paper(value: Any) -> tuple[float, float]:
    """A paper name (A4, A5, B5, letter...) or 'WIDTH x HEIGHT', in points."""
    if isinstance(value, str):
        for name, size in PAPER.items():
            if value.strip().lower() == name.lower():
                return size
        parts = re.split(r"\s*[x×]\s*", value.strip())
        if len(parts) == 2:
            try:
                return parse_length(parts[0]), parse_length(parts[1])
            except Invalid:
                pass
    names = ", ".join(PAPER)
    raise Invalid(f"expected a paper size ({names}) or 'WIDTH x HEIGHT', got {_show(value)}")


# ---------------------------------------------------------------- leaf checks


def length(value: Any) -> float:
    size = parse_length(value)
    if size <= 0:
        raise Invalid(f"expected a size above zero, got {_show(value)}")
    return size


def margin(value: Any) -> float:
    return parse_length(value)


@dataclass(frozen=True)
class Percent:
    """A size given as a percentage of sizes.body; resolved once the body size is known."""

    value: float


def font_size(value: Any) -> float | Percent:
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            pct = float(value.strip()[:-1])
        except ValueError:
            pct = -1.0
        if pct > 0:
            return Percent(pct)
        raise Invalid(f"expected a percentage of sizes.body such as 150%, got {_show(value)}")
    return length(value)


def ratio(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0.8 <= value <= 4:
        return float(value)
    raise Invalid(f"expected a multiple of the font size between 0.8 and 4, got {_show(value)}")


def count(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise Invalid(f"expected a whole number, got {_show(value)}")


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"expected true or false, got {_show(value)}")


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise Invalid(f"expected text, got {_show(value)}")


def colour(value: Any) -> str:
    return parse_colour(value)


def choice(*options: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value in options:
            return value
        near = difflib.get_close_matches(str(value), options, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise Invalid(f"expected one of {', '.join(options)}, got {_show(value)}{hint}")

    return check


def blocks(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"expected a list of block names ({', '.join(BLOCKS)}), got {_show(value)}")
    return tuple(value)  # names are checked one by one in _check_blocks, with their index


def font_file(value: Any) -> Path:
    """A TrueType file; the path was made absolute against its layout's folder when read."""
    if not isinstance(value, str):
        raise Invalid(f"expected the path of a .ttf file, got {_show(value)}")
    path = Path(value)
    if not path.is_file():
        hint = ""
        if value.startswith(str(_builtin_fonts_dir())):
            hint = " (the built-in layout reads fonts/ beside the package; set BRIEF_FONTS to another folder)"
        raise Invalid(f"font file not found: {value}{hint}")
    with path.open("rb") as f:
        head = f.read(16)
    if head[:4] == b"ttcf":
        with path.open("rb") as f:
            f.seek(int.from_bytes(head[12:16], "big"))
            head = f.read(4)
    if head[:4] == b"OTTO":
        raise Invalid(
            f"{path.name} has PostScript (CFF) outlines, which reportlab cannot embed; "
            "use a TrueType (.ttf) font"
        )
    if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise Invalid(f"{path.name} is not a TrueType font file")
    return path


def optional_font_file(value: Any) -> Path | None:
    return None if value is None else font_file(value)


def template(value: Any) -> str:
    """Jinja2 source, or the name of a template file (e.g. cover.j2); syntax is checked later."""
    if isinstance(value, str):
        return value
    raise Invalid(f"expected a Jinja2 template (text), got {_show(value)}")


def optional_template(value: Any) -> str | None:
    return None if value is None else template(value)


def opt(doc: str, check: Callable[[Any], Any] | None = None, default: Any = dataclasses.MISSING):
    """A schema option: its docstring (shown in layouts/README.md) and the check of its value."""
    meta = {"doc": doc, "check": check}
    if default is dataclasses.MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


# ---------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Margins:
    """Page margins. The running header sits in the top margin, the footer in the bottom one."""

    top: float = opt("Top margin, above the first block of the page.", margin)
    bottom: float = opt("Bottom margin, below the last note line.", margin)
    left: float = opt("Left margin.", margin)
    right: float = opt("Right margin.", margin)


@dataclass(frozen=True)
class Page:
    """Paper."""

    size: tuple[float, float] = opt(
        "Paper: A3, A4, A5, A6, B5, letter, legal, or 'WIDTH x HEIGHT' such as '148mm x 210mm'.",
        parse_paper,
    )
    margins: Margins = opt("Page margins.")


@dataclass(frozen=True)
class Face:
    """One typeface: its regular file and, optionally, its bold file (else bold = regular)."""

    regular: Path = opt(
        "Path of the regular .ttf (TrueType outlines), relative to this layout.", font_file
    )
    bold: Path | None = opt(
        "Path of the bold .ttf, or null to use the regular file.", optional_font_file, None
    )


@dataclass(frozen=True)
class Fonts:
    """Logical font names mapped to files. Paths are relative to the layout file's folder
    (the built-in default reads the repository's fonts/ folder, or $BRIEF_FONTS)."""

    body: Face = opt("Song (serif) face for body text: thesis, list items, questions.")
    heading: Face = opt("Hei (sans) face for the title, labels, header and footer.")
    fallback: Face = opt("Face for characters the body or heading face lacks (e.g. CJK Ext A).")


@dataclass(frozen=True)
class Sizes:
    """Type sizes: a length (10.5pt, 4mm) or, for text, a percentage of sizes.body."""

    body: float = opt("Body text: thesis, list items, keywords, questions.", length)
    title: float = opt("Essay title.", font_size)
    subtitle: float = opt("Essay subtitle.", font_size)
    kicker: float = opt("Kicker (the line above a title).", font_size)
    meta: float = opt("Authors, affiliation and source line.", font_size)
    label: float = opt("List labels (问题, 机理, 对策...).", font_size)
    small: float = opt("Paragraph references (¶3) and the contents page's authors.", font_size)
    header: float = opt("Running header and footer.", font_size)
    cover_title: float = opt("Pack title on the cover.", font_size)
    leading: float = opt("Line height as a multiple of the font size, for body text.", ratio)
    title_leading: float = opt("Line height of titles, as a multiple of their size.", ratio)
    space: float = opt("Space between blocks.", length)
    notes_spacing: float = opt("Distance between the ruled lines for notes.", length)


@dataclass(frozen=True)
class Fit:
    """How far a page may tighten before items are dropped so the essay keeps to one page."""

    min_body: float = opt(
        "Smallest body size allowed; other text shrinks in proportion.", font_size
    )
    min_title: float = opt("Smallest title size allowed.", font_size)
    min_leading: float = opt("Smallest line height, as a multiple of the font size.", ratio)
    min_space: float = opt("Smallest space between blocks.", margin)
    min_notes_lines: int = opt("Note lines kept even on a full page (0 lets notes vanish).", count)
    steps: int = opt(
        "Steps from the normal sizes down to the minimums (1 = jump straight there).", count
    )


@dataclass(frozen=True)
class Colours:
    """Colours: '#rgb', '#rrggbb' or a CSS name (darkred, navy...)."""

    text: str = opt("Body text.", colour)
    muted: str = opt("Authors, source, header, footer, paragraph references.", colour)
    accent: str = opt("Labels, bullets, question numbers, the thesis bar.", colour)
    tint: str = opt("Background of the thesis box.", colour)
    rule: str = opt("Rules after labels, under the header, and the note lines.", colour)


@dataclass(frozen=True)
class Lists:
    """The three lists (问题 / 机理 / 对策)."""

    empty: str = opt(
        "An empty list: 'omit' leaves the block out, 'note' shows its label and labels.empty.",
        choice("omit", "note"),
    )
    refs: bool = opt("Show paragraph references (¶3, ¶3–4) after each item.", flag)


@dataclass(frozen=True)
class Labels:
    """Words printed on the page."""

    thesis: str = opt("Label of the thesis box.", text)
    problems: str = opt("Label of the problems list.", text)
    mechanisms: str = opt("Label of the mechanisms list.", text)
    recommendations: str = opt("Label of the recommendations list.", text)
    keywords: str = opt("Label before the keywords.", text)
    questions: str = opt("Label of the discussion questions.", text)
    notes: str = opt("Label above the ruled note lines.", text)
    contents: str = opt("Title of the contents page.", text)
    empty: str = opt("Shown under an empty list when lists.empty is 'note'.", text)
    ref: str = opt("Mark before paragraph references, as in ¶3 or ¶3–4.", text)


@dataclass(frozen=True)
class Slots:
    """A running line: text on the left, centre and right, each a Jinja2 template.
    A plain string is short for {center: ...}."""

    shorthand: ClassVar[str] = "center"

    left: str = opt("Template set flush left.", template, "")
    center: str = opt("Template set centred.", template, "")
    right: str = opt("Template set flush right.", template, "")


@dataclass(frozen=True)
class Templates:
    """Jinja2 templates (StrictUndefined). A value ending in .j2 names a file, looked up in
    templates/ beside the layout (and beside each layout it extends), then in the package."""

    header: Slots = opt(
        "Running header of essay and contents pages (pack, brief, article, index, total, page, pages)."
    )
    footer: Slots = opt("Footer of every page but the cover (same variables as header).")
    cover: str = opt(
        "Cover, one line per line: '# ' title, '## ' subtitle, '---' a rule, '> ' small text.",
        template,
    )
    source: str = opt(
        "The essay's source line, shown by the source block (pack, brief, article).", template
    )
    questions: str | None = opt(
        "Discussion questions, one per non-empty line (first three kept), rendered by the summarizer "
        "with brief, article and the filter short; null keeps the summarizer's own template.",
        optional_template,
    )


@dataclass(frozen=True)
class Layout:
    """A whole layout, validated. Built by load_layout(); code reads these typed values only."""

    page: Page = opt("Paper and margins.")
    fonts: Fonts = opt("Typefaces.")
    sizes: Sizes = opt("Type sizes and spacing.")
    fit: Fit = opt("Limits for fitting a long essay on one page.")
    colours: Colours = opt("Colours.")
    blocks: tuple[str, ...] = opt(
        f"Blocks of an essay page, in order; any of: {', '.join(BLOCKS)}.", blocks
    )
    lists: Lists = opt("How the three lists are shown.")
    labels: Labels = opt("Labels printed on the page.")
    templates: Templates = opt("Templates for running lines, cover, source and questions.")

    # Not options: where the layout came from, for messages and template lookup.
    file: str = field(default=BUILTIN_LABEL, metadata={"internal": True})
    origins: Mapping[str, str] = field(
        default_factory=dict, metadata={"internal": True}, repr=False, compare=False
    )
    template_dirs: tuple[str, ...] = field(default=(), metadata={"internal": True})

    def origin(self, key: str) -> str:
        """The layout file that set `key` (e.g. 'templates.footer.center')."""
        return _origin_of(self.origins, key, self.file)

    def error(self, key: str, message: str) -> LayoutError:
        return LayoutError(f"{self.origin(key)}: {key}: {message}")

    def render(self, key: str, context: Mapping[str, Any]) -> str:
        """Render the template option `key` (e.g. 'templates.footer.center') with `context`."""
        source = _value_at(self, key)
        if not source:
            return ""
        try:
            return _compiled(self.template_dirs, source).render(context)
        except LayoutError:
            raise
        except Exception as err:  # jinja2 errors while rendering user templates
            raise self.error(key, _template_problem(err)) from None


def questions_template(layout: Layout) -> str | None:
    """The layout's questions template source, or None when it keeps the summarizer's questions."""
    source = layout.templates.questions
    return None if source is None else _template_source(layout.template_dirs, source)


def _template_source(dirs: tuple[str, ...], source: str) -> str:
    """The text of a template: the value itself, or the file it names."""
    if _is_template_name(source):
        env = _environment(dirs)
        return env.loader.get_source(env, source.strip())[0]
    return source


def schema_keys(cls: type = Layout, prefix: str = "") -> list[tuple[str, str]]:
    """Every option's key path and docstring, in schema order (for README and tests)."""
    rows = []
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        key = f"{prefix}{f.name}"
        rows.append((key, f.metadata.get("doc", "")))
        if dataclasses.is_dataclass(hints[f.name]):
            rows.extend(schema_keys(hints[f.name], key + "."))
    return rows


# ---------------------------------------------------------------- loading


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (PyYAML silently keeps the last one)."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, parsing in C when libyaml is there; errors are re-read with _Loader so the
    messages do not depend on which parser is installed."""


def _mapping_without_duplicates(loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    out: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=deep)
    return out


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
    )


def _builtin_fonts_dir() -> Path:
    from brief.fonts import default_fonts_dir

    return default_fonts_dir()


def load_layout(path: str | os.PathLike | None = None) -> Layout:
    """Read, merge and validate a layout file (None: the built-in default)."""
    origins: dict[str, str] = {}
    data: dict = {}
    dirs: list[str] = []
    chain = _chain(None if path is None else str(path))
    for label, raw, folder in chain:
        _merge(data, raw, origins, "", label)
        if folder is not None and (folder / "templates").is_dir():
            dirs.insert(0, str(folder / "templates"))  # the child's templates come first
    dirs.append(str(PACKAGE_TEMPLATES))
    top = chain[-1][0]
    errors = _Errors(origins, top)
    layout = _build(Layout, data, "", errors)
    _check_raw(data, tuple(dirs), errors)
    if layout is not None:
        layout = dataclasses.replace(layout, file=top, origins=origins, template_dirs=tuple(dirs))
        layout = _resolve_percentages(layout)
        _check_typed(layout, errors)
    if errors.lines:
        raise LayoutError("\n".join(errors.lines))
    assert layout is not None
    return layout


def _chain(path: str | None, seen: tuple[str, ...] = ()) -> list[tuple[str, dict, Path | None]]:
    """The files to merge, built-in default first: (label, data, folder)."""
    if path is None or path == BUILTIN:
        data = _read(DEFAULT_FILE, BUILTIN_LABEL)
        _resolve_paths(data, _builtin_fonts_dir())
        return [(BUILTIN_LABEL, data, None)]
    file = Path(path)
    label = os.path.normpath(path)
    if not file.is_file():
        raise LayoutError(f"{label}: layout file not found")
    real = str(file.resolve())
    if real in seen:
        raise LayoutError(f"{label}: extends: layouts extend each other in a loop")
    data = _read(file, label)
    parent = data.pop("extends", BUILTIN)
    if not isinstance(parent, str):
        raise LayoutError(f"{label}: extends: expected a layout file name, got {_show(parent)}")
    if parent != BUILTIN:
        parent_path = os.path.join(os.path.dirname(path), parent)
        if not Path(parent_path).is_file():
            raise LayoutError(
                f"{label}: extends: layout file not found: {os.path.normpath(parent_path)}"
            )
        parent = parent_path
    _resolve_paths(data, file.resolve().parent)
    return [*_chain(parent, (*seen, real)), (label, data, file.resolve().parent)]


def _read(file: Path, label: str) -> dict:
    try:
        text_ = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LayoutError(f"{label}: cannot read the layout ({err})") from None
    try:
        try:
            data = yaml.load(text_, Loader=_FastLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError:
            data = yaml.load(text_, Loader=_Loader)  # noqa: S506 - the same, in Python
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise LayoutError(
            f"{label}: {where}YAML syntax error: {err.problem or err.context}"
        ) from None
    except yaml.YAMLError as err:
        raise LayoutError(f"{label}: YAML syntax error: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LayoutError(f"{label}: expected a mapping of layout keys, got {_show(data)}")
    return data


def _resolve_paths(data: dict, folder: Path) -> None:
    """Make font paths absolute against the folder of the file that names them."""
    fonts = data.get("fonts")
    if not isinstance(fonts, dict):
        return
    for face in fonts.values():
        if isinstance(face, dict):
            for key in ("regular", "bold"):
                if isinstance(face.get(key), str):
                    # abspath, not resolve(): keep the file name the user wrote (links allowed)
                    face[key] = os.path.abspath(folder / os.path.expanduser(face[key]))


def _merge(base: dict, over: dict, origins: dict[str, str], prefix: str, label: str) -> None:
    for key, value in over.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value, origins, path + ".", label)
            continue
        base[key] = _copy(value)
        for old in [k for k in origins if k.startswith(path + ".")]:
            del origins[old]
        origins[path] = label


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _origin_of(origins: Mapping[str, str], key: str, default: str) -> str:
    parts = key.replace("[", ".[").split(".")
    for n in range(len(parts), 0, -1):
        found = origins.get(".".join(parts[:n]).replace(".[", "["))
        if found:
            return found
    return default


class _Errors:
    def __init__(self, origins: Mapping[str, str], top: str):
        self.origins = origins
        self.top = top
        self.lines: list[str] = []

    def add(self, key: str, message: str) -> None:
        self.lines.append(f"{_origin_of(self.origins, key, self.top)}: {key}: {message}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, data: Any, prefix: str, errors: _Errors) -> Any:
    """Check `data` against the dataclass `cls`; None (and errors recorded) if it fails."""
    key = prefix.rstrip(".")
    shorthand = getattr(cls, "shorthand", None)
    if isinstance(data, str) and shorthand:
        data = {shorthand: data}
    options = [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]
    names = [f.name for f in options]
    if not isinstance(data, dict):
        errors.add(key, f"expected a mapping with keys {', '.join(names)}, got {_show(data)}")
        return None
    ok = True
    for name in data:
        if name not in names:
            near = difflib.get_close_matches(str(name), names, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f" (known keys: {', '.join(names)})"
            errors.add(f"{prefix}{name}", f"unknown key{hint}")
            ok = False
    values = {}
    hints = _hints(cls)
    for f in options:
        path = f"{prefix}{f.name}"
        if f.name not in data:
            if f.default is dataclasses.MISSING:
                errors.add(path, "missing")
                ok = False
            continue
        if dataclasses.is_dataclass(hints[f.name]):
            values[f.name] = _build(hints[f.name], data[f.name], path + ".", errors)
            ok = ok and values[f.name] is not None
            continue
        try:
            values[f.name] = f.metadata["check"](data[f.name])
        except Invalid as err:
            errors.add(path, str(err))
            ok = False
    return cls(**values) if ok else None


def _resolve_percentages(layout: Layout) -> Layout:
    """Sizes given as a percentage of sizes.body, in points."""
    body = layout.sizes.body
    changes = {}
    for section in ("sizes", "fit"):
        group = getattr(layout, section)
        resolved = {
            f.name: body * v.value / 100
            for f in dataclasses.fields(group)
            if isinstance(v := getattr(group, f.name), Percent)
        }
        changes[section] = dataclasses.replace(group, **resolved)
    return dataclasses.replace(layout, **changes)


def _check_raw(data: dict, dirs: tuple[str, ...], errors: _Errors) -> None:
    """Checks that need only the merged YAML: block names and templates (so they are reported
    along with every other error)."""
    names = data.get("blocks")
    if isinstance(names, list):
        seen = set()
        for n, name in enumerate(names):
            if not isinstance(name, str):
                continue
            if name not in BLOCKS:
                near = difflib.get_close_matches(name, BLOCKS, n=1)
                hint = f"; did you mean '{near[0]}'?" if near else f" (blocks: {', '.join(BLOCKS)})"
                errors.add(f"blocks[{n}]", f"unknown block {name!r}{hint}")
            elif name in seen:
                errors.add(f"blocks[{n}]", f"block {name!r} is listed twice")
            seen.add(name)

    samples = sample_contexts()
    for key, source in _raw_templates(data.get("templates")):
        try:
            if key == "templates.questions":
                _check_questions(dirs, source)
                continue
            tmpl = _compiled(dirs, source)
            # render with sample data now, so an undefined name fails before any work is done
            for context in samples[key.split(".")[1]]:
                tmpl.render(context)
        except Exception as err:
            errors.add(key, _template_problem(err))


def _raw_templates(templates: Any) -> list[tuple[str, str]]:
    """(key, source) of every template given as text; other shapes are _build's to report."""
    if not isinstance(templates, dict):
        return []
    out = []
    for slot in ("header", "footer"):
        value = templates.get(slot)
        if isinstance(value, str):
            value = {Slots.shorthand: value}
        if isinstance(value, dict):
            for part in ("left", "center", "right"):
                if isinstance(value.get(part), str) and value[part]:
                    out.append((f"templates.{slot}.{part}", value[part]))
    for key in ("cover", "source", "questions"):
        if isinstance(templates.get(key), str):
            out.append((f"templates.{key}", templates[key]))
    return out


def _check_questions(dirs: tuple[str, ...], source: str) -> None:
    """The questions template is rendered by the summarizer (brief.questions): try it there."""
    from brief.questions import make_questions

    make_questions(sample_contexts()["questions"][0]["brief"], _template_source(dirs, source))


def _check_typed(layout: Layout, errors: _Errors) -> None:
    """Checks across keys: minimums below normal sizes, room left by the margins."""
    s, fit = layout.sizes, layout.fit
    for key, low, high in (
        ("fit.min_body", fit.min_body, s.body),
        ("fit.min_title", fit.min_title, s.title),
        ("fit.min_leading", fit.min_leading, s.leading),
        ("fit.min_space", fit.min_space, s.space),
    ):
        if low > high + 1e-9:
            errors.add(key, f"{low:g} is larger than the normal value {high:g}")
    width = layout.page.size[0] - layout.page.margins.left - layout.page.margins.right
    height = layout.page.size[1] - layout.page.margins.top - layout.page.margins.bottom
    if width < 4 * s.body or height < 8 * s.body:
        errors.add("page.margins", "the margins leave too little room for text")


def _value_at(obj: Any, key: str) -> Any:
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def _is_template_name(source: str) -> bool:
    return bool(re.fullmatch(r"[\w./-]+\.(j2|jinja2?|txt)", source.strip()))


@functools.cache
def _environment(dirs: tuple[str, ...]):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text for the typesetter, never HTML
        trim_blocks=True,  # line-based templates: a tag alone on its line leaves no blank line
        lstrip_blocks=True,
    )
    env.filters["basename"] = lambda p: os.path.basename(str(p))
    return env


@functools.lru_cache(maxsize=256)
def _compiled(dirs: tuple[str, ...], source: str):
    env = _environment(dirs)
    if _is_template_name(source):
        return env.get_template(source.strip())
    return env.from_string(source)


def _template_problem(err: Exception) -> str:
    import jinja2

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
