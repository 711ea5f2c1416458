"""The serve memo of the load stage: what each source file gave when last read."""

from __future__ import annotations

import os
from pathlib import Path

from newsgen.by_record import ByRecord
from newsgen.config import SiteConfig
from newsgen.errors import SourceError
from newsgen.records import Article
from newsgen.sources.discover import SourceFiles, Stamp

DEFAULT_MAX_BYTES = SiteConfig.max_source_kb * 1024

Outcome = Article | list[SourceError] | None


Kept = tuple[Stamp, Outcome]


class LoadMemo:
    """What each file gave when last read, for a process that builds again and again.

    `newsgen serve` keeps one; a build keeps one between runs (`load_store`). A file whose
    time, size and inode did not change is not read again.
    """

    def __init__(self) -> None:
        # By the path as text: making and comparing 50,000 `Path`s costs seconds.
        self._outcomes: dict[str, Kept] = {}
        self._stamps: dict[str, Stamp] = {}
        self._unread: list[Path] = []
        self._max_bytes = 0
        self.folded_urls: ByRecord[Article, str] = ByRecord()  # for `url_clashes`

    def split(
        self, sources: SourceFiles, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> tuple[dict[Path, Outcome], list[Path]]:
        """Give the remembered outcomes of unchanged files, and the files to read.

        Each file's time and size were taken when it was found, before it is read, so a file
        saved while it is being read is read again next time. A new size limit reads every
        file again.
        """
        if max_bytes != self._max_bytes:
            self._outcomes, self._max_bytes = {}, max_bytes
        known: dict[Path, Outcome] = {}
        unread = []
        self._stamps = {}
        for path, stamp in zip(sources.paths, sources.stamps, strict=True):
            key = os.fspath(path)
            self._stamps[key] = stamp
            remembered = self._outcomes.get(key)
            if remembered is not None and remembered[0] == stamp:
                known[path] = remembered[1]
            else:
                unread.append(path)
        self._unread = unread
        return known, unread

    def remember(self, outcomes: dict[Path, Outcome]) -> None:
        """Keep `outcomes` with the times and sizes `split` took before reading."""
        stamps = self._stamps
        if stamps.keys() == self._outcomes.keys():  # the same files: only those read change
            for path in self._unread:
                key = os.fspath(path)
                self._outcomes[key] = (stamps[key], outcomes[path])
            return
        self._outcomes = {
            key: (stamps[key], outcome)
            for key, outcome in ((os.fspath(path), o) for path, o in outcomes.items())
        }

    def restore(self, outcomes: dict[str, Kept], max_bytes: int) -> None:
        """Start from what an earlier build read with the size limit `max_bytes` (by path)."""
        self._outcomes, self._max_bytes = dict(outcomes), max_bytes

    def read_this_time(self) -> dict[str, Kept]:
        """The files the last `split` found changed or new, with what they gave."""
        read = (os.fspath(path) for path in self._unread)
        return {path: self._outcomes[path] for path in read if path in self._outcomes}

    def remembered(self) -> dict[str, Kept]:
        """Every file remembered (its path as text), with its stamp and outcome."""
        return dict(self._outcomes)
