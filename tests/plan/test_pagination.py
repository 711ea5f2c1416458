"""Numbered pages of a list: `base/`, `base/page/2/`, …"""

from __future__ import annotations

import pytest
from sitetools import make_article

from newsgen.plan.pagination import Pager, paginate, paginate_by_time
from newsgen.records import Article
from newsgen.urls import numbered_url


def article(number: int) -> Article:
    return make_article(number)


@pytest.mark.parametrize(
    ("base", "number", "url"),
    [
        ("", 1, ""),
        ("", 2, "page/2/"),
        ("topics/kazakhstan/", 1, "topics/kazakhstan/"),
        ("topics/kazakhstan/", 12, "topics/kazakhstan/page/12/"),
    ],
    ids=["home", "home-page-2", "topic", "topic-page-12"],
)
def test_numbered_url(base: str, number: int, url: str) -> None:
    assert numbered_url(base, number) == url


def test_five_topics_two_per_page_from_the_start() -> None:
    items = [article(n) for n in range(5)]
    assert paginate(items, "topics/letter/a/", 2) == [
        Pager(
            1, items[0:2], "topics/letter/a/", "topics/letter/a/", None, "topics/letter/a/page/2/"
        ),
        Pager(
            2,
            items[2:4],
            "topics/letter/a/page/2/",
            "topics/letter/a/",
            "topics/letter/a/",
            "topics/letter/a/page/3/",
        ),
        Pager(
            3,
            items[4:5],
            "topics/letter/a/page/3/",
            "topics/letter/a/",
            "topics/letter/a/page/2/",
            None,
        ),
    ]


def test_five_articles_two_per_page_numbered_from_the_oldest() -> None:
    newest_first = [article(n) for n in range(5, 0, -1)]  # 5, 4, 3, 2, 1
    base = "topics/ssha/"
    assert (
        paginate_by_time(newest_first, base, 2)
        == [
            Pager(0, newest_first[0:2], base, base, None, f"{base}page/2/"),  # 5 4; older: 3 2
            Pager(3, newest_first[0:1], f"{base}page/3/", base, base, f"{base}page/2/"),  # 5
            Pager(2, newest_first[1:3], f"{base}page/2/", base, f"{base}page/3/", f"{base}page/1/"),
            Pager(1, newest_first[3:5], f"{base}page/1/", base, f"{base}page/2/", None),  # 2 1
        ]
    )


def test_a_full_page_stays_as_it_is_when_articles_are_added() -> None:
    newest_first = [article(n) for n in range(45, 0, -1)]
    before = {p.url: p for p in paginate_by_time(newest_first[5:], "", 20)}  # 40: two full
    after = {p.url: p for p in paginate_by_time(newest_first, "", 20)}
    assert before["page/1/"] == after["page/1/"]
    assert before["page/2/"].articles == after["page/2/"].articles  # its "newer" link now exists
    assert set(after) - set(before) == {"page/3/"}


@pytest.mark.parametrize(
    ("count", "per_page", "sizes"),
    [
        (0, 20, [0]),
        (1, 20, [1]),
        (20, 20, [20]),
        (21, 20, [20, 1, 20]),
        (40, 20, [20, 20, 20]),
        (7, 3, [3, 1, 3, 3]),
        (3, 1, [1, 1, 1, 1]),
    ],
    ids=["none", "one", "exactly-full", "one-over", "two-full", "seven-by-three", "one-each"],
)
def test_page_sizes_front_page_first(count: int, per_page: int, sizes: list[int]) -> None:
    newest_first = [article(n) for n in range(count, 0, -1)]
    pages = paginate_by_time(newest_first, "", per_page)
    assert [len(p.articles) for p in pages] == sizes
    assert [p.number for p in pages] == [0, *range(len(sizes) - 1, 0, -1)]
    numbered = [a for p in pages[1:] for a in p.articles]
    assert numbered == (newest_first if count > per_page else [])  # each article once, in order
    assert pages[0].articles == newest_first[:per_page]


def test_an_empty_list_has_one_page_without_neighbours() -> None:
    assert paginate_by_time([], "", 20) == [Pager(0, [], "", "", None, None)]
    assert paginate([], "", 20) == [Pager(1, [], "", "", None, None)]


def test_neighbour_links_lead_to_existing_pages() -> None:
    for pages in (
        paginate_by_time([article(n) for n in range(50, 0, -1)], "", 7),
        paginate([article(n) for n in range(50)], "", 7),
    ):
        urls = {p.url for p in pages}
        for page in pages:
            assert page.first_url == ""
            for link in (page.previous_url, page.next_url):
                assert link is None or link in urls
        assert pages[0].previous_url is None
        assert sum(page.next_url is None for page in pages) == 1  # the oldest (or last) page
