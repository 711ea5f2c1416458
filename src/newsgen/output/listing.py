"""Writing the marker's listing of every file the build staged, a few thousand lines at a
time: at 100,000 articles it has 240,000 lines, which as one string, then with its header,
then encoded, were 80 MB at the build's last step."""

from __future__ import annotations

import filecmp
import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path

from newsgen.output.files import link_over, write_over
from newsgen.output.marker import MARKER, MARKER_HEADER, marker_fingerprint, remember_entries

_LINES_AT_ONCE = 4096


def write_listing(
    folder: Path, digests: Mapping[str, str], keys: Mapping[str, str], live: Path
) -> None:
    """Write the marker of `folder`: each file, its digest and key (when it has one), by path.
    When it lists the same as the live site's, that one is linked in its place, so the
    live site's stamp (`marker_stamp`) stays what it was."""
    ordered = sorted(digests)
    fingerprint = marker_fingerprint()

    def pieces() -> Iterator[bytes]:
        starts = range(0, len(ordered), _LINES_AT_ONCE)
        lines = ("".join(map(line, ordered[start : start + _LINES_AT_ONCE])) for start in starts)
        for text in itertools.chain([MARKER_HEADER], lines):
            piece = text.encode()
            fingerprint.update(piece)
            yield piece

    def line(path: str) -> str:
        key = keys.get(path)
        return f"{path}\t{digests[path]}\t{key}\n" if key else f"{path}\t{digests[path]}\n"

    target = folder / MARKER
    write_over(str(target), pieces())
    if _same_files(live / MARKER, target):
        link_over(str(live / MARKER), str(target))
    entries = {path: (digests[path], keys.get(path, "")) for path in ordered}
    remember_entries(fingerprint.digest(), entries)


def _same_files(one: Path, other: Path) -> bool:
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:
        return False
