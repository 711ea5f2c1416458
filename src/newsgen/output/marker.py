"""The marker file a build leaves in the folder it wrote: every file, its digest and key.

It tells a folder newsgen made from any other, the next build what it may keep as it is,
and which files of the folder are the site's.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

MARKER = ".newsgen-build"
# The header says the listing is whole: since the writer looks over the live site before
# each swap, a folder with this header holds no file it does not list (an older newsgen's
# could: temporaries it published), so a build need not look over it again.
MARKER_HEADER = "# made by newsgen build; every file, with its digest and source key:\n"
# A listing that may miss files: an older newsgen's, or one a quick rebuild (`newsgen
# serve`, which looks over the top of the live site only) swapped out unchecked.
UNCHECKED_HEADER = "# made by newsgen build; path, digest and source key of every file:\n"
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def marker_stamp(folder: Path) -> str | None:
    """The stamp of the marker of the site in `folder` (time, size, inode), which every
    build writes anew: another stamp, another site swapped in since. None for no marker."""
    try:
        stat = (folder / MARKER).stat()
    except OSError:
        return None
    return f"{stat.st_mtime_ns} {stat.st_size} {stat.st_ino}"


def is_plain_path(path: str) -> bool:
    """Whether `path` is relative, inside its folder, and free of control characters: no
    part of it empty (a leading, doubled or trailing slash), `.` or `..`, no backslash.

    Checked on the text framed in slashes: a marker of 125,000 lines is read per build."""
    framed = f"/{path}/"
    if "//" in framed or "/./" in framed or "/../" in framed or "\\" in path:
        return False
    return _CONTROL_CHARACTER.search(path) is None


def read_listing(folder: Path) -> dict[str, str] | None:
    """The files a build wrote into `folder` and their digests, as its marker lists them."""
    entries = marker_entries(folder)
    return None if entries is None else {path: entry[0] for path, entry in entries.items()}


Entries = dict[str, tuple[str, str]]  # path → (digest, key)

# The entries of the markers this process wrote or read last, by a digest of their bytes:
# `newsgen serve` reads back, each rebuild, the two listings it wrote (20,000 lines each at
# 10,000 articles). Reading and digesting them is quick; parsing them line by line is not.
_known: dict[bytes, Entries] = {}
_KNOWN_MARKERS = 4


def marker_entries(folder: Path) -> Entries | None:
    """Each file the marker of `folder` lists, with its digest and key (maybe empty).
    The mapping given is shared: not to be changed."""
    try:
        data = (folder / MARKER).read_bytes()
        fingerprint = marker_fingerprint(data).digest()
        known = _known.get(fingerprint)
        if known is not None:
            return known
        lines = data.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    entries = {}
    for line in lines[1:]:
        path, _, rest = line.partition("\t")
        digest, _, key = rest.partition("\t")
        if is_plain_path(path):
            entries[path] = (digest, key)
    remember_entries(fingerprint, entries)
    return entries


def remember_entries(fingerprint: bytes, entries: Entries) -> None:
    """Know the `entries` of a marker whose bytes have `fingerprint` (just written or
    read), so they need not be parsed again."""
    _known[fingerprint] = entries
    while len(_known) > _KNOWN_MARKERS:
        del _known[next(iter(_known))]


def marker_fingerprint(data: bytes = b"") -> hashlib.blake2b:
    """What a marker's bytes are known by: fed `data`, and whatever is written after it."""
    return hashlib.blake2b(data, digest_size=16)


def lists_every_file(folder: Path) -> bool:
    """Whether the marker of `folder` is one that lists every file in it (see its header)."""
    try:
        with open(folder / MARKER, encoding="utf-8") as marker:
            return marker.readline() == MARKER_HEADER
    except (OSError, UnicodeDecodeError):
        return False
