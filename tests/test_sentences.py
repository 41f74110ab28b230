import pytest

from brief.summary.sentences import clauses, sentences

PARAGRAPH = (
    "习近平总书记指出：“要坚持。要发展。”我们要落实；二是好。他说：“好。”然后走了！最后一句没有句号"
)


def test_sentence_split_keeps_quotes_whole_and_loses_nothing():
    parts = sentences(PARAGRAPH)
    assert "".join(parts) == PARAGRAPH
    assert list(parts[:4]) == [
        "习近平总书记指出：“要坚持。要发展。”",
        "我们要落实；",
        "二是好。",
        "他说：“好。”",
    ]
    assert parts[-1] == "最后一句没有句号"


@pytest.mark.parametrize("text", [PARAGRAPH, "“未闭合的引号，一直到结尾", "）。。”“", ""])
def test_clauses_lose_nothing(text):
    for sentence in sentences(text):
        assert "".join(clauses(sentence)) == sentence


def test_commas_inside_quotes_do_not_split_clauses():
    assert list(clauses("铸就了“一不怕苦、二不怕死，顽强拼搏”的精神，值得传承。")) == [
        "铸就了“一不怕苦、二不怕死，顽强拼搏”的精神，",
        "值得传承。",
    ]
