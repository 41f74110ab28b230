"""Writing files safely: a new PDF replaces an old one only when it is complete.

`check_output` runs before any work, so that a build does not spend a minute on a pack it cannot
write; `write_atomic` writes to a temporary file beside the target and renames it into place, so a
failed or interrupted write leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from brief.errors import OutputError

TEMP_PREFIX = "."  # temporary files are named .<name>.<random>.tmp beside the target
TEMP_SUFFIX = ".tmp"


def check_output(path: str | os.PathLike) -> Path:
    """Raise OutputError unless a file can be written at `path`; return the folder it goes in.

    The folder is probed by creating (and removing) an empty temporary file in it: permission
    bits say little when running as root, on read-only mounts or on special file systems.
    """
    target = Path(path)
    folder = target.parent
    if target.name in ("", ".", "..") or str(path).endswith(("/", os.sep)) or target.is_dir():
        raise OutputError(
            f"{path}: names a folder, not a file; give a file name such as {target / 'brief.pdf'}"
        )
    try:
        mode: int | None = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise OutputError(
            f"{target}: {_first_non_folder(folder)} is a file, not a folder; "
            "choose another output path"
        ) from None
    except OSError as err:
        raise OutputError(f"{target}: cannot check the output path ({err.strerror})") from None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputError(f"{target}: exists and is not a regular file; choose another name")
    if not folder.is_dir():
        if folder.exists():
            raise OutputError(
                f"{target}: {_first_non_folder(folder)} is a file, not a folder; "
                "choose another output path"
            )
        raise OutputError(f"{target}: folder {folder} does not exist; create it or choose another")
    try:
        fd, probe = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX, dir=folder
        )
    except OSError as err:
        raise OutputError(
            f"{target}: cannot write in folder {folder} ({err.strerror}); "
            "choose another output folder"
        ) from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)
    return folder


def _first_non_folder(folder: Path) -> Path:
    """The first part of `folder` that exists but is not a folder (for a clear message)."""
    for part in reversed((folder, *folder.parents)):
        if part.exists() and not part.is_dir():
            return part
    return folder


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    target = Path(path)
    folder = check_output(target)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX, dir=folder
        )
    except OSError as err:
        raise OutputError(f"{target}: cannot write in folder {folder} ({err.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"{target}: cannot write ({err.strerror}); the old file is unchanged"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every file system lets a folder be synced."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
