"""Brief's speed and memory, each build cold in a fresh process: `make bench`.

Two packs: (a) the seed pack (seeds/, 3 essays) and (b) a large pack of 210 real essays: the dev
essays of ../shared/eval/dev/ in all three forms (web copies, newspaper pages, crawler markdown),
copied as often as needed. For each pack it runs, interleaved, `brief --verbose build` and the
floor (bench/floor.py: the same pages' text set by a bare reportlab script with the same fonts,
after loading the dictionaries Brief's keywords need), RUNS times each after one unmeasured warm-up, and reports
medians: wall time, peak memory, size per page, Brief's stage times (from its --verbose timings
line) and its ratio to the floor.

Peak memory is sampled every 10 ms over the whole process tree (Brief and its workers): the
largest single process (RSS), and the tree's proportional set size (PSS, shared pages split
between the processes that share them), which is what the tree really takes.

Then, per essay (bench/probe.py, in fresh processes): loading the summarizer's weights,
summarizing one essay, and reading a newspaper page from PDF rather than as text.

    .venv/bin/python bench/bench.py [--runs 5] [--essays 210] [--pack seed|large|both] [--no-probe]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = Path(sys.executable).parent / "brief"
FLOOR = ROOT / "bench" / "floor.py"
PROBE = ROOT / "bench" / "probe.py"
DEV = Path(os.environ.get("BRIEF_SHARED", ROOT.parent / "shared")) / "eval" / "dev"
FORMS = (("web", "*.txt"), ("page", "*.txt"), ("md", "*.md"))

TARGETS = {"ratio": 1.2, "large_over_seed": 3.0, "peak_mb": 300.0, "kb_per_page": 150.0}
# Per essay (bench/probe.py): the weights file's load, summarizing, and a PDF page's extra cost.
PROBE_TARGETS = {"weights_ms": 20.0, "summarize_ms": 10.0, "pdf_extra_s": 1.0}
STAGES = (
    "imports",
    "layout",
    "read",
    "dictionary",
    "fonts",
    "summarize",
    "pack",
    "render",
    "write",
)


def make_large_pack(folder: Path, essays: int) -> int:
    """Copy the dev essays (every form) into `folder` until it holds `essays` essays (a page
    holds three); returns the number of files."""
    sources = []
    for form, pattern in FORMS:
        for path in sorted((DEV / form).glob(pattern)):
            sources.append((form, path, 3 if form == "page" else 1))
    if not sources:
        sys.exit(f"bench: no dev essays in {DEV}; set BRIEF_SHARED to the shared/ folder")
    count = files = rounds = 0
    while count < essays:
        for form, path, n in sources:
            if count + n > essays:
                continue
            shutil.copyfile(path, folder / f"{rounds:02d}-{form}-{path.name}")
            count += n
            files += 1
        rounds += 1
    return files


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest single process of the tree (RSS)
    tree_mb: float = 0.0  # the whole tree's proportional set size at its peak
    stages: dict[str, float] = field(default_factory=dict)


def _tree(pid: int) -> list[int]:
    """pid and its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def _memory(pid: int) -> tuple[float, float]:
    """(largest RSS, total PSS) of the tree under pid, in MB."""
    rss = pss = 0.0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line and "kB" in line)
        except OSError:
            continue
        rss = max(rss, int(fields.get("Rss", "0 kB").split()[0]) / 1024)
        pss += int(fields.get("Pss", "0 kB").split()[0]) / 1024
    return rss, pss


class _Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.rss, self.pss, self.done = pid, 0.0, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.01):
            rss, pss = _memory(self.pid)
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)


def run(cmd: list[str]) -> tuple[Run, str, str]:
    """Run `cmd` in a fresh process: wall time, and peak memory of it and its workers."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        sampler = _Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed ({proc.returncode}):\n{stderr}")
    # ru_maxrss is exact for the process itself; the sampler may miss a peak between samples
    peak = max(usage.ru_maxrss / 1024, sampler.rss)
    return Run(seconds, peak, sampler.pss or peak), stdout, stderr


def brief_run(paths: list[str], out: Path) -> tuple[Run, int]:
    result, _, stderr = run([str(BRIEF), "--verbose", "build", *paths, "-o", str(out)])
    m = re.search(r"^brief: timings \(s\): (.*)$", stderr, re.M)
    if not m:
        sys.exit(f"bench: no timings line in brief's output:\n{stderr}")
    for part in m.group(1).split(", "):
        name, value = part.rsplit(" ", 1)
        result.stages[name] = float(value)
    result.stages["startup"] = result.seconds - result.stages.pop("total")
    essays = int(re.search(r"^brief: wrote .* \((\d+) essays\)$", stderr, re.M).group(1))
    return result, essays


def floor_spec(pdf: Path, spec: Path) -> int:
    """The floor's input: the fonts of the built-in layout and each page's text from Brief's PDF."""
    from pypdf import PdfReader

    from brief.render.layout import load_layout

    layout = load_layout(None)
    fonts = layout.fonts
    reader = PdfReader(pdf)
    pages = ["".join((page.extract_text() or "").split()) for page in reader.pages]
    data = {
        "fonts": {
            "serif": str(fonts.body.regular),
            "serif-bold": str(fonts.body.bold or fonts.body.regular),
            "sans": str(fonts.heading.regular),
            "sans-bold": str(fonts.heading.bold or fonts.heading.regular),
        },
        "size": list(layout.page.size),
        "pages": pages,
    }
    spec.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return len(pages)


@dataclass
class Result:
    name: str
    essays: int
    pages: int
    kb_per_page: float
    brief: list[Run]
    floor: list[Run]

    def median(self, runs: list[Run], attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in runs)

    def stage(self, name: str) -> float:
        return statistics.median(r.stages.get(name, 0.0) for r in self.brief)


def bench_pack(name: str, paths: list[str], runs: int, work: Path) -> Result:
    out = work / f"{name}.pdf"
    floor_out = work / f"{name}-floor.pdf"
    spec = work / f"{name}-floor.json"
    print(f"bench: {name}: warm-up build", file=sys.stderr, flush=True)
    _, essays = brief_run(paths, out)  # also fills jieba's cache and Python's bytecode caches
    pages = floor_spec(out, spec)
    kb_per_page = out.stat().st_size / 1024 / pages
    floor_cmd = [sys.executable, str(FLOOR), str(spec), str(floor_out)]
    run(floor_cmd)  # warm-up
    brief_runs, floor_runs = [], []
    for k in range(runs):
        print(f"bench: {name}: run {k + 1}/{runs}", file=sys.stderr, flush=True)
        brief_runs.append(brief_run(paths, out)[0])
        floor_runs.append(run(floor_cmd)[0])
    return Result(name, essays, pages, kb_per_page, brief_runs, floor_runs)


def probe(runs: int, work: Path) -> list[dict]:
    """bench/probe.py in `runs` fresh processes (after one unmeasured warm-up)."""
    cmd = [sys.executable, str(PROBE), str(DEV), str(work)]
    out = []
    for k in range(runs + 1):
        print(f"bench: per essay: run {k}/{runs}", file=sys.stderr, flush=True)
        out.append(json.loads(run(cmd)[1]))
    return out[1:]


def report_probe(probes: list[dict]) -> list[str]:
    def median(key: str) -> float:
        return statistics.median(p[key] for p in probes)

    rows = [
        "",
        f"Per essay (median of {len(probes)} fresh processes, {probes[0]['essays']} dev essays"
        " in three forms)",
    ]
    shown = (  # key, what, unit, digits of the target
        ("weights_ms", "loading the summarizer's weights", "ms", 0),
        ("summarize_ms", "summarizing an essay (CPU)", "ms", 0),
        ("pdf_extra_s", "a PDF page over its text", "s", 1),
    )
    for key, what, unit, digits in shown:
        value = median(key)
        target = f"<= {PROBE_TARGETS[key]:.{digits}f} {unit}"
        ok = value <= PROBE_TARGETS[key]
        rows.append(f"  {what:<34}{value:>8.2f} {unit:<3}{target:<12}{'ok' if ok else 'MISSED'}")
    return rows


def report(results: list[Result], runs: int, probes: list[dict] | None = None) -> str:
    today = dt.date.today().isoformat()
    cpus = os.cpu_count()
    head = (
        f"Brief bench, {today}: {platform.python_implementation()} {platform.python_version()}, "
        f"{cpus} CPUs, median of {runs} cold runs each"
    )
    rows = [
        head,
        "",
        f"{'pack':<12}{'essays':>7}{'pages':>7}{'brief s':>9}{'floor s':>9}{'ratio':>7}"
        f"{'brief MB':>10}{'tree MB':>9}{'floor MB':>10}{'KB/page':>9}",
    ]
    for r in results:
        b, f = r.median(r.brief, "seconds"), r.median(r.floor, "seconds")
        rows.append(
            f"{r.name:<12}{r.essays:>7}{r.pages:>7}{b:>9.2f}{f:>9.2f}{b / f:>6.2f}x"
            f"{r.median(r.brief, 'peak_mb'):>10.0f}{r.median(r.brief, 'tree_mb'):>9.0f}"
            f"{r.median(r.floor, 'peak_mb'):>10.0f}{r.kb_per_page:>9.1f}"
        )
    rows += [
        "",
        "brief MB: the largest process (RSS); tree MB: Brief and its workers together (PSS)",
        "",
        "Brief's stages (median s; startup = Python start, CLI and exit)",
    ]
    names = ("startup", *STAGES)
    rows.append(f"{'pack':<12}" + "".join(f"{n:>11}" for n in names))
    for r in results:
        rows.append(f"{r.name:<12}" + "".join(f"{r.stage(n):>11.3f}" for n in names))
    rows += ["", "Targets"]
    seed = next((r for r in results if r.name == "seed"), None)
    for r in results:
        b, f = r.median(r.brief, "seconds"), r.median(r.floor, "seconds")
        tree = r.median(r.brief, "tree_mb")
        checks = [
            (
                f"peak memory {tree:.0f} MB",
                f"<= {TARGETS['peak_mb']:.0f} MB",
                tree <= TARGETS["peak_mb"],
            ),
            (
                f"{r.kb_per_page:.1f} KB per page",
                f"<= {TARGETS['kb_per_page']:.0f} KB",
                r.kb_per_page <= TARGETS["kb_per_page"],
            ),
        ]
        if r.name == "seed":
            ratio = TARGETS["ratio"]
            checks.insert(0, (f"{b / f:.2f}x the floor", f"<= {ratio:.1f}x", b / f <= ratio))
        elif seed is not None:
            times = b / seed.median(seed.brief, "seconds")
            checks.insert(
                0,
                (
                    f"{times:.2f}x the seed pack's time",
                    f"<= {TARGETS['large_over_seed']:.1f}x",
                    times <= TARGETS["large_over_seed"],
                ),
            )
        for what, target, ok in checks:
            rows.append(f"  {r.name:<10}{what:<32}{target:<12}{'ok' if ok else 'MISSED'}")
    if probes:
        rows += report_probe(probes)
    return "\n".join(rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--essays", type=int, default=210)
    p.add_argument("--pack", choices=("seed", "large", "both"), default="both")
    p.add_argument("--no-probe", action="store_true", help="skip the per-essay figures")
    p.add_argument("--json", metavar="FILE", help="also write the raw runs as JSON")
    args = p.parse_args()
    if not BRIEF.exists():
        sys.exit(f"bench: {BRIEF} not found; run `make install` first")

    results = []
    with tempfile.TemporaryDirectory(prefix="brief-bench-") as tmp:
        work = Path(tmp)
        if args.pack in ("seed", "both"):
            results.append(bench_pack("seed", [str(ROOT / "seeds")], args.runs, work))
        if args.pack in ("large", "both"):
            large = work / "large"
            large.mkdir()
            files = make_large_pack(large, args.essays)
            print(f"bench: large pack: {files} files in {large}", file=sys.stderr)
            results.append(bench_pack("large", [str(large)], args.runs, work))
        probes = None if args.no_probe else probe(args.runs, work)
    print(report(results, args.runs, probes))
    if args.json:
        raw = [
            {
                "pack": r.name,
                "essays": r.essays,
                "pages": r.pages,
                "kb_per_page": r.kb_per_page,
                "brief": [vars(x) for x in r.brief],
                "floor": [vars(x) for x in r.floor],
            }
            for r in results
        ]
        raw.append({"probe": probes})
        Path(args.json).write_text(json.dumps(raw, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
