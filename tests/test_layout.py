"""Layouts: loading, merging, path resolution, and the exact messages a broken layout gives."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from brief.errors import LayoutError
from brief.render.layout import load_layout
from brief.render.schema import (
    MM,
    Layout,
    parse_colour,
    parse_length,
    questions_template,
    schema_keys,
)

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = sorted((ROOT / "layouts").glob("*.yaml"))


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def error_of(path: str) -> str:
    with pytest.raises(LayoutError) as info:
        load_layout(path)
    return str(info.value)


# ---------------------------------------------------------------- loading


def test_builtin_default_is_a4_with_repository_fonts():
    layout = load_layout(None)
    assert isinstance(layout, Layout)
    assert layout.page.size == pytest.approx((210 * MM, 297 * MM))
    assert layout.fonts.body.regular == ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
    assert layout.fonts.heading.bold == ROOT / "fonts" / "NotoSansSC-Bold.ttf"
    assert layout.fonts.fallback.regular == ROOT / "fonts" / "NotoSansSC-Regular.ttf"
    # percentages are resolved against the body size
    assert layout.sizes.title == pytest.approx(layout.sizes.body * 1.9)


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.name)
def test_every_shipped_layout_loads(path):
    layout = load_layout(path)
    assert layout.fonts.body.regular == ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
    assert layout.file == os.path.normpath(str(path))


def test_shipped_layouts_are_what_they_say():
    a4 = load_layout(ROOT / "layouts" / "default.yaml")
    a5 = load_layout(ROOT / "layouts" / "a5.yaml")
    large = load_layout(ROOT / "layouts" / "large-print.yaml")
    assert a4.page.size == load_layout(None).page.size
    assert a5.page.size == pytest.approx((148 * MM, 210 * MM))
    assert large.sizes.body >= 14 and large.fit.min_body >= 14


def test_extends_deep_merges_and_percentages_follow_the_new_body(tmp_path):
    path = write(
        tmp_path,
        "big.yaml",
        """\
        extends: brief:default
        sizes: {body: 12pt}
        page: {margins: {left: 30mm}}
        """,
    )
    layout = load_layout(path)
    base = load_layout(None)
    assert layout.sizes.body == 12
    assert layout.sizes.title == pytest.approx(12 * 1.9)  # 190% of the new body
    assert layout.page.margins.left == pytest.approx(30 * MM)
    assert layout.page.margins.right == base.page.margins.right  # merged, not replaced
    assert layout.labels == base.labels


def test_extends_a_file_relative_to_the_layout(tmp_path):
    write(tmp_path, "base/parent.yaml", "colours: {accent: navy}\nsizes: {body: 11pt}\n")
    path = write(tmp_path, "base/child.yaml", "extends: parent.yaml\nsizes: {body: 9pt}\n")
    layout = load_layout(path)
    assert layout.colours.accent == "#000080"
    assert layout.sizes.body == 9


def test_font_paths_are_relative_to_the_layout_folder(tmp_path):
    fonts = tmp_path / "myfonts"
    fonts.mkdir()
    (fonts / "Song.ttf").symlink_to(ROOT / "fonts" / "NotoSerifSC-Regular.ttf")
    path = write(
        tmp_path, "layouts/mine.yaml", "fonts: {body: {regular: ../myfonts/Song.ttf, bold: null}}\n"
    )
    layout = load_layout(path)
    assert layout.fonts.body.regular == fonts / "Song.ttf"
    assert layout.fonts.body.bold is None


def test_brief_fonts_moves_the_builtin_fonts(tmp_path, monkeypatch):
    for name in (
        "NotoSerifSC-Regular",
        "NotoSerifSC-Bold",
        "NotoSansSC-Regular",
        "NotoSansSC-Bold",
    ):
        (tmp_path / f"{name}.ttf").symlink_to(ROOT / "fonts" / f"{name}.ttf")
    monkeypatch.setenv("BRIEF_FONTS", str(tmp_path))
    assert load_layout(None).fonts.body.regular == tmp_path / "NotoSerifSC-Regular.ttf"
    monkeypatch.setenv("BRIEF_FONTS", str(tmp_path / "nowhere"))
    message = error_of(None)
    assert message.startswith(
        f"built-in default.yaml: fonts.body.regular: font file not found: {tmp_path / 'nowhere'}"
    )
    assert "BRIEF_FONTS" in message


# ---------------------------------------------------------------- exact messages


def test_unknown_key_suggests_the_near_one(tmp_path):
    path = write(tmp_path, "x.yaml", "sizes:\n  bdy: 12pt\n")
    assert error_of(path) == f"{path}: sizes.bdy: unknown key; did you mean 'body'?"


def test_unknown_top_level_key_lists_nothing_near(tmp_path):
    path = write(tmp_path, "x.yaml", "colors: {accent: red}\n")
    assert error_of(path) == f"{path}: colors: unknown key; did you mean 'colours'?"


def test_bad_colour(tmp_path):
    path = write(tmp_path, "x.yaml", 'colours:\n  accent: "#12345"\n')
    assert error_of(path) == (
        f"{path}: colours.accent: not a colour: '#12345' (use #rgb, #rrggbb or a name such as darkred)"
    )


def test_misspelt_colour_name(tmp_path):
    path = write(tmp_path, "x.yaml", "colours:\n  accent: darkread\n")
    assert (
        error_of(path)
        == f"{path}: colours.accent: unknown colour name 'darkread'; did you mean 'darkred'?"
    )


def test_missing_font_file(tmp_path):
    path = write(tmp_path, "x.yaml", "fonts:\n  body: {regular: fonts/Song.ttf}\n")
    assert (
        error_of(path)
        == f"{path}: fonts.body.regular: font file not found: {tmp_path / 'fonts' / 'Song.ttf'}"
    )


def test_cff_font_is_refused(tmp_path):
    cff = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not cff.exists():
        pytest.skip("no CFF collection installed")
    path = write(tmp_path, "x.yaml", f"fonts:\n  heading: {{regular: {cff}}}\n")
    assert error_of(path) == (
        f"{path}: fonts.heading.regular: NotoSansCJK-Regular.ttc has PostScript (CFF) outlines, "
        "which reportlab cannot embed; use a TrueType (.ttf) font"
    )


def test_bad_type(tmp_path):
    path = write(tmp_path, "x.yaml", "sizes:\n  body: big\nlists:\n  refs: 'yes please'\n")
    assert error_of(path).splitlines() == [
        f"{path}: sizes.body: expected a size such as 10.5pt or 4mm (units: pt, mm, cm, in), got 'big'",
        f"{path}: lists.refs: expected true or false, got 'yes please'",
    ]


def test_section_of_wrong_shape(tmp_path):
    path = write(tmp_path, "x.yaml", "page: A4\n")
    assert error_of(path) == f"{path}: page: expected a mapping with keys size, margins, got 'A4'"


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    path = write(tmp_path, "x.yaml", "page:\n  size: A4\n margins: [\n")
    assert error_of(path) == (
        f"{path}: line 3, column 2: YAML syntax error: expected <block end>, but found '<block mapping start>'"
    )


def test_duplicate_keys_are_an_error(tmp_path):
    path = write(tmp_path, "x.yaml", "sizes:\n  body: 10pt\n  body: 11pt\n")
    assert error_of(path) == f"{path}: line 3, column 3: YAML syntax error: duplicate key 'body'"


def test_all_errors_are_reported_together_one_line_each(tmp_path):
    path = write(
        tmp_path,
        "x.yaml",
        """\
        sizes: {bdy: 12pt}
        colours: {accent: "#12345"}
        blocks: [titel, notes]
        templates:
          footer: "{{ pagee }}"
          header: {left: "{% if %}"}
        """,
    )
    assert error_of(path).splitlines() == [
        f"{path}: sizes.bdy: unknown key; did you mean 'body'?",
        f"{path}: colours.accent: not a colour: '#12345' (use #rgb, #rrggbb or a name such as darkred)",
        f"{path}: blocks[0]: unknown block 'titel'; did you mean 'title'?",
        f"{path}: templates.header.left: template syntax error on line 1: Expected an expression, got 'end of statement block'",
        f"{path}: templates.footer.center: template error: 'pagee' is undefined",
    ]


def test_error_names_the_file_that_set_the_key(tmp_path):
    parent = write(tmp_path, "parent.yaml", "sizes: {body: huge}\n")
    child = write(tmp_path, "child.yaml", "extends: parent.yaml\ncolours: {accent: nope}\n")
    lines = error_of(child).splitlines()
    assert lines[0] == (
        f"{parent}: sizes.body: expected a size such as 10.5pt or 4mm (units: pt, mm, cm, in), got 'huge'"
    )
    assert lines[1].startswith(f"{child}: colours.accent: ")


def test_header_template_must_work_without_an_essay(tmp_path):
    # the contents page has no brief: a header that needs one fails when loading, not when printing
    path = write(tmp_path, "x.yaml", "templates:\n  header: '{{ article.title }}'\n")
    assert (
        error_of(path)
        == f"{path}: templates.header.center: template error: 'None' has no attribute 'title'"
    )


def test_minimum_above_normal_size(tmp_path):
    path = write(tmp_path, "x.yaml", "fit: {min_body: 12pt}\n")
    assert error_of(path) == f"{path}: fit.min_body: 12 is larger than the normal value 10.5"


def test_missing_layout_and_missing_parent(tmp_path):
    assert (
        error_of(str(tmp_path / "nope.yaml")) == f"{tmp_path / 'nope.yaml'}: layout file not found"
    )
    path = write(tmp_path, "x.yaml", "extends: base.yaml\n")
    assert error_of(path) == f"{path}: extends: layout file not found: {tmp_path / 'base.yaml'}"


def test_extends_loop(tmp_path):
    a = write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    assert error_of(a) == f"{a}: extends: layouts extend each other in a loop"


# ---------------------------------------------------------------- values and templates


def test_parse_length_units():
    assert parse_length(10) == 10.0
    assert parse_length("10.5pt") == 10.5
    assert parse_length("1in") == 72
    assert parse_length("25.4mm") == pytest.approx(72)
    assert parse_length("2.54cm") == pytest.approx(72)
    assert parse_length(" 3 mm ") == pytest.approx(3 * MM)
    for bad in ("big", "10px", True, None, "-3mm", [1]):
        with pytest.raises(ValueError):
            parse_length(bad)


def test_parse_colour_forms():
    assert parse_colour("#abc") == "#aabbcc"
    assert parse_colour("#9B1C1F") == "#9b1c1f"
    assert parse_colour("DarkRed") == "#8b0000"
    for bad in ("#12345", "reddish-ish", 12, None):
        with pytest.raises(ValueError):
            parse_colour(bad)


def test_footer_string_is_centred_and_renders(tmp_path):
    path = write(
        tmp_path, "x.yaml", "templates:\n  footer: '{{ pack.title }} · 第 {{ page }} 页'\n"
    )
    layout = load_layout(path)
    assert layout.templates.footer.left == "" and layout.templates.footer.center
    from helpers import seed_pack

    from brief.render.templates import page_context

    pack = seed_pack()
    text = layout.render("templates.footer.center", page_context(pack, pack.briefs[0], 1, 3, 5))
    assert text == "理论·智库 研读简报 · 第 3 页"


def test_questions_template_none_unless_the_layout_sets_one(tmp_path):
    assert questions_template(load_layout(None)) is None
    inline = write(tmp_path, "inline.yaml", "templates:\n  questions: '本文的论点是什么？'\n")
    assert questions_template(load_layout(inline)) == "本文的论点是什么？"


def test_template_files_beside_the_layout_come_before_the_package(tmp_path):
    write(tmp_path, "templates/questions.j2", "{{ article.title }}讲了什么？\n")
    write(tmp_path, "templates/cover.j2", "# {{ pack.title }}\n> 自己的封面\n")
    path = write(tmp_path, "x.yaml", "templates:\n  questions: questions.j2\n")
    layout = load_layout(path)
    assert questions_template(layout) == "{{ article.title }}讲了什么？\n"
    from helpers import seed_pack

    from brief.render.templates import cover_context

    assert "自己的封面" in layout.render("templates.cover", cover_context(seed_pack(), 5))


def test_questions_template_is_checked_with_the_summarizers_renderer(tmp_path):
    path = write(tmp_path, "x.yaml", "templates:\n  questions: '{{ brief.problemz }}'\n")
    assert error_of(path).startswith(f"{path}: templates.questions: template error: ")


def test_readme_documents_every_key():
    readme = (ROOT / "layouts" / "README.md").read_text(encoding="utf-8")
    missing = [key for key, _ in schema_keys() if f"`{key}`" not in readme]
    assert not missing
    assert all(doc for _, doc in schema_keys())
