"""The file operations the writer is made of: each leaves a file whole or not there at all.

A file is never written into: a new one is written (or linked) beside it and renamed over,
since the live site and the staging folder share unchanged files as hard links.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgen.errors import OutputError, UsageError
from newsgen.output.marker import MARKER, is_plain_path
from newsgen.output.site_files import VERSION_CONTROL

TEMPORARY_SUFFIX = ".newsgen-tmp"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputLock:
    """One build at a time writes an output folder (`newsgen serve` and `build` side by side)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)  # a new output's parent, too
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise UsageError(
                f"another newsgen is writing {self.path.parent}; wait for it to finish"
            ) from None
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None


def make_folder(root: str, parts: list[str]) -> None:
    """Make the folder `root/parts…`, removing files that stand where a folder must go."""
    try:
        os.makedirs(os.path.join(root, *parts), exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass  # a page's file where a folder must now go
    current = root
    for part in parts:
        current = os.path.join(current, part)
        if os.path.isfile(current) or os.path.islink(current):
            os.remove(current)
    os.makedirs(current, exist_ok=True)


def write_over(target: str, data: bytes | Iterable[bytes]) -> None:
    """Write a new file at `target`: never into the old one, which the live site may share.
    `data`: its bytes, or its pieces in order (a file too large to make at once)."""
    temporary = _fresh_temporary(target)
    with _naming(temporary):
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                out.writelines(data)
    _replace(temporary, target)


def write_new(target: str, data: bytes) -> None:
    """Write a file that cannot exist yet (a fresh staging folder); O_EXCL never writes into
    an existing file, so one that does exist after all takes the careful way."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except (FileExistsError, IsADirectoryError):
        write_over(target, data)
        return
    with _naming(target), os.fdopen(handle, "wb") as out:
        out.write(data)


@contextlib.contextmanager
def _naming(path: str) -> Iterator[None]:
    """Name `path` in an OSError that does not name its file (a full disk on write())."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, path) from error
        raise


def link_over(source: str, target: str) -> None:
    temporary = _fresh_temporary(target)
    os.link(source, temporary)
    _replace(temporary, target)
    # When `target` already is a link to `source` (a staging folder whose marker was lost),
    # rename() of one file over itself does nothing and leaves the temporary (POSIX).
    if os.path.lexists(temporary):
        os.remove(temporary)


def _fresh_temporary(target: str) -> str:
    """A temporary name beside `target`; one left by a stopped build (maybe a hard link to
    the live site's file, maybe a symbolic link) is removed, never written into."""
    temporary = f"{target}{TEMPORARY_SUFFIX}"
    if os.path.lexists(temporary):
        os.remove(temporary)
    return temporary


def _replace(temporary: str, target: str) -> None:
    try:
        os.replace(temporary, target)
    except IsADirectoryError:  # a folder where a page now goes
        shutil.rmtree(target)
        os.replace(temporary, target)


def remove_file(root: Path, path: str) -> None:
    """Remove a file no page needs any more, and the folders it leaves empty."""
    if not is_plain_path(path):
        return
    target = root / path
    if target.is_file() or target.is_symlink():
        target.unlink()
    for parent in target.parents:
        if parent == root:
            break
        try:
            parent.rmdir()
        except OSError:
            break


def files_under(folder: Path) -> set[str]:
    """Every file under `folder` but its marker, version control's folder left out."""
    found: set[str] = set()
    for parent, dirs, names in os.walk(folder):
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        if relative == ".":
            dirs[:] = [name for name in dirs if name not in VERSION_CONTROL]
            names = [name for name in names if name not in VERSION_CONTROL]
        found.update(name if relative == "." else f"{relative}/{name}" for name in names)
    found.discard(MARKER)
    return found


def top_level_names(folder: Path) -> set[str]:
    """The names at the top of `folder`, its marker and version control's folder aside."""
    try:
        names = set(os.listdir(folder))
    except FileNotFoundError:
        return set()
    return names - VERSION_CONTROL - {MARKER}


def carry_version_control(output: Path, staging: Path) -> None:
    """Move version control's folder of the live site into the staging one, to stay live."""
    for name in sorted(VERSION_CONTROL):
        if os.path.lexists(output / name):
            if os.path.lexists(staging / name):
                raise OutputError(f"both {output / name} and {staging / name} exist; keep one")
            os.rename(output / name, staging / name)


def swap(staging: Path, output: Path) -> None:
    """Put `staging` at `output`, and the old output at `staging`, atomically where possible."""
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        return
    retired = staging.with_name(staging.name + "-old")
    shutil.rmtree(retired, ignore_errors=True)
    os.rename(output, retired)
    os.rename(staging, output)
    os.rename(retired, staging)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux's renameat2(RENAME_EXCHANGE)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)
