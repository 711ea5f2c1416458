"""A rebuild that remembers the last one (as `newsgen serve` does) writes what a fresh build
writes, whatever was edited, and skips the work the edit did not touch."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import write_sample_sources
from sitetools import tree_bytes

from newsgen.build import BuildOptions, build_site
from newsgen.build_report import BuildReport
from newsgen.config import load_config
from newsgen.serve_memo import BuildMemo

SEED = "seeds/001_1a2b3c4d5e6f7081.txt"


def options(site: Path, output: Path, memo: BuildMemo | None) -> BuildOptions:
    config = load_config(site / "newsgen.yaml")
    return BuildOptions(
        site_root=site,
        source_dir=site / "seeds",
        output_dir=output,
        config=config,
        jobs=1,
        cache_dir=site / ".newsgen-cache",
        memo=memo,
    )


def append_to_body(site: Path) -> None:
    path = site / SEED
    path.write_text(path.read_text("utf-8") + "\n\nМост освещают ночью.", "utf-8")


def change_lede(site: Path) -> None:
    path = site / SEED
    path.write_text(path.read_text("utf-8").replace("новый мост", "второй мост"), "utf-8")


def name_a_place_twice(site: Path) -> None:
    path = site / SEED
    text = path.read_text("utf-8") + "\n\nВ Караганде ждут такой же мост. Караганда готовится."
    path.write_text(text, "utf-8")


def add_an_article(site: Path) -> None:
    (site / "seeds/009_9a9b9c9d9e9f9091.txt").write_text(
        " date 2025-11-08 В Алматы открыли новую библиотеку.\n\nВ ней сто тысяч книг.", "utf-8"
    )


def remove_an_article(site: Path) -> None:
    (site / SEED).unlink()


def change_a_setting(site: Path) -> None:
    config = site / "newsgen.yaml"
    config.write_text(config.read_text("utf-8") + "topic_ignore: [Астана]\n", "utf-8")


EDITS: list[Callable[[Path], None]] = [
    append_to_body,
    change_lede,
    name_a_place_twice,
    add_an_article,
    remove_an_article,
    change_a_setting,
]


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_remembering_rebuild_writes_what_a_fresh_build_writes(
    edit: Callable[[Path], None], tmp_path: Path
) -> None:
    site = write_sample_sources(tmp_path / "site")
    memo = BuildMemo()
    build_site(options(site, site / "build", memo))
    edit(site)
    build_site(options(site, site / "build", memo))
    shutil.rmtree(site / ".newsgen-cache")
    build_site(options(site, tmp_path / "fresh", None))
    assert tree_bytes(site / "build") == tree_bytes(tmp_path / "fresh")


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_told_what_changed_it_writes_what_a_fresh_build_writes(
    edit: Callable[[Path], None], tmp_path: Path
) -> None:
    """`newsgen serve` tells the memo which files its watcher saw change: the rebuild looks
    at those alone, and still makes the site a fresh build makes."""
    site = write_sample_sources(tmp_path / "site")
    memo = BuildMemo()
    build_site(options(site, site / "build", memo))
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    edit(site)
    after = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    memo.changed({str(path.absolute()) for path in changed})
    report = build_site(options(site, site / "build", memo))
    assert report.sources_read == len({p for p in changed & after.keys() if "seeds" in p.parts})
    shutil.rmtree(site / ".newsgen-cache")
    build_site(options(site, tmp_path / "fresh", None))
    assert tree_bytes(site / "build") == tree_bytes(tmp_path / "fresh")


def test_body_edit_renders_only_the_article_page(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    memo = BuildMemo()
    first = build_site(options(site, site / "build", memo))
    append_to_body(site)
    again: BuildReport = build_site(options(site, site / "build", memo))
    assert first.pages_rendered == first.pages
    # Its page, and the site feeds, which carry whole articles (this one is among the newest):
    # Atom and RSS.
    assert again.pages_rendered == 3
    assert again.topics_extracted == 1
    page = next((site / "build").glob("2025/11/07/*1a2b3c4d/index.html"))
    assert "Мост освещают ночью." in page.read_text("utf-8")


def test_an_article_whose_day_comes_appears_with_every_page_that_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_sample_sources(tmp_path / "site")
    add_an_article(site)  # dated 2025-11-08
    memo = BuildMemo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762506000")  # 2025-11-07 23:00 at UTC+14
    waiting = build_site(options(site, site / "build", memo))
    assert [notice.path for notice in waiting.waiting] == ["seeds/009_9a9b9c9d9e9f9091.txt"]
    assert not (site / "build/2025/11/08").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762509600")  # 2025-11-08 00:00 at UTC+14
    come = build_site(options(site, site / "build", memo))  # no file changed
    assert come.waiting == ()
    shutil.rmtree(site / ".newsgen-cache")
    build_site(options(site, tmp_path / "fresh", None))
    assert tree_bytes(site / "build") == tree_bytes(tmp_path / "fresh")
    home = (site / "build/index.html").read_text("utf-8").replace("\xa0", " ")
    assert "В Алматы открыли новую библиотеку" in home


def test_sources_read_from_another_folder_render_nothing_again(tmp_path: Path) -> None:
    # A renamed source folder, or a CI checkout whose sources lie elsewhere: no page shows
    # where its source lies, so nothing is rendered or indexed again.
    site = write_sample_sources(tmp_path / "site")
    first = build_site(options(site, site / "build", None))
    before = tree_bytes(site / "build")
    moved = (site / "seeds").rename(tmp_path / "checkout")
    again = build_site(dataclasses.replace(options(site, site / "build", None), source_dir=moved))
    assert first.pages_rendered == first.pages > 0
    assert (again.pages_rendered, again.search, again.write.written) == (0, "kept", 0)
    assert tree_bytes(site / "build") == before


@pytest.mark.parametrize("memo", [BuildMemo(), None], ids=["serve", "command-line"])
def test_topic_feeds_of_whole_articles_follow_a_corrected_body(
    tmp_path: Path, memo: BuildMemo | None
) -> None:
    """With `topic_feed_content: true` a topic's feed carries whole articles: a corrected
    body must reach it, however the rebuild plans (`plan_again`, or the plan in full)."""
    site = write_sample_sources(tmp_path / "site")
    settings = site / "newsgen.yaml"
    settings.write_text(settings.read_text("utf-8") + "topic_feed_content: true\n", "utf-8")
    build_site(options(site, site / "build", memo))
    append_to_body(site)
    build_site(options(site, site / "build", memo))
    feed = (site / "build/topics/astana/feed.xml").read_text("utf-8")
    assert "Мост освещают ночью." in feed
    shutil.rmtree(site / ".newsgen-cache")
    build_site(options(site, tmp_path / "fresh", None))
    assert tree_bytes(site / "build") == tree_bytes(tmp_path / "fresh")
