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

import hashlib
import os
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from newsgen.errors import OutputError, UsageError
from newsgen.output.files import (
    OutputLock,
    carry_version_control,
    files_under,
    link_over,
    make_folder,
    remove_file,
    swap,
    top_level_names,
    write_new,
    write_over,
)
from newsgen.output.listing import write_listing
from newsgen.output.marker import (
    MARKER,
    UNCHECKED_HEADER,
    Entries,
    is_plain_path,
    lists_every_file,
    marker_entries,
    marker_fingerprint,
    read_listing,
    remember_entries,
)
from newsgen.output.ownership import check_replaceable, strays_only
from newsgen.output.unlisted import unlisted_files

STAGING_SUFFIX = ".newsgen-staging"


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
        self._lock = OutputLock(self.output.parent / f".{self.output.name}.newsgen-lock")
        self._staging_root = ""
        self._live: dict[str, str] = {}
        self._live_keys: dict[str, str] = {}
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
        self._live_entries = entries = marker_entries(self.output) or {}
        self._live = {path: digest for path, (digest, _) in entries.items()}
        self._live_keys = {path: key for path, (_, key) in entries.items() if key}
        try:
            self._removed_strays = self._clear_output_of_strays()
        except BaseException:
            self._lock.release()
            raise
        try:
            self._staged = self._open_staging()
        except UsageError:  # files of someone's own in it: they stay where they are
            self._lock.release()
            raise
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
        build can tell that a page need not be rendered again (`live_keys`).
        """
        self._note(path, key, hashlib.blake2b(data, digest_size=16).hexdigest())
        digest = self._digests[path]
        if self._staged.get(path) == digest:
            pass  # the staging folder has this file already (the live one, if unchanged)
        elif self._live.get(path) == digest and os.path.isfile(live := f"{self.output}/{path}"):
            link_over(live, self._folder_for(path))  # (a file deleted by hand is written)
        elif self._fresh and path not in self._staged:
            write_new(self._folder_for(path), data)
        else:
            write_over(self._folder_for(path), data)
        self._unchanged += self._live.get(path) == digest

    def live_keys(self) -> dict[str, str]:
        """The key each file of the live site was made from (see `write`)."""
        return self._live_keys

    def has(self, path: str) -> bool:
        """Whether this build has staged a file at `path` already."""
        return path in self._digests

    def keep(self, path: str, key: str) -> bool:
        """Stage the live site's file at `path` as it is; False if there is none to keep."""
        return not self.keep_all({path: key})

    def keep_all(self, keys: Mapping[str, str]) -> list[str]:
        """`keep` the live file at each path of `keys`, noting its key; give the paths
        that have none to keep. One loop: a rebuild keeps most of 125,000 files."""
        missing = []
        live_site, staged = os.fspath(self.output), self._staged
        for path, key in keys.items():
            digest = self._live.get(path)  # the live listing's paths are checked plain
            if digest is None:
                missing.append(path)
            elif staged.get(path) == digest:  # the staging folder has it already
                self._note_checked(path, key, digest)
            elif os.path.isfile(live := f"{live_site}/{path}"):
                self._note_checked(path, key, digest)
                link_over(live, self._folder_for(path))
            else:  # deleted by hand
                missing.append(path)
        self._unchanged += len(keys) - len(missing)
        return missing

    def remove_stale(self) -> None:
        """Remove the staged files this build has not written or kept (so far)."""
        for path in sorted(set(self._staged) - set(self._digests)):
            remove_file(self.staging, path)
            del self._staged[path]
        self._made_dirs.clear()  # a removal may have taken an emptied folder with it

    def commit(self) -> WriteReport:
        """Swap the staged site in for the old one and give the counts of what changed."""
        self.remove_stale()
        write_listing(self.staging, self._digests, self._keys, self.output)
        removed = len(set(self._live) - set(self._digests)) + self._removed_strays
        carry_version_control(self.output, self.staging)
        swap(self.staging, self.output)
        if not self._thorough:  # the site swapped out was looked over at its top only
            _mark_unchecked(self.staging, self._live_entries)
        written = len(self._digests) - self._unchanged
        return WriteReport(written=written, unchanged=self._unchanged, removed=removed)

    def _clear_output_of_strays(self) -> int:
        """Remove the temporaries a build of an older newsgen published; give their number.

        Any other file in the live site that its marker does not list was put there by hand,
        and would be lost at the swap: the build stops and says so. A thorough look goes
        through every folder, a quick one (a process rebuilding its own site) the top only.
        """
        if self._thorough and lists_every_file(self.output):
            unlisted = unlisted_files(self.output, self._live)
        elif self._thorough:  # an older newsgen's site, or one swapped in unchecked
            unlisted = files_under(self.output) - set(self._live)
        else:
            tops = {path.split("/", 1)[0] for path in self._live}
            unlisted = top_level_names(self.output) - tops
        strays = strays_only(self.output, unlisted)
        for path in strays:
            remove_file(self.output, path)
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
            listing = {path: "" for path in files_under(self.staging)}
        elif self._thorough and not lists_every_file(self.staging):
            listing.update(self._unlisted_in_staging(listing))
        (self.staging / MARKER).unlink(missing_ok=True)
        return listing

    def _unlisted_in_staging(self, listing: dict[str, str]) -> dict[str, str]:
        """The temporaries of an older newsgen in the staging folder, to be removed; files
        put into the live site by hand and swapped out unchecked stop the build instead."""
        unlisted = files_under(self.staging) - set(listing)
        note = f" (they were put into {self.output} while `newsgen serve` rebuilt it)"
        return dict.fromkeys(strays_only(self.staging, unlisted, note), "")

    def _note(self, path: str, key: str, digest: str) -> None:
        """Check `path` is a plain path inside the site, used once; note its digest and key."""
        if not is_plain_path(path):
            raise OutputError(f"refusing to write {path!r}: not a plain path inside the site")
        self._note_checked(path, key, digest)

    def _note_checked(self, path: str, key: str, digest: str) -> None:
        """Note the digest and key of `path`, known plain, used once."""
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
            make_folder(self._staging_root, parts)
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


def _mark_unchecked(folder: Path, entries: Entries) -> None:
    """Say in the marker of `folder` that its listing may miss files (see UNCHECKED_HEADER);
    it lists `entries`."""
    marker = folder / MARKER
    try:
        data = marker.read_bytes()
    except FileNotFoundError:
        return
    unchecked = UNCHECKED_HEADER.encode() + data.partition(b"\n")[2]
    write_over(str(marker), unchecked)
    remember_entries(marker_fingerprint(unchecked).digest(), entries)
