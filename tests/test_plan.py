"""The plan stage's own checks on the pages it gives."""

from __future__ import annotations

import pytest

from newsgen.errors import OutputError
from newsgen.plan.pages import NotFoundContext, Page, RobotsContext
from newsgen.plan.site import check_unique_paths


def test_pages_whose_paths_differ_only_in_case_are_refused() -> None:
    pages = [
        Page("topics/Astana/index.html", RobotsContext(), ("seeds/a.md",)),
        Page("topics/astana/index.html", RobotsContext(), ("seeds/b.md",)),
    ]
    with pytest.raises(OutputError) as raised:
        check_unique_paths(pages)
    assert str(raised.value) == (
        "two pages on one path 'topics/Astana/index.html' and 'topics/astana/index.html' "
        "(one on macOS or Windows): seeds/a.md and seeds/b.md"
    )


def test_pages_on_one_path_are_refused() -> None:
    pages = [Page("404.html", NotFoundContext()), Page("404.html", NotFoundContext())]
    with pytest.raises(
        OutputError, match=r"^two pages on one path '404\.html': 404\.html and 404\.html$"
    ):
        check_unique_paths(pages)
