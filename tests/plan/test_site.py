"""The plan stage: the pages it gives for a few articles, and its own checks on them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

import pytest
from sitetools import make_article

from newsgen.config import SiteConfig
from newsgen.errors import OutputError
from newsgen.plan.pages import (
    ArchiveContext,
    ArticleContext,
    DayContext,
    HomeContext,
    MonthContext,
    NotFoundContext,
    Page,
    RobotsContext,
    SearchContext,
    SiteFeedContext,
    SitemapContext,
    TopicContext,
    TopicFeedContext,
    YearContext,
)
from newsgen.plan.search_parts import SearchPart
from newsgen.plan.site import check_unique_paths, newest_first_of, plan_again, plan_site
from newsgen.records import Article, Body, Teaser, Topic
from newsgen.urls import file_of

Context = TypeVar("Context")

KZ = Topic("place", "Казахстан", "kazakhstan")
US = Topic("place", "США", "ssha")
CONFIG = replace(
    SiteConfig(), base_url="https://example.org/", per_page=2, feed_size=2, search_part_size=2
)


def oldest_first() -> list[Article]:
    """Five articles on four days of three months of two years; 4 and 5 share a day."""
    return [
        make_article(1, dt.date(2024, 6, 15), (KZ,)),
        make_article(2, dt.date(2025, 9, 1), (US,)),
        make_article(3, dt.date(2025, 11, 5), (KZ, US)),
        make_article(4, dt.date(2025, 11, 7), (KZ,)),
        make_article(5, dt.date(2025, 11, 7)),  # a greater identifier: newer than 4
    ]


def planned(articles: Sequence[Article], config: SiteConfig = CONFIG) -> dict[str, Page]:
    return {page.path: page for page in plan_site(articles, config)}


def context(pages: Mapping[str, Page], path: str, kind: type[Context]) -> Context:
    found = pages[path].context
    assert isinstance(found, kind), found
    return found


def edit_body(article: Article) -> Article:
    return replace(article, body=Body.of(("Новый текст.",)), word_count=2)


def titles(items: Iterable[Article | Teaser]) -> list[str]:
    return [item.title for item in items]


def test_each_article_has_a_page_linking_its_neighbours_in_time() -> None:
    articles = oldest_first()
    pages = planned(articles)
    newest_first = articles[::-1]
    shown = [context(pages, file_of(a.url), ArticleContext) for a in newest_first]
    assert [c.article for c in shown] == newest_first
    teasers = [Teaser.of(a) for a in newest_first]
    assert [c.newer for c in shown] == [None, *teasers[:-1]]
    assert [c.older for c in shown] == [*teasers[1:], None]
    assert sum(isinstance(p.context, ArticleContext) for p in pages.values()) == len(articles)


def test_home_pages_split_articles_per_page_with_active_topics_on_the_first() -> None:
    pages = planned(oldest_first())
    paths = ["index.html", "page/3/index.html", "page/2/index.html", "page/1/index.html"]
    homes = [context(pages, path, HomeContext) for path in paths]
    assert [titles(home.pager.articles) for home in homes] == [
        ["Статья 5", "Статья 4"],
        ["Статья 5"],  # numbered from the oldest: the newest page fills as articles come
        ["Статья 4", "Статья 3"],
        ["Статья 2", "Статья 1"],
    ]
    assert "page/4/index.html" not in pages
    # The 30 days up to the newest article: 2 (США, in September) is too old to count.
    assert homes[0].topics == [(KZ, 2), (US, 1)]
    assert [home.topics for home in homes[1:]] == [[], [], []]


@pytest.mark.parametrize(
    ("kind", "neighbours"),
    [
        (
            DayContext,
            {
                "2024/06/15/": (None, "2025/09/01/"),
                "2025/09/01/": ("2024/06/15/", "2025/11/05/"),
                "2025/11/05/": ("2025/09/01/", "2025/11/07/"),
                "2025/11/07/": ("2025/11/05/", None),
            },
        ),
        (
            MonthContext,
            {
                "2024/06/": (None, "2025/09/"),
                "2025/09/": ("2024/06/", "2025/11/"),
                "2025/11/": ("2025/09/", None),
            },
        ),
        (YearContext, {"2024/": (None, "2025/"), "2025/": ("2024/", None)}),
    ],
    ids=["days", "months", "years"],
)
def test_one_date_page_per_date_with_articles_linking_its_neighbours(
    kind: type[DayContext | MonthContext | YearContext],
    neighbours: dict[str, tuple[str | None, str | None]],
) -> None:
    found = {
        page.url: (
            page.context.previous.url if page.context.previous else None,
            page.context.next.url if page.context.next else None,
        )
        for page in planned(oldest_first()).values()
        if isinstance(page.context, kind)
    }
    assert found == neighbours


def test_date_pages_list_their_articles_newest_first() -> None:
    pages = planned(oldest_first())
    day = context(pages, "2025/11/07/index.html", DayContext).day
    assert titles(day.articles) == ["Статья 5", "Статья 4"]
    month = context(pages, "2025/11/index.html", MonthContext).month
    assert [d.url for d in month.days] == ["2025/11/05/", "2025/11/07/"]
    assert month.article_count == 3


def test_the_archive_lists_years_newest_first() -> None:
    archive = context(planned(oldest_first()), "archive/index.html", ArchiveContext)
    assert [(year.year, year.article_count) for year in archive.years] == [(2025, 4), (2024, 1)]


def test_each_topic_has_paginated_pages_and_a_feed_of_its_newest_teasers() -> None:
    articles = oldest_first()
    pages = planned(articles)
    kz = "topics/kazakhstan/"
    paths = [f"{kz}index.html", f"{kz}page/2/index.html", f"{kz}page/1/index.html"]
    kz_pages = [context(pages, path, TopicContext) for path in paths]
    assert [titles(c.pager.articles) for c in kz_pages] == [
        ["Статья 4", "Статья 3"],
        ["Статья 4"],
        ["Статья 3", "Статья 1"],
    ]
    assert "topics/ssha/index.html" in pages
    assert "topics/ssha/page/2/index.html" not in pages
    feed = context(pages, "topics/kazakhstan/feed.xml", TopicFeedContext)
    assert feed.topic == KZ
    assert feed.entries == [Teaser.of(articles[3]), Teaser.of(articles[2])]  # not Articles


@pytest.mark.parametrize(("feed_size", "shown"), [(2, 2), (20, 5)], ids=["cut", "all"])
def test_the_site_feed_holds_the_newest_whole_articles(feed_size: int, shown: int) -> None:
    articles = oldest_first()
    pages = planned(articles, replace(CONFIG, feed_size=feed_size))
    feed = context(pages, "feed.xml", SiteFeedContext)
    assert feed.entries == articles[::-1][:shown]


def test_no_search_page_when_search_is_off() -> None:
    pages = planned(oldest_first(), replace(CONFIG, search=False))
    assert "search/index.html" not in pages
    assert not any(isinstance(page.context, SearchContext) for page in pages.values())


def test_the_search_page_parts_cover_every_month_newest_first() -> None:
    search = context(planned(oldest_first()), "search/index.html", SearchContext)
    # At most 2 articles a part: November's 3 are a part of their own.
    assert search.parts == [SearchPart(("2025/11",)), SearchPart(("2024/06", "2025/09"))]
    assert sorted(search.years) == [2024, 2025]


def test_the_sitemap_lists_every_html_page_once_with_article_dates() -> None:
    articles = oldest_first()
    pages = planned(articles)
    entries = context(pages, "sitemap.xml", SitemapContext).pages
    urls = [entry.url for entry in entries]
    assert len(urls) == len(set(urls))
    html = {page.url for page in pages.values() if page.path.endswith(".html")}
    assert set(urls) == html - {"404.html", "search/"}  # neither is a page to find by search
    dated = {entry.url: entry.lastmod for entry in entries if entry.lastmod is not None}
    assert dated == {article.url: article.date for article in articles}


def test_planning_again_after_body_edits_equals_planning_afresh() -> None:
    articles = oldest_first()
    previous = plan_site(articles, CONFIG)
    # The oldest, in no feed, and the newest, in the site feed.
    edited = [edit_body(articles[0]), *articles[1:-1], edit_body(articles[-1])]
    assert plan_again(previous, newest_first_of(edited), CONFIG) == plan_site(edited, CONFIG)
    fresh = [edited[0], edited[-1]]  # told which records are new, as `newsgen serve` is
    assert plan_again(previous, newest_first_of(edited), CONFIG, fresh) == plan_site(edited, CONFIG)


def test_planning_again_after_a_source_moved_equals_planning_afresh() -> None:
    articles = oldest_first()
    previous = plan_site(articles, CONFIG)
    moved = [*articles[:-1], dataclasses.replace(articles[-1], source_path="seeds/2025/moved.txt")]
    assert plan_again(previous, newest_first_of(moved), CONFIG) == plan_site(moved, CONFIG)


def test_planning_again_keeps_every_page_but_the_edited_article_and_the_site_feed() -> None:
    articles = oldest_first()
    previous = plan_site(articles, CONFIG)
    edited = [*articles[:-1], edit_body(articles[-1])]
    again = plan_again(previous, newest_first_of(edited), CONFIG)
    replanned = {new.path for new, old in zip(again, previous, strict=True) if new is not old}
    assert replanned == {file_of(articles[-1].url), "feed.xml", "rss.xml"}


@pytest.mark.parametrize("seed", range(5))
def test_planning_does_not_depend_on_the_order_of_articles(seed: int) -> None:
    articles = oldest_first()
    shuffled = random.Random(seed).sample(articles, len(articles))
    assert shuffled != articles
    assert plan_site(shuffled, CONFIG) == plan_site(articles, CONFIG)


def test_an_empty_archive_has_a_home_page_feed_and_archive() -> None:
    pages = planned([])
    assert context(pages, "index.html", HomeContext).pager.articles == []
    assert context(pages, "feed.xml", SiteFeedContext).entries == []
    assert context(pages, "archive/index.html", ArchiveContext).years == []
    assert not any(isinstance(page.context, ArticleContext) for page in pages.values())


def test_pages_whose_paths_differ_only_in_case_are_refused() -> None:
    pages = [
        Page("topics/Astana/index.html", RobotsContext(), ("seeds/a.md",)),
        Page("topics/astana/index.html", RobotsContext(), ("seeds/b.md",)),
    ]
    with pytest.raises(OutputError) as raised:
        check_unique_paths(pages)
    assert str(raised.value) == (
        "two pages on one path 'topics/Astana/index.html' and 'topics/astana/index.html' "
        "(one on macOS or Windows): seeds/a.md and seeds/b.md"
    )


def test_pages_on_one_path_are_refused() -> None:
    pages = [Page("404.html", NotFoundContext()), Page("404.html", NotFoundContext())]
    with pytest.raises(
        OutputError, match=r"^two pages on one path '404\.html': 404\.html and 404\.html$"
    ):
        check_unique_paths(pages)
