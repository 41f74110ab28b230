"""What one essay costs inside Brief, measured in a fresh process (bench.py runs it):

- `weights_ms`: reading the summarizer's weights file (model.read(), what a process pays once);
- `summarize_ms`: CPU time to summarize one essay (lists, thesis, keywords, questions, terms),
  over every dev essay in every form, one after another, with the dictionary and weights loaded;
- `pdf_extra_s`: how much longer reading a three-essay newspaper page from PDF takes than reading
  the same essays as text (the page is set by tests/formats.py, as the format tests set it).

    python bench/probe.py DEV_FOLDER WORK_FOLDER

Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIPLE = ("01.txt", "05.txt", "06.txt")


def main(dev: Path, work: Path) -> None:
    from brief.read.article import read_articles
    from brief.read.files import find_files, read_source, read_sources
    from brief.summary import keywords, model
    from brief.summary.summarize import summarize

    start = time.perf_counter()
    model.read()
    weights_ms = (time.perf_counter() - start) * 1000

    articles = [
        a
        for form in ("web", "page", "md")
        for path in find_files([str(dev / form)])
        for a in read_articles(read_source(path))
    ]
    keywords.load_dictionary()
    model.load()
    start = time.process_time()
    for article in articles:
        summarize(article)
    summarize_ms = (time.process_time() - start) / len(articles) * 1000

    sys.path.insert(0, str(ROOT / "tests"))
    from formats import parse_web, pdf_page

    texts = [(dev / "web" / name).read_text(encoding="utf-8") for name in TRIPLE]
    page = work / "page.pdf"
    pdf_page([parse_web(t) for t in texts], page, seed=5, arrangement="left")
    text = work / "page.txt"
    text.write_text("\n\n".join(texts), encoding="utf-8")

    def read(path: Path) -> float:
        start = time.perf_counter()
        for source in read_sources(path):
            read_articles(source)
        return time.perf_counter() - start

    read(page)  # PDFium's start
    pdf_extra_s = read(page) - read(text)
    print(
        json.dumps(
            {
                "weights_ms": weights_ms,
                "summarize_ms": summarize_ms,
                "essays": len(articles),
                "pdf_extra_s": pdf_extra_s,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
