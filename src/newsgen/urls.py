"""The site's URL scheme, written once: the address of every kind of page.

Addresses are relative to the site's root. A folder's ends in a slash and is published
as its `index.html`; a feed or a sitemap is a file. Templates reach the same scheme
through the filters `year_url`, `month_url`, `day_url` and `feed_url`, and the global
`urls` (`urls.archive`, `urls.topics`…).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FOLDER_PAGE = "index.html"
FEED_FILE = "feed.xml"
RSS_FILE = "rss.xml"


@dataclass(frozen=True)
class FixedUrls:
    """The pages that are at one address on every site."""

    home: str = ""
    archive: str = "archive/"
    topics: str = "topics/"
    authors: str = "authors/"
    search: str = "search/"
    feed: str = FEED_FILE
    rss: str = RSS_FILE
    sitemap: str = "sitemap.xml"
    news_sitemap: str = "sitemap-news.xml"
    robots: str = "robots.txt"
    not_found: str = "404.html"
    static: str = "static/"


URLS = FixedUrls()

# The article pages of one month, as a glob under the month's folder: `07/slug/index.html`.
ARTICLE_PAGES_OF_MONTH = f"[0-9][0-9]/*/{FOLDER_PAGE}"
# Every article page of a site, as a glob under its root.
ARTICLE_PAGES = f"[0-9][0-9][0-9][0-9]/[0-9][0-9]/{ARTICLE_PAGES_OF_MONTH}"


def year_url(year: int) -> str:
    """`2025/`: the year's archive."""
    return f"{year:04d}/"


def month_url(day: dt.date) -> str:
    """`2025/11/`: the archive of the month of `day`."""
    return f"{day.year:04d}/{day.month:02d}/"


def day_url(day: dt.date) -> str:
    """`2025/11/07/`: the day's archive, the folder of its articles."""
    return f"{month_url(day)}{day.day:02d}/"


def article_url(day: dt.date, slug: str) -> str:
    """`2025/11/07/slug/`: an article, in the folder of its day."""
    return f"{day_url(day)}{slug}/"


def month_of(url: str) -> str:
    """The month (`2025/11`) of an article's or a day's address or page path."""
    return url[:7]


def topic_url(slug: str) -> str:
    """`topics/slug/`: a topic's articles."""
    return f"{URLS.topics}{slug}/"


def author_url(slug: str) -> str:
    """`authors/slug/`: an author's articles."""
    return f"{URLS.authors}{slug}/"


def letter_url(slug: str) -> str:
    """`topics/letter/a/`: the topics under one letter."""
    return f"{URLS.topics}letter/{slug}/"


def feed_url(list_url: str) -> str:
    """The Atom feed of a list (the site's, at `feed.xml`, or a topic's)."""
    return f"{list_url}{FEED_FILE}"


def rss_url(list_url: str) -> str:
    """The RSS 2.0 feed of a list, beside its Atom feed."""
    return f"{list_url}{RSS_FILE}"


def numbered_url(list_url: str, number: int) -> str:
    """Page `number` of the list at `list_url`: page 1 is the list itself."""
    return list_url if number == 1 else archive_page_url(list_url, number)


def archive_page_url(list_url: str, number: int) -> str:
    """Page `number` of a list numbered from its oldest item: `list_url` is its front page."""
    return f"{list_url}page/{number}/"


def file_of(url: str) -> str:
    """The file a page at `url` is written to: a folder's `index.html`, or the file."""
    return f"{url}{FOLDER_PAGE}" if url == "" or url.endswith("/") else url


def url_of(path: str) -> str:
    """The address of the page written to `path` (the reverse of `file_of`)."""
    return path.removesuffix(FOLDER_PAGE)
