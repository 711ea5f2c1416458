"""Splitting the search index into parts of consecutive months."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeSite
from sitetools import newsgen, snapshot, tree_bytes

from newsgen.plan.search_parts import SearchPart, plan_parts

MONTHS = [("2024/01", 3), ("2024/02", 1), ("2024/03", 4), ("2025/01", 2), ("2025/02", 1)]


def test_months_are_grouped_oldest_first_up_to_the_size() -> None:
    assert plan_parts(MONTHS, 4) == [
        SearchPart(("2024/01", "2024/02")),
        SearchPart(("2024/03",)),
        SearchPart(("2025/01", "2025/02")),
    ]


def test_one_part_holds_everything_under_the_size() -> None:
    (part,) = plan_parts(MONTHS, 5000)
    assert (part.name, part.first_year, part.last_year) == ("2024-01", 2024, 2025)


def test_a_month_above_the_size_is_a_part_of_its_own() -> None:
    assert plan_parts([("2024/01", 9), ("2024/02", 1)], 4) == [
        SearchPart(("2024/01",)),
        SearchPart(("2024/02",)),
    ]


def test_new_articles_move_only_the_newest_part() -> None:
    before = plan_parts(MONTHS, 4)
    after = plan_parts([*MONTHS[:-1], ("2025/02", 2), ("2025/03", 5)], 4)
    assert after[:2] == before[:2]


def test_no_months_no_parts() -> None:
    assert plan_parts([], 10) == []


def seed(date: str, text: str) -> str:
    return f" date {date} {text}"


SOURCES = {
    "newsgen.yaml": "search_part_size: 2\nfind_topics: false\n",
    "seeds/001_00000000000000aa.txt": seed("2024-01-05", "Январская новость о мосте."),
    "seeds/002_00000000000000bb.txt": seed("2024-01-20", "Ещё январская новость."),
    "seeds/003_00000000000000cc.txt": seed("2024-03-01", "Мартовская новость о театре."),
    "seeds/004_00000000000000dd.txt": seed("2025-02-11", "Февральская новость о мосте."),
}


def test_each_part_has_its_bundle_and_a_change_indexes_only_its_part(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, SOURCES)
    first = newsgen("build", "--site", site, "--jobs", "1")
    assert first.built.search == "indexed (2 of 2 parts)", first.err
    build = site / "build"
    parts = sorted(p.parent.name for p in build.glob("pagefind/*/pagefind-entry.json"))
    assert parts == ["2024-01", "2024-03"]
    before = snapshot(build)
    source = site / "seeds/003_00000000000000cc.txt"
    source.write_text(seed("2024-03-01", "Мартовская новость о новом театре."), encoding="utf-8")
    second = newsgen("build", "--site", site, "--jobs", "1")
    assert second.built.search == "indexed (1 of 2 parts)", second.err
    after = snapshot(build)
    old_part = {path for path in before if path.startswith("pagefind/2024-01/")}
    assert old_part and all(after[path] == before[path] for path in old_part)


@pytest.mark.parametrize("size, parts", [(2, 2), (1, 3)], ids=["as-many-as-jobs", "more"])
def test_parts_indexed_at_once_give_the_bundles_made_one_by_one(
    make_site: MakeSite, tmp_path: Path, size: int, parts: int
) -> None:
    """With two jobs two Pagefind programs index two parts side by side: same files."""
    sources = {**SOURCES, "newsgen.yaml": f"search_part_size: {size}\nfind_topics: false\n"}
    sites = [make_site(tmp_path / name, sources) for name in ("one", "two")]
    one_by_one = newsgen("build", "--site", sites[0], "--jobs", "1")
    at_once = newsgen("build", "--site", sites[1], "--jobs", "2")
    said = f"indexed ({parts} of {parts} parts)"
    assert at_once.built.search == one_by_one.built.search == said
    assert tree_bytes(sites[1] / "build") == tree_bytes(sites[0] / "build")
