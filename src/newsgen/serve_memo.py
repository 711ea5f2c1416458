"""What `newsgen serve` keeps from build to build, in memory (`rebuild_memo.Memory`).

Each stage asks the memo first: the files the watcher says changed are looked at, the
others not; files whose time and size did not change are not read again; texts already
seen are not looked up again; an article whose record and topics did not change stays
the same object, with its text key, teaser and folded URL as they were; when no
article's teaser changed, only the pages that show whole articles are planned again;
page keys already computed are not computed again. Every answer equals what a full build
gives: the memo only skips work whose inputs are unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.by_record import ByRecord
from newsgen.config import SiteConfig
from newsgen.plan import Page, plan_again, plan_site
from newsgen.plan.site import newest_first_of
from newsgen.records import Article, Teaser, Topic
from newsgen.remembered_plan import Plan
from newsgen.render import PageKeys
from newsgen.sources import Limits, LoadMemo, SourceFiles, find_sources
from newsgen.sources.discover import updated_sources
from newsgen.topics.entities import FoundEntity
from newsgen.topics.remembered import TopicsMade


@dataclass(frozen=True)
class _PlanRun:
    teasers: Sequence[Teaser]
    config: SiteConfig
    pages: list[Page]


@dataclass
class BuildMemo:
    """Kept by a process that builds the same site again and again."""

    loads: LoadMemo = field(default_factory=LoadMemo)
    entities: dict[str, list[FoundEntity]] = field(default_factory=dict)
    text_keys: ByRecord[Article, str] = field(default_factory=ByRecord)
    # The source files the last build found, and the paths told changed since (None: not
    # known, or not told: a build nobody tells of changes looks at every file).
    _found: tuple[Path, SourceFiles] | None = None
    _changed: set[str] | None = None
    _told: bool = False
    _topics: TopicsMade | None = None
    # Each loaded article (by id) with the record it became with its topics.
    _with_topics: dict[int, tuple[Article, Article]] = field(default_factory=dict)
    _plan: _PlanRun | None = None
    _teasers: ByRecord[Article, Teaser] = field(default_factory=ByRecord)
    _keys: PageKeys | None = None
    _written: bool = False

    def changed(self, paths: set[str] | None) -> None:
        """Learn that the files at `paths` (absolute) changed since the last build, or,
        given None, that what changed is not known."""
        if not self._told:
            self._changed, self._told = paths, True
        elif self._changed is not None:  # told twice: what both say (None: not known)
            self._changed = None if paths is None else self._changed | paths

    def sources(self, source_dir: Path) -> SourceFiles:
        """The source files: the last build's with the changed ones looked at again, when
        told what changed since; else every one."""
        last, changed = self._found, self._changed
        if last and last[0] == source_dir and self._told and changed is not None:
            found = updated_sources(last[1], source_dir, changed)
        else:
            found = find_sources(source_dir)
        self._found, self._changed, self._told = (source_dir, found), None, False
        return found

    def load_memo(self, source_dir: Path, limits: Limits) -> LoadMemo:
        return self.loads

    def loaded(self, memo: LoadMemo | None, source_dir: Path, limits: Limits) -> None:
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
        teasers = self._teasers.values(newest_first, Teaser.of)
        last = self._plan
        if last is not None and last.config == config and last.teasers == teasers:
            pages = plan_again(last.pages, newest_first, config, self._teasers.new)
        else:
            pages = plan_site(articles, config)
            keys.forget()  # every record is new: start remembering afresh
        self._plan = _PlanRun(teasers, config, pages)
        return Plan(pages)

    def page_keys(self, salt: bytes) -> PageKeys:
        """A `PageKeys` that remembers across rebuilds while the salt holds."""
        if self._keys is None or self._keys.salt != salt:
            self._keys = PageKeys(salt)
        return self._keys


def _same(
    last: tuple[Article, Article] | None, article: Article, topics: tuple[Topic, ...]
) -> Article | None:
    """The record `article` became last time, if it is the same object with equal topics."""
    if last is None or last[0] is not article or last[1].topics != topics:
        return None
    return last[1]
