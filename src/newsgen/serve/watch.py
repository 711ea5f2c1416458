"""Noticing that a site's sources, templates, static files or settings changed.

The operating system says so (inotify on Linux, FSEvents, kqueue, through `watchfiles`):
an idle server costs nothing, however large the archive, and an edit is seen at once.
Where a file system sends no notifications (some network and container mounts), set
WATCHFILES_FORCE_POLLING=1 and watchfiles polls instead. Names the source rule ignores
(`.x.swp`, `#x#`, `x~`) wake no rebuild; an editor's write-then-rename counts as the change
it is.

The watcher also tells which paths changed (`take_changes`), those editor files among them
(the source rule counts them as files left out), so a rebuild need not look through the
whole source folder to learn what one save changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from pathlib import Path

import watchfiles

# A change counts once nothing more changed for this long: an editor's save and a burst
# of saves give one rebuild. A waiting watcher also wakes this often, to see whether it is
# to stop or whether a watched folder appeared.
QUIET_SECONDS = 0.05
# The longest a burst of changes is gathered before a rebuild starts all the same.
GATHER_SECONDS = 1.0
_STEP_MS = 20  # how often watchfiles looks at the events it gathers

Changes = Generator[set[tuple[watchfiles.Change, str]], None, None]


class Watcher:
    """Tells when files under `paths()` change. Changes made while nobody waits (during a
    rebuild) are kept for the next wait; a watched path that appears or goes (a new
    `templates/` folder, a newsgen.yaml made or removed) is a change too."""

    def __init__(self, paths: Callable[[], list[Path]]) -> None:
        self._paths = paths
        self._watched: list[Path] = []  # as `paths()` gives them, to see one appear or go
        self._roots: list[Path] = []  # the same made absolute, as watchfiles names changes
        self._changes: Changes | None = None
        self._pending = False  # a change that counts seen while the watcher started
        self._changed: set[str] | None = None  # None: not known (see `take_changes`)
        self._open(from_now=True)

    def wait(self, stop: Callable[[], bool]) -> bool:
        """Block until a change that counts; True then, False once `stop()` is true."""
        while not stop():
            if _existing(self._paths()) != self._watched:
                self._open()
                return True
            if self._changes is None:
                time.sleep(QUIET_SECONDS)
            elif self._pending or self._next():  # False: woke with nothing that counts
                self._pending = False
                self._settle()
                return True
        return False

    def take_changes(self) -> set[str] | None:
        """The paths (absolute) of the files changed since the last call (or since the
        watcher was made), editor files among them; None when they are not known (a
        watched folder came or went since), so every file must be looked at."""
        changed, self._changed = self._changed, set()
        return changed

    def _next(self) -> bool:
        """Take watchfiles' next changes (or none, after `QUIET_SECONDS`); whether one counts."""
        assert self._changes is not None
        changes = next(self._changes)
        if self._changed is not None:
            self._changed.update(path for _, path in changes)
        return any(self._counts(path) for _, path in changes)

    def _settle(self) -> None:
        """Wait until nothing changed for `QUIET_SECONDS` (or `GATHER_SECONDS` passed).

        watchfiles gives each file's change once however often it was saved, so a burst
        of saves to one file is seen as one change after another, each woken for.
        """
        deadline = time.monotonic() + GATHER_SECONDS
        while time.monotonic() < deadline and self._next():
            pass

    def close(self) -> None:
        if self._changes is not None:
            self._changes.close()
            self._changes = None

    def _counts(self, path: str) -> bool:
        """Whether a change to `path` counts: not an editor's swap, autosave or backup file
        (nor anything in a hidden folder, which is not watched)."""
        return not _ignored(Path(path).name)

    def _watched_at_all(self, change: watchfiles.Change, path: str) -> bool:
        """Whether a change to `path` is seen at all: not in a hidden folder (`.git`)."""
        changed = Path(path).absolute()
        for root in self._roots:
            if changed == root or root in changed.parents:
                folders = changed.relative_to(root).parts[:-1]
                return not any(_ignored(part) for part in folders)
        return True

    def _open(self, from_now: bool = False) -> None:
        """Watch the paths that exist now; `from_now`: what changes is known from now on
        (the watcher is new), else not (what changed before it watched again is lost)."""
        self.close()
        self._watched = _existing(self._paths())
        self._roots = [path.absolute() for path in self._watched]
        self._changed = set() if from_now else None
        if self._watched:
            self._changes = watchfiles.watch(
                *self._watched,
                watch_filter=self._watched_at_all,
                debounce=int(GATHER_SECONDS * 1000),
                step=_STEP_MS,
                rust_timeout=int(QUIET_SECONDS * 1000),
                yield_on_timeout=True,
            )
            # The generator starts watching when first asked: ask now, so that what changes
            # while the site is being built is seen by the next wait.
            self._pending = self._next()


def _existing(paths: list[Path]) -> list[Path]:
    return [path for path in paths if path.exists()]


def _ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith("~")
