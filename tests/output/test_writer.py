"""Writing the output: rebuilds touch only what changed, and a killed build leaves the old site."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MakeSite, build_in_place
from sitetools import (
    REPO,
    STAGING_SUFFIX,
    article_pages,
    clean_env,
    find_all,
    newsgen,
    newsgen_process,
    read_page,
    search_bundle,
    sitemap_locations,
    snapshot,
    theme_static_files,
    unlisted_files,
)

from benchmarks.corpus import write_corpus
from newsgen.output.marker import MARKER, read_listing
from newsgen.output.writer import WriteReport

SOURCES = {
    "newsgen.yaml": "base_url: https://example.org/\n",
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
    return build_in_place(make_site, tmp_path / "site", SOURCES, monkeypatch)


def changed_files(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def topic_slugs(page: Path) -> list[str]:
    """The slugs of the topics a page links in its chips (`../../topics/moskva/` → `moskva`)."""
    return [
        a.get("href", "").split("/")[-2]
        for a in read_page(page).iterfind(".//ul[@class='chips']/li/a")
    ]


def test_rebuild_with_nothing_changed_rewrites_nothing(site: Path) -> None:
    before = snapshot(site / "build")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    files = len(before) - 1  # the marker is not a page
    assert run.built.write == WriteReport(written=0, unchanged=files, removed=0)
    assert run.built.topics_extracted == 0
    after = snapshot(site / "build")
    assert after == before  # bytes, modification times and inodes
    # Home, 4 articles, 4 days, 2 months, a year, archive, topics, feed and its RSS twin,
    # sitemap, news sitemap, robots, search, 404: 21 pages; a page and two feeds per topic,
    # and a page per initial; the theme's static files and the search index.
    topics = topic_slugs(site / "build/topics/index.html")
    assert {"ekonomika", "moskva"} <= set(topics)  # from the front matter
    letters = find_all(read_page(site / "build/topics/index.html"), "nav", class_="letters")
    pages = 21 + 3 * len(topics) + len(list(letters[0].iter("a")))
    assert files == pages + theme_static_files() + len(search_bundle(site / "build"))


def test_deleted_source_loses_its_pages(site: Path) -> None:
    build = site / "build"
    index_before = search_bundle(build)
    (site / "seeds/002_00000000000000bb.txt").unlink()
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    # The article and its day, and the search index's files that changed with them.
    assert f"removed {2 + len(index_before - search_bundle(build))};" in run.out
    assert not (build / "2025/10/15").exists()
    assert len(article_pages(build)) == 3
    assert not any("2025/10/15" in loc for loc in sitemap_locations(build / "sitemap.xml"))
    every_page = "".join(p.read_text("utf-8") for p in build.rglob("*.html"))
    assert "Новость середины октября" not in every_page
    listed = read_listing(build)
    on_disk = {p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file()}
    assert listed is not None
    assert set(listed) == on_disk - {MARKER}


def test_changed_source_changes_only_its_pages(site: Path) -> None:
    before = snapshot(site / "build")
    page = site / "build/2025/11/05/novost-s-temami/index.html"
    topics = topic_slugs(page)
    assert topics[:2] == ["ekonomika", "moskva"]  # from the front matter, then any found
    source = site / "seeds/topics.md"
    source.write_text(
        source.read_text("utf-8").replace("Второй абзац.", "Второй абзац, дополненный.")
    )
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    assert run.built.topics_extracted == 1
    assert run.built.search == "indexed (1 of 1 part)"
    assert topic_slugs(page) == topics
    after = snapshot(site / "build")
    # The article's page, and the site feed, which carries its full text (topic feeds carry
    # summaries, and the summary did not change); and the search index of the new text.
    changed = {"2025/11/05/novost-s-temami/index.html", "feed.xml", "rss.xml"}
    rewritten = changed_files(before, after) - {MARKER}
    assert {path for path in rewritten if not path.startswith("pagefind/")} == changed
    written = len(rewritten & after.keys())
    removed = len(before.keys() - after.keys())
    unchanged = len(after) - 1 - written
    assert run.built.write == WriteReport(written, unchanged, removed)
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
    digest = {
        path: hashlib.blake2b((build / path).read_bytes(), digest_size=16).hexdigest()
        for path in on_disk
    }
    listed = [line.split("\t") for line in lines[1:]]
    assert [(path, file_digest) for path, file_digest, *_ in listed] == [
        (path, digest[path]) for path in on_disk if path != MARKER
    ]
    # Pages carry the key of what they were made from; the style sheet is copied, not made.
    keys = {path: rest for path, _, *rest in listed}
    assert all(len(keys[path][0]) == 32 for path in keys if path.endswith((".html", ".xml")))
    assert keys["static/style.css"] == []


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
    # A test of stopping a build, not of topics: finding them in 1,500 texts takes long.
    site = make_site(tmp_path / "site", {"newsgen.yaml": "find_topics: false\n"})
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
    # The seed article and its day are no longer built, nor the search index's files.
    removed = {path for path in before if path.startswith("pagefind/")} - search_bundle(
        previous_site / "build"
    )
    assert f"removed {2 + len(removed)};" in run.out
    assert len(article_pages(previous_site / "build")) == 1500
    assert unlisted_files(previous_site / "build") == set()
    # The staging folder now holds the previous site, to be brought up to date next time.
    assert snapshot(staging) == before


def test_interrupted_build_exits_130_and_leaves_the_previous_site(
    previous_site: Path, corpus: Path
) -> None:
    before = snapshot(previous_site / "build")
    assert start_build_and_stop_it(previous_site, corpus, signal.SIGINT) == 130
    assert snapshot(previous_site / "build") == before


def test_files_left_in_staging_by_a_killed_build_never_reach_the_site(site: Path) -> None:
    staging = site / f".build{STAGING_SUFFIX}"
    (staging / "2025/old").mkdir(parents=True)
    (staging / "2025/old/index.html").write_text("half-written")
    (staging / "index.html").write_text("half-written")
    (staging / MARKER).unlink(missing_ok=True)  # as a killed build leaves it
    before = snapshot(site / "build")
    for source in (site / "seeds").iterdir():  # saved again: the next build writes a site
        source.write_bytes(source.read_bytes())
    assert newsgen("build", "--jobs", "1").code == 0
    assert not (site / "build/2025/old").exists()
    assert snapshot(site / "build") == before
    assert snapshot(staging) == before  # the previous site, kept for the next build
