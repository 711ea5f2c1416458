"""What the last build planned, kept so that a rebuild that changes no teaser plans little.

Every page but an article's own and the site's feed shows articles by their teasers
(`records.Teaser`): titles, dates, summaries, topics. When a rebuild's articles are the
last build's, in the same order and with equal teasers, under the same render salt and
planning code, each of those pages is the live site's as it is. The rebuild then plans
only the pages of the articles read again (a corrected body), the site's feed, and the
search page (whose parts the index needs), and keeps every other page by the key the
live site's marker gives it. Correcting one article of 50,000 plans three pages, not
74,000.

Kept in `.newsgen-cache/last-plan.json`, as JSON (a cache copied between CI runs must not
be able to run code); a file that cannot be read is only lost time.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from newsgen.cache_files import write_json_whole
from newsgen.code_digest import running_code_digest
from newsgen.config import SiteConfig
from newsgen.plan import Page
from newsgen.plan.archives import group_by_date
from newsgen.plan.pages import ArticleContext
from newsgen.plan.related_kept import LastRelated
from newsgen.plan.site import article_page, newest_first_of, search_page, site_feed_pages
from newsgen.records import Article, Teaser
from newsgen.render import PageKeys
from newsgen.urls import file_of

FILE_NAME = "last-plan.json"
_PLANNING_CODE = ("newsgen.plan.site",)


@dataclass(frozen=True)
class Plan:
    """The pages a build plans, and the paths of the live pages it keeps as they are.

    `unchanged` are pages among `pages` that show what they showed in the last plan: the
    live file is kept by its key, without working the key out. `record_keys` gives the
    record key of the article of each article page kept or unchanged (the search index's
    parts digest them).
    """

    pages: list[Page]
    kept: tuple[str, ...] = ()
    record_keys: Mapping[str, str] = field(default_factory=dict)
    unchanged: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.pages) + len(self.kept)


@dataclass(frozen=True)
class PlanMade:
    """One build's plan, as much of it as the next build needs (see the module's text).

    `articles` are the article pages' paths, newest first; for each, in that order:
    `teasers` the digest of its teaser (`PageKeys.record_digest`), `related` its related
    articles (their places in `articles`), `record_keys` its record's key ("" for a site
    without search).
    `site` is the stamp of the live site's marker once these pages were swapped in: the
    plan holds for that site only (not for one a build without the cache swapped in since).
    `topic_sizes` gives each topic's number of articles, by slug.
    """

    made_with: str
    site: str
    articles: tuple[str, ...]
    teasers: tuple[str, ...]
    related: tuple[tuple[int, ...], ...]
    record_keys: tuple[str, ...]
    pages: tuple[str, ...]
    topic_sizes: dict[str, int]

    def related_for(self, now: Teasers) -> LastRelated:
        """The related articles this plan picked, for a plan of the articles `now`."""
        pairs = zip(self.articles, self.teasers, strict=True)
        unchanged = frozenset(path for path, key in pairs if now.keys.get(path) == key)
        return LastRelated(self.articles, self.related, self.topic_sizes, unchanged)


def made_with(salt: bytes) -> str:
    """What a plan is valid for: the render salt (settings, templates, rendering code) and
    the planning code."""
    return f"{salt.hex()} {_planning_code()}"


@functools.cache
def _planning_code() -> str:
    return running_code_digest(_PLANNING_CODE)


def replan(
    last: PlanMade | None,
    site: str | None,
    articles: Sequence[Article],
    read: frozenset[str],
    config: SiteConfig,
    keys: PageKeys,
    now: Teasers | None = None,
) -> Plan | None:
    """The plan of a rebuild of the live site stamped `site` whose teasers are the last
    plan's (see the module's text), or None when they are not; `read` are the sources
    read again, by `source_path`; `now` the articles' teasers, when worked out already."""
    if not holds(last, site, keys) or config.topic_feed_content:
        return None  # (topic feeds of whole articles would have to be found and planned too)
    assert last is not None
    newest_first, teasers, by_path = now or Teasers.of(articles, keys)
    paths = tuple(by_path)
    if paths != last.articles or list(by_path.values()) != list(last.teasers):
        return None
    pages = [
        article_page(index, newest_first, teasers, [teasers[i] for i in last.related[index]])
        for index, article in enumerate(newest_first)
        if article.source_path in read
    ]
    pages.extend(site_feed_pages(newest_first, config))
    pages.extend(search_page(group_by_date(teasers), config))
    planned = {page.path for page in pages}
    kept = tuple(path for path in last.pages if path not in planned)
    pairs = zip(paths, last.record_keys, strict=True)
    return Plan(pages, kept, {path: key for path, key in pairs if path not in planned})


def whole_plan(
    last: PlanMade | None,
    site: str | None,
    pages: list[Page],
    read: frozenset[str],
    keys: PageKeys,
    now: Teasers | None = None,
) -> Plan:
    """`pages`, a plan made whole, with the article pages that show what they showed in the
    last plan told apart (`Plan.unchanged`): an article not read again, whose teaser, and
    the teasers of its neighbours and related articles, are as they were. After 20 new
    articles, those are most of the archive's. `now`: the articles' teasers, if known."""
    if not holds(last, site, keys):
        return Plan(pages)
    assert last is not None
    shown = [page.context for page in pages if isinstance(page.context, ArticleContext)]
    now = now or Teasers.of([context.article for context in shown], keys)
    place = {path: index for index, path in enumerate(last.articles)}
    unchanged = {}
    for context in shown:
        path = file_of(context.article.url)
        before = place.get(path)
        if before is None or context.article.source_path in read:
            continue
        linked = [file_of(t.url) if t else "" for t in (context.newer, context.older)]
        linked += [file_of(t.url) for t in context.related]
        if linked == _linked_before(last, before) and all(
            now.keys[p] == last.teasers[place[p]] for p in [path, *linked] if p
        ):
            unchanged[path] = last.record_keys[before]
    return Plan(pages, (), unchanged, frozenset(unchanged))


def _linked_before(last: PlanMade, index: int) -> list[str]:
    """The pages the article page at `index` of `last` linked: newer, older (or ""), related."""
    newer = last.articles[index - 1] if index > 0 else ""
    older = last.articles[index + 1] if index + 1 < len(last.articles) else ""
    return [newer, older, *(last.articles[i] for i in last.related[index])]


def holds(last: PlanMade | None, site: str | None, keys: PageKeys) -> bool:
    """Whether `last` was made for the live site stamped `site`, with this render salt and
    planning code."""
    return (
        last is not None
        and site is not None
        and (last.made_with, last.site) == (made_with(keys.salt), site)
    )


class Teasers(NamedTuple):
    """The articles newest first, their teasers, and each teaser's key by its page's path
    (newest first): worked out once for both ways of planning."""

    newest_first: list[Article]
    teasers: list[Teaser]
    keys: dict[str, str]

    @classmethod
    def of(cls, articles: Sequence[Article], keys: PageKeys) -> Teasers:
        """`articles` in order, their teasers, and each teaser's digest as `keys` digests
        it: the page keys that show a teaser then find it digested."""
        newest_first = newest_first_of(articles)
        teasers = [Teaser.of(article) for article in newest_first]
        return cls(newest_first, teasers, {file_of(t.url): keys.record_digest(t) for t in teasers})


def plan_made(
    plan: Plan, site: str, keys: PageKeys, search: bool, now: Teasers | None = None
) -> PlanMade:
    """What to keep of `plan`, once its pages are live in the site stamped `site`; record
    keys only for a site with search (they are worked out for its index). `now`: the
    articles' teasers, when worked out already."""
    articles = [p.context for p in plan.pages if isinstance(p.context, ArticleContext)]
    paths = tuple(file_of(context.article.url) for context in articles)
    place = {path: index for index, path in enumerate(paths)}
    shown = list(zip(paths, articles, strict=True))
    teasers = now.keys if now else {p: keys.record_digest(Teaser.of(c.article)) for p, c in shown}
    sizes = Counter(topic.slug for context in articles for topic in context.article.topics)
    return PlanMade(
        made_with(keys.salt),
        site,
        paths,
        tuple(teasers[path] for path in paths),
        tuple(tuple(place[file_of(t.url)] for t in context.related) for context in articles),
        tuple(_record_key(plan, p, c.article, keys, search) for p, c in shown),
        tuple(page.path for page in plan.pages) + plan.kept,
        dict(sorted(sizes.items())),
    )


def _record_key(plan: Plan, path: str, article: Article, keys: PageKeys, search: bool) -> str:
    """The record key of the article at `path`: remembered, or worked out (for search)."""
    return plan.record_keys.get(path) or (keys.record_key(article) if search else "")


def updated(last: PlanMade, plan: Plan, site: str, keys: PageKeys, search: bool) -> PlanMade:
    """`last` with the record keys of the articles a rebuild from it planned again, for the
    site it swapped in (stamped `site`)."""
    again = {
        file_of(page.context.article.url): keys.record_key(page.context.article) if search else ""
        for page in plan.pages
        if isinstance(page.context, ArticleContext)
    }
    pairs = zip(last.articles, last.record_keys, strict=True)
    record_keys = tuple(again.get(path, key) for path, key in pairs)
    return dataclasses.replace(last, site=site, record_keys=record_keys)


def read_plan_made(path: Path) -> PlanMade | None:
    """The plan kept at `path`; None when there is none or it is not one whole."""
    try:
        plain = json.loads(path.read_bytes())
        size = _place_in(len(plain["articles"]) + 1)  # a topic has 0 to every article
        made = PlanMade(
            str(plain["made_with"]),
            str(plain["site"]),
            tuple(map(str, plain["articles"])),
            tuple(map(str, plain["teasers"])),
            tuple(tuple(map(_place_in(len(plain["articles"])), r)) for r in plain["related"]),
            tuple(map(str, plain["record_keys"])),
            tuple(map(str, plain["pages"])),
            {str(slug): size(n) for slug, n in plain["topic_sizes"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    count = len(made.articles)
    return (
        made if len(made.teasers) == len(made.related) == len(made.record_keys) == count else None
    )


def _place_in(count: int) -> Callable[[object], int]:
    """A reader of a place in a list of `count` (ValueError for anything else)."""

    def place(value: object) -> int:
        if type(value) is not int or not 0 <= value < count:
            raise ValueError(f"no place in {count}: {value!r}")
        return value

    return place


def write_plan_made(path: Path, made: PlanMade) -> None:
    """Keep `made` at `path`, replacing the file whole."""
    fields = dataclasses.fields(PlanMade)
    write_json_whole(path, {f.name: getattr(made, f.name) for f in fields})
