"""Splitting a list into pages.

An archive's lists (the home page, a topic's articles) grow at their newest end. Their
pages are numbered from the oldest (`base/page/1/` holds the first articles ever), so a
full page never changes as articles are added: its address always shows the same
articles (a link or a citation stays true), and a daily rebuild writes the list's front
page and its newest page, not every page of it. The list's own address (`base/`) shows
the newest articles. Other lists (topics by letter) are numbered from their start, page
1 being the list itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from newsgen.urls import archive_page_url, numbered_url

Item = TypeVar("Item")
# Numbered links a page shows on each side of its own: the pages a reader goes to next.
AROUND = 2
# A link to a numbered page (its number, its URL), or None for the pages left out between.
PageLink = tuple[int, str] | None


@dataclass(frozen=True)
class Pager(Generic[Item]):
    """One page of a list: its items (`articles`) and the URLs around it.

    `number` is 0 for the front page of a list numbered from the oldest; `previous_url`
    leads to newer items (or earlier in the alphabet), `next_url` to older (or later).
    """

    number: int
    articles: Sequence[Item]
    url: str
    first_url: str
    previous_url: str | None
    next_url: str | None
    # The numbered pages it links to, in the order shown (newest first for a list by time).
    links: tuple[PageLink, ...] = ()


def paginate_by_time(
    newest_first: Sequence[Item], base_url: str, per_page: int
) -> list[Pager[Item]]:
    """Give the front page of `newest_first` (its newest `per_page`) and, when there are
    more, every page numbered from the oldest; the front page first, then newest first.

    Each links to the numbered pages near it and to page 1, newest first: never to the
    newest numbered page by its number from a full page, so a full page does not change
    as the list grows beyond its neighbours.
    """
    total = len(newest_first)
    if total <= per_page:
        return [Pager(0, newest_first, base_url, base_url, None, None)]
    count = -(-total // per_page)

    def links(numbers: Sequence[int]) -> tuple[PageLink, ...]:
        return _with_gaps(sorted(numbers, reverse=True), base_url, archive_page_url)

    after_front = (total - 1 - per_page) // per_page + 1  # the page of the first item not shown
    front_links = links([*range(count, max(0, count - 2 * AROUND - 1), -1), 1])
    pagers = [
        Pager(0, newest_first[:per_page], base_url, base_url, None,
              archive_page_url(base_url, after_front), front_links)
    ]  # fmt: skip
    for number in range(count, 0, -1):
        oldest_first_end = min(number * per_page, total)
        items = newest_first[total - oldest_first_end : total - (number - 1) * per_page]
        newer = archive_page_url(base_url, number + 1) if number < count else base_url
        older = archive_page_url(base_url, number - 1) if number > 1 else None
        near = range(max(1, number - AROUND), min(count, number + AROUND) + 1)
        pagers.append(
            Pager(number, items, archive_page_url(base_url, number), base_url, newer, older,
                  links([*near, 1]))
        )  # fmt: skip
    return pagers


def paginate(items: Sequence[Item], base_url: str, per_page: int) -> list[Pager[Item]]:
    """Give the pages of `items` (at least one, maybe empty) under `base_url`, from page 1;
    each links to the first, the last and those near it."""
    count = max(1, -(-len(items) // per_page))

    def links(number: int) -> tuple[PageLink, ...]:
        near = range(max(1, number - AROUND), min(count, number + AROUND) + 1)
        return _with_gaps(sorted({1, *near, count}), base_url, numbered_url) if count > 1 else ()

    return [
        Pager(
            number=n,
            articles=items[(n - 1) * per_page : n * per_page],
            url=numbered_url(base_url, n),
            first_url=base_url,
            previous_url=numbered_url(base_url, n - 1) if n > 1 else None,
            next_url=numbered_url(base_url, n + 1) if n < count else None,
            links=links(n),
        )
        for n in range(1, count + 1)
    ]


def _with_gaps(
    numbers: Sequence[int], base_url: str, url_of: Callable[[str, int], str]
) -> tuple[PageLink, ...]:
    """The links to `numbers` (in order, no repeats), with None where numbers are skipped."""
    shown: list[PageLink] = []
    for number in dict.fromkeys(numbers):
        previous = shown[-1] if shown else None
        if previous is not None and abs(previous[0] - number) > 1:
            shown.append(None)
        shown.append((number, url_of(base_url, number)))
    return tuple(shown)
