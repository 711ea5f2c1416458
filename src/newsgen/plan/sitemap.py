"""Sitemap pages: one `sitemap.xml`, or an index of several past 50,000 URLs, and robots.txt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.config import SiteConfig
from newsgen.records import Page

MAX_URLS_PER_SITEMAP = 50_000


@dataclass(frozen=True)
class SitemapEntry:
    """What a sitemap says of a page: its address and, for an article, its date."""

    url: str
    lastmod: dt.date | None

    @classmethod
    def of(cls, page: Page) -> SitemapEntry:
        article = page.context.get("article")
        return cls(page.url, article.date if article is not None else None)


def sitemap_pages(
    pages: Sequence[Page], config: SiteConfig, limit: int = MAX_URLS_PER_SITEMAP
) -> list[Page]:
    """Give the sitemap(s) listing every HTML page of `pages`, and robots.txt pointing at it."""
    listed = [SitemapEntry.of(page) for page in pages if page.path.endswith(".html")]
    robots = Page("robots.txt", "robots.txt", {})
    if len(listed) <= limit:
        return [Page("sitemap.xml", "sitemap.xml", {"pages": listed}), robots]
    parts = [listed[start : start + limit] for start in range(0, len(listed), limit)]
    names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    index = Page("sitemap.xml", "sitemap_index.xml", {"sitemaps": names})
    return [
        index,
        *(Page(n, "sitemap.xml", {"pages": p}) for n, p in zip(names, parts, strict=True)),
        robots,
    ]
