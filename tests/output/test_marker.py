"""Which paths a marker may list: relative, inside the site, no control characters."""

from __future__ import annotations

import pytest

from newsgen.output.marker import is_plain_path

PLAIN = [
    "index.html",
    "2025/11/07/slug/index.html",
    "a/.well-known/x",
    "...",
    "a/..b/c",
    ".nojekyll",
]
NOT_PLAIN = [
    "", "/", "/etc/passwd", "a//b", "a/", ".", "..", "./a", "a/./b", "a/..", "../a",
    "a/../../b", "a\\b", "a\nb", "a\x00b", "a/b\x7f",
]  # fmt: skip


@pytest.mark.parametrize("path", PLAIN)
def test_plain_paths(path: str) -> None:
    assert is_plain_path(path)


@pytest.mark.parametrize("path", NOT_PLAIN)
def test_paths_that_could_lead_outside_or_mislead(path: str) -> None:
    assert not is_plain_path(path)
