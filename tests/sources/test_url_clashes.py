"""Articles whose URLs would be one file on some file system."""

from __future__ import annotations

import dataclasses

import pytest
from sitetools import make_article

from newsgen.by_record import ByRecord
from newsgen.records import Article
from newsgen.sources.url_clashes import folded_path, url_clashes


@pytest.mark.parametrize(
    ("first", "second"),
    [("2025/11/07/Foo/", "2025/11/07/foo/"), ("й", "и\u0306"), ("Й", "и\u0306"), ("ß", "SS")],
    ids=["case", "composed-and-decomposed", "case-and-form", "sharp-s"],
)
def test_paths_one_file_on_macos_or_windows_fold_alike(first: str, second: str) -> None:
    assert folded_path(first) == folded_path(second)


def test_different_letters_stay_apart() -> None:
    assert folded_path("2025/11/07/и/") != folded_path("2025/11/07/й/")
    assert folded_path("e") != folded_path("é")


def test_a_process_that_remembers_urls_finds_a_new_clash_with_an_old_article() -> None:
    known: ByRecord[Article, str] = ByRecord()
    first, second = make_article(1), make_article(2)
    assert url_clashes([first, second], known) == []
    same_slug = dataclasses.replace(second, slug=first.slug.upper())
    clashes = url_clashes([first, same_slug], known)
    assert [(clash.path, clash.line) for clash in clashes] == [
        (first.source_path, first.slug_line),
        (same_slug.source_path, same_slug.slug_line),
    ]
