"""Cutting a long text into slices of bounded length, for the extractors that find names.

The Russian model holds a whole text's analysis at once (5 MB of text took 6.9 GB), and
the English extractor searches the whole text once per name it finds: both cost what the
longest text they are given costs. A slice ends after a paragraph break when there is one,
else after a sentence's end, else at a space, so a name is never cut in two; only a run
of `max_chars` with no space in it (no text, and no name) is cut where it must be.
"""

from __future__ import annotations

import re

# Where a slice may end, best first; each pattern's match ends where the next slice starts.
_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"[.!?…][»\"”)]?\s+"), re.compile(r"\s+"))


def text_slices(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Give `(offset, slice)` pairs that cover `text` in order, each at most `max_chars` long.

    A text of at most `max_chars` is its own one slice, so short texts read as before.
    """
    slices = []
    start = 0
    while len(text) - start > max_chars:
        stop = _slice_end(text, start, max_chars)
        slices.append((start, text[start:stop]))
        start = stop
    slices.append((start, text[start:]))
    return slices


def _slice_end(text: str, start: int, max_chars: int) -> int:
    """Where the slice from `start` ends: after the last break of the best kind within it."""
    window = text[start : start + max_chars]
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(window)]
        if ends:
            return start + ends[-1]
    return start + max_chars
