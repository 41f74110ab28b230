"""Bytes -> text: encodings and the inputs Brief refuses."""

import pytest
from conftest import DATA

from brief.errors import InputError
from brief.read.files import decode, find_files, read_paths

TEXT = (DATA / "web_two_roads.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_decodes_the_encodings_users_bring(encoding, expected):
    text, found = decode(TEXT.encode(encoding), "essay.txt")
    assert text == TEXT
    assert found == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "essay.txt: file is empty"),
        (b"  \n\n \t", "essay.txt: file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "essay.txt: binary file (NUL bytes)"),
        (b"\x81\x20\xfe\x7f" * 40, "essay.txt: cannot decode as UTF-8 or GB18030"),
        (bytes(range(1, 31)) * 20, "essay.txt: binary file (control characters)"),
    ],
)
def test_refuses_what_is_not_text(data, message):
    with pytest.raises(InputError) as err:
        decode(data, "essay.txt")
    assert str(err.value).startswith(message)


def test_folder_lists_txt_and_md_in_name_order(tmp_path):
    for name in ("b.txt", "a.md", "c.jpg", "A.TXT"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_files([str(tmp_path)])] == ["A.TXT", "a.md", "b.txt"]


def test_missing_path_and_empty_folder_are_named(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder"):
        find_files([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match=r"folder has no \.txt or \.md files"):
        find_files([str(tmp_path)])


def test_gb18030_file_reads_like_its_utf8_twin(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    (source,) = read_paths([str(path)])
    assert source.encoding == "gb18030"
    assert source.text == TEXT
