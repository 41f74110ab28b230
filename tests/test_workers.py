"""Big packs in worker processes: the same output byte for byte, the same warnings in the same
order, errors as in a serial run, and nothing forked for work too small to share."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brief import workers
from brief.build import extract
from brief.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c6352a07d5a6d834.txt"
DEV_WEB = ROOT.parent / "shared" / "eval" / "dev" / "web"


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    """Real essays, enough for workers: the dev web copies when ../shared is there, and the seed
    page (3 essays) copied five times."""
    folder = tmp_path_factory.mktemp("big")
    for n in range(5):
        shutil.copyfile(SEED, folder / f"seed{n}.txt")
    for path in sorted(DEV_WEB.glob("*.txt"))[:12]:
        shutil.copyfile(path, folder / f"web-{path.name}")
    return folder


def brief_cli(*args: str, jobs: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEF_JOBS": str(jobs), "SOURCE_DATE_EPOCH": "1764547200"}
    return subprocess.run(
        [sys.executable, "-m", "brief", *args], capture_output=True, text=True, env=env
    )


def test_serial_and_parallel_builds_are_byte_identical(big_folder, tmp_path):
    # A5 at large sizes makes long essays drop items: warnings to compare, too
    layout = ROOT / "layouts" / "large-print.yaml"
    runs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.pdf"
        done = brief_cli("--verbose", "build", str(big_folder), "-o", str(out),
                         "--layout", str(layout), jobs=jobs)  # fmt: skip
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        assert any(f"{jobs} workers" in line for line in lines) == (jobs > 1)
        warnings = [line for line in lines if "too long for one page" in line]
        runs[jobs] = (out.read_bytes(), warnings)
    assert runs[1][0] == runs[2][0]
    assert runs[1][1] == runs[2][1]
    assert runs[1][1], "the large-print layout should have to drop items somewhere"


def test_parallel_extract_gives_the_serial_briefs_in_order(big_folder, monkeypatch):
    monkeypatch.setenv("BRIEF_JOBS", "1")
    serial = extract([str(big_folder)])
    monkeypatch.setenv("BRIEF_JOBS", "2")
    parallel = extract([str(big_folder)])
    assert len(serial) >= 15
    assert parallel == serial


def test_an_error_in_a_worker_is_reported_as_in_a_serial_run(
    big_folder, tmp_path, capsys, monkeypatch
):
    import brief.summary.summarize as summarize_module

    target = tmp_path / "x.pdf"
    target.write_bytes(b"%PDF old")
    real = summarize_module.summarize

    def bug(article, questions_template=None):
        if "seed3" in article.source:
            raise ZeroDivisionError("division by zero")
        return real(article, questions_template)

    # the workers are forked after the patch, so they run it
    monkeypatch.setattr(summarize_module, "summarize", bug)
    monkeypatch.setenv("BRIEF_JOBS", "2")
    code = main(["build", str(big_folder), "-o", str(target)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 70
    assert err == [
        "brief: internal error: ZeroDivisionError: division by zero (run with --debug for details)"
    ]
    assert target.read_bytes() == b"%PDF old"


def test_a_bad_file_among_many_names_the_first_bad_file_in_order(
    big_folder, tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "mixed"
    shutil.copytree(big_folder, folder)
    (folder / "seed1.txt").write_text("no essay here, only a line of English.", encoding="utf-8")
    (folder / "seed4.txt").write_bytes(b"\x00\x01\x02binary")
    monkeypatch.setenv("BRIEF_JOBS", "2")
    code = main(["build", str(folder), "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert len(err) == 1 and err[0].startswith(f"brief: {folder / 'seed1.txt'}: ")
    assert not (tmp_path / "x.pdf").exists()


def test_small_work_is_not_shared_out(monkeypatch):
    monkeypatch.delenv("BRIEF_JOBS", raising=False)
    assert workers.jobs_for(3) == 1
    assert workers.jobs_for(workers.MIN_ITEMS - 1) == 1
    assert workers.jobs_for(200) == min(workers.cores(), 200)
    monkeypatch.setenv("BRIEF_JOBS", "1")
    assert workers.jobs_for(200) == 1


def test_results_keep_input_order_and_exceptions_keep_their_turn():
    items = list(range(40))
    with workers.ordered_results(lambda n: n * n, items, jobs=2) as results:
        assert list(results) == [n * n for n in items]

    def fails_at_7(n):
        if n == 7:
            raise ValueError(n)
        return n

    seen = []
    with pytest.raises(ValueError), workers.ordered_results(fails_at_7, items, jobs=2) as results:
        for n in results:
            seen.append(n)
    assert seen == list(range(7))


def test_a_background_child_runs_while_the_caller_works():
    pid = os.getpid()
    with workers.ordered_results(lambda _: os.getpid(), [0, 1, 2], 1, background=True) as results:
        pids = list(results)
    assert len(set(pids)) == 1 and pids[0] != pid


def test_work_that_needs_idle_cores_stays_serial_on_a_busy_machine(monkeypatch):
    monkeypatch.delenv("BRIEF_JOBS", raising=False)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (3.7, 3.2, 3.0))
    assert workers.busy()
    assert workers.jobs_for(200, idle_only=True) == 1
    assert workers.jobs_for(200) == 2  # summarizing still shares out
    monkeypatch.setenv("BRIEF_JOBS", "2")
    assert workers.jobs_for(200, idle_only=True) == 2  # asked for: measuring, tests
    monkeypatch.delenv("BRIEF_JOBS")
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (0.4, 0.2, 0.1))
    assert not workers.busy()
    assert workers.jobs_for(200, idle_only=True) == 2


def _fails_at_2(n: int) -> int:
    if n == 2:
        raise ValueError(n)
    return -n


def _broken_preparation() -> None:
    raise RuntimeError("no dictionary here")


def test_a_ready_worker_gives_results_in_order_and_errors_at_their_turn():
    # a failed preparation must not hang the pool
    ready = workers.ready(_broken_preparation, _fails_at_2)
    assert ready is not None
    try:
        seen = []
        with pytest.raises(ValueError):
            for n in ready.map([0, 1, 2, 3]):
                seen.append(n)
        assert seen == [0, -1]
        assert list(ready.map([3, 4])) == [-3, -4]
    finally:
        ready.close()


def test_a_small_pack_summarized_by_the_worker_forked_at_the_start_is_the_same(seed_articles):
    from brief.build import _summarize_one, load_summarizer, summarize_all

    ready = workers.ready(load_summarizer, _summarize_one)
    try:
        early = summarize_all(seed_articles, ready=ready)
    finally:
        ready.close()
    assert early == summarize_all(seed_articles)


def test_only_a_few_essay_files_get_a_worker_at_the_start(big_folder, tmp_path):
    from brief.build import _few_files

    assert _few_files([str(ROOT / "seeds")])
    assert _few_files([str(SEED), str(SEED)])
    assert not _few_files([str(big_folder)])  # many files: workers, forked later
    assert not _few_files([str(tmp_path / "pack.yaml")])  # a pack file is not summarized
    assert not _few_files([str(tmp_path / "missing")])
