"""Markdown bodies to safe HTML, and the plain text of each block for summaries."""

from __future__ import annotations

import pytest

from newsgen.sources.markdown_body import html_paragraphs, render_markdown


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


@pytest.mark.parametrize(
    "reference",
    [
        "&#x10;",
        "&#1",
        "&#x1B;",
        "&#x7F;",
        "&#0;",
        "&#xD800;",
        "&#x110000;",
        "&#xFFFE;",
        "&#xFDD0;",
        "&#x1FFFF;",
    ],
    ids=[
        "control",
        "control-without-semicolon",
        "escape",
        "delete",
        "nul",
        "surrogate",
        "beyond-unicode",
        "noncharacter-fffe",
        "noncharacter-fdd0",
        "noncharacter-plane-1",
    ],
)
def test_references_to_characters_no_page_may_hold_become_replacement_characters(
    reference: str,
) -> None:
    # Decoded as written, `&#x10;` put a raw U+0010 into the feed, which no XML parser reads.
    html = render_markdown(f"до {reference} после, в ссылке [x](https://example.org/{reference})")
    assert html == (
        '<p>до \ufffd после, в ссылке <a href="https://example.org/\ufffd" '
        'rel="noopener noreferrer">x</a></p>'
    )


def test_references_to_allowed_characters_are_kept() -> None:
    # HTML reads &#128; as the Windows-1252 euro sign; a reference in code stays as written.
    assert render_markdown("&#128; &#x41; `&#x10;`") == "<p>€ A <code>&amp;#x10;</code></p>"
