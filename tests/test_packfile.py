"""The pack file: extract -> correct by hand or with a YAML tool -> build prints exactly that;
re-extracting keeps every edit; mistakes are reported with line and key path."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA, SEED
from helpers import brief, item
from pypdf import PdfReader

from brief.cli import main
from brief.errors import InputError
from brief.model import LISTS
from brief.pack import file as packfile


def essay_pages_text(path: Path, essays: int = 3) -> str:
    """The essay pages only (after the one front page): the glossary at the end quotes the
    essays' own sentences, old wording included."""
    pages = PdfReader(path).pages[1 : 1 + essays]
    return "".join("".join(p.extract_text() for p in pages).split())


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """pack.yaml of the seed page's three essays, written once by `brief extract -o`."""
    folder = tmp_path_factory.mktemp("extract")
    out = folder / "pack.yaml"
    assert main(["-q", "extract", str(SEED), "-o", str(out)]) == 0
    return out


@pytest.fixture
def pack_yaml(extracted, tmp_path) -> Path:
    copy = tmp_path / "pack.yaml"
    shutil.copy(extracted, copy)
    return copy


# ---------------------------------------------------------------- the file as written


def test_the_file_is_for_people(extracted):
    text = extracted.read_text(encoding="utf-8")
    assert text.startswith("# Brief pack file: 3 essays")
    assert "brief build pack.yaml -o pack.pdf" in text
    assert "\\u" not in text and "新质生产力赋能资源型城市高质量发展" in text
    data = yaml.safe_load(text)
    assert list(data) == ["title", "essays"]
    entry = data["essays"][0]
    assert list(entry)[:3] == ["id", "source", "title"]
    for key in ("kicker", "authors", "affiliation", "thesis", *LISTS, "keywords", "questions"):
        assert key in entry
    assert list(entry).index("problems") < list(entry).index("questions")
    assert entry["authors"] == ["房芳", "郭建杰"]
    assert re.fullmatch(r"[0-9a-f]{10}", entry["id"])
    assert entry["length"] > 1000  # the essay's characters, for reading time
    # one item per line, in compact flow style
    first = entry["problems"][0]
    line = next(x for x in text.splitlines() if first["text"] in x and "text:" in x)
    assert line.strip() == f"- {{text: {first['text']}, paragraphs: {first['paragraphs']}}}"


def test_dump_and_load_round_trip():
    b = brief(
        title="标题: 含冒号 #与井号",
        thesis="'引号' 与 “弯引号”，还有 {大括号} 和 [方括号]",
        problems=[item("问题一：冒号", 3, 4), item("- 以横线开头", 5)],
        mechanisms=[item("null", 2), item("123", 1)],
        recommendations=[],
        keywords=("yes", "关键词"),
        questions=("讨论？",),
        authors=("甲",),
        kicker="引题",
        column="理论·智库",
    )
    text = packfile.dump([b], "研读: 简报")
    loaded = packfile.parse(text, "pack.yaml")
    again = loaded.briefs[0]
    assert loaded.title == "研读: 简报"
    assert again.article.title == b.article.title and again.thesis == b.thesis
    for name in ("problems", "mechanisms"):
        assert [(i.text, i.paragraphs) for i in getattr(again, name)] == [
            (i.text, i.paragraphs) for i in getattr(b, name)
        ]
    assert again.keywords == ("yes", "关键词") and again.article.kicker == "引题"
    # written again, the same file
    assert packfile.dump(loaded.briefs, loaded.title, ids=loaded.ids) == text


def test_the_same_essay_has_the_same_id_as_a_web_copy_and_on_the_page():
    """The seed page's third essay and tests/data/web_two_roads.txt are one essay in two forms."""
    from brief.build import read

    on_page = read([str(SEED)])[2]
    (web,) = read([str(DATA / "web_two_roads.txt")])
    assert packfile.essay_id(on_page) == packfile.essay_id(web)


def test_id_follows_the_text_not_the_file_name(tmp_path):
    from brief.build import read

    renamed = tmp_path / "renamed.txt"
    shutil.copy(DATA / "web_two_roads.txt", renamed)
    (a,) = read([str(DATA / "web_two_roads.txt")])
    (b,) = read([str(renamed)])
    assert a.source != b.source and packfile.essay_id(a) == packfile.essay_id(b)


# ---------------------------------------------------------------- correct, then print


def edit_with_a_yaml_tool(path: Path) -> dict[str, str]:
    """Reword the first problem, the thesis and a question of essay 1; drop its second
    mechanism; move its first recommendation to problems."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    e = data["essays"][0]
    old = {
        "problem": e["problems"][0]["text"],
        "thesis": e["thesis"],
        "question": e["questions"][0],
        "dropped": e["mechanisms"][1]["text"],
    }
    e["problems"][0]["text"] = "要素错配让资源型城市困在旧产业里（改写）"
    e["thesis"] = "新质生产力能纠正要素错配，是资源型城市转型的钥匙（改写）"
    e["questions"][0] = "本地有哪些要素错配的例子？（自拟）"
    del e["mechanisms"][1]
    e["problems"].append(e["recommendations"].pop(0))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return old


def test_build_prints_exactly_the_edited_file(pack_yaml, tmp_path):
    old = edit_with_a_yaml_tool(pack_yaml)
    out, again = tmp_path / "pack.pdf", tmp_path / "again.pdf"
    assert main(["-q", "build", str(pack_yaml), "-o", str(out)]) == 0
    text = essay_pages_text(out)
    for new in ("要素错配让资源型城市困在旧产业里（改写）", "是资源型城市转型的钥匙（改写）"):
        assert new in text
    assert "本地有哪些要素错配的例子？（自拟）" in text
    for gone in ("problem", "thesis", "question", "dropped"):
        assert "".join(old[gone].split())[:16] not in text, gone
    assert main(["-q", "build", str(pack_yaml), "-o", str(again)]) == 0
    assert out.read_bytes() == again.read_bytes()


def test_build_never_writes_a_pdf_over_a_pack_file(pack_yaml, capsys):
    before = pack_yaml.read_bytes()
    assert main(["build", str(SEED), "-o", str(pack_yaml)]) == 4
    assert f"brief extract PATH... -o {pack_yaml}" in capsys.readouterr().err
    assert pack_yaml.read_bytes() == before


def test_building_a_pack_file_reads_no_essay(pack_yaml, tmp_path, monkeypatch):
    import brief.build

    def no(*_a, **_k):
        raise AssertionError("a pack file build must not read or summarize")

    monkeypatch.setattr(brief.build, "extract", no)
    assert main(["-q", "build", str(pack_yaml), "-o", str(tmp_path / "p.pdf")]) == 0


def test_title_and_date_from_the_file(pack_yaml, tmp_path):
    text = pack_yaml.read_text(encoding="utf-8").replace(
        "title: 理论·智库 研读简报", "title: 第三次学习会\ndate: 2025-03-08", 1
    )
    pack_yaml.write_text(text, encoding="utf-8")
    out = tmp_path / "p.pdf"
    assert main(["-q", "build", str(pack_yaml), "-o", str(out)]) == 0
    cover = "".join(PdfReader(out).pages[0].extract_text().split())
    assert "第三次学习会" in cover and "2025-03-08" in cover


def test_mixing_a_pack_file_with_essays_is_refused(pack_yaml, tmp_path, capsys):
    out = tmp_path / "p.pdf"
    assert main(["build", str(pack_yaml), str(DATA), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be mixed with essays" in err
    assert f"brief extract {DATA} -o {pack_yaml}" in err
    assert not out.exists()


# ---------------------------------------------------------------- re-extracting


def test_re_extract_keeps_every_edit_and_appends_new_essays(pack_yaml, capsys):
    edit_with_a_yaml_tool(pack_yaml)
    # an edit by hand, with a comment, must survive byte for byte
    edited = pack_yaml.read_text(encoding="utf-8").replace(
        "title: 新质生产力赋能资源型城市高质量发展",
        "title: 新质生产力与资源型城市  # 缩短的标题",
    )
    pack_yaml.write_text(edited, encoding="utf-8")
    code = main(["extract", str(SEED), str(DATA / "web_institution.md"), "-o", str(pack_yaml)])
    assert code == 0
    err = capsys.readouterr().err
    assert "1 new essays added at the end" in err
    after = pack_yaml.read_text(encoding="utf-8")
    assert after.startswith(edited)  # every entry exactly as left, the new one after
    assert (Path(str(pack_yaml) + ".bak")).read_text(encoding="utf-8") == edited
    data = yaml.safe_load(after)
    assert len(data["essays"]) == 4
    assert data["essays"][3]["title"] == "以高水平开放推动高质量发展"
    assert data["essays"][0]["questions"][0] == "本地有哪些要素错配的例子？（自拟）"


def test_re_extract_reports_essays_no_longer_given_and_keeps_them(pack_yaml, capsys):
    before = pack_yaml.read_text(encoding="utf-8")
    assert main(["extract", str(DATA / "web_institution.md"), "-o", str(pack_yaml)]) == 0
    err = capsys.readouterr().err.splitlines()
    missing = [line for line in err if "is not among the inputs" in line]
    assert len(missing) == 3 and "kept as it is (delete its entry to drop it)" in missing[0]
    assert pack_yaml.read_text(encoding="utf-8").startswith(before)


def test_re_extract_with_nothing_new_leaves_the_file(pack_yaml, capsys):
    before = pack_yaml.stat().st_mtime_ns, pack_yaml.read_bytes()
    assert main(["extract", str(SEED), "-o", str(pack_yaml)]) == 0
    assert "no new essays; the file is unchanged" in capsys.readouterr().err
    assert (pack_yaml.stat().st_mtime_ns, pack_yaml.read_bytes()) == before
    assert not Path(str(pack_yaml) + ".bak").exists()


def test_re_extract_into_a_broken_file_changes_nothing(pack_yaml, capsys):
    broken = pack_yaml.read_text(encoding="utf-8").replace("    problems:", "    problms:", 1)
    pack_yaml.write_text(broken, encoding="utf-8")
    assert main(["extract", str(DATA / "web_institution.md"), "-o", str(pack_yaml)]) == 2
    assert "problms: unknown key; did you mean 'problems'?" in capsys.readouterr().err
    assert pack_yaml.read_text(encoding="utf-8") == broken


# ---------------------------------------------------------------- mistakes


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth]


def test_misspelt_key_and_list_for_text_one_line_each(pack_yaml, tmp_path, capsys):
    text = pack_yaml.read_text(encoding="utf-8")
    text = text.replace("    problems:", "    problms:", 1)
    third = text.splitlines()[
        line_of(text, "recommendations:", 2)
    ]  # essay 3's first recommendation
    bad = third.replace("{text: ", "{text: [一, 二], was: ", 1)
    bad = re.sub(r"was: [^,]*, ", "", bad)
    text = text.replace(third, bad, 1)
    pack_yaml.write_text(text, encoding="utf-8")
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"%PDF old")
    assert main(["build", str(pack_yaml), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"brief: {pack_yaml}:{line_of(text, 'problms:')}: essays[0].problms: "
        "unknown key; did you mean 'problems'?",
        f"brief: {pack_yaml}:{line_of(text, bad)}: essays[2].recommendations[0].text: "
        "expected text, got a list",
    ]
    assert out.read_bytes() == b"%PDF old"


def test_every_kind_of_mistake_at_once():
    text = """\
title: 简报
essays:
  - id: a1
    title: ""
    authors: 甲
    thesis: [不是, 文本]
    problems:
      - {text: 好, paragraphs: [三, 0]}
      - {text: 也好, paragraphs: 4, score: 2}
      - 手写的条目
    mechanisms: 不是列表
    keywords: [词, 12]
    length: 很长
  - id: a1
    titel: 题目
  - 不是一篇
extra: 1
"""
    with pytest.raises(InputError) as caught:
        packfile.parse(text, "p.yaml")
    assert str(caught.value).splitlines() == [
        "p.yaml:4: essays[0].title: is empty; write the text",
        "p.yaml:6: essays[0].thesis: expected text, got a list",
        "p.yaml:8: essays[0].problems[0].paragraphs[0]: ¶ numbers are whole numbers from 1, "
        "such as [3, 4]; got '三'",
        "p.yaml:8: essays[0].problems[0].paragraphs[1]: ¶ numbers are whole numbers from 1, "
        "such as [3, 4]; got a number (0); put it in quotes if it is text",
        "p.yaml:9: essays[0].problems[1].score: unknown key (known keys: text, paragraphs)",
        "p.yaml:11: essays[0].mechanisms: expected a list of items, got '不是列表'",
        "p.yaml:12: essays[0].keywords[1]: expected text, got a number (12); "
        "put it in quotes if it is text",
        "p.yaml:13: essays[0].length: expected the essay's characters, a whole number, got '很长'",
        "p.yaml:14: essays[1].id: 'a1' is also essays[0]'s id; each essay needs its own",
        "p.yaml:15: essays[1].titel: unknown key; did you mean 'title'?",
        "p.yaml:16: essays[2]: expected an essay (a mapping with id, title, …), got '不是一篇'",
        "p.yaml:17: extra: unknown key (known keys: title, date, essays)",
    ]


def test_yaml_syntax_and_shape_errors_name_the_line(tmp_path):
    with pytest.raises(InputError, match=r"^p\.yaml:3: YAML syntax error: .*; check the quotes"):
        packfile.parse("title: x\nessays:\n  - {text: a, b\n", "p.yaml")
    with pytest.raises(InputError, match=r"^p\.yaml:1: expected a pack file"):
        packfile.parse("- a\n- b\n", "p.yaml")
    with pytest.raises(
        InputError, match="this is a layout, not a pack file; give it with --layout"
    ):
        packfile.parse("page:\n  size: A5\n", "p.yaml")
    with pytest.raises(InputError, match=r"^p\.yaml:2: title: given twice; keep one"):
        packfile.parse("title: a\ntitle: b\nessays:\n  - {id: x, title: t}\n", "p.yaml")
    with pytest.raises(InputError, match="no such pack file"):
        packfile.load(tmp_path / "none.yaml")


def test_hand_written_items_and_order_is_rank():
    text = "essays:\n  - id: x\n    title: 题\n    problems:\n      - 甲\n      - {text: 乙, paragraphs: 2}\n"
    (b,) = packfile.parse(text, "p.yaml").briefs
    assert [(i.text, i.paragraphs) for i in b.problems] == [("甲", ()), ("乙", (2,))]
    assert b.problems[0].score > b.problems[1].score


# ---------------------------------------------------------------- everyday use


def test_build_without_o_writes_beside_the_current_folder(pack_yaml, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "pack.yaml"]) == 0
    assert "wrote pack.pdf" in capsys.readouterr().err
    assert (tmp_path / "pack.pdf").stat().st_size > 0


def test_quiet_and_verbose_after_the_command(pack_yaml, tmp_path, capsys):
    assert main(["build", str(pack_yaml), "-v", "-o", str(tmp_path / "a.pdf")]) == 0
    assert "timings (s):" in capsys.readouterr().err


def test_quiet_after_the_command_is_quiet(pack_yaml, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "pack.yaml", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_help_is_for_users(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "printed briefing pack" in out and "brief extract essays/ -o pack.yaml" in out
    assert "Command line: parse arguments" not in out


def test_layouts_are_listed_and_a_copy_builds_like_the_preset(pack_yaml, tmp_path, capsys):
    assert main(["layouts"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line[:1].isalpha()]
    assert names[:3] == ["default", "a5", "large-print"]
    copy = tmp_path / "mine" / "booklet.yaml"
    copy.parent.mkdir()
    assert main(["layout-copy", "a5", str(copy)]) == 0
    assert main(["layout-copy", "a5", str(copy)]) == 4  # never replaced without --force
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["-q", "build", str(pack_yaml), "--layout", "a5", "-o", str(a)]) == 0
    assert main(["-q", "build", str(pack_yaml), "--layout", str(copy), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert main(["layout-copy", "a6", str(tmp_path / "x.yaml")]) == 3
    assert "did you mean 'a5'?" in capsys.readouterr().err


def new_essays() -> list:
    return [brief(title="新的一篇", paragraphs=("新的一篇的正文。",), problems=["新问题"])]


@pytest.mark.parametrize(
    "text",
    [
        # a key after the essays, comments after the last entry, no final newline
        "title: 简报\nessays:\n  - id: a1\n    title: 甲  # 改过\n\n# 我的注释\ndate: 2025-01-02",
        # list items not indented under the key
        "essays:\n- id: a1\n  title: 甲\n  questions:\n  - 问？\n",
        # a flow list written by hand: rebuilt, same content
        "title: 简报\nessays: [{id: a1, title: 甲}]\n",
    ],
)
def test_merge_appends_to_any_shape_of_file(text):
    old = packfile.parse(text, "p.yaml")
    result = packfile.merge(old, new_essays())
    again = packfile.parse(result.text, "p.yaml")
    assert again.ids == (*old.ids, packfile.essay_id(new_essays()[0].article))
    assert [b.article.title for b in again.briefs] == ["甲", "新的一篇"]
    assert again.briefs[1].problems[0].text == "新问题"
    assert again.title == old.title and again.date == old.date
    if "[{" not in text:  # the old text stays, the new entry goes right after the last one
        head = text.split("\n\n# ")[0].split("\ndate")[0]
        assert result.text.startswith(head + "\n\n  - id: ") or result.text.startswith(
            head + "\n- id: "
        )
        assert result.text.endswith(text[len(head) :])
    assert result.missing == ((1, "甲", "a1"),)
