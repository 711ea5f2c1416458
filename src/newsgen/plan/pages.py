"""The pages the plan gives, and what each template receives: the theme's reference.

A `Page` is one file of the site: where it goes and the context its template renders.
Each template has a context of its own type below; its fields are the template's
variables, and its `template` is the file (in the site's `templates/`, or the theme's)
that renders it. Every template also receives:

- `site`: the settings (`site.title`, `site.base_url`, `site.language`, `site.search`…);
- `t`: the interface's words in the site's language (`t.archive`, `t.topics`…);
- `root`: the relative way from the page to the site's root (`../../`), to start links;
- `page_url`: the page's address relative to the root (`2025/11/`, `feed.xml`);
- `page`: the `Page` itself, whose `context` is one of the types below;
- `weekdays` and `lang_of`, and the filters of `newsgen.render.jinja`;
- for what pages tell machines: `og_locale`, `breadcrumb_list(items)` (schema.org data of
  a page's breadcrumbs) and the filters `describe`, `headline`, `schema_thing`,
  `schema_person`, `author_person`; for charts, `topic_chart(name, per_month)`,
  `year_chart(year)` and `archive_chart(years)`; for the reader's typography, `typeset`.

Addresses in contexts (`article.url`, `day.url`, `topic.url`…) are relative to the root.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from newsgen.plan.archives import DayArchive, MonthArchive, YearArchive
from newsgen.plan.authors import Author
from newsgen.plan.pagination import Pager
from newsgen.plan.search_parts import SearchPart
from newsgen.plan.topic_index import LetterIndex, TopicFacts
from newsgen.records import Article, Teaser, Topic
from newsgen.urls import url_of


@dataclass(frozen=True)
class HomeContext:
    """`home.html`: the newest articles, a page of them; the first page shows topics too.

    `pager.articles` are `Teaser`s; `topics` the most active topics of late, each with
    its number of articles (empty past page 1).
    """

    template: ClassVar[str] = "home.html"
    pager: Pager[Teaser]
    topics: Sequence[tuple[Topic, int]]


@dataclass(frozen=True)
class ArticleContext:
    """`article.html`: one whole article, its neighbours in time and related articles.

    `newer` and `older` are `Teaser`s or none at the ends; `related` shares its topics.
    """

    template: ClassVar[str] = "article.html"
    article: Article
    newer: Teaser | None
    older: Teaser | None
    related: Sequence[Teaser]


@dataclass(frozen=True)
class DayContext:
    """`day.html`: the articles of one day; `previous` and `next` days that have any."""

    template: ClassVar[str] = "day.html"
    day: DayArchive
    previous: DayArchive | None
    next: DayArchive | None


@dataclass(frozen=True)
class MonthContext:
    """`month.html`: one month as a calendar of its days; the months around it."""

    template: ClassVar[str] = "month.html"
    month: MonthArchive
    previous: MonthArchive | None
    next: MonthArchive | None


@dataclass(frozen=True)
class YearContext:
    """`year.html`: the months of one year; the years around it."""

    template: ClassVar[str] = "year.html"
    year: YearArchive
    previous: YearArchive | None
    next: YearArchive | None


@dataclass(frozen=True)
class ArchiveContext:
    """`archive.html`: every year with articles, newest first."""

    template: ClassVar[str] = "archive.html"
    years: Sequence[YearArchive]


@dataclass(frozen=True)
class TopicsContext:
    """`topics.html`: the `top` most written-about topics of each kind, and the A–Я letters.

    `topics_by_kind` maps `person`, `place`, `organisation`, `other` to `TopicFacts`,
    most articles first.
    """

    template: ClassVar[str] = "topics.html"
    topics_by_kind: Mapping[str, Sequence[TopicFacts]]
    letters: Sequence[LetterIndex]
    top: int


@dataclass(frozen=True)
class TopicLetterContext:
    """`topic_letter.html`: a page of the topics under one letter, by kind.

    `index` is the letter; `by_kind` its topics on this page; `letters` all of them.
    """

    template: ClassVar[str] = "topic_letter.html"
    index: LetterIndex
    letters: Sequence[LetterIndex]
    by_kind: Mapping[str, Sequence[TopicFacts]]
    pager: Pager[tuple[str, TopicFacts]]


@dataclass(frozen=True)
class TopicContext:
    """`topic.html`: a page of one topic's articles (`Teaser`s); its front page also gives
    its facts, which change with every article (a numbered page, none: it stays as it is)."""

    template: ClassVar[str] = "topic.html"
    topic: Topic
    summary: TopicFacts | None
    pager: Pager[Teaser]
    per_month: tuple[tuple[dt.date, int], ...] = ()  # the front page's chart: articles a month


@dataclass(frozen=True)
class AuthorContext:
    """`author.html`: a page of one author's articles (`Teaser`s); its front page also says
    how many there are (a numbered page, none: it stays as it is)."""

    template: ClassVar[str] = "author.html"
    author: Author
    count: int | None
    pager: Pager[Teaser]


@dataclass(frozen=True)
class AuthorsContext:
    """`authors.html`: every author with their number of articles, by name."""

    template: ClassVar[str] = "authors.html"
    authors: Sequence[tuple[Author, int]]


@dataclass(frozen=True)
class SiteFeedContext:
    """`feed.xml` for the whole site: the newest articles, whole (`topic` is none)."""

    template: ClassVar[str] = "feed.xml"
    entries: Sequence[Article]
    topic: None = None


@dataclass(frozen=True)
class TopicFeedContext:
    """`feed.xml` for one topic: its newest articles as `Teaser`s (no body), or whole
    `Article`s with `topic_feed_content: true`."""

    template: ClassVar[str] = "feed.xml"
    entries: Sequence[Teaser | Article]
    topic: Topic


@dataclass(frozen=True)
class SiteRssContext(SiteFeedContext):
    """`rss.xml` (RSS 2.0) for the whole site, beside its Atom feed: the same entries."""

    template: ClassVar[str] = "rss.xml"


@dataclass(frozen=True)
class TopicRssContext(TopicFeedContext):
    """`rss.xml` (RSS 2.0) for one topic, beside its Atom feed: the same entries."""

    template: ClassVar[str] = "rss.xml"


@dataclass(frozen=True)
class SearchContext:
    """`search.html`: the years to filter by (oldest first) and the index's parts."""

    template: ClassVar[str] = "search.html"
    years: Sequence[int]
    parts: Sequence[SearchPart]


@dataclass(frozen=True)
class SitemapEntry:
    """What a sitemap says of a page: its address and, for an article, its date."""

    url: str
    lastmod: dt.date | None


@dataclass(frozen=True)
class SitemapContext:
    """`sitemap.xml`: the HTML pages, as `SitemapEntry`s."""

    template: ClassVar[str] = "sitemap.xml"
    pages: Sequence[SitemapEntry]


@dataclass(frozen=True)
class NewsSitemapContext:
    """`sitemap-news.xml`, the Google News sitemap: the articles of the newest two days."""

    template: ClassVar[str] = "sitemap_news.xml"
    articles: Sequence[Teaser]


@dataclass(frozen=True)
class SitemapIndexContext:
    """`sitemap_index.xml` (at `sitemap.xml`): the names of the sitemaps, past 50,000 URLs."""

    template: ClassVar[str] = "sitemap_index.xml"
    sitemaps: Sequence[str]


@dataclass(frozen=True)
class RobotsContext:
    """`robots.txt`: the sitemaps it names (none when the site has no address)."""

    template: ClassVar[str] = "robots.txt"
    sitemaps: Sequence[str] = ()


@dataclass(frozen=True)
class NotFoundContext:
    """`404.html`: nothing of its own; `root` is the site's path, as it is served anywhere."""

    template: ClassVar[str] = "404.html"


PageContext = (
    HomeContext
    | ArticleContext
    | DayContext
    | MonthContext
    | YearContext
    | ArchiveContext
    | TopicsContext
    | TopicLetterContext
    | TopicContext
    | AuthorContext
    | AuthorsContext
    | SiteFeedContext
    | TopicFeedContext
    | SearchContext
    | SitemapContext
    | NewsSitemapContext
    | SitemapIndexContext
    | RobotsContext
    | NotFoundContext
)


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, and what its template renders."""

    path: str
    context: PageContext
    sources: tuple[str, ...] = ()

    @property
    def template(self) -> str:
        return self.context.template

    @property
    def url(self) -> str:
        """The address of the page relative to the site root (`2025/`, `feed.xml`)."""
        return url_of(self.path)
