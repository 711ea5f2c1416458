"""Writing the output: rebuilds touch only what changed, and a killed build leaves the old site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MakeSite
from sitetools import (
    REPO,
    STAGING_SUFFIX,
    article_pages,
    clean_env,
    newsgen,
    newsgen_process,
    sitemap_locations,
    snapshot,
)

from benchmarks.corpus import write_corpus
from newsgen.write import MARKER

SOURCES = {
    "seeds/001_00000000000000aa.txt": " date 2025-10-01 Первая новость октября.\n\nТекст.",
    "seeds/002_00000000000000bb.txt": " date 2025-10-15 Новость середины октября.\n\nТекст.",
    "seeds/003_00000000000000cc.txt": " date 2025-11-02 Новость начала ноября.\n\nТекст.",
    "seeds/topics.md": (
        "---\ntitle: Новость с темами\ndate: 2025-11-05\ntopics: [Экономика, Москва]\n---\n"
        "Первый абзац не меняется.\n\nВторой абзац.\n"
    ),
}


@pytest.fixture
def site(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small site, built once, with the current folder set to it."""
    folder = make_site(tmp_path / "site", SOURCES)
    monkeypatch.chdir(folder)
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    return folder


def changed_files(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_rebuild_with_nothing_changed_rewrites_nothing(site: Path) -> None:
    before = snapshot(site / "build")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    files = len(before) - 1  # the marker is not a page
    assert f"files written 0, unchanged {files}, removed 0;" in run.out
    after = snapshot(site / "build")
    assert after == before  # bytes, modification times and inodes
    assert files == 23


def test_deleted_source_loses_its_pages(site: Path) -> None:
    (site / "seeds/002_00000000000000bb.txt").unlink()
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    assert "removed 2;" in run.out  # the article and its day
    build = site / "build"
    assert not (build / "2025/10/15").exists()
    assert len(article_pages(build)) == 3
    assert not any("2025/10/15" in loc for loc in sitemap_locations(build / "sitemap.xml"))
    every_page = "".join(p.read_text("utf-8") for p in build.rglob("*.html"))
    assert "Новость середины октября" not in every_page
    listed = (build / MARKER).read_text(encoding="utf-8").splitlines()[1:]
    on_disk = {p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {MARKER}


def test_changed_source_changes_only_its_pages(site: Path) -> None:
    before = snapshot(site / "build")
    source = site / "seeds/topics.md"
    source.write_text(
        source.read_text("utf-8").replace("Второй абзац.", "Второй абзац, дополненный.")
    )
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    after = snapshot(site / "build")
    assert changed_files(before, after) - {MARKER} == {
        "2025/11/05/novost-s-temami/index.html",
        "feed.xml",
        "topics/ekonomika/feed.xml",
        "topics/moskva/feed.xml",
    }
    assert f"files written 4, unchanged {len(before) - 5}, removed 0;" in run.out
    assert "дополненный" in (site / "build/2025/11/05/novost-s-temami/index.html").read_text()


def test_unchanged_files_keep_their_inode_and_changed_ones_are_replaced(site: Path) -> None:
    """Keeping the inode and time is what keeps rsync and web caches from seeing a change."""
    build = site / "build"
    before = snapshot(build)
    (site / "seeds/004_00000000000000dd.txt").write_text(" date 2024-01-01 Старая новость.")
    assert newsgen("build", "--jobs", "1").code == 0
    after = snapshot(build)
    kept = "2025/11/05/novost-s-temami/index.html"
    assert after[kept] == before[kept]
    older = "2025/10/01/pervaya-novost-oktyabrya-00000000/index.html"
    assert after[older].inode != before[older].inode
    assert "Старая новость" in after[older].data.decode()
    assert (build / "2024/01/01/index.html").is_file()


def test_output_marker_lists_what_the_build_wrote(site: Path) -> None:
    build = site / "build"
    lines = (build / MARKER).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# made by newsgen")
    on_disk = sorted(p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file())
    assert lines[1:] == [path for path in on_disk if path != MARKER]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 generated articles: enough that a build is still writing when it is stopped."""
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    write_corpus(folder, 1500)
    return folder


def start_build_and_stop_it(site: Path, source: Path, stop: signal.Signals) -> int:
    """Start `newsgen build` on `source`; once it stages its output, send `stop`; give its code."""
    staging = site / f".build{STAGING_SUFFIX}"
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgen", "build", "--source", str(source), "--jobs", "1"],
        cwd=site,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not staging.exists():
            assert process.poll() is None, "the build ended before it could be stopped"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.002)
        os.killpg(process.pid, stop)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if stop == signal.SIGINT:
        assert err.decode().endswith("interrupted: the previous site was left as it was\n")
    return process.returncode


@pytest.fixture
def previous_site(make_site: MakeSite, tmp_path: Path) -> Path:
    """A site built from the repository's seeds, about to be rebuilt from the corpus."""
    site = make_site(tmp_path / "site", {})
    shutil.copytree(REPO / "seeds", site / "seeds")
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    return site


def test_killed_build_leaves_the_previous_site(previous_site: Path, corpus: Path) -> None:
    before = snapshot(previous_site / "build")
    code = start_build_and_stop_it(previous_site, corpus, signal.SIGKILL)
    assert code == -signal.SIGKILL
    staging = previous_site / f".build{STAGING_SUFFIX}"
    assert staging.exists()  # killed while writing
    assert snapshot(previous_site / "build") == before
    run = newsgen_process("build", "--source", corpus, "--jobs", "2", cwd=previous_site)
    assert run.code == 0, run.err
    assert run.out.startswith("built 1500 articles into build: ")
    assert "removed 2;" in run.out  # the seed article and its day are no longer built
    assert not staging.exists()
    assert len(article_pages(previous_site / "build")) == 1500


def test_interrupted_build_exits_130_and_leaves_the_previous_site(
    previous_site: Path, corpus: Path
) -> None:
    before = snapshot(previous_site / "build")
    assert start_build_and_stop_it(previous_site, corpus, signal.SIGINT) == 130
    assert not (previous_site / f".build{STAGING_SUFFIX}").exists()
    assert snapshot(previous_site / "build") == before


def test_staging_left_by_a_killed_build_is_cleared(site: Path) -> None:
    staging = site / f".build{STAGING_SUFFIX}"
    (staging / "2025/old").mkdir(parents=True)
    (staging / "2025/old/index.html").write_text("half-written")
    assert newsgen("build", "--jobs", "1").code == 0
    assert not staging.exists()
    assert not (site / "build/2025/old").exists()
