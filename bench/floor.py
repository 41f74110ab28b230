"""The floor Brief is measured against: the same pages set by a bare reportlab script.

It pays what any program printing these pages must pay, and nothing else: start Python, import
reportlab, load the word segmenter's dictionary and jieba's IDF table (Brief's keywords need
both; Brief segments with rjieba, jieba's dictionary in Rust), register the same TrueType
files, draw the same characters page by page with canvas.drawString, write the PDF.

    python bench/floor.py SPEC.json OUT.pdf

SPEC.json (written by bench.py): {"fonts": {name: path}, "size": [w, h], "pages": [text, ...]}.
Prints the seconds of each step as JSON on stdout.
"""

from __future__ import annotations

import json
import sys
import time

T0 = time.perf_counter()


def main(spec_path: str, out_path: str) -> None:
    laps: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        laps[name] = now - t
        t = now

    from importlib.util import find_spec
    from pathlib import Path

    import rjieba
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    lap("imports")
    rjieba.tokenize("词典")
    idf_file = Path(find_spec("jieba").origin).parent / "analyse" / "idf.txt"
    with open(idf_file, encoding="utf-8") as f:
        fields = f.read().split()
    dict(zip(fields[::2], map(float, fields[1::2]), strict=True))
    lap("dictionary")
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    names = []
    for name, path in spec["fonts"].items():
        pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    lap("fonts")

    width, height = spec["size"]
    margin, per_line = 56.0, 36
    canvas = Canvas(out_path, pagesize=(width, height), invariant=1, pageCompression=1)
    for text in spec["pages"]:
        lines = [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]
        leading = min(15.0, (height - 2 * margin) / len(lines))
        size = min(10.5, leading * 0.8)
        y = height - margin
        for k, line in enumerate(lines):
            # a title and headings in the sans faces, the body in serif, some of it bold
            if k == 0:
                face = names[3]  # sans bold
            elif k % 7 == 1:
                face = names[2]  # sans regular
            else:
                face = names[1] if k % 5 == 0 else names[0]  # serif bold / regular
            canvas.setFont(face, size)
            canvas.drawString(margin, y, line)
            y -= leading
        canvas.showPage()
    canvas.save()
    lap("render")
    laps["total"] = time.perf_counter() - T0
    json.dump(laps, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:3])
