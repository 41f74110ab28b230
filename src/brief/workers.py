"""Worker processes for big packs: the same work, in the same order, on every core.

Workers are forked once the parent holds what every task needs (the segmenter's dictionary,
the summarizer's weights), so no worker loads them again: the children share those pages
copy-on-write. Results come back in input order, so a parallel build is byte for byte the same
as a serial one, warnings included. Small packs stay serial, where starting workers costs more
than it saves, and so does any platform without fork.

BRIEF_JOBS=1 forces serial work; BRIEF_JOBS=N asks for N workers (for tests and measuring).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 12  # below this, two workers save less than the 0.1 s of fonts that one child hides

_task: Callable | None = None  # the function the forked workers run (inherited, never pickled)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def busy() -> bool:
    """Whether other work keeps this machine's cores busy: a load average (over the last
    minute) of all cores but half of one. A build's own workers, a few seconds old, add less."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not measured here: take the cores as free
        return False
    return load > cores() - 0.5


def jobs_for(items: int, min_items: int = MIN_ITEMS, idle_only: bool = False) -> int:
    """How many workers `items` tasks deserve: 1 (serial) for few items, else one per core.
    `idle_only`: work whose workers cost more than they save on cores that are busy anyway
    stays serial then (BRIEF_JOBS still decides when set)."""
    asked = os.environ.get("BRIEF_JOBS", "").strip()
    if asked.isdigit() and int(asked) >= 1:
        jobs = int(asked)
    elif items < min_items or (idle_only and busy()):
        return 1
    else:
        jobs = cores()
    if not _can_fork():
        return 1
    return max(1, min(jobs, items))


def _can_fork() -> bool:
    # fork is the point (nothing loaded twice); macOS has it but forking there is unsafe
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _call(item) -> tuple[bool, object]:
    # An exception travels back as a value: Pool.imap would lose the rest of its chunk and
    # raise it at the chunk's first item, not at its own turn.
    try:
        return True, _task(item)  # type: ignore[misc]
    except Exception as err:
        return False, err


def _unwrap(results: Iterator[tuple[bool, object]]) -> Iterator:
    for ok, value in results:
        if not ok:
            raise value  # type: ignore[misc]
        yield value


@contextmanager
def ordered_results(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    background: bool = False,
) -> Iterator[Iterator[R]]:
    """Start fn over items now; the iterator it gives holds the results in input order.

    With jobs > 1 the items go to that many forked workers; with one job and `background`, to one
    forked child, so that the caller can do other work meanwhile. Otherwise fn runs in this
    process, item by item, as the results are read. An exception raised for an item is raised when that item's turn
    comes, as in a serial loop."""
    if not (_can_fork() and len(items) > 0 and (jobs > 1 or background)):
        yield map(fn, items)
        return
    global _task
    _task = fn
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            # small chunks keep every worker busy to the end and the progress bar moving
            chunk = max(1, len(items) // (jobs * 8))
            yield _unwrap(pool.imap(_call, items, chunksize=chunk))
    finally:
        _task = None


def _prepare(prepare: Callable[[], None], task: Callable) -> None:
    global _task
    _task = task  # inherited at the fork with the initializer, never pickled
    # A pool restarts a worker whose initializer raised, forever: the task meets the error
    # instead, at its own item's turn.
    with suppress(Exception):
        prepare()


class Ready:
    """One worker forked at once for `task`, which runs `prepare` (loading what the task needs)
    while this process goes on with other work; map() later runs the task on items there, in
    input order. Only the items and the results travel between the processes."""

    def __init__(self, prepare: Callable[[], None], task: Callable[[T], R]) -> None:
        context = multiprocessing.get_context("fork")
        self._pool = context.Pool(1, initializer=_prepare, initargs=(prepare, task))

    def map(self, items: Sequence[T]) -> Iterator[R]:
        return _unwrap(self._pool.imap(_call, items))

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def ready(prepare: Callable[[], None], task: Callable[[T], R]) -> Ready | None:
    """A Ready worker, or None where there is no fork (the caller then works serially)."""
    return Ready(prepare, task) if _can_fork() else None
