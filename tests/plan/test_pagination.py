"""Numbered pages of a list: `base/`, `base/page/2/`, …"""

from __future__ import annotations

import pytest
from sitetools import make_article

from newsgen.plan.pagination import Pager, paginate
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


def test_five_articles_two_per_page() -> None:
    articles = [article(n) for n in range(5)]
    assert paginate(articles, "topics/ssha/", 2) == [
        Pager(1, 3, articles[0:2], "topics/ssha/", "topics/ssha/", None, "topics/ssha/page/2/"),
        Pager(
            2,
            3,
            articles[2:4],
            "topics/ssha/page/2/",
            "topics/ssha/",
            "topics/ssha/",
            "topics/ssha/page/3/",
        ),
        Pager(
            3, 3, articles[4:5], "topics/ssha/page/3/", "topics/ssha/", "topics/ssha/page/2/", None
        ),
    ]


@pytest.mark.parametrize(
    ("count", "per_page", "sizes"),
    [
        (0, 20, [0]),
        (1, 20, [1]),
        (20, 20, [20]),
        (21, 20, [20, 1]),
        (40, 20, [20, 20]),
        (7, 3, [3, 3, 1]),
        (3, 1, [1, 1, 1]),
    ],
    ids=["none", "one", "exactly-full", "one-over", "two-full", "seven-by-three", "one-each"],
)
def test_page_sizes(count: int, per_page: int, sizes: list[int]) -> None:
    articles = [article(n) for n in range(count)]
    pages = paginate(articles, "", per_page)
    assert [len(p.articles) for p in pages] == sizes
    assert [p.number for p in pages] == list(range(1, len(sizes) + 1))
    assert {p.count for p in pages} == {len(sizes)}
    assert [a for p in pages for a in p.articles] == articles  # every article once, in order


def test_empty_list_has_one_page_without_neighbours() -> None:
    assert paginate([], "", 20) == [Pager(1, 1, [], "", "", None, None)]


def test_neighbour_links_lead_to_existing_pages() -> None:
    pages = paginate([article(n) for n in range(50)], "", 7)
    urls = {p.url for p in pages}
    for page in pages:
        assert page.first_url == ""
        for link in (page.previous_url, page.next_url):
            assert link is None or link in urls
    assert pages[0].previous_url is None and pages[-1].next_url is None
