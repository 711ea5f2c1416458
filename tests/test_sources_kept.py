"""A build keeps what it read for the next (`.newsgen-cache/sources.sqlite`): an unchanged
source is not read again, and the site is the one a fresh build makes."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from conftest import write_sample_sources
from sitetools import tree_bytes

from newsgen.build import BuildOptions, build_site
from newsgen.build_report import BuildReport
from newsgen.config import load_config
from newsgen.errors import SourcesInvalid

SEED = "001_1a2b3c4d5e6f7081.txt"
KEPT = Path(".newsgen-cache") / "sources.sqlite"


def options(site: Path, source: Path | None = None, output: str = "build") -> BuildOptions:
    config = dataclasses.replace(load_config(site / "newsgen.yaml"), search=False)
    return BuildOptions(
        site_root=site,
        source_dir=source or site / "seeds",
        output_dir=site / output,
        config=config,
        jobs=1,
        cache_dir=site / ".newsgen-cache",
    )


def build(site: Path, source: Path | None = None, output: str = "build") -> BuildReport:
    return build_site(options(site, source, output))


def test_an_unchanged_archive_is_not_read_again_and_builds_the_same_site(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    first = build(site)
    again = build(site, output="again")
    assert first.sources_read >= 9  # every article, draft and bad file (not other files)
    assert again.sources_read == 0
    assert tree_bytes(site / "again") == tree_bytes(site / "build")


def test_an_edited_source_is_read_again_and_its_change_shows(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    seed = site / "seeds" / SEED
    seed.write_text(seed.read_text("utf-8").replace("мост", "тоннель", 1), "utf-8")
    again = build(site)
    assert again.sources_read == 1
    fresh = tmp_path / "fresh"
    write_sample_sources(fresh)
    (fresh / "seeds" / SEED).write_text(seed.read_text("utf-8"), "utf-8")
    build(fresh)
    assert tree_bytes(site / "build") == tree_bytes(fresh / "build")


def test_sources_read_from_another_folder_are_still_known(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    build(site)
    moved = (site / "seeds").rename(tmp_path / "checkout")
    assert build(site, source=moved).sources_read == 0


def test_a_bad_source_is_reported_the_same_by_the_next_build(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    (site / "seeds" / "bad.txt").write_text(" date 2025-13-40 Заголовок\n", "utf-8")
    problems = []
    for _ in range(2):
        try:
            build(site)
        except SourcesInvalid as invalid:
            problems.append([str(problem) for problem in invalid.problems])
    assert len(problems) == 2 and problems[0] == problems[1]
    assert problems[0][0].startswith("seeds/bad.txt:1: ")


def test_a_removed_source_is_forgotten(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    first = build(site)
    (site / "seeds" / SEED).unlink()
    build(site)
    with sqlite3.connect(site / KEPT) as connection:
        kept = {path for (path,) in connection.execute("SELECT path FROM files")}
    assert SEED not in kept and len(kept) == first.sources_read - 1


def test_a_damaged_memo_only_costs_time(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    first = build(site)
    (site / KEPT).write_bytes(b"not a database" * 100)
    assert build(site, output="again").sources_read == first.sources_read
    assert tree_bytes(site / "again") == tree_bytes(site / "build")
    assert build(site).sources_read == 0  # a new memo was kept


def test_the_memo_holds_plain_json_not_code(tmp_path: Path) -> None:
    # A cache copied between CI runs must not be able to run code when read (no pickle).
    site = write_sample_sources(tmp_path / "site")
    build(site)
    with sqlite3.connect(site / KEPT) as connection:
        outcomes = [json.loads(row) for (row,) in connection.execute("SELECT outcome FROM files")]
    assert outcomes and all(isinstance(outcome, dict) for outcome in outcomes)


def test_another_size_limit_reads_every_source_again(tmp_path: Path) -> None:
    site = write_sample_sources(tmp_path / "site")
    first = build(site)
    usual = options(site)
    larger = dataclasses.replace(usual.config, max_source_kb=usual.config.max_source_kb + 1)
    assert build_site(dataclasses.replace(usual, config=larger)).sources_read == first.sources_read
