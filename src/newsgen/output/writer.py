"""The write stage: page bytes to the output folder, all or nothing.

Pages are written into a staging folder beside the output, which then swaps places
with the output folder in one atomic rename (Linux's RENAME_EXCHANGE; two renames
elsewhere). A build that fails or is killed before the swap leaves the old site.

The staging folder is kept after the swap: it then holds the previous site, and the
next build brings it up to date instead of making every folder and file again, which
on a large archive costs more than rendering. Files are never changed in place (the two
folders share unchanged files as hard links): a changed file is written anew and renamed
over. A file whose bytes match the live site's is linked from it, so an unchanged page
keeps its inode and time. Each folder's marker file lists its files with digests.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from newsgen.errors import OutputError, UsageError
from newsgen.output.site_files import VERSION_CONTROL

MARKER = ".newsgen-build"
STAGING_SUFFIX = ".newsgen-staging"
TEMPORARY_SUFFIX = ".newsgen-tmp"
# What setuptools leaves in a project's build/ besides lib/ (`pip install .`).
_SETUPTOOLS_FOLDERS = ("bdist.", "temp.", "scripts-")
# The header says the listing is whole: since the writer looks over the live site before
# each swap, a folder with this header holds no file it does not list (an older newsgen's
# could: temporaries it published), so a build need not look over it again.
_MARKER_HEADER = "# made by newsgen build; every file, with its digest and source key:\n"
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
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

    def __init__(self, output: Path, thorough: bool = True) -> None:
        self.output = output.absolute()
        self.staging = self.output.parent / f".{self.output.name}{STAGING_SUFFIX}"
        # Thorough: look through every folder of the live site for files its marker does not
        # list (put there by hand); a process rebuilding its own site looks over the top only.
        self._thorough = thorough
        self._lock = _OutputLock(self.output.parent / f".{self.output.name}.newsgen-lock")
        self._staging_root = ""
        self._live: dict[str, str] = {}
        self._staged: dict[str, str] = {}
        self._digests: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._made_dirs: set[str] = set()
        self._fresh = False  # the staging folder was made empty by this build
        self._unchanged = 0
        self._removed_strays = 0

    def __enter__(self) -> SiteWriter:
        check_replaceable(self.output)
        self._lock.acquire()
        self._live = read_listing(self.output) or {}
        try:
            self._removed_strays = self._clear_output_of_strays()
        except BaseException:
            self._lock.release()
            raise
        try:
            self._staged = self._open_staging()
        except BaseException:  # e.g. Ctrl-C while opening: the folder may be half made
            shutil.rmtree(self.staging, ignore_errors=True)
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Leave a failed build's staging folder: it is brought up to date next time."""
        self._lock.release()

    def write(self, path: str, data: bytes, key: str = "") -> None:
        """Stage `data` as the file at `path` (relative to the output folder).

        `key` fingerprints what the file was made from; the marker keeps it, so the next
        build can tell that a page need not be rendered again (`previous_keys`).
        """
        self._note(path, key, hashlib.blake2b(data, digest_size=16).hexdigest())
        digest = self._digests[path]
        if self._staged.get(path) == digest:
            pass  # the staging folder has this file already (the live one, if unchanged)
        elif self._live.get(path) == digest:
            _link_over(os.path.join(self.output, path), self._folder_for(path))
        elif self._fresh and path not in self._staged:
            _write_new(self._folder_for(path), data)
        else:
            _write_over(self._folder_for(path), data)
        self._unchanged += self._live.get(path) == digest

    def has(self, path: str) -> bool:
        """Whether this build has staged a file at `path` already."""
        return path in self._digests

    def keep(self, path: str, key: str) -> bool:
        """Stage the live site's file at `path` as it is; False if there is none to keep."""
        digest = self._live.get(path)
        live = os.path.join(self.output, path)
        if digest is None or (self._staged.get(path) != digest and not os.path.isfile(live)):
            return False
        self._note(path, key, digest)
        if self._staged.get(path) != digest:
            _link_over(live, self._folder_for(path))
        self._unchanged += 1
        return True

    def remove_stale(self) -> None:
        """Remove the staged files this build has not written or kept (so far)."""
        for path in sorted(set(self._staged) - set(self._digests)):
            _remove_file(self.staging, path)
            del self._staged[path]
        self._made_dirs.clear()  # a removal may have taken an emptied folder with it

    def commit(self) -> WriteReport:
        """Swap the staged site in for the old one and give the counts of what changed."""
        self.remove_stale()
        _write_listing(self.staging, self._digests, self._keys, self.output)
        removed = len(set(self._live) - set(self._digests)) + self._removed_strays
        _carry_version_control(self.output, self.staging)
        _swap(self.staging, self.output)
        written = len(self._digests) - self._unchanged
        return WriteReport(written=written, unchanged=self._unchanged, removed=removed)

    def _clear_output_of_strays(self) -> int:
        """Remove the temporaries a build of an older newsgen published; give their number.

        Any other file in the live site that its marker does not list was put there by hand,
        and would be lost at the swap: the build stops and says so. A thorough look goes
        through every folder, a quick one (a process rebuilding its own site) the top only.
        """
        if self._thorough:
            unlisted = sorted(_files_under(self.output) - set(self._live))
        else:
            tops = {path.split("/", 1)[0] for path in self._live}
            found = _top_level_files(self.output)
            unlisted = sorted(path for path in found if path.rstrip("/") not in tops)
        strays = [path for path in unlisted if path.endswith(TEMPORARY_SUFFIX)]
        by_hand = [path for path in unlisted if not path.endswith(TEMPORARY_SUFFIX)]
        if by_hand:
            raise UsageError(_hand_placed_message(self.output, by_hand))
        for path in strays:
            _remove_file(self.output, path)
        return len(strays)

    def _open_staging(self) -> dict[str, str]:
        """Give the staging folder's files (made empty when missing), marked as in progress."""
        if self.staging.is_symlink() or (self.staging.exists() and not self.staging.is_dir()):
            self.staging.unlink()
        self._fresh = not self.staging.exists()
        self.staging.mkdir(parents=True, exist_ok=True)
        self._staging_root = str(self.staging.resolve())
        listing = read_listing(self.staging)
        if listing is None:  # left by a killed build: nothing in it can be trusted
            listing = {path: "" for path in _files_under(self.staging)}
        elif not _lists_every_file(self.staging):  # an older newsgen's: files it lacks go too
            listing.update((path, "") for path in _files_under(self.staging) - set(listing))
        (self.staging / MARKER).unlink(missing_ok=True)
        return listing

    def _note(self, path: str, key: str, digest: str) -> None:
        """Check `path` is a plain path inside the site, used once; note its digest and key."""
        if not is_plain_path(path):
            raise OutputError(f"refusing to write {path!r}: not a plain path inside the site")
        if path in self._digests or path == MARKER:
            raise OutputError(f"two files on one path {path!r}")
        self._digests[path] = digest
        self._keys[path] = key

    def _folder_for(self, path: str) -> str:
        """Give the staged file's path for `path`, its folder made (checked on resolved paths)."""
        head, _, name = path.rpartition("/")
        folder = f"{self._staging_root}/{head}" if head else self._staging_root
        if folder not in self._made_dirs:
            parts = head.split("/") if head else []
            _make_folder(self._staging_root, parts)
            # Each folder level is a real folder (not a link) inside a checked one: the
            # whole path then resolves inside the staging folder, with one lstat a level.
            current = self._staging_root
            for part in parts:
                current = f"{current}/{part}"
                if current in self._made_dirs:
                    continue
                if not stat.S_ISDIR(os.lstat(current).st_mode):  # a link: where it leads
                    resolved = os.path.realpath(current)
                    if not resolved.startswith(self._staging_root + os.sep):
                        raise OutputError(
                            f"refusing to write {path!r}: it resolves outside the output"
                        )
                self._made_dirs.add(current)
        return f"{folder}/{name}"


def is_plain_path(path: str) -> bool:
    """Whether `path` is relative, inside its folder, and free of control characters."""
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
        return False
    return _CONTROL_CHARACTER.search(path) is None


class _OutputLock:
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


def check_replaceable(output: Path) -> None:
    """Refuse an output folder that holds something newsgen did not make.

    Version control's folder is not counted: a gh-pages worktree or clone is an output.
    """
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UsageError(f"output {output} is not a folder")
    held = sorted(p.name for p in output.iterdir()) if output.is_dir() else []
    held = [name for name in held if name not in VERSION_CONTROL]
    if not held or (output / MARKER).exists():
        return
    if all(name == "lib" or name.startswith(_SETUPTOOLS_FOLDERS) for name in held):
        raise UsageError(
            f"output folder {output} holds what `pip install .` left there (setuptools' "
            f"{', '.join(held)}), not a site: remove it (rm -r {output}) or choose another "
            "folder with --output"
        )
    raise UsageError(
        f"output folder {output} is not empty and was not made by newsgen "
        f"(no {MARKER} in it); choose a new or empty folder"
    )


def read_listing(folder: Path) -> dict[str, str] | None:
    """The files a build wrote into `folder` and their digests, as its marker lists them."""
    entries = _marker_entries(folder)
    return None if entries is None else {path: entry[0] for path, entry in entries.items()}


def previous_keys(folder: Path) -> dict[str, str]:
    """The key each file of the site in `folder` was made from (see `SiteWriter.write`)."""
    return {path: entry[1] for path, entry in (_marker_entries(folder) or {}).items() if entry[1]}


def _marker_entries(folder: Path) -> dict[str, tuple[str, str]] | None:
    try:
        lines = (folder / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    entries = {}
    for line in lines[1:]:
        path, _, rest = line.partition("\t")
        digest, _, key = rest.partition("\t")
        if is_plain_path(path):
            entries[path] = (digest, key)
    return entries


def _lists_every_file(folder: Path) -> bool:
    """Whether the marker of `folder` is one that lists every file in it (see its header)."""
    try:
        with open(folder / MARKER, encoding="utf-8") as marker:
            return marker.readline() == _MARKER_HEADER
    except (OSError, UnicodeDecodeError):
        return False


def _write_listing(folder: Path, digests: dict[str, str], keys: dict[str, str], live: Path) -> None:
    """Write the marker; when it lists the same as the live site's, link that one instead."""
    lines = "".join(
        f"{path}\t{digests[path]}\t{keys[path]}\n"
        if keys.get(path)
        else f"{path}\t{digests[path]}\n"
        for path in sorted(digests)
    )
    data = (_MARKER_HEADER + lines).encode("utf-8")
    if _same_bytes(live / MARKER, data):
        _link_over(str(live / MARKER), str(folder / MARKER))
    else:
        _write_over(str(folder / MARKER), data)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _make_folder(root: str, parts: list[str]) -> None:
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


def _write_over(target: str, data: bytes) -> None:
    """Write a new file at `target`: never into the old one, which the live site may share."""
    temporary = _fresh_temporary(target)
    with _naming(temporary):
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    _replace(temporary, target)


def _write_new(target: str, data: bytes) -> None:
    """Write a file that cannot exist yet (a fresh staging folder); O_EXCL never writes into
    an existing file, so one that does exist after all takes the careful way."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except (FileExistsError, IsADirectoryError):
        _write_over(target, data)
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


def _link_over(source: str, target: str) -> None:
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


def _remove_file(root: Path, path: str) -> None:
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


def _files_under(folder: Path) -> set[str]:
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


def _top_level_files(folder: Path) -> set[str]:
    """The files at the top of `folder`, and one file standing for each folder there."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return set()
    return {
        entry.name if not entry.is_dir(follow_symlinks=False) else f"{entry.name}/"
        for entry in entries
        if entry.name not in VERSION_CONTROL and entry.name != MARKER
    }


def _hand_placed_message(output: Path, paths: list[str]) -> str:
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    return (
        f"{output} holds files newsgen did not make ({shown}); a build would remove them. "
        "Put files to publish at the site's root in root/ (CNAME, .nojekyll, .well-known/…), "
        "or delete them"
    )


def _carry_version_control(output: Path, staging: Path) -> None:
    """Move version control's folder of the live site into the staging one, to stay live."""
    for name in sorted(VERSION_CONTROL):
        if os.path.lexists(output / name):
            if os.path.lexists(staging / name):
                raise OutputError(f"both {output / name} and {staging / name} exist; keep one")
            os.rename(output / name, staging / name)


def _swap(staging: Path, output: Path) -> None:
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
