"""A rebuild with nothing changed does nothing but say so, and any change to what a site is
made from is built (`newsgen.build_inputs`): the site is always the one a fresh build makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import write_sample_sources
from sitetools import Run, newsgen, tree_bytes

SEED = "001_1a2b3c4d5e6f7081.txt"


def build(site: Path, *more: str | os.PathLike[str]) -> Run:
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search", *more)
    assert run.code == 0, run.err
    return run


def inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    return site


def test_an_unchanged_site_is_left_as_it_is(site: Path) -> None:
    before = inodes(site / "build")
    run = build(site)
    assert run.out.startswith("up to date (nothing changed since the last build), built ")
    assert run.built.up_to_date and run.built.sources_read == 0
    assert (
        run.built.write.written == 0 and run.built.write.unchanged == len(before) - 1
    )  # the marker
    assert inodes(site / "build") == before


def test_sources_moved_elsewhere_leave_the_site_up_to_date(site: Path, tmp_path: Path) -> None:
    moved = (site / "seeds").rename(tmp_path / "checkout")
    assert build(site, "--source", moved).built.up_to_date


def apply(folder: Path, change: dict[str, str | None]) -> None:
    """Write each file of `change` (path: text) into `folder`, or delete it (None)."""
    for path, text in change.items():
        if text is None:
            (folder / path).unlink()
        else:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, "utf-8")


def fresh_site(tmp_path: Path, change: dict[str, str | None]) -> Path:
    """The sample site with `change`, built once."""
    fresh = write_sample_sources(tmp_path / "fresh")
    apply(fresh, change)
    build(fresh)
    return fresh


def edited_seed(site: Path) -> str:
    return (site / "seeds" / SEED).read_text("utf-8").replace("мост", "тоннель", 1)


CHANGES = {
    "a source edited": lambda site: {f"seeds/{SEED}": edited_seed(site)},
    "a source added": lambda site: {
        "seeds/777_0123456789abcdef.txt": " date 2025-11-10 Новая статья о мосте в Казани."
    },
    "a source removed": lambda site: {f"seeds/{SEED}": None},
    "the settings changed": lambda site: {
        "newsgen.yaml": (site / "newsgen.yaml")
        .read_text("utf-8")
        .replace("Тестовый архив", "Другой архив")
    },
    "a template added": lambda site: {
        "templates/robots.txt": "User-agent: *\nDisallow: /private/\n"
    },
    "a static file added": lambda site: {"static/extra.css": "body { margin: 0 }\n"},
    "a root file added": lambda site: {"root/CNAME": "news.example.org\n"},
}


@pytest.mark.parametrize("name", CHANGES)
def test_each_change_is_built_and_gives_a_fresh_builds_site(
    site: Path, tmp_path: Path, name: str
) -> None:
    change = CHANGES[name](site)
    apply(site, change)
    assert not build(site).built.up_to_date
    assert tree_bytes(site / "build") == tree_bytes(fresh_site(tmp_path, change) / "build")
    assert build(site).built.up_to_date


def test_a_file_saved_again_unchanged_is_read_but_nothing_is_rendered(site: Path) -> None:
    seed = site / "seeds" / SEED
    seed.write_bytes(seed.read_bytes())
    run = build(site)
    assert not run.built.up_to_date
    assert (run.built.sources_read, run.built.pages_rendered, run.built.write.written) == (1, 0, 0)


def test_another_site_swapped_in_is_built_again(site: Path, tmp_path: Path) -> None:
    # A build with other settings (here by hand, with --config) replaced the live site.
    other = tmp_path / "other.yaml"
    other.write_text(
        (site / "newsgen.yaml").read_text("utf-8").replace("per_page: 2", "per_page: 5"), "utf-8"
    )
    build(site, "--config", other)
    assert not build(site).built.up_to_date
    assert tree_bytes(site / "build") == tree_bytes(fresh_site(tmp_path, {}) / "build")


def test_a_reproducible_builds_time_is_an_input(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert not build(site).built.up_to_date
    assert build(site).built.up_to_date


def test_articles_waiting_for_their_date_are_looked_at_by_every_build(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "seeds" / "900_aaaaaaaaaaaaaaaa.txt").write_text(
        " date 2026-01-10 Статья на завтра о мосте.", "utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: it waits
    assert build(site).built.waiting
    again = build(site)
    assert not again.built.up_to_date and again.built.waiting  # and is said again
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1768262400")  # 2026-01-13: its day has come
    assert not build(site).built.waiting


def test_without_a_cache_every_build_is_whole(site: Path) -> None:
    assert not build(site, "--no-cache").built.up_to_date


def test_a_damaged_record_of_the_last_build_means_a_whole_build(site: Path) -> None:
    (site / ".newsgen-cache" / "last-build.json").write_bytes(b"\x00{not json")
    run = build(site)
    assert not run.built.up_to_date and run.built.pages_rendered == 0
    assert build(site).built.up_to_date


def test_files_put_into_the_site_by_hand_are_never_lost(site: Path) -> None:
    (site / "build" / "CNAME").write_text("news.example.org\n")
    assert newsgen("build", "--site", site, "--no-search").code == 2  # said at once, at the top
    (site / "build" / "CNAME").unlink()
    (site / "build" / "2025" / "notes.txt").write_text("mine")
    assert build(site).built.up_to_date  # deeper down: left alone while nothing changes
    (site / "seeds" / SEED).write_text(edited_seed(site), "utf-8")
    run = newsgen("build", "--site", site, "--no-search")
    assert run.code == 2 and "2025/notes.txt" in run.err  # said before anything is removed
    assert (site / "build" / "2025" / "notes.txt").read_text() == "mine"


def test_a_build_stopped_before_recording_its_inputs_is_not_taken_as_up_to_date(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = site / "seeds" / SEED
    original, stamp = seed.read_bytes(), seed.stat()
    seed.write_text(edited_seed(site), "utf-8")

    def stopped(*_: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C after the swap, before the record is written

    monkeypatch.setattr("newsgen.build_inputs.write_last_build", stopped)
    assert newsgen("build", "--site", site, "--jobs", "1", "--no-search").code == 130
    monkeypatch.undo()
    # Every input is back as the recorded build saw it (same bytes, time and inode), but
    # the live site is the stopped build's: it must be built again, not taken as current.
    seed.write_bytes(original)
    os.utime(seed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert seed.stat().st_ino == stamp.st_ino
    assert not build(site).built.up_to_date
    assert tree_bytes(site / "build") == tree_bytes(fresh_site(tmp_path, {}) / "build")
