"""Rendering Markdown article bodies to HTML that is safe to put on a page."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.extensions import Extension

from newsgen.characters import replace_control_characters
from newsgen.sources.markdown_bounds import LinearLinks, restore_open_tags, without_open_tags

_EXTENSIONS = ["extra", "sane_lists"]
_TAG = re.compile(r"<[^>]+>")
# Inline markup is inside a word or before its punctuation: removed without a space.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|u|var)"
    r"(?:\s[^>]*)?>"
)
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|pre|tr)>")


_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")


def render_markdown(body: str) -> str:
    """Give sanitised HTML for a Markdown body: no script, handlers or `javascript:` links."""
    raw = markdown_html(body)
    # The sanitiser decodes character references: `&#x10;` would become a raw control
    # character that no XML parser accepts in a feed. HTML reads `&#0;` as U+FFFD: so do we.
    clean = replace_control_characters(nh3.clean(raw, link_rel="noopener noreferrer"))
    # The page's one h1 is the article's title: the body's headings sit one level below it.
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", clean)


def markdown_html(body: str) -> str:
    """Give Python-Markdown's HTML for `body`, unsanitised, in time linear in its length."""
    # Python-Markdown's time on a few hostile shapes grows with the square of their length:
    # markdown_bounds keeps it linear, giving the same HTML.
    guarded = without_open_tags(body)
    extensions: list[str | Extension] = [*_EXTENSIONS, LinearLinks()]
    raw = markdown.markdown(guarded or body, extensions=extensions, output_format="html")
    return restore_open_tags(raw) if guarded else raw


def html_paragraphs(body_html: str) -> list[str]:
    """Give the plain text of each block of `body_html`, for summaries and word counts."""
    blocks = _BLOCK_END.split(body_html)
    texts = (html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", block))) for block in blocks)
    return [" ".join(text.split()) for text in texts if text.strip()]
