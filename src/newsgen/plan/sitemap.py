"""Sitemap pages: one `sitemap.xml`, or an index of several past 50,000 URLs; the Google
News sitemap; robots.txt naming them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsgen.config import SiteConfig
from newsgen.plan.pages import (
    ArticleContext,
    NewsSitemapContext,
    Page,
    RobotsContext,
    SitemapContext,
    SitemapEntry,
    SitemapIndexContext,
)
from newsgen.records import Teaser
from newsgen.times import SiteTimes
from newsgen.urls import URLS

MAX_URLS_PER_SITEMAP = 50_000
# Google News reads the articles of the last two days, at most 1,000 a sitemap.
NEWS_PERIOD = dt.timedelta(days=2)
MAX_NEWS = 1000
# How far back from the newest day an article can lie and still be within the period: its
# day plus the widest offsets (±14 hours) between a date and its instant.
_NEWS_DAYS = 4


def sitemap_entry(page: Page) -> SitemapEntry:
    """What the sitemap says of `page`: its address, and an article's date."""
    context = page.context
    article = context.article if isinstance(context, ArticleContext) else None
    lastmod = ((article.updated and article.updated.date()) or article.date) if article else None
    return SitemapEntry(page.url, lastmod)


def sitemap_pages(
    pages: Sequence[Page],
    newest_first: Sequence[Teaser],
    config: SiteConfig,
    limit: int = MAX_URLS_PER_SITEMAP,
) -> list[Page]:
    """Give the sitemap(s) listing every HTML page of `pages`, the news sitemap of the
    newest articles (`newest_first`), and robots.txt naming them.

    A site without `base_url` gets robots.txt alone: a sitemap's addresses must be
    absolute, and one of relative paths is refused by the search engines it is for.
    """
    if not config.base_url:
        return [Page(URLS.robots, RobotsContext())]
    listed = [sitemap_entry(page) for page in pages if page.path.endswith(".html")]
    news = news_articles(newest_first, SiteTimes(config.zone))
    extra = [Page(URLS.news_sitemap, NewsSitemapContext(news))] if news else []
    if len(listed) <= limit:
        made = [Page(URLS.sitemap, SitemapContext(listed)), *extra]
    else:
        parts = [listed[start : start + limit] for start in range(0, len(listed), limit)]
        names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
        index = SitemapIndexContext([*names, *(page.path for page in extra)])
        made = [
            Page(URLS.sitemap, index),
            *(Page(n, SitemapContext(p)) for n, p in zip(names, parts, strict=True)),
            *extra,
        ]
    named = [URLS.sitemap, *(page.path for page in extra)]
    return [*made, Page(URLS.robots, RobotsContext(named))]


def news_articles(newest_first: Sequence[Teaser], times: SiteTimes) -> list[Teaser]:
    """The articles of the two days up to the newest article's time, newest first, at most
    1,000: counted from the newest article, not the clock, so a build is reproducible."""
    if not newest_first:
        return []
    first_day = newest_first[0].date - dt.timedelta(days=_NEWS_DAYS)
    recent = []
    for teaser in newest_first:
        if teaser.date < first_day:
            break
        recent.append((times.instant(teaser.date, teaser.published), teaser.identifier, teaser))
    newest = max(instant for instant, _, _ in recent)
    within = [item for item in recent if item[0] > newest - NEWS_PERIOD]
    within.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [teaser for _, _, teaser in within[:MAX_NEWS]]
