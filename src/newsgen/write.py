"""The write stage: page bytes to the output folder, all or nothing.

Pages are written into a staging folder beside the output; a file whose bytes did not
change is hard-linked from the previous build instead of rewritten. Only when every page
is written does the staging folder swap places with the output folder, in one atomic
rename where the system has one. A build that fails or is killed leaves the old site.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from newsgen.errors import OutputError, UsageError

MARKER = ".newsgen-build"
_MARKER_HEADER = "# made by newsgen build; this folder is replaced whole. Files:\n"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True)
class WriteReport:
    """What the write did to the output folder."""

    written: int
    unchanged: int
    removed: int


class SiteWriter:
    """Writes one build's files; nothing outside the output folder, nothing half-done."""

    def __init__(self, output: Path) -> None:
        self.output = output.absolute()
        self.staging = self.output.parent / f".{self.output.name}.newsgen-staging"
        self._staging_root = ""
        self._paths: set[str] = set()
        self._made_dirs: set[str] = set()
        self._unchanged = 0

    def __enter__(self) -> SiteWriter:
        check_replaceable(self.output)
        self._remove_staging()  # left by a build that was killed
        try:
            self.staging.mkdir(parents=True)
            self._staging_root = str(self.staging.resolve())
        except BaseException:  # e.g. Ctrl-C right after mkdir: __exit__ would not run
            self._remove_staging()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._remove_staging()

    def _remove_staging(self) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def write(self, path: str, data: bytes) -> None:
        """Stage `data` as the file at `path` (relative to the output folder)."""
        target = self._target(path)
        previous = os.path.join(self.output, path)
        if _same_bytes(previous, data):
            os.link(previous, target)
            self._unchanged += 1
        else:
            with open(target, "wb") as handle:
                handle.write(data)

    def commit(self) -> WriteReport:
        """Swap the staged site in for the old one and give the counts of what changed."""
        removed = len(_previous_files(self.output) - self._paths)
        listing = "".join(f"{path}\n" for path in sorted(self._paths))
        marker = (_MARKER_HEADER + listing).encode("utf-8")
        if _same_bytes(os.path.join(self.output, MARKER), marker):
            os.link(os.path.join(self.output, MARKER), self.staging / MARKER)
        else:
            (self.staging / MARKER).write_bytes(marker)
        _swap(self.staging, self.output)
        written = len(self._paths) - self._unchanged
        return WriteReport(written=written, unchanged=self._unchanged, removed=removed)

    def _target(self, path: str) -> str:
        parts = path.split("/")
        if path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
            raise OutputError(f"refusing to write {path!r}: not a plain path inside the site")
        if path in self._paths or path == MARKER:
            raise OutputError(f"two files on one path {path!r}")
        self._paths.add(path)
        folder = os.path.join(self._staging_root, *parts[:-1])
        if folder not in self._made_dirs:
            os.makedirs(folder, exist_ok=True)
            if not os.path.realpath(folder).startswith(self._staging_root):
                raise OutputError(f"refusing to write {path!r}: it resolves outside the output")
            self._made_dirs.add(folder)
        return os.path.join(folder, parts[-1])


def check_replaceable(output: Path) -> None:
    """Refuse an output folder that holds something newsgen did not make."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UsageError(f"output {output} is not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise UsageError(
            f"output folder {output} is not empty and was not made by newsgen "
            f"(no {MARKER} in it); choose a new or empty folder"
        )


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _previous_files(output: Path) -> set[str]:
    """The files the previous build wrote, as its marker lists them."""
    try:
        lines = (output / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in lines[1:] if line}


def _swap(staging: Path, output: Path) -> None:
    """Put `staging` at `output` and delete the old output, atomically where possible."""
    if not output.exists():
        os.rename(staging, output)
        return
    if not _exchange(staging, output):
        retired = staging.with_name(staging.name + "-old")
        os.rename(output, retired)
        os.rename(staging, output)
        staging = retired
    shutil.rmtree(staging, ignore_errors=True)


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
