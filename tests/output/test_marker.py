"""Which paths a marker may list: relative, inside the site, no control characters; what a
marker lists, as it is now."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgen.output.listing import write_listing
from newsgen.output.marker import MARKER, MARKER_HEADER, is_plain_path, marker_entries

PLAIN = [
    "index.html",
    "2025/11/07/slug/index.html",
    "a/.well-known/x",
    "...",
    "a/..b/c",
    ".nojekyll",
]
NOT_PLAIN = [
    "", "/", "/etc/passwd", "a//b", "a/", ".", "..", "./a", "a/./b", "a/..", "../a",
    "a/../../b", "a\\b", "a\nb", "a\x00b", "a/b\x7f",
]  # fmt: skip


@pytest.mark.parametrize("path", PLAIN)
def test_plain_paths(path: str) -> None:
    assert is_plain_path(path)


@pytest.mark.parametrize("path", NOT_PLAIN)
def test_paths_that_could_lead_outside_or_mislead(path: str) -> None:
    assert not is_plain_path(path)


def test_a_marker_written_again_is_read_again(tmp_path: Path) -> None:
    """Entries are remembered by the marker's bytes: another marker put in its place, or
    the same file changed, is read."""
    marker = tmp_path / MARKER
    marker.write_text(f"{MARKER_HEADER}index.html\taaaa\tkey1\n", encoding="utf-8")
    assert marker_entries(tmp_path) == {"index.html": ("aaaa", "key1")}
    other = tmp_path / "other"
    other.write_text(f"{MARKER_HEADER}index.html\tbbbb\tkey2\n", encoding="utf-8")
    other.replace(marker)
    assert marker_entries(tmp_path) == {"index.html": ("bbbb", "key2")}
    with marker.open("a", encoding="utf-8") as more:
        more.write("feed.xml\tcccc\n")
    assert marker_entries(tmp_path) == {"index.html": ("bbbb", "key2"), "feed.xml": ("cccc", "")}


def test_a_marker_changed_in_place_with_its_time_size_and_inode_kept_is_read(
    tmp_path: Path,
) -> None:
    """A file's time is coarse, and its inode may be reused: neither tells its bytes."""
    marker = tmp_path / MARKER
    marker.write_text(f"{MARKER_HEADER}index.html\taaaa\tkey1\n", encoding="utf-8")
    stat = marker.stat()
    assert marker_entries(tmp_path) == {"index.html": ("aaaa", "key1")}
    with marker.open("r+", encoding="utf-8") as same_file:
        same_file.write(f"{MARKER_HEADER}index.html\tbbbb\tkey2\n")
    os.utime(marker, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (marker.stat().st_ino, marker.stat().st_size) == (stat.st_ino, stat.st_size)
    assert marker_entries(tmp_path) == {"index.html": ("bbbb", "key2")}


def listing_of(count: int) -> tuple[dict[str, str], dict[str, str]]:
    """The digests of `count` pages, and keys for every other one (a file copied as it is
    has none), not in path order."""
    paths = [f"{n % 97:02d}/{n:06d}/index.html" for n in range(count)]
    digests = {path: f"{n:032x}" for n, path in enumerate(paths)}
    keys = {path: f"key{n}" for n, path in enumerate(paths) if n % 2}
    return digests, keys


def test_a_long_listing_is_written_whole_in_path_order_and_read_back(tmp_path: Path) -> None:
    """240,000 lines at 100,000 articles are written a piece at a time: none is lost or
    doubled where two pieces meet, and the entries read back are those written."""
    digests, keys = listing_of(10_001)
    staging, live = tmp_path / "staging", tmp_path / "live"
    staging.mkdir()
    write_listing(staging, digests, keys, live)
    expected = "".join(
        f"{path}\t{digests[path]}\t{keys[path]}\n" if path in keys else f"{path}\t{digests[path]}\n"
        for path in sorted(digests)
    )
    assert (staging / MARKER).read_text(encoding="utf-8") == MARKER_HEADER + expected
    entries = {path: (digest, keys.get(path, "")) for path, digest in digests.items()}
    assert marker_entries(staging) == entries


def test_a_listing_like_the_live_sites_is_the_live_file(tmp_path: Path) -> None:
    """So the live site's stamp is kept: the next build knows no other site came in."""
    digests, keys = listing_of(5_000)
    staging, live = tmp_path / "staging", tmp_path / "live"
    staging.mkdir()
    live.mkdir()
    write_listing(live, digests, keys, tmp_path / "none")
    write_listing(staging, digests, keys, live)
    assert (staging / MARKER).stat().st_ino == (live / MARKER).stat().st_ino
    digests[next(iter(digests))] = "f" * 32
    write_listing(staging, digests, keys, live)
    assert (staging / MARKER).stat().st_ino != (live / MARKER).stat().st_ino
    assert marker_entries(staging) != marker_entries(live)
