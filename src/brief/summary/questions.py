"""Discussion questions from the essay's own structure, rendered by a Jinja2 template.

The template gets the brief (its problems, mechanisms and recommendations, each item with
`text` and `paragraphs`), the article, and `short(text)`, which cuts an item to its first clause.
Each non-empty line it renders is one question; a layout may replace the template, which then
runs in brief.sandbox like every layout template.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from brief.model import Brief
from brief.summary import cues
from brief.summary.sentences import clauses

COUNT = 3
_NESTED = str.maketrans("“”", "‘’")  # a quotation inside the question's own “…”


@cache
def default_template() -> str:
    return resources.files("brief").joinpath("templates/questions.j2").read_text(encoding="utf-8")


def short(text: str, limit: int = 18) -> str:
    """An item's first clause, at most `limit` characters, for quoting inside a question: a
    clause that sets the scene (在技术层面，) or a short label (价值维度：) gives way to the one
    after it, and quotation marks inside become ‘’."""
    parts = clauses(text)
    while len(parts) > 1 and (
        cues.FRAME.match(parts[0]) or (parts[0][-1:] in "：:" and len(parts[0]) <= 9)
    ):
        parts = parts[1:]
    first = re.split(r"[，,；;：:。]", parts[0] if parts else text)[0].translate(_NESTED)
    return first if len(first) <= limit else first[:limit] + "…"


@cache
def _compile(source: str):
    # a layout may replace the template, and layouts are shared: the same sandbox as render/'s
    from brief.sandbox import make_environment

    return make_environment(filters={"short": short}).from_string(source)


def render_questions(brief: Brief, template: str | None = None) -> tuple[str, ...]:
    """The questions; Jinja2's own errors as they are (the layout loader words them)."""
    rendered = _compile(template or default_template()).render(
        brief=brief, article=brief.article, short=short
    )
    lines = [line.strip() for line in rendered.splitlines()]
    return tuple(line for line in lines if line)[:COUNT]


def make_questions(brief: Brief, template: str | None = None) -> tuple[str, ...]:
    """The questions. A layout's template that fails on a real essay (the loader tried it on
    sample data) is a LayoutError on `templates.questions`, TemplateRefused for a refusal."""
    try:
        return render_questions(brief, template)
    except Exception as err:
        if template is None:
            raise  # Brief's own template: a bug, not the user's
        from brief.errors import LayoutError, TemplateRefused
        from brief.sandbox import is_refusal

        what = " ".join(str(err).split()).rstrip(".")
        if is_refusal(err):
            raise TemplateRefused(
                f"templates.questions: refused: {what} (a layout's templates may use only the "
                "values layouts/README.md lists)"
            ) from None
        raise LayoutError(
            f"templates.questions: template error on {brief.article.title}: {what}"
        ) from None
