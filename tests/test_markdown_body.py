"""Markdown bodies to safe HTML, and the plain text of each block for summaries."""

from __future__ import annotations

import pytest

from newsgen.markdown_body import html_paragraphs, render_markdown


@pytest.mark.parametrize(
    ("markdown", "paragraphs"),
    [
        ("Он сказал **важное**.", ["Он сказал важное."]),
        ("Ссылка [тут](https://example.org), и *курсив*: да", ["Ссылка тут, и курсив: да"]),
        ("H<sub>2</sub>O и E=mc<sup>2</sup>", ["H2O и E=mc2"]),
        ("Код `x = 1`.", ["Код x = 1."]),
        ("строка<br>вторая", ["строка вторая"]),
        ("Первый.\n\nВторой &amp; третий.", ["Первый.", "Второй & третий."]),
        ("# Заголовок\n\nТекст.", ["Заголовок", "Текст."]),
        ("- один\n- два", ["один", "два"]),
        ("| a | b |\n|---|---|\n| c | d |", ["a b", "c d"]),
        ("<!-- комментарий -->", []),
    ],
    ids=[
        "strong-before-period",
        "link-and-emphasis-before-punctuation",
        "sub-and-sup-inside-words",
        "code",
        "line-break-is-a-space",
        "paragraphs-and-entities",
        "heading",
        "list-items",
        "table-cells",
        "only-a-comment",
    ],
)
def test_html_paragraphs(markdown: str, paragraphs: list[str]) -> None:
    assert html_paragraphs(render_markdown(markdown)) == paragraphs


def test_render_markdown_keeps_safe_markup() -> None:
    assert render_markdown("Текст *статьи* и [ссылка](https://example.org/a?b=1&c=2).") == (
        '<p>Текст <em>статьи</em> и <a href="https://example.org/a?b=1&amp;c=2" '
        'rel="noopener noreferrer">ссылка</a>.</p>'
    )


def test_render_markdown_removes_scripts_handlers_and_javascript_links() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src="a.png" onerror="alert(2)">\n\n'
        "[x](javascript:alert(3))"
    )
    assert "alert" not in html
    assert '<img src="a.png">' in html
    assert '<a rel="noopener noreferrer">x</a>' in html
