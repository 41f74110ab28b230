"""Every mistake a user can make ends in one line `brief: …` naming the file, and a non-zero exit.

Each bad input goes through `brief.cli.main` (and a few through the installed `brief` command).
After every failed build, the PDF already at the output path is byte-for-byte unchanged and no
temporary file is left beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from brief import build as build_module
from brief.cli import EXIT_INTERNAL, main
from brief.errors import InputError, LayoutError

OLD_PDF = b"%PDF-1.4\n% the pack built yesterday\n%%EOF\n"
BRIEF = Path(sys.executable).parent / "brief"


@pytest.fixture
def out(tmp_path):
    """An output folder holding yesterday's pack."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "brief.pdf").write_bytes(OLD_PDF)
    return folder


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.err


def assert_one_line(err: str, prefix: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert err.startswith(prefix), f"{err!r} does not start with {prefix!r}"
    assert "Traceback" not in err


def assert_untouched(folder: Path) -> None:
    """Yesterday's pack is intact and nothing else was left in its folder."""
    assert sorted(p.name for p in folder.iterdir()) == ["brief.pdf"]
    assert (folder / "brief.pdf").read_bytes() == OLD_PDF


def build_fails(capsys, out: Path, *argv, code: int, prefix: str, output=None) -> str:
    target = output if output is not None else out / "brief.pdf"
    got, err = run(capsys, "build", *argv, "-o", target)
    assert got == code, err
    assert_one_line(err, prefix)
    assert_untouched(out)
    return err


# ---------------------------------------------------------------- inputs


def test_missing_input(capsys, out, tmp_path):
    missing = tmp_path / "nope.txt"
    build_fails(capsys, out, missing, code=2, prefix=f"brief: {missing}: no such file or folder")


def test_empty_file(capsys, out, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    build_fails(capsys, out, empty, code=2, prefix=f"brief: {empty}: file is empty")


def test_binary_file(capsys, out, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02" * 50)
    err = build_fails(capsys, out, binary, code=2, prefix=f"brief: {binary}: binary file")
    assert "save it as UTF-8 text" in err


def test_control_characters(capsys, out, tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(1, 9)) * 40)
    build_fails(capsys, out, binary, code=2, prefix=f"brief: {binary}: binary file")


def test_undecodable_file(capsys, out, tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("资源型城市".encode() + b"\x80\x80\x80\xff\xfa abc")
    err = build_fails(
        capsys, out, bad, code=2, prefix=f"brief: {bad}: cannot decode as UTF-8 or GB18030"
    )
    assert "save it as UTF-8 text" in err


def test_folder_without_texts(capsys, out, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "page.jpg").write_bytes(b"\xff\xd8\xff")
    build_fails(capsys, out, folder, code=2, prefix=f"brief: {folder}: folder has no .txt or .md")


def test_no_essay_found(capsys, out, tmp_path):
    english = tmp_path / "notes.txt"
    english.write_text("Meeting notes.\nBring the slides.\n", encoding="utf-8")
    build_fails(capsys, out, english, code=2, prefix=f"brief: {english}: no essay found")


def test_a_bad_file_among_good_ones_stops_before_summarizing(capsys, out, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("Only English here.\n", encoding="utf-8")

    def no_summaries(*args, **kwargs):
        raise AssertionError("summarized before every input was read")

    monkeypatch.setattr(build_module, "summarize_all", no_summaries)
    build_fails(capsys, out, folder, code=2, prefix=f"brief: {folder / 'b.txt'}: no essay found")


# ---------------------------------------------------------------- layouts


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_yaml_names_line_and_column(capsys, out, tmp_path):
    layout = write(tmp_path / "broken.yaml", "page:\n  size: A4\n  margin: [1, 2\nsizes: {}\n")
    build_fails(
        capsys,
        out,
        SEED,
        "--layout",
        layout,
        code=3,
        prefix=f"brief: {layout}: line 4, column 6: YAML syntax error",
    )


def test_unknown_layout_key_suggests_the_right_one(capsys, out, tmp_path):
    layout = write(tmp_path / "typo.yaml", "page:\n  sise: A4\n")
    err = build_fails(
        capsys, out, SEED, "--layout", layout, code=3, prefix=f"brief: {layout}: page.sise"
    )
    assert "unknown key; did you mean 'size'?" in err


def test_missing_font_file(capsys, out, tmp_path):
    layout = write(tmp_path / "font.yaml", "fonts:\n  body: {regular: fonts/Missing.ttf}\n")
    err = build_fails(
        capsys,
        out,
        SEED,
        "--layout",
        layout,
        code=3,
        prefix=f"brief: {layout}: fonts.body.regular: font file not found",
    )
    assert str(tmp_path / "fonts" / "Missing.ttf") in err


def test_missing_layout_file(capsys, out, tmp_path):
    layout = tmp_path / "nope.yaml"
    build_fails(
        capsys, out, SEED, "--layout", layout, code=3, prefix=f"brief: {layout}: layout file not"
    )


def test_several_layout_mistakes_are_reported_together(capsys, out, tmp_path):
    layout = write(tmp_path / "two.yaml", "pages: {size: A4}\nsizes: {bodyy: 3pt}\n")
    code, err = run(capsys, "build", SEED, "-o", out / "brief.pdf", "--layout", layout)
    assert code == 3
    lines = err.splitlines()
    assert lines == [
        f"brief: {layout}: pages: unknown key; did you mean 'page'?",
        f"brief: {layout}: sizes.bodyy: unknown key; did you mean 'body'?",
    ]
    assert_untouched(out)


# ---------------------------------------------------------------- output


def test_output_folder_missing(capsys, out, tmp_path):
    target = tmp_path / "no" / "such" / "brief.pdf"
    build_fails(
        capsys,
        out,
        SEED,
        code=4,
        output=target,
        prefix=f"brief: {target}: folder {target.parent} does not exist; create it",
    )


def test_output_inside_a_file(capsys, out, tmp_path):
    target = out / "brief.pdf" / "new.pdf"  # the "folder" is yesterday's pack, a file
    build_fails(
        capsys,
        out,
        SEED,
        code=4,
        output=target,
        prefix=f"brief: {target}: {out / 'brief.pdf'} is a file, not a folder",
    )


def test_output_is_a_folder(capsys, out):
    build_fails(
        capsys,
        out,
        SEED,
        code=4,
        output=out,
        prefix=f"brief: {out}: names a folder, not a file; give a file name such as "
        f"{out / 'brief.pdf'}",
    )


def test_output_is_not_a_regular_file(capsys, out, tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    build_fails(
        capsys,
        out,
        SEED,
        code=4,
        output=fifo,
        prefix=f"brief: {fifo}: exists and is not a regular file",
    )
    assert fifo.is_fifo()


def test_output_folder_not_writable(capsys, out):
    # Root may write almost anywhere; sysfs refuses new files even to root.
    folder = Path("/sys")
    if not folder.is_dir() or os.access(folder, os.W_OK) and _can_create(folder):
        pytest.skip("no folder here that refuses new files")
    target = folder / "brief.pdf"
    build_fails(
        capsys,
        out,
        SEED,
        code=4,
        output=target,
        prefix=f"brief: {target}: cannot write in folder {folder} (",
    )


def _can_create(folder: Path) -> bool:
    try:
        (folder / ".brief-probe").touch()
    except OSError:
        return False
    (folder / ".brief-probe").unlink()
    return True


def test_output_is_checked_before_any_work(out, tmp_path, monkeypatch):
    def no_reading(*args, **kwargs):
        raise AssertionError("inputs read before the output folder was checked")

    monkeypatch.setattr(build_module, "read", no_reading)
    with pytest.raises(Exception, match="does not exist"):
        build_module.build([str(SEED)], str(tmp_path / "missing" / "brief.pdf"))
    assert_untouched(out)


# ---------------------------------------------------------------- the command itself


def test_internal_errors_are_one_line_with_exit_70(capsys, out, monkeypatch):
    def bug(*args, **kwargs):
        raise RuntimeError("no thesis\nin paragraph 3")

    monkeypatch.setattr("brief.summary.summarize.summarize", bug)
    err = build_fails(capsys, out, SEED, code=EXIT_INTERNAL, prefix="brief: internal error: ")
    assert err == (
        "brief: internal error: RuntimeError: no thesis in paragraph 3 (run with --debug for details)\n"
    )


def test_debug_shows_the_exception(out, monkeypatch):
    monkeypatch.setattr("brief.summary.summarize.summarize", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "build", str(SEED), "-o", str(out / "brief.pdf")])
    with pytest.raises(InputError):
        main(["--debug", "build", str(out / "missing.txt"), "-o", str(out / "brief.pdf")])
    with pytest.raises(LayoutError):
        main(["--debug", "build", str(SEED), "-o", str(out / "x.pdf"), "--layout", "nope.yaml"])
    assert_untouched(out)


def test_bad_arguments_are_one_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build"])  # -o may be left out now (a default name); the inputs may not
    assert exit_.value.code == 2
    assert_one_line(capsys.readouterr().err, "brief: the following arguments are required: PATH")


def test_the_installed_command_prints_one_line(out, tmp_path):
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [BRIEF, "build", missing, "-o", out / "brief.pdf"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == f"brief: {missing}: no such file or folder; check the path\n"
    assert_untouched(out)


def test_the_installed_command_reports_a_broken_layout(out, tmp_path):
    layout = write(tmp_path / "bad.yaml", "page: [\n")
    proc = subprocess.run(
        [BRIEF, "build", SEED, "-o", out / "brief.pdf", "--layout", layout],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 3
    assert_one_line(proc.stderr, f"brief: {layout}: line 2, column 1: YAML syntax error")
    assert_untouched(out)


def test_closed_stdout_is_not_an_error(tmp_path):
    """`brief extract … | head -1` ends quietly when head stops reading."""
    proc = subprocess.run(
        f"'{BRIEF}' extract '{ROOT / 'seeds'}' --json | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout == "{"
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def test_help_loads_nothing_heavy():
    """`brief --help` answers at once: no reportlab, jieba, yaml or jinja2."""
    code = (
        "import sys\n"
        "from brief.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'reportlab', 'jieba', 'rjieba', 'yaml', 'jinja2'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "usage: brief" in proc.stdout
    assert proc.stderr == "[]\n"
