"""What a build remembers of the last one, behind one interface for every kind of build.

`newsgen build` keeps it on disk (`DiskMemo`): what each source gave, in
`.newsgen-cache/sources.sqlite`, and the last build's inputs (`build_inputs`), so an
unchanged site is left as it is. `newsgen serve` keeps it in memory (`BuildMemo`), so a
small edit costs little. A build runs the same phases with either.

Both keep the last topic assignment (`topics.remembered`): when no article's entities
changed, topics are not assigned again. Both plan only the pages that show whole articles
when no article's teaser changed: `DiskMemo` by the plan it kept (`remembered_plan`),
`BuildMemo` by the pages it holds.

`BuildMemo`: each stage asks the memo first: files whose time and size did not change
are not read again; texts already seen are not looked up again; an article whose record
and topics did not change stays the same object; when no article's teaser changed, only
the pages that show whole articles are planned again; page keys already computed are not
computed again. Every answer equals what a full build gives: the memo only skips work whose
inputs are unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newsgen.config import SiteConfig
from newsgen.errors import WriteFailed
from newsgen.output import marker_stamp
from newsgen.plan import Page, plan_again, plan_site
from newsgen.plan.site import newest_first_of, plan_in_order
from newsgen.records import Article, Teaser, Topic
from newsgen.remembered_plan import FILE_NAME as PLAN_MADE
from newsgen.remembered_plan import (
    Plan,
    PlanMade,
    Teasers,
    holds,
    plan_made,
    read_plan_made,
    replan,
    updated,
    whole_plan,
    write_plan_made,
)
from newsgen.render import PageKeys
from newsgen.sources import LoadMemo, SourceFiles, find_sources, read_load_memo, write_load_memo
from newsgen.sources.discover import updated_sources
from newsgen.topics.entities import FoundEntity
from newsgen.topics.find import KnownKeys
from newsgen.topics.remembered import FILE_NAME as TOPICS_MADE
from newsgen.topics.remembered import TopicsMade, read_topics_made, write_topics_made


@dataclass(frozen=True)
class _PlanRun:
    teasers: Sequence[Teaser]
    config: SiteConfig
    pages: list[Page]


class Memory(Protocol):
    """What a build asks of what it remembers; see the module's text."""

    def sources(self, source_dir: Path) -> SourceFiles: ...

    @property
    def entities(self) -> dict[str, list[FoundEntity]] | None: ...

    @property
    def text_keys(self) -> KnownKeys | None: ...

    def topics_made(self) -> TopicsMade | None: ...

    def remember_topics(self, made: TopicsMade) -> None: ...

    def load_memo(self, source_dir: Path, max_bytes: int) -> LoadMemo | None: ...

    def loaded(self, memo: LoadMemo | None, source_dir: Path, max_bytes: int) -> None: ...

    def with_topics(
        self, loaded: Sequence[Article], topics: Sequence[tuple[Topic, ...]]
    ) -> list[Article]: ...

    def page_keys(self, salt: bytes) -> PageKeys: ...

    def plan(
        self, articles: Sequence[Article], config: SiteConfig, read: frozenset[str], keys: PageKeys
    ) -> Plan: ...

    def looks_over_whole_site(self) -> bool: ...

    def wrote(self, plan: Plan, keys: PageKeys, search: bool) -> None: ...


# Present while the load memo holds readings of files that no live page shows yet.
_AHEAD = "reads-not-yet-live"


@dataclass
class DiskMemo:
    """What `newsgen build` keeps between runs in `cache_dir` (nothing when None)."""

    cache_dir: Path | None
    output_dir: Path
    _last_plan: PlanMade | None = None
    _now: Teasers | None = None
    _behind: bool = True  # the live site may not show what the load memo read (see load_memo)

    @staticmethod
    def sources(source_dir: Path) -> SourceFiles:
        """Every source file, each looked at: a build from the command line knows nothing
        of what changed since the last."""
        return find_sources(source_dir)

    @property
    def entities(self) -> None:
        return None  # found entities are kept by the topic cache, by text

    @property
    def text_keys(self) -> None:
        return None  # a build from the command line reads its records anew

    def load_memo(self, source_dir: Path, max_bytes: int) -> LoadMemo | None:
        kept = self._load_store()
        # A build that read files and failed before its swap left pages that do not show
        # them, yet the memo says those files are unchanged: every page is planned.
        self._behind = kept is None or self._ahead().exists()
        return read_load_memo(kept, source_dir, max_bytes) if kept else None

    def loaded(self, memo: LoadMemo | None, source_dir: Path, max_bytes: int) -> None:
        """Keep what each file gave; until this build's site is live, say that the memo
        knows readings the site does not show (`_AHEAD`), so no plan is kept by it."""
        kept = self._load_store()
        if kept and memo:
            if memo.read_this_time():
                _touch(self._ahead())
            write_load_memo(memo, kept, source_dir, max_bytes)

    def topics_made(self) -> TopicsMade | None:
        return read_topics_made(self.cache_dir / TOPICS_MADE) if self.cache_dir else None

    def remember_topics(self, made: TopicsMade) -> None:
        if self.cache_dir:
            write_topics_made(self.cache_dir / TOPICS_MADE, made)

    @staticmethod
    def with_topics(
        loaded: Sequence[Article], topics: Sequence[tuple[Topic, ...]]
    ) -> list[Article]:
        return [
            dataclasses.replace(article, topics=mine)
            for article, mine in zip(loaded, topics, strict=True)
        ]

    page_keys = staticmethod(PageKeys)  # page keys are kept in the site's marker

    def plan(
        self, articles: Sequence[Article], config: SiteConfig, read: frozenset[str], keys: PageKeys
    ) -> Plan:
        """The last plan with the pages of the articles `read` planned again, while no
        teaser changed; else `plan.plan_site`, with the article pages that show what they
        showed told apart (`remembered_plan`)."""
        kept = self.cache_dir / PLAN_MADE if self.cache_dir and not self._behind else None
        self._last_plan = last = read_plan_made(kept) if kept else None
        site = marker_stamp(self.output_dir)
        self._now = now = Teasers.of(articles)  # for every way below, and the plan kept
        if not holds(last, site, keys):
            return Plan(plan_in_order(now.newest_first, now.teasers, config))
        assert last is not None
        again = replan(last, site, articles, read, config, keys, now)
        if again:
            return again
        pages = plan_in_order(now.newest_first, now.teasers, config, last.related_for(now))
        return whole_plan(last, site, pages, read, keys, now)

    def looks_over_whole_site(self) -> bool:
        """Every build from the command line looks for files put into the site by hand."""
        return True

    def wrote(self, plan: Plan, keys: PageKeys, search: bool) -> None:
        """Keep what the next build needs of `plan`, now that its pages are live."""
        site = marker_stamp(self.output_dir)
        if self.cache_dir is None or site is None:
            return
        last = self._last_plan
        made = updated(last, plan, site, keys, search) if last and plan.kept else None
        made = made or plan_made(plan, site, keys, search, self._now)
        write_plan_made(self.cache_dir / PLAN_MADE, made)
        self._ahead().unlink(missing_ok=True)

    def _load_store(self) -> Path | None:
        return self.cache_dir / "sources.sqlite" if self.cache_dir else None

    def _ahead(self) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / _AHEAD


@dataclass
class BuildMemo:
    """Kept by a process that builds the same site again and again."""

    loads: LoadMemo = field(default_factory=LoadMemo)
    entities: dict[str, list[FoundEntity]] = field(default_factory=dict)
    text_keys: KnownKeys = field(default_factory=dict)
    # The source files the last build found, and the paths changed since (None: unknown).
    _found: tuple[Path, SourceFiles] | None = None
    _changed: set[str] | None = None
    _topics: TopicsMade | None = None
    # Each loaded article (by id) with the record it became with its topics.
    _with_topics: dict[int, tuple[Article, Article]] = field(default_factory=dict)
    _plan: _PlanRun | None = None
    _teasers: dict[int, tuple[Article, Teaser]] = field(default_factory=dict)
    _keys: PageKeys | None = None
    _written: bool = False

    def changed(self, paths: set[str] | None) -> None:
        """Learn that the files at `paths` (absolute) changed since the last build, or,
        given None, that what changed is not known."""
        if self._changed is not None:
            self._changed = None if paths is None else self._changed | paths

    def sources(self, source_dir: Path) -> SourceFiles:
        """The source files: the last build's with the changed ones looked at again, when
        what changed is known; else every one."""
        last, changed = self._found, self._changed
        if last and last[0] == source_dir and changed is not None:
            found = updated_sources(last[1], source_dir, changed)
        else:
            found = find_sources(source_dir)
        self._found, self._changed = (source_dir, found), set()
        return found

    def load_memo(self, source_dir: Path, max_bytes: int) -> LoadMemo:
        return self.loads

    def loaded(self, memo: LoadMemo | None, source_dir: Path, max_bytes: int) -> None:
        pass  # kept in memory

    def looks_over_whole_site(self) -> bool:
        """Only the first build looks through the whole site for files put there by hand;
        the next ones, of a site only this process writes, look over its top."""
        return not self._written

    def wrote(self, plan: Plan, keys: PageKeys, search: bool) -> None:
        self._written = True

    def topics_made(self) -> TopicsMade | None:
        return self._topics

    def remember_topics(self, made: TopicsMade) -> None:
        self._topics = made

    def with_topics(
        self, loaded: Sequence[Article], topics: Sequence[tuple[Topic, ...]]
    ) -> list[Article]:
        """The loaded articles with their topics; the same records as last time where the
        loaded record and its topics are (so their page keys are remembered)."""
        last = self._with_topics
        assigned = [
            _same(last.get(id(article)), article, mine) or dataclasses.replace(article, topics=mine)
            for article, mine in zip(loaded, topics, strict=True)
        ]
        self._with_topics = {
            id(article): (article, made) for article, made in zip(loaded, assigned, strict=True)
        }
        return assigned

    def plan(
        self, articles: Sequence[Article], config: SiteConfig, read: frozenset[str], keys: PageKeys
    ) -> Plan:
        """`plan.plan_site`, replanning only article pages when no teaser changed."""
        newest_first = newest_first_of(articles)
        teasers, fresh = self._teasers_of(newest_first)
        last = self._plan
        if last is not None and last.config == config and last.teasers == teasers:
            pages = plan_again(last.pages, newest_first, config, fresh)
        else:
            pages = plan_site(articles, config)
            keys.forget()  # every record is new: start remembering afresh
        self._plan = _PlanRun(teasers, config, pages)
        return Plan(pages)

    def _teasers_of(self, articles: Sequence[Article]) -> tuple[list[Teaser], list[Article]]:
        """The teasers of `articles`, the last build's for the same records; and the
        articles that are not those records."""
        last = self._teasers
        teasers, fresh = [], []
        for article in articles:
            known = last.get(id(article))
            if known and known[0] is article:
                teasers.append(known[1])
            else:
                teasers.append(Teaser.of(article))
                fresh.append(article)
        self._teasers = {id(a): (a, t) for a, t in zip(articles, teasers, strict=True)}
        return teasers, fresh

    def page_keys(self, salt: bytes) -> PageKeys:
        """A `PageKeys` that remembers across rebuilds while the salt holds."""
        if self._keys is None or self._keys.salt != salt:
            self._keys = PageKeys(salt)
        return self._keys


def _touch(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError as error:
        raise WriteFailed.of(error) from error


def _same(
    last: tuple[Article, Article] | None, article: Article, topics: tuple[Topic, ...]
) -> Article | None:
    """The record `article` became last time, if it is the same object with equal topics."""
    if last is None or last[0] is not article or last[1].topics != topics:
        return None
    return last[1]
