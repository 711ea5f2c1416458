"""What a build remembers of the last one, behind one interface for every kind of build.

`newsgen build` keeps it on disk (`DiskMemo`): what each source gave, in
`.newsgen-cache/sources.sqlite`, and the last build's inputs (`build_inputs`), so an
unchanged site is left as it is. `newsgen serve` keeps it in memory (`BuildMemo`), so a
small edit costs little. A build runs the same phases with either.

`BuildMemo`: each stage asks the memo first: files whose time and size did not change
are not read again; texts already seen are not looked up again; when no article's
entities changed, topics are not assigned again; when no article's teaser changed, only
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
from newsgen.plan import Page, plan_again, plan_site
from newsgen.records import Article, Teaser
from newsgen.render import PageKeys
from newsgen.sources import LoadMemo, read_load_memo, write_load_memo
from newsgen.topics import TopicSettings, assign_topics
from newsgen.topics.entities import FoundEntity


@dataclass(frozen=True)
class _TopicsRun:
    loaded: Sequence[Article]
    found: Sequence[Sequence[FoundEntity]]
    settings: TopicSettings
    assigned: Sequence[Article]


@dataclass(frozen=True)
class _PlanRun:
    teasers: Sequence[Teaser]
    config: SiteConfig
    pages: list[Page]


class Memory(Protocol):
    """What a build asks of what it remembers; see the module's text."""

    @property
    def entities(self) -> dict[str, list[FoundEntity]] | None: ...

    def load_memo(self, source_dir: Path, max_bytes: int) -> LoadMemo | None: ...

    def loaded(self, memo: LoadMemo | None, source_dir: Path, max_bytes: int) -> None: ...

    def assign_topics(
        self,
        loaded: Sequence[Article],
        found: Sequence[Sequence[FoundEntity]],
        settings: TopicSettings,
    ) -> list[Article]: ...

    def plan(self, articles: Sequence[Article], config: SiteConfig) -> list[Page]: ...

    def page_keys(self, salt: bytes) -> PageKeys: ...

    def looks_over_whole_site(self) -> bool: ...

    def wrote(self) -> None: ...


@dataclass(frozen=True)
class DiskMemo:
    """What `newsgen build` keeps between runs in `cache_dir` (nothing when None)."""

    cache_dir: Path | None

    @property
    def entities(self) -> None:
        return None  # found entities are kept by the topic cache, by text

    def load_memo(self, source_dir: Path, max_bytes: int) -> LoadMemo | None:
        kept = self._load_store()
        return read_load_memo(kept, source_dir, max_bytes) if kept else None

    def loaded(self, memo: LoadMemo | None, source_dir: Path, max_bytes: int) -> None:
        kept = self._load_store()
        if kept and memo:
            write_load_memo(memo, kept, source_dir, max_bytes)

    # Nothing kept between runs: each stage works afresh.
    assign_topics = staticmethod(assign_topics)
    plan = staticmethod(plan_site)
    page_keys = staticmethod(PageKeys)

    def looks_over_whole_site(self) -> bool:
        """Every build from the command line looks for files put into the site by hand."""
        return True

    def wrote(self) -> None:
        pass

    def _load_store(self) -> Path | None:
        return self.cache_dir / "sources.sqlite" if self.cache_dir else None


@dataclass
class BuildMemo:
    """Kept by a process that builds the same site again and again."""

    sources: LoadMemo = field(default_factory=LoadMemo)
    entities: dict[str, list[FoundEntity]] = field(default_factory=dict)
    _topics: _TopicsRun | None = None
    _plan: _PlanRun | None = None
    _keys: PageKeys | None = None
    _written: bool = False

    def load_memo(self, source_dir: Path, max_bytes: int) -> LoadMemo:
        return self.sources

    def loaded(self, memo: LoadMemo | None, source_dir: Path, max_bytes: int) -> None:
        pass  # kept in memory

    def looks_over_whole_site(self) -> bool:
        """Only the first build looks through the whole site for files put there by hand;
        the next ones, of a site only this process writes, look over its top."""
        return not self._written

    def wrote(self) -> None:
        self._written = True

    def assign_topics(
        self,
        loaded: Sequence[Article],
        found: Sequence[Sequence[FoundEntity]],
        settings: TopicSettings,
    ) -> list[Article]:
        """`topics.assign_topics`, reusing the last result when no entity changed."""
        last = self._topics
        if last is not None and _same_topic_inputs(last, loaded, found, settings):
            assigned = [
                old if new is was else dataclasses.replace(new, topics=old.topics)
                for new, was, old in zip(loaded, last.loaded, last.assigned, strict=True)
            ]
        else:
            assigned = assign_topics(loaded, found, settings)
        self._topics = _TopicsRun(list(loaded), list(found), settings, assigned)
        return assigned

    def plan(self, articles: Sequence[Article], config: SiteConfig) -> list[Page]:
        """`plan.plan_site`, replanning only article pages when no teaser changed."""
        newest_first = sorted(articles, key=lambda a: a.sort_key, reverse=True)
        teasers = [Teaser.of(article) for article in newest_first]
        last = self._plan
        if last is not None and last.config == config and last.teasers == teasers:
            pages = plan_again(last.pages, articles, config)
        else:
            pages = plan_site(articles, config)
            self._keys = None  # every record is new: start remembering afresh
        self._plan = _PlanRun(teasers, config, pages)
        return pages

    def page_keys(self, salt: bytes) -> PageKeys:
        """A `PageKeys` that remembers across rebuilds while the salt holds."""
        if self._keys is None or self._keys.salt != salt:
            self._keys = PageKeys(salt)
        return self._keys


def _same_topic_inputs(
    last: _TopicsRun,
    loaded: Sequence[Article],
    found: Sequence[Sequence[FoundEntity]],
    settings: TopicSettings,
) -> bool:
    if last.settings != settings or len(last.loaded) != len(loaded):
        return False
    return all(
        new is was or (new.source_path == was.source_path and new.topics == was.topics)
        for new, was in zip(loaded, last.loaded, strict=True)
    ) and list(found) == list(last.found)
