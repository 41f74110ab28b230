"""The progress bar (only on a terminal, only for packs of more than 20 essays) and --quiet,
--verbose."""

from __future__ import annotations

import io
import re

import pytest
from conftest import SEED

from brief.build import Timings, extract
from brief.cli import main
from brief.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal():
    stream = io.StringIO()
    bar = Progress(stream)
    assert not bar.enabled
    bar.start("summarizing", 200)
    for _ in range(200):
        bar.step()
    bar.finish()
    assert stream.getvalue() == ""


def test_shown_on_a_terminal_and_erased_when_done():
    stream = Terminal()
    bar = Progress(stream)
    assert bar.enabled
    bar.start("summarizing", 40)
    for _ in range(40):
        bar.step()
    bar.finish()
    out = stream.getvalue()
    assert "brief: summarizing [" in out
    assert "\r\x1b[Kbrief: summarizing [" + "#" * 14 + "·" * 14 + "] 20/40" in out
    assert out.endswith("] 40/40\r\x1b[K")  # the last state, then the line erased
    assert "\n" not in out


def test_forced_on_any_stream_and_silenced_by_quiet():
    stream = io.StringIO()
    forced = Progress(stream, enabled=True)
    forced.start("reading", 21)
    forced.step()
    assert "]  1/21" in stream.getvalue()  # counts right-aligned

    stream = Terminal()
    quiet = Progress(stream, enabled=False)
    quiet.start("reading", 500)
    quiet.step(500)
    quiet.finish()
    assert stream.getvalue() == ""


def test_a_stage_without_counts_shows_its_label():
    stream = Terminal()
    bar = Progress(stream)
    bar.start("rendering 210 essays", 210, counted=False)
    bar.step()
    bar.finish()
    assert stream.getvalue() == "\r\x1b[Kbrief: rendering 210 essays …" * 2 + "\r\x1b[K"


def test_small_packs_show_no_bar():
    stream = Terminal()
    bar = Progress(stream)
    bar.start("summarizing", 20)
    bar.step(20)
    bar.finish()
    assert stream.getvalue() == ""


@pytest.fixture(scope="module")
def pack_of_21(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack21")
    for n in range(7):  # 3 essays a page
        (folder / f"page{n}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_a_large_pack_shows_each_stage(pack_of_21):
    stream = io.StringIO()
    timings = Timings()
    briefs = extract([str(pack_of_21)], progress=Progress(stream, enabled=True), timings=timings)
    assert len(briefs) == 21
    out = stream.getvalue()
    assert "brief: summarizing [" + "#" * 28 + "] 21/21" in out
    assert "brief: reading [" not in out  # 7 files: too few for a bar
    assert list(timings.seconds) == ["read", "dictionary", "summarize"]


def test_rendering_a_large_pack_counts_its_essays(pack_of_21, tmp_path):
    from brief.build import build

    stream = io.StringIO()
    build([str(pack_of_21)], str(tmp_path / "p.pdf"), progress=Progress(stream, enabled=True))
    out = stream.getvalue()
    assert "brief: rendering [" + "#" * 28 + "] 21/21" in out
    assert re.search(r"brief: rendering \[#+·+\] 11/21", out)  # it moves, essay by essay


def test_quiet_prints_only_errors(capsys, tmp_path):
    assert main(["--quiet", "build", str(SEED), "-o", str(tmp_path / "a.pdf")]) == 0
    assert capsys.readouterr().err == ""
    assert main(["--quiet", "build", str(tmp_path / "nope.txt"), "-o", "x.pdf"]) == 2
    assert capsys.readouterr().err.startswith("brief: ")


def test_verbose_prints_each_stage_with_its_time(capsys, tmp_path):
    assert main(["--verbose", "build", str(SEED), "-o", str(tmp_path / "a.pdf")]) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert all(line.startswith("brief: ") for line in lines)
    for stage in ("layout", "registered the fonts", "read 3 essays", "dictionary", "summarized 3"):
        assert any(stage in line for line in lines), stage
    assert f"brief: wrote {tmp_path / 'a.pdf'} (3 essays)" in lines
    timing = re.fullmatch(r"brief: timings \(s\): (.*), total ([\d.]+)", lines[-1])
    assert timing
    stages = [part.split()[0] for part in timing.group(1).split(", ")]
    # a small pack: one forked child loads the dictionary and summarizes while this process
    # registers the fonts, so its time is inside "summarize" and fonts come after read
    assert stages == ["imports", "layout", "read", "fonts", "summarize", "pack", "render", "write"]


def test_default_prints_nothing_for_a_clean_build(capsys, tmp_path):
    assert main(["build", str(SEED), "-o", str(tmp_path / "a.pdf")]) == 0
    assert capsys.readouterr().err == ""
