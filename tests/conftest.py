import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/helpers.py

SEED = ROOT / "seeds" / "000_c6352a07d5a6d834.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_articles():
    from brief.read.article import read_articles
    from brief.read.files import read_source

    return read_articles(read_source(SEED))


@pytest.fixture(scope="session")
def seed_briefs(seed_articles):
    from brief.summary.summarize import summarize

    return [summarize(a) for a in seed_articles]
