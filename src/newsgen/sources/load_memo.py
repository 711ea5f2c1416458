"""The serve memo of the load stage: what each source file gave when last read."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from newsgen.by_record import ByRecord
from newsgen.config import SiteConfig
from newsgen.errors import SourceError
from newsgen.records import Article
from newsgen.sources.discover import SourceFiles, Stamp
from newsgen.sources.media import Depends, MediaFiles

DEFAULT_MAX_BYTES = SiteConfig.max_source_kb * 1024
DEFAULT_MAX_IMAGE_BYTES = SiteConfig.max_image_kb * 1024

Outcome = Article | list[SourceError] | None


@dataclass(frozen=True)
class Limits:
    """The largest source file and image loading reads (bytes)."""

    source_bytes: int = DEFAULT_MAX_BYTES
    image_bytes: int = DEFAULT_MAX_IMAGE_BYTES


_NONE: Mapping[Path, Depends] = {}
# A file's stamp when read, what it gave, and the images that outcome relied on.
Kept = tuple[Stamp, Outcome, Depends]


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
        self._limits = Limits(0, 0)
        self.folded_urls: ByRecord[Article, str] = ByRecord()  # for `url_clashes`

    def split(
        self, sources: SourceFiles, limits: Limits = Limits(), media: MediaFiles | None = None
    ) -> tuple[dict[Path, Outcome], list[Path]]:
        """Give the remembered outcomes of unchanged files, and the files to read.

        Each file's time and size were taken when it was found, before it is read, so a file
        saved while it is being read is read again next time; so is one whose images
        changed. A new size limit reads every file again.
        """
        if limits != self._limits:
            self._outcomes, self._limits = {}, limits
        media = media or MediaFiles(sources.media)
        known: dict[Path, Outcome] = {}
        unread = []
        self._stamps = {}
        for path, stamp in zip(sources.paths, sources.stamps, strict=True):
            key = os.fspath(path)
            self._stamps[key] = stamp
            remembered = self._outcomes.get(key)
            if (
                remembered is not None
                and remembered[0] == stamp
                and media.still_true(key, remembered[2])
            ):
                known[path] = remembered[1]
            else:
                unread.append(path)
        self._unread = unread
        return known, unread

    def remember(
        self, outcomes: dict[Path, Outcome], depends: Mapping[Path, Depends] = _NONE
    ) -> None:
        """Keep `outcomes` with the times and sizes `split` took before reading, and the
        images those read this time relied on (`depends`)."""
        stamps = self._stamps
        if stamps.keys() != self._outcomes.keys():  # files came or went: keep those found
            kept = self._outcomes
            self._outcomes = {}
            for path, outcome in outcomes.items():
                key = os.fspath(path)
                relied_on = depends.get(path, kept[key][2] if key in kept else ())
                self._outcomes[key] = (stamps[key], outcome, relied_on)
            return
        for path in self._unread:  # the same files: only those read change
            key = os.fspath(path)
            self._outcomes[key] = (stamps[key], outcomes[path], depends.get(path, ()))

    def restore(self, outcomes: dict[str, Kept], limits: Limits) -> None:
        """Start from what an earlier build read with the size `limits` (by path)."""
        self._outcomes, self._limits = dict(outcomes), limits

    def read_this_time(self) -> dict[str, Kept]:
        """The files the last `split` found changed or new, with what they gave."""
        read = (os.fspath(path) for path in self._unread)
        return {path: self._outcomes[path] for path in read if path in self._outcomes}

    def remembered(self) -> dict[str, Kept]:
        """Every file remembered (its path as text), with its stamp and outcome."""
        return dict(self._outcomes)
