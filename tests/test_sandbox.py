"""A shared layout is data, not a program: its templates run in brief.sandbox, and text from the
essays is never template source."""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path

import pytest
from conftest import SEED
from helpers import brief, pack, seed_briefs
from pypdf import PdfReader

from brief.cli import main
from brief.errors import LayoutError, TemplateRefused
from brief.render.layout import load_layout
from brief.render.pdf import render_pack
from brief.sandbox import make_environment
from brief.summary.questions import make_questions
from brief.summary.summarize import summarize

ESCAPES = {
    "cycler": '{{ cycler.__init__.__globals__.os.popen("touch MARK").read() }}',
    "lipsum": '{{ lipsum.__globals__["os"].popen("touch MARK").read() }}',
    "self": '{{ self.__init__.__globals__.__builtins__.open("MARK", "w") }}',
    "joiner": '{{ joiner.__init__.__globals__.os.popen("touch MARK") }}',
    "namespace": '{{ namespace.__init__.__globals__.os.popen("touch MARK") }}',
    "context": "{{ self._TemplateReference__context.cycler }}",
    "class": "{{ pack.__class__.__mro__[1].__subclasses__() }}",
    "attr filter": '{{ pack | attr("__cla" ~ "ss__") }}',
    "subscript": '{% set k = "__class__" %}{{ pack[k] }}',
    "map attribute": '{{ pack.briefs | map(attribute="__class__") | first }}',
    "format string": '{{ "{0.__class__.__init__.__globals__}".format(pack) }}',
    "format_map": '{{ "{p.title}".format_map({"p": pack}) }}',
    "withheld call": '{{ cycler("a", "b").next() }}',
    "withheld lipsum": "{{ lipsum(1) }}",
    "huge range": "{% for i in range(10 ** 8) %}{% endfor %}",
    "huge text": '{{ "x" * 1000000000 }}',
    "dunder method": "{{ pack.briefs.__len__() }}",
}


def layout_with(tmp_path: Path, key: str, template: str) -> Path:
    """A layout file that sets templates.<key> (a shorthand: footer -> footer.center)."""
    mark = tmp_path / "pwned"
    file = tmp_path / "mine.yaml"
    value = template.replace("MARK", str(mark)).replace("'", "''")
    file.write_text(f"templates:\n  {key}: '{value}'\n", encoding="utf-8")
    return file


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_every_escape_is_refused_when_the_layout_loads(tmp_path, name):
    file = layout_with(tmp_path, "footer", ESCAPES[name])
    with pytest.raises(TemplateRefused) as caught:
        load_layout(file)
    message = str(caught.value)
    assert message.startswith(f"{file}: templates.footer.center: refused: "), message
    assert "\n" not in message
    assert caught.value.exit_code == 2
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_the_sandbox_itself_refuses_every_escape(tmp_path, name):
    """Below the load-time check: rendered directly, each attempt still fails with a refusal."""
    from jinja2.sandbox import SecurityError

    template = ESCAPES[name].replace("MARK", str(tmp_path / "pwned"))
    env = make_environment()
    with pytest.raises(SecurityError):
        env.from_string(template).render(pack=pack(*seed_briefs()))
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("key", ["header", "footer", "source", "cover", "questions"])
def test_every_kind_of_template_is_sandboxed(tmp_path, key):
    file = layout_with(tmp_path, key, ESCAPES["lipsum"])
    with pytest.raises(TemplateRefused) as caught:
        load_layout(file)
    assert f": templates.{key}" in str(caught.value)
    assert not (tmp_path / "pwned").exists()


def test_a_template_file_beside_the_layout_is_sandboxed_too(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "evil.j2").write_text(
        "# {{ pack.title }}\n{{ self.__init__.__globals__ }}\n", encoding="utf-8"
    )
    file = tmp_path / "mine.yaml"
    file.write_text("templates:\n  cover: evil.j2\n", encoding="utf-8")
    with pytest.raises(TemplateRefused, match=r"templates\.cover: refused: .*__init__"):
        load_layout(file)


def test_a_refusal_on_a_branch_the_samples_miss_is_caught_when_rendering(tmp_path):
    """Load time checks the source and sample data; a name built at run time is refused while
    rendering, with the same one line."""
    file = layout_with(
        tmp_path, "footer", '{% if page == 99 %}{{ pack | attr("_" * 2 ~ "class__") }}{% endif %}'
    )
    layout = load_layout(file)
    big = pack(*[seed_briefs()[0]] * 97)
    with pytest.raises(TemplateRefused) as caught:
        render_pack(big, layout)
    assert str(caught.value).startswith(f"{file}: templates.footer.center: refused: access to")


def test_cli_refuses_the_layout_from_the_issue_and_leaves_the_old_pdf(tmp_path, capsys):
    for name in ("cycler", "lipsum", "self"):
        out = tmp_path / "pack.pdf"
        out.write_bytes(b"%PDF old")
        file = layout_with(tmp_path, "footer", ESCAPES[name])
        code = main(["build", str(SEED), "-o", str(out), "--layout", str(file)])
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1 and err.startswith(f"brief: {file}: templates.footer.center:")
        assert out.read_bytes() == b"%PDF old"
        assert not (tmp_path / "pwned").exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml", "pack.pdf"]


def test_ordinary_templates_still_work(tmp_path):
    """What the README documents: records' fields, loops, filters, str methods, dict()."""
    file = tmp_path / "mine.yaml"
    file.write_text(
        "templates:\n"
        "  footer:\n"
        "    left: '{{ pack.title | upper }} {{ pack.date.split(\"-\")[0] }}'\n"
        '    right: \'{% if brief %}{{ brief.problems | map(attribute="text") | first'
        " | truncate(8) }}{% endif %} {{ page }}/{{ pages }}'\n"
        "  source: '{% for a in article.authors %}{{ loop.index }}{{ a }}{% endfor %}"
        ' {{ article.source | basename }} {{ dict(a=1).get("a") }}\'\n',
        encoding="utf-8",
    )
    layout = load_layout(file)
    first = seed_briefs()[0]
    context = {"pack": pack(first), "brief": first, "article": first.article, "page": 3}
    assert layout.render("templates.footer.left", context) == "理论·智库 研读简报 2025"
    assert layout.render("templates.footer.right", {**context, "pages": 5}).endswith(" 3/5")
    line = layout.render("templates.source", context)
    assert line == "1房芳2郭建杰 000_c6352a07d5a6d834.txt 1"


def test_other_layout_errors_keep_their_exit_code(tmp_path):
    file = layout_with(tmp_path, "footer", "{{ pakc.title }}")
    with pytest.raises(LayoutError) as caught:
        load_layout(file)
    assert not isinstance(caught.value, TemplateRefused) and caught.value.exit_code == 3


# ---------------------------------------------------------------- essay text is data


def test_template_syntax_in_an_essay_prints_as_written():
    """Title, thesis, items, keywords and the pack title hold Jinja2 syntax: printed as is."""
    odd = brief(
        title="{{ 6+7 }}测试",
        thesis="论点含有 {% if 1 %}标签{% endif %} 与 {# 注释 #}。",
        problems=["问题里写着 {{ pack.title }}"],
        mechanisms=["机理 {{ 7*6 }}"],
        recommendations=["对策 {{ cycler.__init__ }}"],
        keywords=("{{x}}",),
        questions=("讨论 {{ 1+1 }} 吗？",),
        column="{{ column }}",
    )
    odd_pack = dataclasses.replace(pack(odd), title="{{ 2+2 }}简报")
    pdf, _ = render_pack(odd_pack, load_layout(None))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    squashed = "".join(text.split())
    for written in (
        "{{6+7}}测试",
        "{%if1%}标签{%endif%}",
        "{#注释#}",
        "{{pack.title}}",
        "{{7*6}}",
        "{{cycler.__init__}}",
        "{{2+2}}简报",
        "{{1+1}}",
    ):
        assert written in squashed, written
    assert "13测试" not in squashed and "42" not in squashed


def test_questions_quote_a_title_with_template_syntax_as_written():
    article = dataclasses.replace(seed_briefs()[0].article, title="{{ 6+7 }}测试")
    questions = summarize(article).questions
    assert any("“{{ 6+7 }}测试”" in q for q in questions), questions
    assert not any("13测试" in q for q in questions)
    hostile = brief(problems=["{{x.__class__}}"])
    assert "{{x.__class__}}" in make_questions(hostile)[0]


def test_cli_builds_an_essay_titled_with_template_syntax(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "新质生产力赋能资源型城市高质量发展", "{{ 6+7 }}测试", 1
    )
    essay = tmp_path / "essay.txt"
    essay.write_text(text, encoding="utf-8")
    out = tmp_path / "pack.pdf"
    assert main(["-q", "build", str(essay), "-o", str(out)]) == 0
    squashed = "".join("".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "{{6+7}}测试" in squashed and "13测试" not in squashed
    assert os.path.getsize(out) > 0


def test_a_questions_template_refused_on_a_real_essay_names_the_layout(tmp_path, capsys):
    """The sample brief has one problem, the seed essays more: refused while summarizing."""
    file = layout_with(
        tmp_path,
        "questions",
        '{% if brief.problems | length > 1 %}{{ brief | attr("_" * 2 ~ "class__") }}{% endif %}',
    )
    load_layout(file)  # passes: the sample data does not take the branch
    out = tmp_path / "pack.pdf"
    assert main(["build", str(SEED), "-o", str(out), "--layout", str(file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"brief: {file}: templates.questions: refused: access to attribute")
    assert not out.exists()


def test_a_pack_file_with_template_syntax_prints_it_as_written(tmp_path):
    text = (
        "title: '{{ 2+2 }}简报'\n"
        "essays:\n"
        "  - id: x1\n"
        "    title: '{{ 6+7 }}测试'\n"
        "    thesis: '{% if 1 %}论点{% endif %}'\n"
        "    problems:\n"
        "      - '{{ cycler.__init__.__globals__ }}'\n"
    )
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "pack.pdf"
    assert main(["-q", "build", str(tmp_path / "pack.yaml"), "-o", str(out)]) == 0
    squashed = "".join("".join(p.extract_text() for p in PdfReader(out).pages).split())
    for written in ("{{2+2}}简报", "{{6+7}}测试", "{%if1%}论点{%endif%}", "{{cycler.__init__"):
        assert written in squashed, written
