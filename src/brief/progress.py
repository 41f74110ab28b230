"""A progress bar on stderr for long builds: shown only on a terminal, only for large packs.

    brief: summarizing [##############··············]  98/210

The bar redraws its one line in place and erases it when the stage is done, so the messages that
follow (warnings, `--verbose` stage lines) start on a clean line. When the stream is not a
terminal (a pipe, a log file, a test) nothing is written at all.
"""

from __future__ import annotations

import sys
from typing import TextIO

MIN_ITEMS = 21  # packs of more than 20 essays show a bar
WIDTH = 28  # cells of the bar itself


class Progress:
    """Stages of known size, counted one item at a time.

    `enabled=None` means: show the bar when `stream` is a terminal. Pass `enabled=True` to force it
    (tests inject a StringIO), `enabled=False` to silence it (`--quiet`).
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        min_items: int = MIN_ITEMS,
    ):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.min_items = min_items
        self.label = ""
        self.total = 0
        self.done = 0
        self.counted = True
        self._active = False

    def start(self, label: str, total: int, counted: bool = True) -> None:
        """Begin a stage of `total` items; a bar appears only for `min_items` or more.

        `counted=False` is for a stage that cannot report its items one by one (rendering): it
        shows `brief: rendering 210 essays …` until finish().
        """
        self.finish()
        self.label, self.total, self.done, self.counted = label, total, 0, counted
        self._active = self.enabled and total >= self.min_items
        self._draw()

    def step(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if self._active:
            self._draw()

    def finish(self) -> None:
        """Erase the bar's line (if one was drawn)."""
        if self._active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        self._active = False

    def _draw(self) -> None:
        if not self._active:
            return
        if not self.counted:
            self.stream.write(f"\r\x1b[Kbrief: {self.label} …")
            self.stream.flush()
            return
        cells = WIDTH * self.done // self.total if self.total else WIDTH
        digits = len(str(self.total))
        bar = "#" * cells + "·" * (WIDTH - cells)
        self.stream.write(f"\r\x1b[Kbrief: {self.label} [{bar}] {self.done:>{digits}}/{self.total}")
        self.stream.flush()


class Silent(Progress):
    """A Progress that never writes (library calls of build())."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, enabled=False)
