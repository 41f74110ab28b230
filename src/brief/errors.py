"""Brief's own errors: each becomes one line `brief: …` and a non-zero exit in cli.py."""

from __future__ import annotations

from collections.abc import Sequence


def did_you_mean(name: object, known: Sequence[str]) -> str:
    """'; did you mean 'body'?' for a misspelt key, else the keys that are known."""
    import difflib

    near = difflib.get_close_matches(str(name), list(known), n=1)
    return f"; did you mean '{near[0]}'?" if near else f" (known keys: {', '.join(known)})"


class BriefError(Exception):
    """A problem the user can fix; the message names the file and what to do."""

    exit_code = 1


class UsageError(BriefError):
    """Options that do not go together."""

    exit_code = 2


class InputError(BriefError):
    """An input file or folder that cannot be read as essays."""

    exit_code = 2


class LayoutError(BriefError):
    """A layout YAML file that does not validate."""

    exit_code = 3


class TemplateRefused(LayoutError):
    """A layout template that tries to reach past the sandbox: unsafe input, so exit 2."""

    exit_code = 2


class OutputError(BriefError):
    """The PDF cannot be written where asked."""

    exit_code = 4
