"""Parsing the seed format: ` date 2025-11-07 First paragraph…`, then paragraphs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsgen.errors import SourceError
from newsgen.sources.dates import DateProblem, parse_written_date, split_date_prefix
from newsgen.sources.text_file import split_paragraphs

_DATE_LINE = re.compile(r"\s*date(?:\s+(.*))?$", re.IGNORECASE)


@dataclass(frozen=True)
class SeedDocument:
    """What a seed file says: its date (and time, when given) and its paragraphs."""

    date: dt.date
    published: dt.datetime | None
    paragraphs: tuple[str, ...]
    # The first line with text: the date and the lede, the title's source. For messages.
    date_line: int = field(default=1, compare=False)


def parse_seed(text: str, path: str) -> SeedDocument | SourceError:
    """Give the document of a seed file, or the first thing wrong with it and its line."""
    lines = text.split("\n")
    first = _first_nonblank(lines)
    if first is None:
        return SourceError(path, 1, "empty file: expected ' date YYYY-MM-DD' and the article")
    number, line = first
    match = _DATE_LINE.match(line)
    if not match or not match.group(1):
        return SourceError(
            path, number, "missing date: a seed file starts with ' date YYYY-MM-DD'", line[:200]
        )
    date_text, rest = split_date_prefix(match.group(1).strip())
    try:
        day, published = parse_written_date(date_text)
    except DateProblem as problem:
        return SourceError(path, number, str(problem), line[:200])
    paragraphs = split_paragraphs([rest, *lines[number:]])
    if not paragraphs:
        return SourceError(path, number, "no article text after the date", line[:200])
    return SeedDocument(day, published, tuple(paragraphs), number)


def _first_nonblank(lines: list[str]) -> tuple[int, str] | None:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            return number, line
    return None
