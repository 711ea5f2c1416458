"""Sitemap pages: one `sitemap.xml`, or an index of several past 50,000 URLs, and robots.txt."""

from __future__ import annotations

from collections.abc import Sequence

from newsgen.config import SiteConfig
from newsgen.plan.pages import (
    ArticleContext,
    Page,
    RobotsContext,
    SitemapContext,
    SitemapEntry,
    SitemapIndexContext,
)
from newsgen.urls import URLS

MAX_URLS_PER_SITEMAP = 50_000


def sitemap_entry(page: Page) -> SitemapEntry:
    """What the sitemap says of `page`: its address, and an article's date."""
    context = page.context
    lastmod = context.article.date if isinstance(context, ArticleContext) else None
    return SitemapEntry(page.url, lastmod)


def sitemap_pages(
    pages: Sequence[Page], config: SiteConfig, limit: int = MAX_URLS_PER_SITEMAP
) -> list[Page]:
    """Give the sitemap(s) listing every HTML page of `pages`, and robots.txt pointing at it.

    A site without `base_url` gets robots.txt alone: a sitemap's addresses must be
    absolute, and one of relative paths is refused by the search engines it is for.
    """
    robots = Page(URLS.robots, RobotsContext())
    if not config.base_url:
        return [robots]
    listed = [sitemap_entry(page) for page in pages if page.path.endswith(".html")]
    if len(listed) <= limit:
        return [Page(URLS.sitemap, SitemapContext(listed)), robots]
    parts = [listed[start : start + limit] for start in range(0, len(listed), limit)]
    names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    index = Page(URLS.sitemap, SitemapIndexContext(names))
    return [
        index,
        *(Page(n, SitemapContext(p)) for n, p in zip(names, parts, strict=True)),
        robots,
    ]
