"""The pipeline's shape: each stage imports only from earlier stages, and no module is too long."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "brief"
STAGES = ("read", "summary", "pack", "render")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_never_imports_a_later_one(stage):
    later = STAGES[STAGES.index(stage) + 1 :]
    wrong = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in sorted((SRC / stage).glob("*.py"))
        for name in sorted(imported_modules(path))
        if any(name == f"brief.{s}" or name.startswith(f"brief.{s}.") for s in later)
        or name in ("brief.build", "brief.cli")
    ]
    assert wrong == []


def test_every_stage_package_says_what_comes_in_and_goes_out():
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((SRC / stage / "__init__.py").read_text("utf-8")))
        assert doc and "In:" in doc and "Out:" in doc, stage


def test_no_module_is_much_over_500_lines():
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 550
    }
    assert long == {}
