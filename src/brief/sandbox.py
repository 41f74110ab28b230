"""The Jinja2 environment for templates that come from outside: a layout's header, footer, cover,
source and questions. Layouts are shared files (a teacher's booklet, a school's cover), so their
templates are treated as data: they may read Brief's own records and call plain text and list
methods, and nothing else.

- `ImmutableSandboxedEnvironment`: no underscore attributes, no mutating list/dict methods.
- On top of it, `is_safe_attribute` is an allow-list: the fields of the records in brief.model
  (Pack, Brief, Article, Item, …), the loop variable's fields, and named str/tuple/list/dict
  methods. `str.format`/`format_map` are refused (format strings can walk attributes).
- The globals `cycler`, `joiner`, `namespace` and `lipsum` are withheld: using one is refused
  with a SecurityError like any other escape; `range` is capped.
- `*` and `**` are capped so that a template cannot build a huge string or number.

Every refusal is a `jinja2.sandbox.SecurityError`; `is_refusal` tells them apart from ordinary
template mistakes. This module imports Jinja2 only inside its functions.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any

MAX_RANGE = 10_000  # items a template's range() may make
MAX_SIZE = 100_000  # characters or items a template's * may make

STR_METHODS = frozenset(
    [
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdecimal",
        "isdigit",
        "isidentifier",
        "islower",
        "isnumeric",
        "isprintable",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    ]
)
SEQUENCE_METHODS = frozenset({"count", "index"})
DICT_METHODS = frozenset({"get", "items", "keys", "values"})
LOOP_FIELDS = frozenset(
    [
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "cycle",
        "changed",
    ]
)
WITHHELD = ("cycler", "joiner", "namespace", "lipsum")
# the records a template may read: the pipeline's, and the web page's view of a pack
RECORDS_MODULES = ("brief.model", "brief.render.view")


class Withheld:
    """Stands in for a Jinja2 global that layouts may not use: any use is refused."""

    def __init__(self, name: str) -> None:
        self._name = name

    def _refuse(self, *_args: Any, **_kwargs: Any):
        from jinja2.sandbox import SecurityError

        raise SecurityError(f"{self._name} is not available to a layout's templates")

    __call__ = __str__ = __iter__ = __bool__ = __len__ = _refuse

    def __getattr__(self, name: str):
        self._refuse()


@functools.cache
def _record_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def is_allowed(obj: Any, attr: str) -> bool:
    """May a template read `obj.attr`? Public data of Brief's records and plain methods only."""
    from jinja2.runtime import LoopContext

    if attr.startswith("_"):
        return False
    cls = type(obj)
    if dataclasses.is_dataclass(obj) and cls.__module__ in RECORDS_MODULES:
        return attr in _record_fields(cls)
    if isinstance(obj, str):
        return attr in STR_METHODS
    if isinstance(obj, (tuple, list)):
        return attr in SEQUENCE_METHODS
    if isinstance(obj, dict):
        return attr in DICT_METHODS
    if isinstance(obj, LoopContext):
        return attr in LOOP_FIELDS
    return False


def _capped_range(*args: int) -> range:
    from jinja2.sandbox import SecurityError

    made = range(*args)
    if len(made) > MAX_RANGE:
        raise SecurityError(f"range() of {len(made)} items; a template may make {MAX_RANGE}")
    return made


@functools.cache
def environment_class() -> type:
    """The sandbox class (made on first use, so importing this module loads no Jinja2)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class LayoutSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            return is_allowed(obj, attr) and super().is_safe_attribute(obj, attr, value)

        def wrap_str_format(self, value: Any) -> None:
            # Jinja2 lets str.format through in a sandboxed formatter; Brief refuses it outright
            # (is_safe_attribute does not list it): format strings are a classic escape route
            return None

        def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
            if operator == "**":
                if isinstance(right, (int, float)) and abs(right) > 64:
                    raise SecurityError("a template may not raise to a power above 64")
            elif isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple)):
                seq, times = (
                    (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
                )
                if isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise SecurityError(f"a template may not make text longer than {MAX_SIZE}")
            return super().call_binop(context, operator, left, right)

    return LayoutSandbox


def make_environment(loader: Any = None, filters: dict[str, Callable] | None = None):
    """A sandboxed, StrictUndefined environment for plain-text (never HTML) templates."""
    import jinja2

    env = environment_class()(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text for the typesetter, never HTML
        trim_blocks=True,  # line-based templates: a tag alone on its line leaves no blank line
        lstrip_blocks=True,
    )
    for name in WITHHELD:
        env.globals[name] = Withheld(name)
    env.globals["range"] = _capped_range
    env.filters.update(filters or {})
    return env


def unsafe_attributes(env: Any, source: str) -> list[str]:
    """Underscore names a template's source reaches for (`x.__class__`, `x['_y']`,
    `attr('__class__')`, `map(attribute='__init__')`), found by parsing, so that they are refused
    when a layout loads even on a branch the sample data does not take."""
    from jinja2 import nodes

    found = []
    for node in env.parse(source).find_all((nodes.Getattr, nodes.Const)):
        name = node.attr if isinstance(node, nodes.Getattr) else node.value
        if isinstance(name, str) and re.fullmatch(r"_+[A-Za-z]\w*", name):
            found.append(name)
    return sorted(dict.fromkeys(found), key=source.find)


def is_refusal(err: BaseException) -> bool:
    from jinja2.sandbox import SecurityError

    return isinstance(err, SecurityError)
