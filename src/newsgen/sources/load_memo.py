"""The serve memo of the load stage: what each source file gave when last read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsgen.config import SiteConfig
from newsgen.errors import SourceError
from newsgen.records import Article

DEFAULT_MAX_BYTES = SiteConfig.max_source_kb * 1024

Outcome = Article | list[SourceError] | None


class LoadMemo:
    """What each file gave when last read, for a process that builds again and again.

    `newsgen serve` keeps one: a file whose time and size did not change is not read again.
    """

    def __init__(self) -> None:
        self._outcomes: dict[Path, tuple[tuple[int, int], Outcome]] = {}
        self._stamps: dict[Path, tuple[int, int]] = {}
        self._max_bytes = 0

    def split(
        self, paths: Sequence[Path], max_bytes: int = DEFAULT_MAX_BYTES
    ) -> tuple[dict[Path, Outcome], list[Path]]:
        """Give the remembered outcomes of unchanged files, and the files to read.

        Each file's time and size are taken here, before it is read, so a file saved while
        it is being read is read again next time. A new size limit reads every file again.
        """
        if max_bytes != self._max_bytes:
            self._outcomes, self._max_bytes = {}, max_bytes
        known: dict[Path, Outcome] = {}
        unread = []
        self._stamps = {path: _stamp(path) for path in paths}
        for path in paths:
            remembered = self._outcomes.get(path)
            if remembered is not None and remembered[0] == self._stamps[path]:
                known[path] = remembered[1]
            else:
                unread.append(path)
        return known, unread

    def remember(self, outcomes: dict[Path, Outcome]) -> None:
        """Keep `outcomes` with the times and sizes `split` took before reading."""
        self._outcomes = {path: (self._stamps[path], outcome) for path, outcome in outcomes.items()}


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)
