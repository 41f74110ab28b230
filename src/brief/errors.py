"""Brief's own errors: each becomes one line `brief: …` and a non-zero exit in cli.py."""


class BriefError(Exception):
    """A problem the user can fix; the message names the file and what to do."""

    exit_code = 1


class InputError(BriefError):
    """An input file or folder that cannot be read as essays."""

    exit_code = 2


class LayoutError(BriefError):
    """A layout YAML file that does not validate."""

    exit_code = 3


class OutputError(BriefError):
    """The PDF cannot be written where asked."""

    exit_code = 4


class UsageError(BriefError):
    """A command line that asks for something Brief cannot make (an unknown output kind)."""

    exit_code = 2
