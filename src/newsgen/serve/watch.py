"""Noticing that a site's sources, templates, static files or settings changed.

We poll file times and sizes instead of using OS notifications: it needs nothing
installed, works the same everywhere, and sees an editor's write-then-rename as the
change it is. Names the source rule ignores (`.x.swp`, `#x#`, `x~`) do not count.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]
POLL_SECONDS = 0.2
QUIET_SECONDS = 0.2  # a change counts once nothing more changed for this long


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Give the time and size of every file under `paths` (files or folders)."""
    found: Snapshot = {}
    for path in paths:
        if path.is_file():
            _add(found, str(path))
        elif path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = [d for d in subfolders if not _ignored(d)]
                for name in names:
                    if not _ignored(name):
                        _add(found, os.path.join(folder, name))
    return found


def wait_for_change(
    paths: Callable[[], list[Path]], before: Snapshot, stop: Callable[[], bool]
) -> Snapshot | None:
    """Block until files under `paths()` change and then settle; give the new snapshot.

    Several quick saves give one change. Returns None when `stop()` becomes true.
    """
    pause = POLL_SECONDS
    while not stop():
        time.sleep(pause)
        started = time.perf_counter()
        current = snapshot(paths())
        # A large archive takes a while to look over: keep looking to a quarter of one core.
        pause = max(POLL_SECONDS, 3 * (time.perf_counter() - started))
        if current != before:
            return _settled(paths, current, stop)
    return None


def _settled(
    paths: Callable[[], list[Path]], current: Snapshot, stop: Callable[[], bool]
) -> Snapshot:
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < QUIET_SECONDS and not stop():
        time.sleep(POLL_SECONDS / 2)
        latest = snapshot(paths())
        if latest != current:
            current, quiet_since = latest, time.monotonic()
    return current


def _add(found: Snapshot, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:  # removed while we looked
        return
    found[path] = (stat.st_mtime_ns, stat.st_size)


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")
