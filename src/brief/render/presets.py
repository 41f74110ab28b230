"""The layouts that come with Brief (`brief layouts`) and copying one to edit
(`brief layout-copy NAME FILE`).

The presets are the built-in default and the other files of the repository's layouts/ folder. A copy
is the preset's text with its relative paths (the file it extends, its fonts) made absolute, so
that it loads from wherever it is put; the user then changes what they like.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from brief.errors import LayoutError
from brief.render.fonts import default_fonts_dir
from brief.render.schema import DEFAULT_FILE

DEFAULT_ABOUT = "A4 portrait: Brief's built-in layout, every key written out."
LAYOUTS_DIR = Path(__file__).resolve().parents[3] / "layouts"  # the editable install's repository


@dataclass(frozen=True)
class Preset:
    name: str
    path: Path
    about: str  # the first line of the file's opening comment
    fonts_dir: Path  # what its relative font paths are relative to


def presets() -> list[Preset]:
    """`default` first (the built-in file: every key, to copy and edit), then the files of the
    repository's layouts/ folder by name."""
    found = [Preset("default", DEFAULT_FILE, DEFAULT_ABOUT, default_fonts_dir())]
    files = sorted(LAYOUTS_DIR.glob("*.yaml")) if LAYOUTS_DIR.is_dir() else []
    for file in files:
        if file.stem != "default":  # layouts/default.yaml is the built-in one with its fonts
            found.append(Preset(file.stem, file, _about(file), file.parent))
    return found


def _about(file: Path) -> str:
    """The first sentence of the file's opening comment."""
    lines = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").strip())
    text = " ".join(lines)
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def resolve(value: str) -> str:
    """A --layout value: a file as given, or a preset's name (`a5`) for its file."""
    if os.path.exists(value) or os.sep in value or value.startswith("brief:"):
        return value
    stem = Path(value).stem if value.endswith((".yaml", ".yml")) else value
    for preset in presets():
        if preset.name == stem:
            return "brief:default" if preset.path == DEFAULT_FILE else str(preset.path)
    return value


def find(name: str) -> Preset:
    """The preset called `name` (also accepted: its file name, `a5.yaml`)."""
    import difflib

    wanted = Path(name).stem if name.endswith((".yaml", ".yml")) else name
    known = presets()
    for preset in known:
        if preset.name == wanted:
            return preset
    names = [p.name for p in known]
    near = difflib.get_close_matches(wanted, names, n=1, cutoff=0.4)
    hint = f"did you mean '{near[0]}'? " if near else ""
    raise LayoutError(f"{name}: no such layout; {hint}the layouts are: {', '.join(names)}")


def copy_text(preset: Preset) -> str:
    """The preset's text, loadable from any folder: `extends:` and font paths made absolute."""
    text = preset.path.read_text(encoding="utf-8")

    def extends(m: re.Match) -> str:
        parent = m.group(2).strip().strip("'\"")
        if parent.startswith("brief:") or os.path.isabs(parent):
            return m.group(0)
        return f"{m.group(1)}{(preset.path.parent / parent).resolve()}"

    def font(m: re.Match) -> str:
        value = m.group(2).strip("'\"")
        if value in ("null", "~") or os.path.isabs(value):
            return m.group(0)
        return f"{m.group(1)}{os.path.abspath(preset.fonts_dir / os.path.expanduser(value))}"

    text = re.sub(r"(?m)^(extends:[ \t]*)(.+?)[ \t]*$", extends, text)
    text = re.sub(r"\b((?:regular|bold):\s*)([^,}\s#]+)", font, text)
    head = (
        f"# Copied from Brief's '{preset.name}' layout with `brief layout-copy`: change what you\n"
        "# like (every key: layouts/README.md), then: brief build ESSAYS --layout THIS-FILE\n"
    )
    return head + text
