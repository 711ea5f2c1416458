"""Which files under the source folder are sources, by the rule in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgen.sources.discover import find_sources, is_source_name


@pytest.mark.parametrize(
    ("name", "is_source"),
    [
        ("000_f2c8b14476094b1d.txt", True),
        ("article.md", True),
        ("article.markdown", True),
        ("UPPER.TXT", True),
        ("Article.MD", True),
        (".hidden.txt", False),
        (".article.md.swp", False),
        ("#article.md#", False),
        ("#draft.txt", False),
        ("article.md~", False),
        ("notes.txt~", False),
        ("notes.rst", False),
        ("photo.png", False),
        ("article.md.bak", False),
        ("README", False),
        ("txt", False),
    ],
    ids=[
        "seed",
        "markdown",
        "markdown-long-suffix",
        "upper-case-txt",
        "upper-case-md",
        "hidden",
        "vim-swap",
        "emacs-autosave",
        "hash-start",
        "backup-md",
        "backup-txt",
        "other-extension",
        "image",
        "bak",
        "no-extension",
        "bare-suffix-word",
    ],
)
def test_is_source_name(name: str, is_source: bool) -> None:
    assert is_source_name(name) is is_source


def touch(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_find_sources_applies_the_rule_everywhere(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "b.md",
        "a.txt",
        "2024/c.txt",
        "2024/articles/d.markdown",
        ".hidden.txt",
        "#autosave.md#",
        "backup.txt~",
        "notes.rst",
        "2024/photo.jpg",
        ".git/objects/e.txt",
        ".drafts/f.md",
        "#saves#/g.txt",
    )
    found = find_sources(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.paths] == [
        "2024/articles/d.markdown",
        "2024/c.txt",
        "a.txt",
        "b.md",
    ]
    # Files in hidden folders are not looked at, so not counted either.
    assert found.ignored == 5


def test_find_sources_is_sorted_by_path(tmp_path: Path) -> None:
    names = ["010_b.txt", "002_a.txt", "100_c.txt", "z/001.txt", "a/999.txt", "B.md"]
    touch(tmp_path, *names)
    paths = find_sources(tmp_path).paths
    assert list(paths) == sorted(tmp_path / name for name in names)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "002_a.txt",
        "010_b.txt",
        "100_c.txt",
        "B.md",
        "a/999.txt",
        "z/001.txt",
    ]


def test_a_folder_sorts_before_a_longer_name_it_begins(tmp_path: Path) -> None:
    """Part by part, as `Path`s sort: «a/…» before «a-b.txt», though "/" > "-" as text."""
    names = ["a-b.txt", "a/z.txt", "a.b/c.txt", "ab.txt"]
    touch(tmp_path, *names)
    assert list(find_sources(tmp_path).paths) == sorted(tmp_path / name for name in names)


def test_empty_folder(tmp_path: Path) -> None:
    found = find_sources(tmp_path)
    assert (found.paths, found.ignored) == ((), 0)
