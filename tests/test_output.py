"""Safe, reproducible output: a new PDF replaces an old one only when complete, and the same
inputs give the same bytes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from pypdf import PdfReader

from brief import output
from brief.errors import OutputError
from brief.output import check_output, write_atomic

OLD = b"%PDF-1.4\n% yesterday\n%%EOF\n"
NEW = b"%PDF-1.4\n% today, complete\n%%EOF\n"


@pytest.fixture
def old(tmp_path) -> Path:
    path = tmp_path / "brief.pdf"
    path.write_bytes(OLD)
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path, old):
    write_atomic(old, NEW)
    assert old.read_bytes() == NEW
    assert names(tmp_path) == ["brief.pdf"]
    assert old.stat().st_mode & 0o777 == 0o644

    fresh = tmp_path / "fresh.pdf"
    write_atomic(str(fresh), NEW)
    assert fresh.read_bytes() == NEW


def test_failed_rename_keeps_the_old_file_and_no_temporary(tmp_path, old, monkeypatch):
    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(OutputError, match=r"brief\.pdf: cannot write \(No space left on device\)"):
        write_atomic(old, NEW)
    assert old.read_bytes() == OLD
    assert names(tmp_path) == ["brief.pdf"]


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path, old, monkeypatch):
    def fail(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(output.os, "fsync", fail)
    with pytest.raises(OutputError, match="Input/output error"):
        write_atomic(old, NEW)
    assert old.read_bytes() == OLD
    assert names(tmp_path) == ["brief.pdf"]


def test_interrupted_write_keeps_the_old_file_and_no_temporary(tmp_path, old, monkeypatch):
    real_fdopen = os.fdopen

    class Interrupted(io.RawIOBase):
        def __init__(self, fd):
            self.f = real_fdopen(fd, "wb")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: Interrupted(fd))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(old, NEW)
    assert old.read_bytes() == OLD
    assert names(tmp_path) == ["brief.pdf"]


def test_parent_is_a_regular_file(tmp_path, old):
    # Fails for root too: nothing can be created inside a regular file.
    target = old / "new.pdf"
    with pytest.raises(OutputError, match=f"{old} is a file, not a folder"):
        write_atomic(target, NEW)
    with pytest.raises(OutputError, match=f"{old} is a file, not a folder"):
        check_output(old / "deeper" / "new.pdf")
    assert old.read_bytes() == OLD
    assert names(tmp_path) == ["brief.pdf"]


def test_folder_that_refuses_new_files(tmp_path, monkeypatch):
    def refuse(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=r"cannot write in folder .* \(Permission denied\)"):
        check_output(tmp_path / "brief.pdf")
    assert names(tmp_path) == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs sysfs")
def test_sysfs_refuses_even_root():
    with pytest.raises(OutputError, match="cannot write in folder /sys/kernel"):
        write_atomic("/sys/kernel/brief.pdf", NEW)


def test_check_leaves_nothing_behind(tmp_path):
    assert check_output(tmp_path / "brief.pdf") == tmp_path
    assert names(tmp_path) == []


def test_relative_output_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomic("brief.pdf", NEW)
    assert (tmp_path / "brief.pdf").read_bytes() == NEW
    assert names(tmp_path) == ["brief.pdf"]


def test_folder_names_are_refused(tmp_path):
    for bad in (tmp_path, f"{tmp_path}/new/", "."):
        with pytest.raises(OutputError, match="names a folder, not a file"):
            check_output(bad)


# ---------------------------------------------------------------- reproducible builds


def _build(out: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "86400", "PYTHONHASHSEED": hash_seed}
    brief = Path(sys.executable).parent / "brief"
    subprocess.run(
        [brief, "-q", "build", ROOT / "seeds", "-o", out], check=True, env=env, timeout=120
    )
    return out.read_bytes()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The seed pack built twice, in fresh processes with different string hashing."""
    folder = tmp_path_factory.mktemp("repro")
    return _build(folder / "a.pdf", "1"), _build(folder / "b.pdf", "2")


def test_same_inputs_give_the_same_bytes(two_builds):
    first, second = two_builds
    assert first.startswith(b"%PDF")
    assert first == second


def test_cover_date_comes_from_source_date_epoch(two_builds):
    cover = PdfReader(io.BytesIO(two_builds[0])).pages[0].extract_text()
    assert "1970-01-02" in cover
