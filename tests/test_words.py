"""Brief segments with rjieba (jieba-rs): it must give jieba's own words, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.summary.keywords import words

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
TEXTS = [ROOT / "seeds" / "000_c6352a07d5a6d834.txt", *sorted(DEV.glob("*/*.*"))]


@pytest.fixture(scope="module")
def jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_segmenter_cuts_as_jieba_does(jieba, path):
    text = path.read_text(encoding="utf-8")
    assert words(text) == list(jieba.tokenize(text))


def test_offsets_are_the_words_places():
    text = "新质生产力赋能资源型城市高质量发展。"
    found = words(text)
    assert "".join(w for w, _, _ in found) == text
    assert all(text[start:end] == w for w, start, end in found)
