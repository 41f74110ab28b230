"""The layout schema: every option of a layout YAML, declared once as frozen dataclasses, each with
its docstring and its check, and the pure parsers those checks use (lengths, colours, paper).

Loading and validation are in render/layout.py. This module does not import reportlab.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from brief.errors import LayoutError
from brief.render.fonts import default_fonts_dir
from brief.render.templates import compiled, template_error, template_source

BUILTIN = "brief:default"  # the name to `extends:` the built-in default explicitly
BUILTIN_LABEL = "built-in default.yaml"
PACKAGE = Path(__file__).resolve().parents[1]
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
    "map",
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


def show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_length(value: Any) -> float:
    """A length in points from 10, 10.5, '10.5pt', '4mm', '1.2cm' or '0.5in'."""
    if isinstance(value, bool):
        raise Invalid(f"expected a size such as 10.5pt or 4mm, got {show(value)}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(pt|mm|cm|in)?\s*", value)
        if m:
            return float(m.group(1)) * UNITS[m.group(2) or "pt"]
    raise Invalid(
        f"expected a size such as 10.5pt or 4mm (units: pt, mm, cm, in), got {show(value)}"
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
                raise Invalid(f"unknown colour name {show(value)}; did you mean '{near[0]}'?")
    raise Invalid(f"not a colour: {show(value)} (use #rgb, #rrggbb or a name such as darkred)")


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
    raise Invalid(f"expected a paper size ({names}) or 'WIDTH x HEIGHT', got {show(value)}")


# ---------------------------------------------------------------- leaf checks


def length(value: Any) -> float:
    size = parse_length(value)
    if size <= 0:
        raise Invalid(f"expected a size above zero, got {show(value)}")
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
        raise Invalid(f"expected a percentage of sizes.body such as 150%, got {show(value)}")
    return length(value)


def ratio(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0.8 <= value <= 4:
        return float(value)
    raise Invalid(f"expected a multiple of the font size between 0.8 and 4, got {show(value)}")


def count(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise Invalid(f"expected a whole number, got {show(value)}")


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"expected true or false, got {show(value)}")


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise Invalid(f"expected text, got {show(value)}")


def colour(value: Any) -> str:
    return parse_colour(value)


def choice(*options: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value in options:
            return value
        near = difflib.get_close_matches(str(value), options, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise Invalid(f"expected one of {', '.join(options)}, got {show(value)}{hint}")

    return check


def blocks(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"expected a list of block names ({', '.join(BLOCKS)}), got {show(value)}")
    return tuple(value)  # names are checked one by one in _check_blocks, with their index


def font_file(value: Any) -> Path:
    """A TrueType file; the path was made absolute against its layout's folder when read."""
    if not isinstance(value, str):
        raise Invalid(f"expected the path of a .ttf file, got {show(value)}")
    path = Path(value)
    if not path.is_file():
        hint = ""
        if value.startswith(str(default_fonts_dir())):
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
    raise Invalid(f"expected a Jinja2 template (text), got {show(value)}")


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
class Map:
    """The argument map: thesis, columns 问题 → 机理 → 对策, connectors between items that
    belong together. The `map` block sets a compact one in the room an essay page has left (it
    takes the place of the notes, which keep what the map does not need); `page: true` sets
    each map on a page of its own, facing its brief."""

    size: float = opt("Largest text of the map's boxes.", font_size, 8.5)
    min_size: float = opt(
        "Smallest text of the map's boxes; below it items are shortened (keeping ¶).",
        font_size,
        6.5,
    )
    page: bool = opt(
        "Set each essay as two facing pages, brief on the left, map on the right "
        "(for double-sided printing; a blank page keeps the pairs facing).",
        flag,
        False,
    )


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
    map: str = opt(
        "Label of the argument map (问题 → 机理 → 对策 with connectors).", text, "论证图"
    )
    overview: str = opt(
        "Title of the overview: shared themes against the essays, length, reading time.",
        text,
        "概览",
    )
    glossary: str = opt("Title of the glossary of key terms at the end of the pack.", text, "术语")


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
    html: str = opt(
        "The web page of `brief build … -o pack.html` (a template file such as pack.html.j2; "
        "values are HTML-escaped).",
        template,
        "pack.html.j2",
    )
    markdown: str = opt(
        "The Markdown of `brief build … -o pack.md` (a template file such as pack.md.j2; "
        "printed values are Markdown-escaped).",
        template,
        "pack.md.j2",
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
    map: Map = opt("The argument map.", default=Map())

    # Not options: where the layout came from, for messages and template lookup.
    file: str = field(default=BUILTIN_LABEL, metadata={"internal": True})
    origins: Mapping[str, str] = field(
        default_factory=dict, metadata={"internal": True}, repr=False, compare=False
    )
    template_dirs: tuple[str, ...] = field(default=(), metadata={"internal": True})

    def origin(self, key: str) -> str:
        """The layout file that set `key` (e.g. 'templates.footer.center')."""
        return origin_of(self.origins, key, self.file)

    def error(self, key: str, message: str) -> LayoutError:
        return LayoutError(f"{self.origin(key)}: {key}: {message}")

    def render(self, key: str, context: Mapping[str, Any]) -> str:
        """Render the template option `key` (e.g. 'templates.footer.center') with `context`."""
        source = value_at(self, key)
        if not source:
            return ""
        try:
            return compiled(self.template_dirs, source).render(context)
        except LayoutError:
            raise
        except Exception as err:  # jinja2 errors while rendering user templates
            raise template_error(f"{self.origin(key)}: {key}", err) from None


def questions_template(layout: Layout) -> str | None:
    """The layout's questions template source, or None when it keeps the summarizer's questions."""
    source = layout.templates.questions
    return None if source is None else template_source(layout.template_dirs, source)


def schema_keys(cls: type = Layout, prefix: str = "") -> list[tuple[str, str]]:
    """Every option's key path and docstring, in schema order (for README and tests)."""
    rows = []
    hints = field_types(cls)
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        key = f"{prefix}{f.name}"
        rows.append((key, f.metadata.get("doc", "")))
        if dataclasses.is_dataclass(hints[f.name]):
            rows.extend(schema_keys(hints[f.name], key + "."))
    return rows


def origin_of(origins: Mapping[str, str], key: str, default: str) -> str:
    parts = key.replace("[", ".[").split(".")
    for n in range(len(parts), 0, -1):
        found = origins.get(".".join(parts[:n]).replace(".[", "["))
        if found:
            return found
    return default


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def value_at(obj: Any, key: str) -> Any:
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj
