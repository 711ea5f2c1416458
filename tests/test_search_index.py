"""The search index in the built site: what Pagefind indexes, when it runs, and without it.

What a reader finds with it (Russian stemming, filters) is tested in a real browser in
`test_browser.py`; here we read the bundle's files as Pagefind's script does.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path
from typing import Any

import cbor2
import pytest
from conftest import SAMPLE_TITLE, BuiltSite, MakeSite
from sitetools import newsgen, read_page, search_bundle, snapshot

from newsgen.build import SEARCH_LEFT_FOR_LATER, BuildOptions, build_site
from newsgen.config import load_config
from newsgen.pagefind_bundle import SIGNATURE
from newsgen.search_index import DAY_AND_SLUG
from newsgen.write import MARKER

SEED_TEXT = " date 2025-11-07 Мэр Казани открыл новую библиотеку. Мэр Казани выступил."


def decoded(data: bytes) -> bytes:
    raw = gzip.decompress(data)
    assert raw.startswith(SIGNATURE)
    return raw[len(SIGNATURE) :]


def fragments(build: Path) -> list[dict[str, Any]]:
    """Every indexed page as Pagefind's script gets it: url, content, meta, filters."""
    return [
        json.loads(decoded(path.read_bytes()))
        for path in sorted(build.glob("pagefind/*/fragment/*.pf_fragment"))
    ]


def test_every_article_and_nothing_else_is_indexed(sample_site: BuiltSite) -> None:
    pages = fragments(sample_site.build)
    articles = sorted(sample_site.build.glob(f"[0-9][0-9][0-9][0-9]/[0-9][0-9]/{DAY_AND_SLUG}"))
    assert sorted(page["url"] for page in pages) == sorted(
        "/" + path.parent.relative_to(sample_site.build).as_posix() + "/" for path in articles
    )


def test_only_the_headline_and_text_are_indexed(sample_site: BuiltSite) -> None:
    (seed,) = [page for page in fragments(sample_site.build) if SAMPLE_TITLE in str(page["meta"])]
    content = str(seed["content"])
    assert content.startswith(SAMPLE_TITLE)
    assert "Касым-Жомарт Токаев" in content
    for navigation in ("Перейти к содержанию", "Архив", "Похожие статьи", "Темы статьи"):
        assert navigation not in content
    assert seed["meta"] == {"title": SAMPLE_TITLE, "date": "7 ноября 2025"}
    filters = seed["filters"]
    assert isinstance(filters, dict)
    assert filters["year"] == ["2025"]
    assert {"Казахстан", "Касым-Жомарт Токаев", "Дональд Трамп"} <= set(filters["topic"])


def test_pagefinds_files_survive_a_cbor_round_trip(sample_site: BuiltSite) -> None:
    """What makes reordering the filters safe: cbor2 writes Pagefind's CBOR as it does."""
    bundle = sample_site.build / "pagefind"
    files = [*bundle.glob("*/filter/*.pf_filter"), *bundle.glob("*/*.pf_meta")]
    assert len(files) >= 2
    for path in files:
        data = decoded(path.read_bytes())
        assert cbor2.dumps(cbor2.loads(data)) == data, path


def test_a_rebuild_with_no_article_changed_keeps_the_index(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    first = newsgen("build", "--site", site, "--jobs", "1")
    assert "; search index indexed (1 of 1 parts); " in first.out, first.err
    before = snapshot(site / "build")
    second = newsgen("build", "--site", site, "--jobs", "1")
    assert "; search index kept; " in second.out
    assert snapshot(site / "build") == before


def test_every_page_but_the_search_page_has_the_header_search_box(
    sample_site: BuiltSite,
) -> None:
    pages = sorted(sample_site.build.rglob("*.html"))
    without_box = [
        path.relative_to(sample_site.build).as_posix()
        for path in pages
        if read_page(path).find(".//form[@class='site-search']") is None
    ]
    assert len(pages) > 20
    assert without_box == ["search/index.html"]  # its own form is the search box there


def test_no_search_leaves_out_the_page_the_box_and_the_index(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    assert search_bundle(site / "build")
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search")
    assert "; search index off; " in run.out
    build = site / "build"
    assert not search_bundle(build)
    assert not (build / "search").exists()
    assert read_page(build / "index.html").find(".//form") is None
    listed = (build / MARKER).read_text("utf-8")
    assert "pagefind/" not in listed and "search/" not in listed


def test_search_false_in_newsgen_yaml_is_the_same(make_site: MakeSite, tmp_path: Path) -> None:
    files = {"seeds/001_00000000000000aa.txt": SEED_TEXT, "newsgen.yaml": "search: false\n"}
    site = make_site(tmp_path, files)
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    assert not (site / "build/pagefind").exists()
    assert not (site / "build/search").exists()


def test_a_site_without_articles_has_no_index(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(tmp_path, {"seeds/.keep": ""})
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert "; search index not made (no articles); " in run.out, run.err
    assert (site / "build/search/index.html").is_file()


def test_without_pagefind_the_build_says_so_and_keeps_the_site(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    before = snapshot(site / "build")
    (site / "seeds/002_00000000000000bb.txt").write_text(" date 2025-11-08 Ещё новость.")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 2
    assert "cannot run Pagefind" in run.err and "--no-search" in run.err
    assert snapshot(site / "build") == before


def test_pagefind_is_the_packaged_program() -> None:
    """No download at build time: the program comes inside the pagefind-bin package."""
    from pagefind.service import get_executable

    executable = get_executable()
    assert executable is not None and "site-packages" in str(executable)
    version = subprocess.run([str(executable), "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("pagefind 1.5")


def test_another_pagefind_program_indexes_every_part_again(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pagefind.service import get_executable

    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(f'#!/bin/sh\nexec "{get_executable()}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert "; search index indexed (1 of 1 parts); " in run.out, run.err
    assert "; search index kept; " in newsgen("build", "--site", site, "--jobs", "1").out


def later_options(site: Path, cache: bool) -> BuildOptions:
    """A rebuild as `newsgen serve` makes one: the search index may be left for later."""
    return BuildOptions(
        site_root=site,
        source_dir=site / "seeds",
        output_dir=site / "build",
        config=load_config(None),
        jobs=1,
        cache_dir=site / ".newsgen-cache" if cache else None,
        search_later=True,
    )


@pytest.mark.parametrize(
    ("cache", "expected"), [(True, SEARCH_LEFT_FOR_LATER), (False, "indexed (1 of 1 parts)")]
)
def test_an_edit_leaves_the_index_for_later_only_when_a_part_was_kept(
    make_site: MakeSite, tmp_path: Path, cache: bool, expected: str
) -> None:
    """Without a cache nothing can be kept: the part is indexed at once, and only once."""
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    (site / "seeds/001_00000000000000aa.txt").write_text(SEED_TEXT + " Дополнено.")
    assert build_site(later_options(site, cache)).search == expected
