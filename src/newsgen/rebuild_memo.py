"""What a build remembers of the last one, behind one interface for every kind of build.

`newsgen build` keeps it on disk (`DiskMemo`): what each source gave, in
`.newsgen-cache/sources.sqlite`, and the last build's inputs (`build_inputs`), so an
unchanged site is left as it is. `newsgen serve` keeps it in memory (`serve_memo.BuildMemo`),
so a small edit costs little. A build runs the same phases with either.

Both keep the last topic assignment (`topics.remembered`): when no article's entities
changed, topics are not assigned again. Both plan only the pages that show whole articles
when no article's teaser changed: `DiskMemo` by the plan it kept (`remembered_plan`),
`BuildMemo` by the pages it holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsgen.by_record import ByRecord
from newsgen.config import SiteConfig
from newsgen.errors import WriteFailed
from newsgen.output import marker_stamp
from newsgen.plan.site import plan_in_order
from newsgen.records import Article, Topic
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
from newsgen.sources import (
    Limits,
    LoadMemo,
    SourceFiles,
    find_sources,
    read_load_memo,
    write_load_memo,
)
from newsgen.topics.entities import FoundEntity
from newsgen.topics.remembered import FILE_NAME as TOPICS_MADE
from newsgen.topics.remembered import TopicsMade, read_topics_made, write_topics_made


class Memory(Protocol):
    """What a build asks of what it remembers; see the module's text."""

    def sources(self, source_dir: Path) -> SourceFiles: ...

    @property
    def entities(self) -> dict[str, list[FoundEntity]] | None: ...

    @property
    def text_keys(self) -> ByRecord[Article, str] | None: ...

    def topics_made(self) -> TopicsMade | None: ...

    def remember_topics(self, made: TopicsMade) -> None: ...

    def load_memo(self, source_dir: Path, limits: Limits) -> LoadMemo | None: ...

    def loaded(self, memo: LoadMemo | None, source_dir: Path, limits: Limits) -> None: ...

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

    def load_memo(self, source_dir: Path, limits: Limits) -> LoadMemo | None:
        kept = self._load_store()
        # A build that read files and failed before its swap left pages that do not show
        # them, yet the memo says those files are unchanged: every page is planned.
        self._behind = kept is None or self._ahead().exists()
        return read_load_memo(kept, source_dir, limits) if kept else None

    def loaded(self, memo: LoadMemo | None, source_dir: Path, limits: Limits) -> None:
        """Keep what each file gave; until this build's site is live, say that the memo
        knows readings the site does not show (`_AHEAD`), so no plan is kept by it."""
        kept = self._load_store()
        if kept and memo:
            if memo.read_this_time():
                _touch(self._ahead())
            write_load_memo(memo, kept, source_dir, limits)

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
        self._now = now = Teasers.of(articles, keys)  # for every way below, and the plan kept
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


def _touch(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError as error:
        raise WriteFailed.of(error) from error
