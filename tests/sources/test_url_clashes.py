"""Articles whose URLs would be one file on some file system."""

from __future__ import annotations

import pytest

from newsgen.sources.url_clashes import folded_path


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
