"""The watcher of `newsgen serve`: the operating system's notifications, through watchfiles."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgen.serve.watch import QUIET_SECONDS, Watcher

WAIT = 10.0  # seconds: the longest a wait here may take, on a busy machine


def waited(watcher: Watcher, then: Callable[[], None], after: float = 0.1) -> tuple[bool, float]:
    """Do `then` in a while, and wait for a change: whether one was seen, and when."""
    threading.Timer(after, then).start()
    start = time.monotonic()
    seen = watcher.wait(lambda: time.monotonic() - start > WAIT)
    return seen, time.monotonic() - start


def test_editor_files_do_not_count_even_when_the_folder_is_given_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)  # `newsgen serve` in the site: `seeds` as a relative path
    watcher = Watcher(lambda: [Path("seeds")])
    try:

        def editor_files() -> None:
            (tmp_path / "seeds/.001.txt.swp").write_text("swap")
            (tmp_path / "seeds/#001.txt#").write_text("autosave")
            (tmp_path / "seeds/001.txt~").write_text("backup")

        threading.Timer(0.1, editor_files).start()
        start = time.monotonic()
        # That they do not count can only be seen over a while: ten times the quiet time.
        assert not watcher.wait(lambda: time.monotonic() - start > 10 * QUIET_SECONDS)
        seen, _ = waited(watcher, lambda: (tmp_path / "seeds/001.txt").write_text("Текст."))
        assert seen
    finally:
        watcher.close()


def test_a_change_during_a_rebuild_is_kept_for_the_next_wait(tmp_path: Path) -> None:
    watcher = Watcher(lambda: [tmp_path])
    try:
        (tmp_path / "001.txt").write_text("saved while nobody waited")
        time.sleep(2 * QUIET_SECONDS)
        seen, after = waited(watcher, lambda: None)
        assert seen and after < WAIT
    finally:
        watcher.close()


def test_a_folder_that_appears_is_a_change(tmp_path: Path) -> None:
    watcher = Watcher(lambda: [tmp_path / "seeds", tmp_path / "templates"])
    (tmp_path / "seeds").mkdir()
    try:
        seen, _ = waited(watcher, lambda: (tmp_path / "templates").mkdir())
        assert seen
    finally:
        watcher.close()


def test_it_tells_which_files_changed_editor_files_among_them(tmp_path: Path) -> None:
    """A rebuild looks at the files a save changed, and counts editor files as left out."""
    watcher = Watcher(lambda: [tmp_path])
    try:
        assert watcher.take_changes() == set()  # it knows what changes from now on

        def save() -> None:
            (tmp_path / ".001.txt.swp").write_text("swap")
            (tmp_path / "001.txt").write_text("Текст.")
            (tmp_path / ".git").mkdir()
            (tmp_path / ".git/index").write_text("not a source's")

        seen, _ = waited(watcher, save)
        assert seen
        changed = watcher.take_changes()
        assert changed is not None
        assert {Path(path).name for path in changed} >= {".001.txt.swp", "001.txt"}
        assert not any(".git/" in path for path in changed)
        assert watcher.take_changes() == set()
    finally:
        watcher.close()


def test_what_changed_is_not_known_once_a_watched_folder_came(tmp_path: Path) -> None:
    """Watching again, it may have missed changes: every file must then be looked at."""
    watcher = Watcher(lambda: [tmp_path / "seeds", tmp_path / "templates"])
    (tmp_path / "seeds").mkdir()
    try:
        seen, _ = waited(watcher, lambda: (tmp_path / "templates").mkdir())
        assert seen
        assert watcher.take_changes() is None
        assert watcher.take_changes() == set()
    finally:
        watcher.close()
