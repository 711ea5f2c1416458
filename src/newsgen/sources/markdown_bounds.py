"""Keeping Python-Markdown's time in proportion to the text on hostile input.

Python-Markdown 3.11 takes time that grows with the square of a paragraph's length on
a few shapes no article has (measured on 16,000 characters; 100,000 `[` took 16 minutes):

- every `[` (of `[`, `![`, `*[`) is matched by scanning on for its `]`: an unclosed one
  scans to the paragraph's end, once per `[` and link pattern (66 s);
- every `](` is matched by scanning on for its `)`: an unclosed one scans to the end (7 s)
  (a quote after it starts a title, which Python-Markdown reads in its own odd way: then
  it still scans);
- every `<` before a letter is tried as a tag by the standard library's HTML parser, which
  scans to the document's end when no `>` follows (`<a ` repeated: 6 s; `<http://`: 1 s).

Both fixes give the HTML Python-Markdown gives, byte for byte: the brackets are matched
once per text instead of once per `[`, with the same counting rule, and a `<` after the
document's last `>` (literal text whatever surrounds it: no tag, comment, autolink or
`<url>` can close) reaches Python-Markdown as a stand-in it leaves alone, made `&lt;`,
which is what Markdown writes for it in text and code alike, afterwards.
"""

from __future__ import annotations

import re
import types
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

# A private-use character: no article holds one (a body that does is left as it is).
_LITERAL_LT = "\ue000"
_BRACKET = re.compile(r"[\[\]]")
# Python-Markdown copies a paragraph's text once per link or emphasis it finds in it: a
# 1 MB paragraph of `*a* ` took 48 s, the same in paragraphs of 50,000 characters 15 s.
MAX_BLOCK_CHARS = 50_000
_NEAR = 1000  # characters a link's `]` is looked for in before its `[` is looked up


def longest_block(body: str) -> tuple[int, int]:
    """Give the first line and the length of the longest run of non-blank lines of `body`."""
    longest, longest_line = 0, 1
    length, first_line = 0, 1
    for number, line in enumerate(body.split("\n"), start=1):
        if not line.strip():
            length = 0
            continue
        if length == 0:
            first_line = number
        length += len(line) + 1
        if length > longest:
            longest, longest_line = length, first_line
    return longest_line, longest


def without_open_tags(body: str) -> str | None:
    """Give `body` with each `<` after its last `>` made a stand-in; None when none is."""
    last_close = body.rfind(">")
    if _LITERAL_LT in body or body.find("<", last_close + 1) < 0:
        return None
    tail = body[last_close + 1 :].replace("<", _LITERAL_LT)
    return body[: last_close + 1] + tail


def restore_open_tags(html: str) -> str:
    """Give the HTML with each stand-in written as Markdown writes a literal `<`."""
    return html.replace(_LITERAL_LT, "&lt;")


class LinearLinks(Extension):
    """Link patterns that find the `]` and `)` closing a `[` and `(` in linear time."""

    def extendMarkdown(self, md: Markdown) -> None:
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                _make_linear(processor)


def _make_linear(processor: LinkInlineProcessor) -> None:
    scanned_get_link = processor.getLink
    matches = _BracketMatches()

    def get_text(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
        close = _first_closing_bracket(data, index)
        if close is None and data[index - 1 : index] == "[":
            close = matches.closing(data, index - 1)
        elif close is None:
            close = _closing_bracket(data, index)
        if close is None:
            # Unclosed: every caller drops the text (copying it would cost its length).
            return "", len(data), False
        return data[index:close], close + 1, True

    def get_link(self: LinkInlineProcessor, data: str, index: int) -> Any:
        if matches.never_closes_link(data, index):
            return "", None, index, False
        return scanned_get_link(data, index)

    processor.getText = types.MethodType(get_text, processor)  # type: ignore[method-assign]
    processor.getLink = types.MethodType(get_link, processor)  # type: ignore[method-assign]


class _BracketMatches:
    """What decides the links of the last text asked about, found in one pass over it.

    Python-Markdown counts every `[` and `]` after a `[` until the count closes: that is the
    `]` a stack pairs with it. Inline patterns ask about one text many times over (it
    changes only when a pattern matches), so the answers are kept for the latest text.
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._closing: dict[int, int] | None = None
        self._last_bracket: int | None = None
        self._last_close: int | None = None
        self._quote_before_last_open: int | None = None

    def closing(self, text: str, opening: int) -> int | None:
        """Where the `]` pairing with the `[` at `opening` stands, or None when unclosed."""
        self._forget_unless(text)
        if self._last_bracket is None:
            self._last_bracket = text.rfind("]")
        if self._last_bracket < opening:
            return None
        if self._closing is None:
            self._closing = _bracket_pairs(text)
        return self._closing.get(opening)

    def never_closes_link(self, text: str, index: int) -> bool:
        """Whether Python-Markdown's scan for the `)` of a link from `index` surely fails.

        It ends on a `)`, or on a `(` after a quote (a title): with neither after `index`,
        the scan runs to the text's end for nothing.
        """
        self._forget_unless(text)
        if self._last_close is None:
            self._last_close = text.rfind(")")
        if self._last_close >= index:
            return False
        if self._quote_before_last_open is None:
            last_open = text.rfind("(")
            quotes = [text.rfind(quote, 0, last_open) for quote in "\"'" if last_open >= 0]
            self._quote_before_last_open = max(quotes, default=-1)
        return self._quote_before_last_open < index

    def _forget_unless(self, text: str) -> None:
        if text is not self._text:
            self._text, self._closing = text, None
            self._last_bracket = self._last_close = self._quote_before_last_open = None


def _first_closing_bracket(text: str, index: int) -> int | None:
    """The first `]` after `index` when it closes the `[` before: no `[` in between.

    A link's text mostly holds no brackets: this answers without counting them all.
    """
    close = text.find("]", index, index + _NEAR)
    return close if close >= 0 and text.find("[", index, close) < 0 else None


def _closing_bracket(text: str, index: int) -> int | None:
    """Where the `]` closing a `[` just before `index` stands, counting as Python-Markdown."""
    depth = 1
    for bracket in _BRACKET.finditer(text, index):
        depth += 1 if bracket.group() == "[" else -1
        if depth == 0:
            return bracket.start()
    return None


def _bracket_pairs(text: str) -> dict[int, int]:
    """Give the position of the `]` that closes each closed `[` of `text`."""
    pairs = {}
    open_brackets: list[int] = []
    for bracket in _BRACKET.finditer(text):
        if bracket.group() == "[":
            open_brackets.append(bracket.start())
        elif open_brackets:
            pairs[open_brackets.pop()] = bracket.start()
    return pairs
