"""Brief's speed and memory, each build cold in a fresh process: `make bench`.

Two packs: (a) the seed pack (seeds/, 3 essays) and (b) a large pack of 200+ essays generated into
a temporary folder from the seed page and the web copies in tests/data (each copy varied by
same-length word swaps, so line wrapping on the page is kept). For each pack it runs, interleaved,
`brief --verbose build` and the floor (bench/floor.py: the same pages' text set by a bare
reportlab script with the same fonts, after loading jieba's dictionary), RUNS times each after
one unmeasured warm-up, and reports medians: wall time, peak memory (ru_maxrss of the child),
size per page, Brief's stage times (from its --verbose timings line) and its ratio to the floor.

    .venv/bin/python bench/bench.py [--runs 5] [--essays 210] [--pack seed|large]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = Path(sys.executable).parent / "brief"
FLOOR = ROOT / "bench" / "floor.py"
SEED_PAGE = ROOT / "seeds" / "000_c6352a07d5a6d834.txt"
WEB_COPIES = sorted((ROOT / "tests" / "data").glob("web_*"))

TARGETS = {"ratio": 1.3, "large_seconds": 20.0, "peak_mb": 300.0, "kb_per_page": 150.0}
STAGES = ("imports", "layout", "fonts", "read", "jieba", "summarize", "render", "write")

# Same-length swaps: a page keeps its line lengths, so it is still read as the same essays.
SWAPS = (
    ("城市", "地区"),
    ("企业", "单位"),
    ("发展", "进步"),
    ("治理", "管理"),
    ("精神", "品格"),
    ("要素", "资源"),
    ("创新", "革新"),
    ("推动", "促进"),
)


def make_large_pack(folder: Path, essays: int) -> int:
    """Write variants of the seed page (3 essays) and web copies (1 each) until `essays` essays;
    returns the number of files."""
    sources = [(SEED_PAGE, 3), *((p, 1) for p in WEB_COPIES)]
    texts = {path: path.read_text(encoding="utf-8") for path, _ in sources}
    count = files = 0
    k = 0
    while count < essays:
        for path, n in sources:
            text = texts[path]
            for bit, (old, new) in enumerate(SWAPS):
                if k >> bit & 1:
                    text = text.replace(old, new)
            (folder / f"{path.stem}_{k:03d}{path.suffix}").write_text(text, encoding="utf-8")
            count += n
            files += 1
            if count >= essays:
                break
        k += 1
    return files


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)


def run(cmd: list[str]) -> tuple[Run, str, str]:
    """Run `cmd` in a fresh process; wall time and the child's own peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, cmd))} failed ({proc.returncode}):\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024), stdout, stderr


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


def report(results: list[Result], runs: int) -> str:
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
        f"{'brief MB':>10}{'floor MB':>10}{'KB/page':>9}",
    ]
    for r in results:
        b, f = r.median(r.brief, "seconds"), r.median(r.floor, "seconds")
        rows.append(
            f"{r.name:<12}{r.essays:>7}{r.pages:>7}{b:>9.2f}{f:>9.2f}{b / f:>6.2f}x"
            f"{r.median(r.brief, 'peak_mb'):>10.0f}{r.median(r.floor, 'peak_mb'):>10.0f}"
            f"{r.kb_per_page:>9.1f}"
        )
    rows += ["", "Brief's stages (median s; startup = Python start, CLI and exit)"]
    names = ("startup", *STAGES)
    rows.append(f"{'pack':<12}" + "".join(f"{n:>10}" for n in names))
    for r in results:
        rows.append(f"{r.name:<12}" + "".join(f"{r.stage(n):>10.3f}" for n in names))
    rows += ["", "Targets"]
    for r in results:
        b, f = r.median(r.brief, "seconds"), r.median(r.floor, "seconds")
        checks = [
            (
                f"peak memory {r.median(r.brief, 'peak_mb'):.0f} MB",
                "<= 300 MB",
                r.median(r.brief, "peak_mb") <= TARGETS["peak_mb"],
            ),
            (
                f"{r.kb_per_page:.1f} KB per page",
                "<= 150 KB",
                r.kb_per_page <= TARGETS["kb_per_page"],
            ),
        ]
        if r.name == "seed":
            checks.insert(0, (f"{b / f:.2f}x the floor", "<= 1.3x", b / f <= TARGETS["ratio"]))
        else:
            checks.insert(
                0, (f"{b:.1f} s for {r.essays} essays", "<= 20 s", b <= TARGETS["large_seconds"])
            )
        for what, target, ok in checks:
            rows.append(f"  {r.name:<10}{what:<32}{target:<12}{'ok' if ok else 'MISSED'}")
    return "\n".join(rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--essays", type=int, default=210)
    p.add_argument("--pack", choices=("seed", "large", "both"), default="both")
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
    print(report(results, args.runs))
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
        Path(args.json).write_text(json.dumps(raw, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
