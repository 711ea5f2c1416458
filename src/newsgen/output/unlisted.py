"""Finding the files in a built site that its marker does not list, without reading every
folder of a large archive.

A file added to a folder changes the folder's time. Every folder of a site was last
changed by the build before it wrote (or linked) the marker, so only a folder changed at
or after the marker's inode time (`st_ctime`, which a link also sets) can hold a file put
there since: those are read, the others only looked at (one `stat` each). A folder that
is not the parent of any listed file (made by hand) is read whole.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from newsgen.output.files import files_under
from newsgen.output.marker import MARKER
from newsgen.output.site_files import VERSION_CONTROL


def unlisted_files(folder: Path, listed: Collection[str]) -> set[str]:
    """The files under `folder` (its marker and version control aside) not in `listed`."""
    try:
        since = (folder / MARKER).stat().st_ctime_ns
    except OSError:
        return files_under(folder) - set(listed)
    children = _children(listed)
    found: set[str] = set()
    for relative, expected in children.items():
        path = os.path.join(folder, relative) if relative else os.fspath(folder)
        try:
            changed = os.stat(path).st_mtime_ns >= since
        except OSError:
            continue  # gone: nothing in it to lose
        if changed:
            found.update(_unexpected(folder, relative, expected, children))
    return found


def _children(listed: Collection[str]) -> dict[str, set[str]]:
    """Each folder of the listed files (`""` for the top) and the names it should hold."""
    children: dict[str, set[str]] = {"": set()}
    for path in listed:
        head, _, name = path.rpartition("/")
        while True:
            known = head in children
            children.setdefault(head, set()).add(name)
            if known or not head:
                break
            head, _, name = head.rpartition("/")
    return children


def _unexpected(
    folder: Path, relative: str, expected: set[str], children: dict[str, set[str]]
) -> set[str]:
    """The files in one folder (and in folders it should not hold) that are not listed."""
    found: set[str] = set()
    prefix = f"{relative}/" if relative else ""
    try:
        entries = list(os.scandir(os.path.join(folder, relative)))
    except OSError:
        return found
    for entry in entries:
        if entry.name in expected or (not relative and entry.name in VERSION_CONTROL | {MARKER}):
            continue
        path = f"{prefix}{entry.name}"
        if not entry.is_dir(follow_symlinks=False):
            found.add(path)
        elif path not in children:  # a folder made by hand: all of it
            found.update(f"{path}/{inner}" for inner in files_under(Path(entry)))
    return found
