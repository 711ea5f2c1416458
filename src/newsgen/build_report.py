"""What a build did: its counts and the time of each phase, and the line that says it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.output.writer import WriteReport
from newsgen.wording import counted


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the CLI to print."""

    articles: int
    pages: int
    write: WriteReport
    seconds: float
    ignored_files: int = 0
    drafts: int = 0
    skipped: tuple[SourceError, ...] = field(default=())
    waiting: tuple[SourceError, ...] = field(default=())  # articles dated in the future
    phases: dict[str, float] = field(default_factory=dict)
    sources_read: int = 0  # source files read (the others unchanged since the last build)
    topics_extracted: int = 0  # articles whose text went through a model (not cached)
    pages_rendered: int = 0  # pages whose sources changed since the live site was built
    pages_not_planned: int = 0  # pages kept as the last build planned them (`remembered_plan`)
    search: str = "off"  # what became of the search index: indexed, kept, left for later
    up_to_date: bool = False  # the live site was built from the same inputs: nothing done

    def summary(self, output_dir: Path) -> str:
        """One line saying what the build did, for the terminal."""
        write = self.write
        phases = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.phases.items())
        future = f", {len(self.waiting)} dated in the future" if self.waiting else ""
        done = "up to date (nothing changed since the last build), " if self.up_to_date else ""
        return (
            f"{done}built {counted(self.articles, 'article')} into {output_dir}: "
            f"{counted(self.pages, 'page')}; "
            f"files written {write.written}, unchanged {write.unchanged}, "
            f"removed {write.removed}; "
            f"{counted(self.drafts, 'draft')}{future} and "
            f"{counted(self.ignored_files, 'other file')} left out; "
            f"{counted(self.sources_read, 'source')} read (the rest unchanged); "
            f"topics found in {counted(self.topics_extracted, 'article')} (the rest cached); "
            f"{counted(self.pages_rendered, 'page')} rendered "
            f"(the rest unchanged since the last build{self._not_planned()}); "
            f"search index {self.search}; "
            f"{self.seconds:.2f} s ({phases})"
        )

    def _not_planned(self) -> str:
        return (
            f", {self.pages_not_planned} of them not planned again"
            if self.pages_not_planned
            else ""
        )


class PhaseClock:
    """Seconds spent in each phase of the build, in order."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.laps[phase] = now - self.last
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started
