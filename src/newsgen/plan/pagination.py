"""Splitting a list (of articles, of topics) into numbered pages: `base/`, `base/page/2/`, …"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from newsgen.urls import numbered_url

Item = TypeVar("Item")


@dataclass(frozen=True)
class Pager(Generic[Item]):
    """One page of a paginated list: its items (`articles`) and the URLs around it."""

    number: int
    count: int
    articles: Sequence[Item]
    url: str
    first_url: str
    previous_url: str | None
    next_url: str | None


def paginate(articles: Sequence[Item], base_url: str, per_page: int) -> list[Pager[Item]]:
    """Give the pages of `articles` (at least one, maybe empty) under `base_url`."""
    count = max(1, -(-len(articles) // per_page))
    return [
        Pager(
            number=n,
            count=count,
            articles=articles[(n - 1) * per_page : n * per_page],
            url=numbered_url(base_url, n),
            first_url=base_url,
            previous_url=numbered_url(base_url, n - 1) if n > 1 else None,
            next_url=numbered_url(base_url, n + 1) if n < count else None,
        )
        for n in range(1, count + 1)
    ]
