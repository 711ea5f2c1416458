"""`newsgen build`: the pipeline's phases in order, load → topics → plan → render → write."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgen.build_inputs import ROOT_FILES, remember_build, remembered_inputs, unchanged_site
from newsgen.build_place import check_output_location
from newsgen.build_report import BuildReport, PhaseClock
from newsgen.cluster import DaskWorkers, dask_workers
from newsgen.config import SiteConfig
from newsgen.errors import SourcesInvalid, WriteFailed
from newsgen.output import (
    SiteWriter,
    WriteReport,
    copy_root_files,
    copy_static,
    publish_images,
)
from newsgen.parallel import Jobs, forked_early
from newsgen.plan import Page, plan_site
from newsgen.rebuild_memo import DiskMemo, Memory
from newsgen.records import Article
from newsgen.remembered_plan import Plan
from newsgen.render import PageKeys, render_pages, render_salt, static_dirs, template_dirs
from newsgen.search import stage_search
from newsgen.serve_memo import BuildMemo
from newsgen.sources import Limits, LoadResult, SourceFiles, load_sources
from newsgen.sources.future import build_now, hold_future, source_date_epoch
from newsgen.topics import TopicSettings
from newsgen.topics.aliases import alias_table
from newsgen.topics.names import identity
from newsgen.topics.stage import EntitySource, find_topics

# What a long build is doing, for a terminal: a stage, how far it is, of how many, in what
# units: ("rendering", 500, 20000, "pages").
Progress = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class BuildOptions:
    """Where a build reads and writes, and how."""

    site_root: Path
    source_dir: Path
    output_dir: Path
    config: SiteConfig
    jobs: int = 1
    skip_invalid: bool = False
    cache_dir: Path | None = None  # None: no cache, every build runs extraction
    memo: BuildMemo | None = None  # what a long-running process remembers between builds
    # Keep the last search index even when articles changed (`newsgen serve` shows the
    # pages first and brings the index up to date with a second build).
    search_later: bool = False
    # A Dask scheduler's address: topics and pages are made on its workers (`cluster`).
    scheduler: str | None = None
    workers: DaskWorkers | None = None  # the cluster's, once connected


def build_site(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the site described by `options`; raise before writing anything if sources are bad.

    Each phase is timed on its own line of the report, in the order it runs. When the live
    site was built from the same inputs (`build_inputs`), nothing is done but to say so.
    """
    clock = PhaseClock()
    check_output_location(options)
    memory = options.memo or DiskMemo(options.cache_dir, options.output_dir)
    sources = memory.sources(options.source_dir)
    inputs = remembered_inputs(options, sources)
    unchanged = unchanged_site(options, inputs, clock) if inputs else None
    if unchanged:
        return unchanged
    with on_cluster(options) as options:
        report = build_from(options, memory, sources, progress, clock)
    if inputs:
        remember_build(options, inputs, report)
    return report


@contextlib.contextmanager
def on_cluster(options: BuildOptions) -> Iterator[BuildOptions]:
    """`options`, with the workers of its Dask cluster connected while the block runs (when
    it names one): before anything is written, so a cluster out of reach changes nothing."""
    if not options.scheduler:
        yield options
        return
    with dask_workers(options.scheduler) as workers:
        yield dataclasses.replace(options, workers=workers)


def build_from(
    options: BuildOptions,
    memory: Memory,
    sources: SourceFiles,
    progress: Progress | None,
    clock: PhaseClock,
) -> BuildReport:
    """Load `sources`, find topics, plan, render and write: the whole build, each phase
    reusing what `memory` kept of the last build."""
    # The topic workers are forked before the archive is loaded, so they hold none of it.
    with forked_early(0 if options.workers else options.jobs) as extractors:
        loaded = load_phase(options, memory, sources)
        now = None if options.config.build_future else build_now()
        current, waiting = hold_future(loaded.articles, now)
        clock.lap("load")
        articles, extracted = topics_phase(current, options, memory, progress, extractors)
        clock.lap("topics")
    salt = render_salt(options.config, template_dirs(options.site_root), reproducible_time())
    keys = memory.page_keys(salt)
    plan = memory.plan(articles, options.config, loaded.read, keys)
    clock.lap("plan")
    in_full = functools.partial(plan_site, articles, options.config)
    written, rendered, search, plan = write_phases(
        plan, keys, in_full, options, memory, progress, clock, articles
    )
    return BuildReport(
        articles=len(articles),
        pages=len(plan),
        write=written,
        seconds=clock.total(),
        phases=clock.laps,
        sources_read=loaded.files_read,
        topics_extracted=extracted,
        pages_rendered=rendered,
        pages_not_planned=len(plan.kept),
        search=search,
        ignored_files=loaded.ignored_files,
        drafts=loaded.drafts,
        skipped=loaded.problems,
        waiting=tuple(waiting),
    )


def load_phase(options: BuildOptions, memory: Memory, sources: SourceFiles) -> LoadResult:
    """Every source loaded; the problems of all of them raised at once (unless skipped)."""
    config = options.config
    limits = Limits(config.max_source_kb * 1024, config.max_image_kb * 1024)
    memo = memory.load_memo(options.source_dir, limits)
    workers = options.workers
    jobs = workers if workers and workers.reach(sources) else options.jobs
    loaded = load_sources(
        options.source_dir, jobs, memo, limits.source_bytes, sources, limits.image_bytes
    )
    memory.loaded(memo, options.source_dir, limits)
    if loaded.problems and not options.skip_invalid:
        raise SourcesInvalid(list(loaded.problems))
    return loaded


def topics_phase(
    articles: Sequence[Article],
    options: BuildOptions,
    memory: Memory,
    progress: Progress | None,
    extractors: Jobs | None = None,
) -> tuple[list[Article], int]:
    """The articles with their topics, and how many went through the model (not cached);
    the models run on the cluster, or `extractors`, or `options.jobs` new processes."""
    cache = options.cache_dir / "topics.sqlite" if options.cache_dir else None
    told = stage_progress(progress, "finding topics", "articles")
    jobs = options.workers or extractors or options.jobs
    source = EntitySource(
        cache, jobs, memory.entities, told, options.config.find_topics, memory.text_keys
    )
    settings = topic_settings(options.config)
    found = find_topics(articles, settings, source, memory.topics_made())
    memory.remember_topics(found.made)
    return memory.with_topics(articles, found.made.topics), found.extracted


def stage_progress(
    progress: Progress | None, stage: str, unit: str
) -> Callable[[int, int], None] | None:
    """`progress` for one stage, told only how far it is: `(done, total)`."""
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total, unit)


def topic_settings(config: SiteConfig) -> TopicSettings:
    """The settings of `newsgen.yaml` that turn found entities into topics."""
    return TopicSettings(
        aliases=alias_table(config.topic_aliases, config.language),
        ignore=frozenset(identity(name) for name in config.topic_ignore),
        min_mentions=config.topic_min_mentions,
        sources=config.topic_sources,
        language=config.language,
    )


def write_phases(
    plan: Plan,
    keys: PageKeys,
    in_full: Callable[[], list[Page]],
    options: BuildOptions,
    memory: Memory,
    progress: Progress | None,
    clock: PhaseClock,
    articles: Sequence[Article] = (),
) -> tuple[WriteReport, int, str, Plan]:
    """Render the pages that changed, copy the site's files, index, swap; give what was done
    (and the plan, made whole when a page it keeps was gone).

    A page whose key (what it is made from) matches the live site's is kept as it is, and
    so is each page the plan keeps; when one of those is gone from the live site, the site
    is planned `in_full`. The old site stays in place until everything is written.
    """
    thorough = memory.looks_over_whole_site()
    with system_refusals_said(), SiteWriter(options.output_dir, thorough) as writer:
        known = writer.live_keys() if options.cache_dir else {}
        if writer.keep_all({path: known.get(path, "") for path in plan.kept}):
            plan = Plan(in_full())  # a page the plan keeps is gone from the live site
        unstaged = [page for page in plan.pages if not writer.has(page.path)]
        to_render = keep_unchanged_pages(writer, unstaged, keys, known, plan.unchanged)
        clock.lap("keys")
        dirs = template_dirs(options.site_root)
        fallback = reproducible_time()
        jobs = options.workers or options.jobs
        rendered = render_pages(to_render, options.config, dirs, jobs, fallback, keys.salt)
        for number, (page, data) in enumerate(zip(to_render, rendered, strict=True), 1):
            writer.write(page.path, data, keys.key(page))
            if progress and (number % 500 == 0 or number == len(to_render)):
                progress("rendering", number, len(to_render), "pages")
        clock.lap("render+write")
        copy_static(writer, static_dirs(options.site_root))
        clock.lap("static")
        publish_images(writer, articles, options.source_dir, known, options.jobs)
        clock.lap("images")
        search = search_phase(writer, plan, keys, known, options, progress)
        clock.lap("search index")
        copy_root_files(writer, options.site_root / ROOT_FILES)  # last: it checks every path
        report = writer.commit()
        memory.wrote(plan, keys, options.config.search)
        clock.lap("swap")
        return report, len(to_render), search, plan


def keep_unchanged_pages(
    writer: SiteWriter,
    pages: list[Page],
    keys: PageKeys,
    known: dict[str, str],
    unchanged: frozenset[str] = frozenset(),
) -> list[Page]:
    """Stage as it is the live file of each page whose key matches, or that the plan knows
    `unchanged` (its live key is its key); give the pages to render (those whose key
    differs, or whose live file is missing)."""
    if not known:  # nothing to keep: each key is worked out while the workers render
        return pages

    def key(page: Page) -> str:
        return known.get(page.path, "") if page.path in unchanged else keys.key(page)

    same = {page.path: made for page in pages if known.get(page.path) == (made := key(page))}
    missing = set(writer.keep_all(same))
    return [page for page in pages if page.path not in same or page.path in missing]


def search_phase(
    writer: SiteWriter,
    plan: Plan,
    keys: PageKeys,
    known: dict[str, str],
    options: BuildOptions,
    progress: Progress | None,
) -> str:
    """Stage the search index, when the site has one; say what became of it."""
    if not options.config.search:
        return "off"
    # Pagefind reports nothing while it works, and takes seconds on an archive.
    told = stage_progress(progress, "indexing for search", "parts")
    language = options.config.language
    later = options.search_later
    remembered = plan.record_keys
    jobs = options.jobs
    return stage_search(writer, plan.pages, keys, known, language, later, told, remembered, jobs)


@contextlib.contextmanager
def system_refusals_said() -> Iterator[None]:
    """Turn a write the system refused (a full disk, a quota) into one line and its exit code;
    the writer has touched only the staging folder, so the old site is intact."""
    try:
        yield
    except OSError as error:
        raise WriteFailed.of(error) from error


def reproducible_time() -> str:
    """Give the time a page shows where no article gives one: SOURCE_DATE_EPOCH when set,
    else the Unix epoch (never the clock, so that such pages stay reproducible)."""
    moment = source_date_epoch() or dt.datetime.fromtimestamp(0, dt.UTC)
    return moment.isoformat().replace("+00:00", "Z")
