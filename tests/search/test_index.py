"""The search index in the built site: what Pagefind indexes, when it runs, and without it.

What a reader finds with it (Russian stemming, filters) is tested in a real browser in
`test_browser.py`; here we read the bundle's files as Pagefind's script does.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import cbor2
import pytest
from conftest import SAMPLE_TITLE, BuiltSite, MakeSite
from sitetools import article_pages, newsgen, read_page, search_bundle, snapshot

from newsgen.build import BuildOptions, build_site
from newsgen.config import load_config
from newsgen.output.marker import MARKER
from newsgen.plan.search_parts import SearchPart
from newsgen.search.bundle import SIGNATURE
from newsgen.search.index import index_pages
from newsgen.search.stage import SEARCH_LEFT_FOR_LATER
from newsgen.urls import ARTICLE_PAGES

SEED_TEXT = " date 2025-11-07 Мэр Казани открыл новую библиотеку. Мэр Казани выступил."
# Eight articles on eight days of one month: eight folders a file system may list in any order.
NOVEMBER = {
    f"seeds/00{day}_00000000000000{day}{day}.txt": (
        f" date 2025-11-1{day} Новость номер {day} о библиотеке в Казани.\n\n"
        f"Читатели пришли в библиотеку {day} ноября."
    )
    for day in range(1, 9)
}


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
    articles = sorted(sample_site.build.glob(ARTICLE_PAGES))
    assert sorted(page["url"] for page in pages) == sorted(
        "/" + path.parent.relative_to(sample_site.build).as_posix() + "/" for path in articles
    )


def test_only_the_headline_and_text_are_indexed(sample_site: BuiltSite) -> None:
    def plain(text: object) -> str:  # the page's typography: no-break spaces
        return str(text).replace("\xa0", " ")

    (seed,) = [
        page
        for page in fragments(sample_site.build)
        if plain(page["meta"]["title"]) == SAMPLE_TITLE
    ]
    content = plain(seed["content"])
    assert content.startswith(SAMPLE_TITLE)
    assert "Касым-Жомарт Токаев" in content
    for navigation in ("Перейти к содержанию", "Архив", "Похожие статьи", "Темы статьи"):
        assert navigation not in content
    meta = {key: plain(value) for key, value in seed["meta"].items()}
    assert meta.pop("summary").startswith("«Я только что провел")  # shown, not searched
    assert meta == {"title": SAMPLE_TITLE, "date": "7 ноября 2025"}
    assert content.count("«Я только что провел") == 1  # the body's, not the summary's
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
    assert first.built.search == "indexed (1 of 1 part)", first.err
    before = snapshot(site / "build")
    second = newsgen("build", "--site", site, "--jobs", "1")
    assert second.built.search == "kept"
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
    assert run.built.search == "off"
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
    assert run.built.search == "not made (no articles)", run.err
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


def test_a_failing_pagefind_is_reported_with_what_it_said(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    failing = tmp_path / "failing-pagefind"
    failing.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 101\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code != 0
    assert run.err_lines[:2] == ["Pagefind failed to index the site:", "out of memory"], run.err
    assert not (site / "build").exists()


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
    assert run.built.search == "indexed (1 of 1 part)", run.err
    assert newsgen("build", "--site", site, "--jobs", "1").built.search == "kept"


def test_a_part_indexed_with_pages_in_another_order_is_indexed_again(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site indexed by a newsgen that let Pagefind walk the folder gets the stable index."""
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    monkeypatch.setattr("newsgen.search.index.PAGE_ORDER", "the file system's")
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    monkeypatch.undo()
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.built.search == "indexed (1 of 1 part)", run.err
    assert newsgen("build", "--site", site, "--jobs", "1").built.search == "kept"


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
    ("cache", "expected"), [(True, SEARCH_LEFT_FOR_LATER), (False, "indexed (1 of 1 part)")]
)
def test_an_edit_leaves_the_index_for_later_only_when_a_part_was_kept(
    make_site: MakeSite, tmp_path: Path, cache: bool, expected: str
) -> None:
    """Without a cache nothing can be kept: the part is indexed at once, and only once."""
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": SEED_TEXT})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    (site / "seeds/001_00000000000000aa.txt").write_text(SEED_TEXT + " Дополнено.")
    assert build_site(later_options(site, cache)).search == expected


def other_file_system(tmp_path: Path) -> contextlib.AbstractContextManager[str]:
    """A temporary folder on tmpfs (/dev/shm) when there is one beside `tmp_path`'s file system.

    tmpfs lists a folder in the order its files were made; ext4 in an order of hashes of
    the names, with a seed of its own. The same pages are then listed in other orders.
    """
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != tmp_path.stat().st_dev:
        return tempfile.TemporaryDirectory(dir=shm, prefix="newsgen-test-")
    return tempfile.TemporaryDirectory(dir=tmp_path)


def listing_order(folder: Path) -> list[str]:
    """The files under `folder` in the order the file system lists them (a walk, no sorting)."""
    return [
        os.path.relpath(os.path.join(parent, name), folder)
        for parent, _, names in os.walk(folder)
        for name in names
    ]


def pages_written_in_order(folder: Path, pages: dict[str, bytes], order: Sequence[str]) -> Path:
    for relative in order:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(pages[relative])
    return folder


@contextlib.contextmanager
def pages_in_three_listing_orders(tmp_path: Path, pages: dict[str, bytes]) -> Iterator[list[Path]]:
    """The pages made in name order, in reverse, and in reverse on another file system."""
    forward, backward = sorted(pages), sorted(pages, reverse=True)
    with other_file_system(tmp_path) as other:
        yield [
            pages_written_in_order(tmp_path / "forward", pages, forward),
            pages_written_in_order(tmp_path / "backward", pages, backward),
            pages_written_in_order(Path(other), pages, backward),
        ]


def test_the_index_is_the_same_whatever_order_a_folder_lists_its_pages_in(
    make_site: MakeSite, tmp_path: Path
) -> None:
    """Pagefind numbers pages in the order it is given them, and the numbers are in its files."""
    site = make_site(tmp_path / "site", NOVEMBER)
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    build = site / "build"
    pages = {path.relative_to(build).as_posix(): path.read_bytes() for path in article_pages(build)}
    with pages_in_three_listing_orders(tmp_path, pages) as folders:
        orders = {tuple(listing_order(folder)) for folder in folders}
        assert len(orders) > 1, "no two folders here list the pages in different orders"
        bundles = [index_pages(folder, "ru", SearchPart(("2025/11",))) for folder in folders]
    assert bundles[1] == bundles[0]
    assert bundles[2] == bundles[0]


def test_a_site_built_on_two_file_systems_is_the_same_byte_for_byte(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", NOVEMBER)
    with other_file_system(tmp_path) as other:
        outputs = [site / "build", Path(other) / "build"]
        for output in outputs:
            run = newsgen("build", "--site", site, "--output", output, "--jobs", "1")
            assert run.code == 0, run.err
        first, second = ({p: s.data for p, s in snapshot(out).items()} for out in outputs)
    assert search_bundle(outputs[0])  # (read before the second folder went)
    assert sorted(second) == sorted(first)
    assert [path for path in first if first[path] != second[path]] == []
