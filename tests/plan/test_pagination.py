"""Numbered pages of a list: `base/`, `base/page/2/`, …"""

from __future__ import annotations

import dataclasses

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


def without_links(pagers: list[Pager[Article]]) -> list[Pager[Article]]:
    return [dataclasses.replace(pager, links=()) for pager in pagers]


def test_five_topics_two_per_page_from_the_start() -> None:
    items = [article(n) for n in range(5)]
    assert without_links(paginate(items, "topics/letter/a/", 2)) == [
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
        without_links(paginate_by_time(newest_first, base, 2))
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
    assert before["page/1/"].articles == after["page/1/"].articles
    assert before["page/2/"].articles == after["page/2/"].articles  # its "newer" link now exists
    assert set(after) - set(before) == {"page/3/"}


def numbers(pager: Pager[Article]) -> list[int | None]:
    return [link and link[0] for link in pager.links]


def test_pages_by_time_link_their_neighbours_and_the_first_newest_first() -> None:
    newest_first = [article(n) for n in range(200, 0, -1)]  # 20 pages of 10
    pagers = {p.number: p for p in paginate_by_time(newest_first, "topics/ssha/", 10)}
    assert numbers(pagers[0]) == [20, 19, 18, 17, 16, None, 1]  # the front page
    assert numbers(pagers[12]) == [14, 13, 12, 11, 10, None, 1]
    assert numbers(pagers[3]) == [5, 4, 3, 2, 1]
    assert numbers(pagers[20]) == [20, 19, 18, None, 1]
    assert pagers[12].links[2] == (12, "topics/ssha/page/12/")


def test_a_full_page_changes_only_until_its_neighbours_exist() -> None:
    """A page's links reach two pages either way: once those exist, more articles leave it
    as it is, however long the list grows."""
    newest_first = [article(n) for n in range(400, 0, -1)]
    pages = [
        {p.url: p for p in paginate_by_time(newest_first[-count:], "", 10)}
        for count in range(50, 401, 10)
    ]
    settled = [page["page/3/"] for page in pages if "page/5/" in page]
    assert len(settled) > 30 and all(page == settled[0] for page in settled)


def test_pages_from_the_start_link_the_first_the_last_and_their_neighbours() -> None:
    items = [article(n) for n in range(95)]  # 10 pages of 10
    pagers = paginate(items, "topics/letter/a/", 10)
    assert numbers(pagers[0]) == [1, 2, 3, None, 10]
    assert numbers(pagers[5]) == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert pagers[0].links[0] == (1, "topics/letter/a/")
    assert paginate(items[:5], "topics/letter/a/", 10)[0].links == ()


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
