"""The URL scheme: every address of a site is made by `newsgen.urls`, and they nest."""

from __future__ import annotations

import datetime as dt
import fnmatch

import pytest

from newsgen.urls import (
    ARTICLE_PAGES,
    URLS,
    article_url,
    day_url,
    feed_url,
    file_of,
    letter_url,
    month_of,
    month_url,
    numbered_url,
    topic_url,
    url_of,
    year_url,
)

DAY = dt.date(2025, 11, 7)


def test_an_article_is_in_its_day_in_its_month_in_its_year() -> None:
    article = article_url(DAY, "vybory-1a2b3c4d")
    assert article == "2025/11/07/vybory-1a2b3c4d/"
    assert article.startswith(day_url(DAY))
    assert day_url(DAY).startswith(month_url(DAY))
    assert month_url(DAY).startswith(year_url(DAY.year))
    assert month_of(article) == month_of(day_url(DAY)) == "2025/11"


def test_dates_are_written_with_every_digit() -> None:
    day = dt.date(1001, 2, 3)
    assert article_url(day, "a") == "1001/02/03/a/"
    assert month_url(day) == "1001/02/"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("", "index.html"),
        ("2025/11/", "2025/11/index.html"),
        (URLS.feed, "feed.xml"),
        (feed_url(topic_url("astana")), "topics/astana/feed.xml"),
        (URLS.not_found, "404.html"),
    ],
)
def test_a_page_s_file_and_its_address_are_one_another_s(url: str, path: str) -> None:
    assert file_of(url) == path
    assert url_of(path) == url


def test_topic_pages_are_under_the_topic_index() -> None:
    assert topic_url("astana").startswith(URLS.topics)
    assert letter_url("a") == "topics/letter/a/"
    assert numbered_url(topic_url("astana"), 1) == "topics/astana/"
    assert numbered_url(topic_url("astana"), 3) == "topics/astana/page/3/"


def test_the_article_glob_finds_article_pages_and_nothing_else() -> None:
    assert fnmatch.fnmatch(file_of(article_url(DAY, "a")), ARTICLE_PAGES)
    for other in [day_url(DAY), month_url(DAY), URLS.archive, numbered_url("", 2)]:
        assert not fnmatch.fnmatch(file_of(other), ARTICLE_PAGES)
