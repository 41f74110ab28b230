"""The command line: JSON and outline output, one-line errors, exit codes."""

import json

from conftest import DATA, ROOT

from brief.cli import main


def test_extract_json_has_the_documented_shape(capsys):
    assert main(["extract", str(ROOT / "seeds"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["articles"]) == 3
    a = data["articles"][0]
    for key in (
        "source",
        "title",
        "kicker",
        "subtitle",
        "column",
        "authors",
        "affiliation",
        "funding",
        "paragraphs",
        "sections",
        "thesis",
        "problems",
        "mechanisms",
        "recommendations",
        "keywords",
        "questions",
        "warnings",
    ):
        assert key in a
    assert a["paragraphs"][0]["n"] == 1
    assert a["sections"][0]["role"] == "mechanism"
    assert set(a["problems"][0]) == {"text", "paragraphs"}


def test_extract_outline_is_readable(capsys):
    assert main(["extract", str(DATA / "web_two_roads.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[1] 赓续“两路”精神血脉 赋能企业高质量发展")
    assert "对策:" in out


def test_errors_are_one_line_with_the_file_named(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"brief: {empty}: file is empty; remove it or add the essay's text"

    english = tmp_path / "english.txt"
    english.write_text("Hello world.\nThis is not a theory essay.\n", encoding="utf-8")
    assert main(["extract", str(english)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"brief: {english}: no essay found") and "\n" not in err
