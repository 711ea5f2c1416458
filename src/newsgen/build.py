"""`newsgen build`: the pipeline's phases in order, load → topics → plan → render → write."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.config import SiteConfig
from newsgen.errors import OutputError, SourceError, SourcesInvalid, UsageError, WriteFailed
from newsgen.output.marker import previous_keys
from newsgen.output.site_files import published_files
from newsgen.output.writer import SiteWriter, WriteReport, check_replaceable
from newsgen.plan.pages import ArticleContext, Page, SearchContext
from newsgen.plan.search_parts import SearchPart
from newsgen.plan.site import plan_site
from newsgen.rebuild_memo import BuildMemo
from newsgen.records import Article
from newsgen.render.jinja import static_dirs, template_dirs
from newsgen.render.page_keys import PageKeys, render_salt
from newsgen.render.pool import render_pages
from newsgen.search.index import is_current, keep_bundle, search_key, update_search
from newsgen.sources.future import build_now, hold_future, source_date_epoch
from newsgen.sources.load import load_sources
from newsgen.topics.aliases import alias_table
from newsgen.topics.assign import TopicSettings, assign_topics
from newsgen.topics.entities import identity
from newsgen.topics.find import Extraction, find_entities
from newsgen.urls import URLS, month_of

# What a long build is doing, for a terminal: a stage, how far it is, of how many, in what
# units: ("rendering", 500, 20000, "pages").
Progress = Callable[[str, int, int, str], None]
SEARCH_LEFT_FOR_LATER = "left for later"
ROOT_FILES = "root"  # the site's folder of files published at the site's root


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
    topics_extracted: int = 0  # articles whose text went through a model (not cached)
    pages_rendered: int = 0  # pages whose sources changed since the live site was built
    search: str = "off"  # what became of the search index: indexed, kept, left for later

    def summary(self, output_dir: Path) -> str:
        """One line saying what the build did, for the terminal."""
        write = self.write
        phases = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.phases.items())
        future = f", {len(self.waiting)} dated in the future" if self.waiting else ""
        return (
            f"built {counted(self.articles, 'article')} into {output_dir}: "
            f"{counted(self.pages, 'page')}; "
            f"files written {write.written}, unchanged {write.unchanged}, "
            f"removed {write.removed}; "
            f"{counted(self.drafts, 'draft')}{future} and "
            f"{counted(self.ignored_files, 'other file')} left out; "
            f"topics found in {counted(self.topics_extracted, 'article')} (the rest cached); "
            f"{counted(self.pages_rendered, 'page')} rendered "
            "(the rest unchanged since the last build); "
            f"search index {self.search}; "
            f"{self.seconds:.2f} s ({phases})"
        )


def counted(number: int, thing: str) -> str:
    """`1 article`, `2 articles`: a number and the thing counted, in English."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


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


def build_site(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the site described by `options`; raise before writing anything if sources are bad."""
    clock = PhaseClock()
    check_output_location(options)
    loaded = load_sources(
        options.source_dir,
        options.jobs,
        options.memo.sources if options.memo else None,
        options.config.max_source_kb * 1024,
    )
    if loaded.problems and not options.skip_invalid:
        raise SourcesInvalid(list(loaded.problems))
    now = None if options.config.build_future else build_now()
    current, waiting = hold_future(loaded.articles, now)
    clock.lap("load")
    extraction = find_topics_in_text(current, options, progress)
    settings = topic_settings(options.config)
    memo = options.memo
    assign = memo.assign_topics if memo else assign_topics
    articles = assign(current, extraction.entities, settings)
    extracted = extraction.extracted
    del extraction  # the entities found are in the articles' topics now; pages need no more
    clock.lap("topics")
    pages = memo.plan(articles, options.config) if memo else plan_site(articles, options.config)
    clock.lap("plan")
    written, rendered, search = render_and_write(pages, options, progress, clock)
    return BuildReport(
        articles=len(articles),
        pages=len(pages),
        write=written,
        seconds=clock.total(),
        phases=clock.laps,
        topics_extracted=extracted,
        pages_rendered=rendered,
        search=search,
        ignored_files=loaded.ignored_files,
        drafts=loaded.drafts,
        skipped=loaded.problems,
        waiting=tuple(waiting),
    )


def find_topics_in_text(
    articles: Sequence[Article], options: BuildOptions, progress: Progress | None = None
) -> Extraction:
    """Entities named in each article's text, from the cache where it has them."""
    if not options.config.find_topics:
        return Extraction([[] for _ in articles], extracted=0)
    cache = options.cache_dir / "topics.sqlite" if options.cache_dir else None
    memo = options.memo.entities if options.memo else None
    told = stage_progress(progress, "finding topics", "articles")
    return find_entities(articles, cache, options.jobs, memo, told)


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
    )


def render_and_write(
    pages: list[Page], options: BuildOptions, progress: Progress | None, clock: PhaseClock
) -> tuple[WriteReport, int, str]:
    """Render the pages that changed, index them, write the site; give what was done.

    A page whose key (what it is made from) matches the live site's is kept as it is.
    The old site stays in place until everything is written.
    """
    dirs = template_dirs(options.site_root)
    fallback_time = reproducible_time()
    salt = render_salt(options.config, dirs, fallback_time)
    keys = options.memo.page_keys(salt) if options.memo else PageKeys(salt)
    known = previous_keys(options.output_dir) if options.cache_dir else {}
    thorough = options.memo is None or options.memo.first_write()
    with system_refusals_said(), SiteWriter(options.output_dir, thorough) as writer:
        if known:
            page_keys = {page.path: keys.key(page) for page in pages}
            to_render = [page for page in pages if not _kept(writer, page.path, page_keys, known)]
        else:  # nothing to keep: each key is worked out while the workers render
            to_render = pages
        rendered = render_pages(to_render, options.config, dirs, options.jobs, fallback_time)
        for number, (page, data) in enumerate(zip(to_render, rendered, strict=True), 1):
            writer.write(page.path, data, keys.key(page))
            if progress and (number % 500 == 0 or number == len(to_render)):
                progress("rendering", number, len(to_render), "pages")
        copy_static(writer, static_dirs(options.site_root))
        clock.lap("render+write")
        search = stage_search(writer, pages, keys, known, options, progress)
        clock.lap("search index")
        copy_root_files(writer, options.site_root / ROOT_FILES)  # last: it checks every path
        report = writer.commit()
        clock.lap("swap")
        return report, len(to_render), search


@contextlib.contextmanager
def system_refusals_said() -> Iterator[None]:
    """Turn a write the system refused (a full disk, a quota) into one line and its exit code;
    the writer has touched only the staging folder, so the old site is intact."""
    try:
        yield
    except OSError as error:
        raise WriteFailed.of(error) from error


def _kept(writer: SiteWriter, path: str, keys: dict[str, str], known: dict[str, str]) -> bool:
    """Keep the live site's file at `path` when it was made from the same key."""
    return known.get(path) == keys[path] and writer.keep(path, keys[path])


def stage_search(
    writer: SiteWriter,
    pages: list[Page],
    keys: PageKeys,
    known: dict[str, str],
    options: BuildOptions,
    progress: Progress | None = None,
) -> str:
    """Stage the search bundle for the articles' pages; say whether it was made or kept."""
    if not options.config.search:
        return "off"
    parts = part_keys(pages, keys, options.config.language)
    if not parts:
        return "not made (no articles)"
    language = options.config.language
    # `newsgen serve` keeps a part whose articles changed as it is, for a later build;
    # only a part with no bundle at all is indexed now.
    deferred = {
        part
        for part, key in parts.items()
        if options.search_later
        and not is_current(known, part, key)
        and keep_bundle(writer, known, part, None)
    }
    due = {part: key for part, key in parts.items() if part not in deferred}
    # Pagefind reports nothing while it works, and takes seconds on an archive.
    told = stage_progress(progress, "indexing for search", "parts")
    indexed = update_search(writer, due, known, language, told)
    if deferred:
        return SEARCH_LEFT_FOR_LATER
    return f"indexed ({indexed} of {counted(len(parts), 'part')})" if indexed else "kept"


def part_keys(pages: list[Page], keys: PageKeys, language: str) -> dict[SearchPart, str]:
    """The parts of the search index (as the search page lists them), each with its key.

    A part's key digests its articles, not their pages: what is indexed of a page is the
    article's own text, so a neighbour's new title (on the page) needs no new index.
    """
    search = [page.context for page in pages if isinstance(page.context, SearchContext)]
    parts = search[0].parts if search else ()
    part_of = {month: part for part in parts for month in part.months}
    articles: dict[SearchPart, dict[str, str]] = {part: {} for part in parts}
    for page in pages:
        if isinstance(page.context, ArticleContext):
            article = page.context.article
            articles[part_of[month_of(page.path)]][page.path] = keys.record_key(article)
    return {part: search_key(articles[part], language) for part in parts}


def copy_static(writer: SiteWriter, folders: list[Path]) -> None:
    """Copy the theme's static files under `static/`; the site's own win over the theme's."""
    chosen: dict[str, Path] = {}
    for folder in reversed(folders):
        chosen.update(published_files(folder) if folder.is_dir() else ())
    for relative in sorted(chosen):
        writer.write(f"{URLS.static}{relative}", chosen[relative].read_bytes())


def copy_root_files(writer: SiteWriter, folder: Path) -> None:
    """Publish the files of the site's `root/` at the site's root (`CNAME`, `.nojekyll`…)."""
    for relative, path in published_files(folder) if folder.is_dir() else ():
        if writer.has(relative):
            where = (
                "static/ (put your version there)"
                if relative.startswith(URLS.static)
                else "the theme's templates (change it there)"
            )
            raise OutputError(
                f"{folder.name}/{relative}: newsgen makes /{relative} itself, from {where}; "
                "or remove this file"
            )
        writer.write(relative, path.read_bytes())


def check_output_location(options: BuildOptions) -> None:
    """Refuse an output folder whose replacement would destroy sources or the site itself."""
    output = options.output_dir.resolve()
    protected = {
        "the root folder": Path("/"),
        "the site folder": options.site_root.resolve(),
        "the source folder": options.source_dir.resolve(),
        "your home folder": Path.home().resolve(),
    }
    for name, place in protected.items():
        if output == place or output in place.parents:
            raise UsageError(f"--output {options.output_dir} would replace {name}; choose another")
    inside = {
        "the source folder": options.source_dir,
        "the site's static/ folder": options.site_root / "static",
        "the site's root/ folder": options.site_root / ROOT_FILES,
        "the site's templates/ folder": options.site_root / "templates",
    }
    for name, folder in inside.items():  # each build would publish the last one in it
        if folder.resolve() == output or folder.resolve() in output.parents:
            raise UsageError(f"--output {options.output_dir} is inside {name}")
    if not options.source_dir.is_dir():
        raise UsageError(f"source folder {options.source_dir} does not exist")
    check_replaceable(options.output_dir.absolute())  # said at once, not after finding every topic


def reproducible_time() -> str:
    """Give the time a page shows where no article gives one: SOURCE_DATE_EPOCH when set,
    else the Unix epoch (never the clock, so that such pages stay reproducible)."""
    moment = source_date_epoch() or dt.datetime.fromtimestamp(0, dt.UTC)
    return moment.isoformat().replace("+00:00", "Z")
