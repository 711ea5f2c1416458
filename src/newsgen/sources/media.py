"""The images found beside the sources, and what an article's outcome depends on of them.

An article is remembered (by the load memo) with the images it used: a key and the image's
stamp when it was read, or None when there was none. A Markdown file's keys are the paths
it names; a seed's key is its own path without `.txt` followed by `*`, standing for the
image of the same name beside it, whatever its suffix. When a key's stamp changes (an
image replaced, added or removed), the article is read again; so is a seed that had no
image when one of its name comes. A seed without one keeps no key: an archive of 50,000
seeds and no images pays nothing for them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from newsgen.sources.discover import SEED_SUFFIXES, Stamp
from newsgen.sources.images import IMAGE_SUFFIXES

Depends = tuple[tuple[str, Stamp | None], ...]
SAME_NAME = "*"  # a key's end that stands for the image named as the seed


class MediaFiles:
    """The image files under the source folder (path as text → stamp)."""

    def __init__(self, stamps: Mapping[str, Stamp]) -> None:
        self._stamps = stamps
        self._by_stem: dict[str, str] = {}
        # Of `a.jpg` and `a.png` beside `a.txt`, the one of the earlier suffix is its image.
        for path in sorted(stamps, key=_preference, reverse=True):
            self._by_stem[os.path.splitext(path)[0]] = path

    def image_named_as(self, source: str) -> str | None:
        """The image beside the seed at `source` with its name (`a.txt` → `a.jpg`)."""
        return self._by_stem.get(os.path.splitext(source)[0])

    def stamp(self, key: str) -> Stamp | None:
        """The stamp of the image `key` stands for now; None when there is none."""
        if key.endswith(SAME_NAME):
            found = self._by_stem.get(key[: -len(SAME_NAME)])
            return self._stamps.get(found) if found else None
        return self._stamps.get(key)

    def still_true(self, source: str, depends: Depends) -> bool:
        """Whether every image `depends` names is as it was (or still absent), and a seed
        that relied on none (`source`) has still no image of its name beside it."""
        if not depends:
            return not (self._by_stem and self._seed_with_image(source))
        return all(self.stamp(key) == stamp for key, stamp in depends)

    def _seed_with_image(self, source: str) -> bool:
        is_seed = source.lower().endswith(SEED_SUFFIXES)
        return is_seed and os.path.splitext(source)[0] in self._by_stem


def _preference(path: str) -> tuple[int, str]:
    suffix = os.path.splitext(path)[1].lower()
    rank = IMAGE_SUFFIXES.index(suffix) if suffix in IMAGE_SUFFIXES else len(IMAGE_SUFFIXES)
    return rank, path  # `a.JPG` before `a.jpg`, in any file system's listing order


def stamp_of(path: str) -> Stamp | None:
    """A file's stamp taken before it is read, as discovery takes it; None when absent."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)
