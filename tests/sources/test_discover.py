"""Which files under the source folder are sources, by the rule in the README."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgen.sources.discover import find_sources, is_source_name, updated_sources


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
        ".hidden.jpg",
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
    # Images are found for the articles that show them; hidden ones are not.
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.media] == ["2024/photo.jpg"]
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


# Changes to a source folder, each giving the paths it changed (relative to the folder),
# as the operating system names them to `newsgen serve`.


def source_added(folder: Path) -> list[str]:
    touch(folder, "2024/new.txt")
    return ["2024/new.txt"]


def source_saved(folder: Path) -> list[str]:
    (folder / "a.txt").write_text("a longer text", encoding="utf-8")
    return ["a.txt"]


def source_removed(folder: Path) -> list[str]:
    (folder / "b.md").unlink()
    return ["b.md"]


def other_file_added(folder: Path) -> list[str]:
    touch(folder, "photo.jpg")
    return ["photo.jpg"]


def editor_files(folder: Path) -> list[str]:
    names = [".a.txt.swp", "a.txt~", "#a.txt#"]
    touch(folder, *names)
    return names


def editor_file_gone(folder: Path) -> list[str]:
    (folder / "backup.txt~").unlink()
    return ["backup.txt~"]


def written_and_renamed_over(folder: Path) -> list[str]:
    touch(folder, "a.txt.tmp")
    (folder / "a.txt.tmp").replace(folder / "a.txt")
    return ["a.txt.tmp", "a.txt"]


def made_and_removed(folder: Path) -> list[str]:
    touch(folder, "4913")  # what vim writes to see whether it may write in a folder
    (folder / "4913").unlink()
    return ["4913"]


def folder_moved_in(folder: Path) -> list[str]:
    touch(folder.parent / "elsewhere", "1.txt", "2.md", "n.rst")
    (folder.parent / "elsewhere").rename(folder / "2025")
    return ["2025"]


def folder_renamed(folder: Path) -> list[str]:
    (folder / "2024").rename(folder / "2023")
    return ["2024", "2023"]


def folder_removed(folder: Path) -> list[str]:
    shutil.rmtree(folder / "2024")
    return ["2024"]


def in_a_hidden_folder(folder: Path) -> list[str]:
    touch(folder, ".drafts/new.txt")
    return [".drafts/new.txt"]


def link_to_a_folder(folder: Path) -> list[str]:
    (folder / "mirror").symlink_to(folder / "2024")
    return ["mirror"]


def link_to_a_file(folder: Path) -> list[str]:
    (folder / "same.txt").symlink_to(folder / "a.txt")
    return ["same.txt"]


def dangling_link(folder: Path) -> list[str]:
    (folder / "lost.txt").symlink_to(folder / "nowhere.txt")
    return ["lost.txt"]


CHANGES: list[Callable[[Path], list[str]]] = [
    source_added,
    source_saved,
    source_removed,
    other_file_added,
    editor_files,
    editor_file_gone,
    written_and_renamed_over,
    made_and_removed,
    folder_moved_in,
    folder_renamed,
    folder_removed,
    in_a_hidden_folder,
    link_to_a_folder,
    link_to_a_file,
    dangling_link,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_looking_at_the_changed_paths_finds_what_looking_at_every_file_does(
    tmp_path: Path, change: Callable[[Path], list[str]]
) -> None:
    folder = tmp_path / "seeds"
    touch(folder, "a.txt", "b.md", "backup.txt~", "notes.rst", "2024/c.txt", "2024/d/e.md")
    last = find_sources(folder)
    changed = [str(folder / path) for path in change(folder)]
    assert updated_sources(last, folder, changed) == find_sources(folder)


def test_the_changes_may_be_named_under_a_relative_source_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path / "seeds", "a.txt")
    monkeypatch.chdir(tmp_path)  # `newsgen serve` in the site: `seeds` as a relative path
    last = find_sources(Path("seeds"))
    touch(tmp_path / "seeds", "b.txt")
    found = updated_sources(last, Path("seeds"), [str(tmp_path / "seeds/b.txt")])
    assert found == find_sources(Path("seeds"))
    assert found.paths == (Path("seeds/a.txt"), Path("seeds/b.txt"))
