"""Loading a layout: read the YAML chain (`extends:`), merge it over the built-in default, and
validate it into one typed Layout (the schema is in render/schema.py). Every error is collected as
one line naming the file and the key path, and all are raised together as one LayoutError.

This module does not import reportlab, so that a broken layout is reported quickly.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from brief.errors import LayoutError, TemplateRefused
from brief.render.fonts import default_fonts_dir
from brief.render.schema import (
    BLOCKS,
    BUILTIN,
    BUILTIN_LABEL,
    DEFAULT_FILE,
    PACKAGE_TEMPLATES,
    Invalid,
    Layout,
    Percent,
    Slots,
    field_types,
    origin_of,
    show,
)
from brief.render.templates import (
    compiled,
    refused_names,
    sample_contexts,
    template_problem,
    template_source,
)
from brief.sandbox import is_refusal

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
        # a template that reaches past the sandbox is unsafe input (exit 2), not a mere mistake
        raise (TemplateRefused if errors.refused else LayoutError)("\n".join(errors.lines))
    assert layout is not None
    return layout


def _chain(path: str | None, seen: tuple[str, ...] = ()) -> list[tuple[str, dict, Path | None]]:
    """The files to merge, built-in default first: (label, data, folder)."""
    if path is None or path == BUILTIN:
        data = _read(DEFAULT_FILE, BUILTIN_LABEL)
        _resolve_paths(data, default_fonts_dir())
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
        raise LayoutError(f"{label}: extends: expected a layout file name, got {show(parent)}")
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
        raise LayoutError(f"{label}: expected a mapping of layout keys, got {show(data)}")
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


class _Errors:
    def __init__(self, origins: Mapping[str, str], top: str):
        self.origins = origins
        self.top = top
        self.lines: list[str] = []
        self.refused = False

    def add(self, key: str, message: str, refused: bool = False) -> None:
        self.refused = self.refused or refused
        self.lines.append(f"{origin_of(self.origins, key, self.top)}: {key}: {message}")


def _build(cls: type, data: Any, prefix: str, errors: _Errors) -> Any:
    """Check `data` against the dataclass `cls`; None (and errors recorded) if it fails."""
    key = prefix.rstrip(".")
    shorthand = getattr(cls, "shorthand", None)
    if isinstance(data, str) and shorthand:
        data = {shorthand: data}
    options = [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]
    names = [f.name for f in options]
    if not isinstance(data, dict):
        errors.add(key, f"expected a mapping with keys {', '.join(names)}, got {show(data)}")
        return None
    ok = True
    for name in data:
        if name not in names:
            near = difflib.get_close_matches(str(name), names, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f" (known keys: {', '.join(names)})"
            errors.add(f"{prefix}{name}", f"unknown key{hint}")
            ok = False
    values = {}
    hints = field_types(cls)
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
    for section in ("sizes", "fit", "map"):
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
            # refused before anything runs, even on a branch the sample data does not take
            if refusal := refused_names(dirs, source):
                errors.add(key, refusal, refused=True)
                continue
            if key == "templates.questions":
                _check_questions(dirs, source)
                continue
            tmpl = compiled(dirs, source)
            # render with sample data now, so an undefined name fails before any work is done
            for context in samples[key.split(".")[1]]:
                tmpl.render(context)
        except Exception as err:
            errors.add(key, template_problem(err), refused=is_refusal(err))


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
    from brief.summary.questions import render_questions

    render_questions(sample_contexts()["questions"][0]["brief"], template_source(dirs, source))


def _check_typed(layout: Layout, errors: _Errors) -> None:
    """Checks across keys: minimums below normal sizes, room left by the margins."""
    s, fit = layout.sizes, layout.fit
    for key, low, high in (
        ("fit.min_body", fit.min_body, s.body),
        ("fit.min_title", fit.min_title, s.title),
        ("fit.min_leading", fit.min_leading, s.leading),
        ("fit.min_space", fit.min_space, s.space),
        ("map.min_size", layout.map.min_size, layout.map.size),
    ):
        if low > high + 1e-9:
            errors.add(key, f"{low:g} is larger than the normal value {high:g}")
    width = layout.page.size[0] - layout.page.margins.left - layout.page.margins.right
    height = layout.page.size[1] - layout.page.margins.top - layout.page.margins.bottom
    if width < 4 * s.body or height < 8 * s.body:
        errors.add("page.margins", "the margins leave too little room for text")
