"""Python-Markdown on hostile input: linear time, and the HTML it gives anyway."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.sources import markdown_bounds as markdown_bounds
from newsgen.sources.markdown_body import _EXTENSIONS, markdown_html, render_markdown


def plain_markdown(body: str) -> str:
    return markdown.markdown(body, extensions=_EXTENSIONS, output_format="html")


# Text made of what links, images, titles, tags and code are made of.
hostile = st.text(alphabet="[]()<>\"'!*`\\ a:/\n-", max_size=60)


@settings(max_examples=400, deadline=None)
@given(hostile)
def test_the_html_is_python_markdowns_own(body: str) -> None:
    assert markdown_html(body) == plain_markdown(body)


@settings(max_examples=400, deadline=None)
@given(hostile)
def test_the_html_is_python_markdowns_own_when_brackets_are_looked_up(body: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_bounds, "_NEAR", 2)  # every `[` past 2 characters looked up
        assert markdown_html(body) == plain_markdown(body)


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("[" * 200_000, "[" * 200_000),
        ("![" * 100_000, "![" * 100_000),
        ("*[" * 100_000, "<em>[</em>[" * 50_000),
        ("[](" * 70_000, "[](" * 70_000),
        ("[" * 100_000 + "]" * 100_000, "[" * 100_000 + "]" * 100_000),
        ("<a " * 70_000, "&lt;a " * 70_000),
        ("<http://" * 25_000, "&lt;http://" * 25_000),
    ],
    ids=["brackets", "images", "star-brackets", "links", "nested", "tags", "autolinks"],
)
def test_hostile_shapes_render_as_their_text(body: str, shown: str) -> None:
    # Each took Python-Markdown minutes to hours (16,000 `[`: 66 s, growing as the square).
    assert render_markdown(body) == f"<p>{shown}</p>"
