"""The search index in parts: runs of consecutive months, each indexed on its own.

Pagefind holds every page it indexes in memory (90 to 150 KB an article) and indexes a
site in one go. Split by months, from the oldest, into parts of at most `size` articles,
an archive of any length is indexed in bounded memory, and a change to one article makes
only its part be indexed again. New articles arrive at the newest end, so they change only
the newest part; a month whose number of articles changes can move the boundaries after
it. The reader's browser loads each part's small index; a search filtered by year loads
only its parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchPart:
    """One part of the search index: the articles of some consecutive months."""

    months: tuple[str, ...]  # "2025/11", oldest first

    @property
    def name(self) -> str:
        """The part's folder under `pagefind/`, named for its first month (`2025-11`)."""
        return self.months[0].replace("/", "-")

    @property
    def first_year(self) -> int:
        return int(self.months[0][:4])

    @property
    def last_year(self) -> int:
        return int(self.months[-1][:4])


def plan_parts(month_counts: Sequence[tuple[str, int]], size: int) -> list[SearchPart]:
    """Group months (`"2025/11"`, articles; oldest first) into parts of at most `size` articles.

    A month with more than `size` articles is a part of its own.
    """
    parts: list[SearchPart] = []
    months: list[str] = []
    count = 0
    for month, articles in month_counts:
        if months and count + articles > size:
            parts.append(SearchPart(tuple(months)))
            months, count = [], 0
        months.append(month)
        count += articles
    if months:
        parts.append(SearchPart(tuple(months)))
    return parts
