"""The plan stage: all articles to every `Page` of the site (pure, no I/O)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from newsgen.config import SiteConfig
from newsgen.errors import OutputError
from newsgen.plan.archives import DayArchive, MonthArchive, YearArchive, group_by_date
from newsgen.plan.authors import authors_of
from newsgen.plan.pages import (
    ArchiveContext,
    ArticleContext,
    AuthorContext,
    AuthorsContext,
    DayContext,
    HomeContext,
    MonthContext,
    NotFoundContext,
    Page,
    SearchContext,
    SiteFeedContext,
    SiteRssContext,
    TopicContext,
    TopicFeedContext,
    TopicLetterContext,
    TopicRssContext,
    TopicsContext,
    YearContext,
)
from newsgen.plan.pagination import paginate, paginate_by_time
from newsgen.plan.related import related_articles
from newsgen.plan.related_kept import LastRelated
from newsgen.plan.search_parts import plan_parts
from newsgen.plan.sitemap import sitemap_pages
from newsgen.plan.topic_index import (
    TOPIC_KINDS,
    LetterIndex,
    TopicSummary,
    active_topics,
    letter_indexes,
    topic_summaries,
)
from newsgen.records import Article, Teaser
from newsgen.sources.url_clashes import folded_path
from newsgen.urls import URLS, feed_url, file_of, month_of, rss_url

Archive = TypeVar("Archive", DayArchive, MonthArchive, YearArchive)

TOPICS_ON_INDEX = 60  # per kind on /topics/; the letter pages list them all
TOPICS_PER_LETTER_PAGE = 500  # a letter with more (С of 20,000 topics) gets more pages


def plan_site(articles: Sequence[Article], config: SiteConfig) -> list[Page]:
    """Give every page of the site for `articles`, checked for two pages on one path."""
    newest_first = newest_first_of(articles)
    return plan_in_order(newest_first, [Teaser.of(article) for article in newest_first], config)


def newest_first_of(articles: Sequence[Article]) -> list[Article]:
    """The articles in the site's order: newest first."""
    return sorted(articles, key=lambda a: a.sort_key, reverse=True)


def plan_in_order(
    newest_first: Sequence[Article],
    teasers: Sequence[Teaser],
    config: SiteConfig,
    last: LastRelated | None = None,
) -> list[Page]:
    """`plan_site` of articles already in order, with their teasers; the related articles
    that the `last` plan's lists give as they are, taken from them."""
    years = group_by_date(teasers)
    topics = topic_summaries(teasers)
    pages = [
        *home_pages(teasers, config),
        *article_pages(newest_first, teasers, related_articles(teasers, topics, last)),
        *date_pages(years),
        *topic_pages(topics, config),
        *author_pages(teasers, config),
        *feed_pages(newest_first, topics, config),
    ]
    pages.extend(sitemap_pages(pages, teasers, config))
    pages.extend(search_page(years, config))
    pages.append(Page(URLS.not_found, NotFoundContext()))
    check_unique_paths(pages)
    return pages


def plan_again(
    previous: Sequence[Page],
    newest_first: Sequence[Article],
    config: SiteConfig,
    fresh: Sequence[Article] | None = None,
) -> list[Page]:
    """Give the pages for the articles (in the site's order, `newest_first_of`) from
    `previous`, planned for articles with equal teasers.

    With every teaser (title, date, summary, topics…) unchanged, only the pages that show
    a whole article can differ: its own page and the site feed. The others are kept as
    they are, so a rebuild after editing an article's body plans almost nothing.
    `fresh`, when known, are the articles that are not the records `previous` shows.
    """
    changed = newest_first if fresh is None else fresh
    by_path = {file_of(article.url): article for article in changed}
    whole = {a.identifier: a for a in newest_first} if config.topic_feed_content else None
    pages = []
    for page in previous:
        context = page.context
        if (
            isinstance(context, ArticleContext)
            and (article := by_path.get(page.path, context.article)) is not context.article
        ):  # a new record: its text changed, or the file it came from (the page says which)
            page = replace(
                page, context=replace(context, article=article), sources=(article.source_path,)
            )
        elif isinstance(context, SiteFeedContext):  # Atom or RSS: whole articles
            page = replace(page, context=replace(context, entries=newest_first[: config.feed_size]))
        elif isinstance(context, TopicFeedContext) and whole is not None:  # whole ones too
            page = replace(
                page, context=replace(context, entries=_feed_entries(context.entries, whole))
            )
        pages.append(page)
    return pages


def home_pages(newest_first: Sequence[Teaser], config: SiteConfig) -> Iterator[Page]:
    """The home page and its further pages; the first also shows the most active topics."""
    for pager in paginate_by_time(newest_first, "", config.per_page):
        topics = active_topics(newest_first) if pager.number == 0 else []
        yield Page(file_of(pager.url), HomeContext(pager, topics))


def search_page(years: Sequence[YearArchive], config: SiteConfig) -> list[Page]:
    """The search page, when the site has search: the years to filter by, the index's parts."""
    if not config.search:
        return []
    months = sorted((month_of(month.url), month.article_count) for y in years for month in y.months)
    parts = plan_parts(months, config.search_part_size)[::-1]  # newest first, as searched
    return [Page(file_of(URLS.search), SearchContext([y.year for y in years], parts))]


def article_pages(
    newest_first: Sequence[Article], teasers: Sequence[Teaser], related: Sequence[Sequence[Teaser]]
) -> Iterator[Page]:
    for index, shown in enumerate(related):
        yield article_page(index, newest_first, teasers, shown)


def article_page(
    index: int,
    newest_first: Sequence[Article],
    teasers: Sequence[Teaser],
    related: Sequence[Teaser],
) -> Page:
    """The page of the article at `index` (newest first), linking its neighbours in time."""
    article = newest_first[index]
    newer = teasers[index - 1] if index > 0 else None
    older = teasers[index + 1] if index + 1 < len(teasers) else None
    context = ArticleContext(article, newer, older, related)
    return Page(file_of(article.url), context, (article.source_path,))


def date_pages(years: Sequence[YearArchive]) -> Iterator[Page]:
    months = [month for year in years for month in year.months]
    days = [day for month in months for day in month.days]
    for index, day in enumerate(days):
        yield Page(file_of(day.url), DayContext(day, *_neighbours(days, index)))
    for index, month in enumerate(months):
        yield Page(file_of(month.url), MonthContext(month, *_neighbours(months, index)))
    for index, year in enumerate(years):
        yield Page(file_of(year.url), YearContext(year, *_neighbours(years, index)))
    yield Page(file_of(URLS.archive), ArchiveContext(list(reversed(years))))


def _neighbours(items: Sequence[Archive], index: int) -> tuple[Archive | None, Archive | None]:
    """The archives before and after `items[index]` in time (for previous/next links)."""
    before = items[index - 1] if index > 0 else None
    after = items[index + 1] if index + 1 < len(items) else None
    return before, after


def letter_pages(letter: LetterIndex, letters: Sequence[LetterIndex]) -> Iterator[Page]:
    """The pages of one letter's topics, by kind, `TOPICS_PER_LETTER_PAGE` to a page."""
    listed = [(kind, facts) for kind in TOPIC_KINDS for facts in letter.by_kind[kind]]
    for pager in paginate(listed, letter.url, TOPICS_PER_LETTER_PAGE):
        shown = {kind: [f for k, f in pager.articles if k == kind] for kind in TOPIC_KINDS}
        context = TopicLetterContext(letter, letters, shown, pager)
        yield Page(file_of(pager.url), context)


def topic_pages(topics: Sequence[TopicSummary], config: SiteConfig) -> Iterator[Page]:
    by_kind = {kind: [s.facts() for s in topics if s.topic.kind == kind] for kind in TOPIC_KINDS}
    letters = letter_indexes(topics)
    yield Page(file_of(URLS.topics), TopicsContext(by_kind, letters, TOPICS_ON_INDEX))
    for letter in letters:
        yield from letter_pages(letter, letters)
    for summary in topics:
        facts = summary.facts()
        for pager in paginate_by_time(summary.articles, summary.topic.url, config.per_page):
            front = pager.url == pager.first_url
            context = TopicContext(
                summary.topic,
                facts if front else None,
                pager,
                summary.per_month() if front else (),
            )
            yield Page(file_of(pager.url), context)


def author_pages(newest_first: Sequence[Teaser], config: SiteConfig) -> Iterator[Page]:
    """A page of each author the articles name (paginated as topics are), and their index."""
    authors = authors_of(newest_first)
    if not authors:
        return
    counts = [(found.author, len(found.articles)) for found in authors]
    yield Page(file_of(URLS.authors), AuthorsContext(counts))
    for found in authors:
        for pager in paginate_by_time(found.articles, found.author.url, config.per_page):
            count = len(found.articles) if pager.url == pager.first_url else None
            yield Page(file_of(pager.url), AuthorContext(found.author, count, pager))


def feed_pages(
    newest_first: Sequence[Article], topics: Sequence[TopicSummary], config: SiteConfig
) -> Iterator[Page]:
    """The site's feeds and each topic's: Atom, and RSS 2.0 beside it on a site with an
    address (RSS has no relative links)."""
    rss = bool(config.base_url)
    yield from site_feed_pages(newest_first, config)
    whole = {a.identifier: a for a in newest_first} if config.topic_feed_content else None
    for summary in topics:
        entries = _feed_entries(summary.articles[: config.feed_size], whole)
        yield Page(feed_url(summary.topic.url), TopicFeedContext(entries, summary.topic))
        if rss:
            yield Page(rss_url(summary.topic.url), TopicRssContext(entries, summary.topic))


def _feed_entries(
    shown: Sequence[Teaser | Article], whole: Mapping[str, Article] | None
) -> Sequence[Teaser | Article]:
    """A topic feed's entries: its teasers, or (`whole` given) the articles they show, as
    they are now."""
    return shown if whole is None else [whole[entry.identifier] for entry in shown]


def site_feed_pages(newest_first: Sequence[Article], config: SiteConfig) -> list[Page]:
    """The site's feeds: the newest articles, whole, in Atom (and RSS 2.0 with an address)."""
    newest = newest_first[: config.feed_size]
    atom = Page(URLS.feed, SiteFeedContext(newest))
    return [atom, Page(URLS.rss, SiteRssContext(newest))] if config.base_url else [atom]


def check_unique_paths(pages: Sequence[Page]) -> None:
    """Raise naming both sources when two pages would be written to one path.

    Paths that differ only in case or Unicode form count as one: they are one file on
    macOS and Windows. (Articles are checked when loaded, with their lines; this catches
    every other page.)
    """
    seen: dict[str, Page] = {}
    clashes = []
    for page in pages:
        earlier = seen.setdefault(folded_path(page.path), page)
        if earlier is not page:
            names = " and ".join(", ".join(p.sources) or p.template for p in (earlier, page))
            paths = (
                repr(page.path)
                if earlier.path == page.path
                else f"{earlier.path!r} and {page.path!r} (one on macOS or Windows)"
            )
            clashes.append(f"two pages on one path {paths}: {names}")
    if clashes:
        raise OutputError("\n".join(clashes))
