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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.cache_files import write_json_whole
from newsgen.code_digest import running_code_digest
from newsgen.config import SiteConfig
from newsgen.plan import Page
from newsgen.plan.archives import group_by_date
from newsgen.plan.pages import ArticleContext
from newsgen.plan.site import article_page, search_page, site_feed_page
from newsgen.records import Article, Teaser
from newsgen.render import PageKeys
from newsgen.urls import file_of

FILE_NAME = "last-plan.json"
_PLANNING_CODE = ("newsgen.plan.site",)


@dataclass(frozen=True)
class Plan:
    """The pages a build plans, and the paths of the live pages it keeps as they are.

    `record_keys` gives the record key of each kept article page's article (the search
    index's parts digest them).
    """

    pages: list[Page]
    kept: tuple[str, ...] = ()
    record_keys: Mapping[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.pages) + len(self.kept)


@dataclass(frozen=True)
class PlanMade:
    """One build's plan, as much of it as the next build needs (see the module's text).

    `articles` are the article pages' paths, newest first; `teasers` the key of each one's
    teaser; `related` each one's related articles (by page path).
    """

    made_with: str
    articles: tuple[str, ...]
    teasers: tuple[str, ...]
    related: dict[str, tuple[str, ...]]
    record_keys: dict[str, str]
    pages: tuple[str, ...]


def made_with(salt: bytes) -> str:
    """What a plan is valid for: the render salt (settings, templates, rendering code) and
    the planning code."""
    return f"{salt.hex()} {_planning_code()}"


@functools.cache
def _planning_code() -> str:
    return running_code_digest(_PLANNING_CODE)


def replan(
    last: PlanMade | None,
    articles: Sequence[Article],
    read: frozenset[str],
    config: SiteConfig,
    keys: PageKeys,
) -> Plan | None:
    """The plan of a rebuild whose teasers are the last plan's (see the module's text),
    or None when they are not; `read` are the sources read again, by `source_path`."""
    if last is None or last.made_with != made_with(keys.salt):
        return None
    newest_first = sorted(articles, key=lambda a: a.sort_key, reverse=True)
    teasers = [Teaser.of(article) for article in newest_first]
    paths = tuple(file_of(teaser.url) for teaser in teasers)
    if paths != last.articles or not _same_teasers(teasers, last.teasers, keys):
        return None
    by_path = dict(zip(paths, teasers, strict=True))
    pages = [
        article_page(index, newest_first, teasers, [by_path[p] for p in last.related[path]])
        for index, path in enumerate(paths)
        if newest_first[index].source_path in read
    ]
    pages.append(site_feed_page(newest_first, config))
    pages.extend(search_page(group_by_date(teasers), config))
    planned = {page.path for page in pages}
    kept = tuple(path for path in last.pages if path not in planned)
    return Plan(pages, kept, last.record_keys)


def _same_teasers(teasers: Sequence[Teaser], last: Sequence[str], keys: PageKeys) -> bool:
    return all(keys.record_key(t) == key for t, key in zip(teasers, last, strict=True))


def plan_made(plan: Plan, keys: PageKeys, search: bool) -> PlanMade:
    """What to keep of `plan`, once its pages are written; record keys only for a site
    with search (they are worked out for its index)."""
    articles = [p for p in plan.pages if isinstance(p.context, ArticleContext)]
    record_keys = dict(plan.record_keys)
    related = {}
    teasers = {}
    for page in articles:
        context = page.context
        assert isinstance(context, ArticleContext)
        related[page.path] = tuple(file_of(t.url) for t in context.related)
        teasers[page.path] = keys.record_key(Teaser.of(context.article))
        if search:
            record_keys[page.path] = keys.record_key(context.article)
    return PlanMade(
        made_with(keys.salt),
        tuple(page.path for page in articles),
        tuple(teasers[page.path] for page in articles),
        related,
        record_keys,
        tuple(page.path for page in plan.pages) + plan.kept,
    )


def updated(last: PlanMade, plan: Plan, keys: PageKeys, search: bool) -> PlanMade:
    """`last` with what a rebuild from it planned again: its articles' record keys."""
    again = plan_made(plan, keys, search)
    return dataclasses.replace(last, record_keys={**last.record_keys, **again.record_keys})


def read_plan_made(path: Path) -> PlanMade | None:
    """The plan kept at `path`; None when there is none or it cannot be read."""
    try:
        plain = json.loads(path.read_bytes())
        return PlanMade(
            str(plain["made_with"]),
            tuple(plain["articles"]),
            tuple(plain["teasers"]),
            {path: tuple(related) for path, related in plain["related"].items()},
            dict(plain["record_keys"]),
            tuple(plain["pages"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_plan_made(path: Path, made: PlanMade) -> None:
    """Keep `made` at `path`, replacing the file whole."""
    write_json_whole(path, dataclasses.asdict(made))
