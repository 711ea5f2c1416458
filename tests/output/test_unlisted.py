"""Files put into a built site by hand are found by reading only the folders changed since
the site was written (`newsgen.output.unlisted`)."""

from __future__ import annotations

import os
from pathlib import Path

from newsgen.output.files import files_under
from newsgen.output.marker import MARKER
from newsgen.output.unlisted import unlisted_files

LISTED = ["index.html", "2025/11/07/a/index.html", "2025/11/07/b/index.html", "2025/index.html"]


def built_site(folder: Path) -> Path:
    """A site whose marker was written after its files, as a build leaves it."""
    for path in LISTED:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(path)
    (folder / MARKER).write_text("# marker\n")
    stamp = (folder / MARKER).stat().st_ctime_ns
    for parent, dirs, _ in os.walk(folder):  # every folder older than the marker
        for name in dirs:
            os.utime(os.path.join(parent, name), ns=(stamp - 10**9, stamp - 10**9))
    os.utime(folder, ns=(stamp - 10**9, stamp - 10**9))
    return folder


def test_a_site_as_written_has_nothing_unlisted(tmp_path: Path) -> None:
    assert unlisted_files(built_site(tmp_path / "site"), LISTED) == set()


def test_files_put_anywhere_by_hand_are_found(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    (site / "CNAME").write_text("example.org")
    (site / "2025/11/07/a/notes.txt").write_text("mine")
    (site / "2025/11/08/new").mkdir(parents=True)
    (site / "2025/11/08/new/page.html").write_text("mine")
    found = {"CNAME", "2025/11/07/a/notes.txt", "2025/11/08/new/page.html"}
    assert unlisted_files(site, LISTED) == found
    assert files_under(site) - set(LISTED) == found  # what reading every folder finds


def test_without_a_marker_every_folder_is_read(tmp_path: Path) -> None:
    site = built_site(tmp_path / "site")
    (site / "2025/11/07/b/notes.txt").write_text("mine")
    (site / MARKER).unlink()
    assert unlisted_files(site, LISTED) == {"2025/11/07/b/notes.txt"}
