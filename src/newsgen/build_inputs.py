"""Whether a rebuild has anything to do: the last build's inputs, kept as file stamps.

A build is a function of its inputs: each source file's and image's path within the source
folder and its stamp (time, size, inode), the settings and options, the site's templates, static and
root files, newsgen's code and the versions of what it runs on, and SOURCE_DATE_EPOCH.
After a build, a digest of these, the stamp of the marker of the site it published and the
build's counts are kept in `.newsgen-cache/last-build.json`. A build that finds the same
inputs and the same live site has nothing to do: it says so and leaves the site as it is,
at the cost of a `stat` per file, whatever the archive's size.

Where the sources lie is no input (pages never show it): sources moved to another folder,
with their times kept, leave the site up to date. A build whose articles partly wait for
their date, or that left invalid files out, is never taken as up to date: time may have
come for the first, and the second's messages are to be said again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen import __version__
from newsgen.build_report import BuildReport, PhaseClock
from newsgen.cache_files import write_json_whole
from newsgen.code_digest import PACKAGE_ROOT
from newsgen.output import WriteReport, marker_stamp
from newsgen.search import indexer
from newsgen.sources import SourceFiles

if TYPE_CHECKING:
    from newsgen.build import BuildOptions

LAST_BUILD = "last-build.json"
ROOT_FILES = "root"  # the site's folder of files published at the site's root
_FORMAT = 1


@dataclass(frozen=True)
class KeptCounts:
    """What the last build published, to be said again when nothing changed."""

    articles: int
    pages: int
    files: int
    drafts: int
    ignored_files: int
    search: str


@dataclass(frozen=True)
class LastBuild:
    """The inputs the live site was built from, its marker's stamp, and its counts."""

    inputs: str
    site: str  # see `_site_state`
    counts: KeptCounts


def remembered_inputs(options: BuildOptions, sources: SourceFiles) -> str | None:
    """The digest of a build's inputs, when builds are remembered (a cache, no memo)."""
    if options.cache_dir is None or options.memo is not None:
        return None
    # The Pagefind program may come from elsewhere than its package (PAGEFIND_BINARY_PATH).
    search = indexer() if options.config.search else "no search"
    output = str(options.output_dir.absolute())
    settings = repr((options.config, options.skip_invalid, output, search))
    return _inputs_digest(sources, options.source_dir, site_folders(options.site_root), settings)


def site_folders(site_root: Path) -> list[Path]:
    """The site's own folders a build reads besides the sources (each may be missing)."""
    return [site_root / name for name in ("templates", "static", ROOT_FILES)]


def unchanged_site(options: BuildOptions, inputs: str, clock: PhaseClock) -> BuildReport | None:
    """The report of a build that finds its site built from `inputs`; None when it is not."""
    last = _read_last_build(options.cache_dir) if options.cache_dir else None
    if last is None or last.inputs != inputs or last.site != _site_state(options.output_dir):
        return None
    clock.lap("check")
    return _up_to_date_report(last.counts, clock)


def remember_build(options: BuildOptions, inputs: str, report: BuildReport) -> None:
    """Keep what the next build compares its inputs and the live site with."""
    if options.cache_dir:
        write_last_build(options.cache_dir, _last_build_of(report, inputs, options.output_dir))


def _inputs_digest(
    sources: SourceFiles, source_dir: Path, site_dirs: Iterable[Path], settings: str
) -> str:
    """Digest everything a build's output is made from; `settings` says the options."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_FORMAT}\n{settings}\n{_environment()}\n{sources.ignored}\n".encode())
    prefix = len(os.fspath(source_dir)) + 1
    for path, stamp in zip(sources.paths, sources.stamps, strict=True):
        digest.update(f"{os.fspath(path)[prefix:]}\t{stamp}\n".encode())
    for image, stamp in sources.media.items():  # the images articles show: inputs too
        digest.update(f"{image[prefix:]}\t{stamp}\n".encode())
    for folder in site_dirs:
        digest.update(f"{folder.name}\n".encode())
        for relative, stamp in _folder_stamps(folder):
            digest.update(f"{relative}\t{stamp}\n".encode())
    return digest.hexdigest()


def _site_state(output_dir: Path) -> str | None:
    """The stamp of the live site's marker (a site swapped in since changes it) and the
    names at its top (a CNAME put there by hand is said at once; deeper files by hand are
    found by the next build that changes the site, before it removes anything)."""
    stamp = marker_stamp(output_dir)
    try:
        names = sorted(os.listdir(output_dir))
    except OSError:
        return None
    listing = hashlib.blake2b("\n".join(names).encode(), digest_size=16).hexdigest()
    return f"{stamp} {listing}" if stamp else None


def _read_last_build(cache_dir: Path) -> LastBuild | None:
    """The last build's record; None when there is none or it cannot be read."""
    try:
        kept = json.loads((cache_dir / LAST_BUILD).read_text("utf-8"))
        return LastBuild(kept["inputs"], kept["site"], KeptCounts(**kept["counts"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_last_build(cache_dir: Path, last: LastBuild | None) -> None:
    """Keep `last` for the next build (written whole); None forgets it."""
    target = cache_dir / LAST_BUILD
    if last is None:
        target.unlink(missing_ok=True)
        return
    write_json_whole(target, asdict(last))


def _last_build_of(report: BuildReport, inputs: str, output_dir: Path) -> LastBuild | None:
    """What to keep of a finished build; None when a rebuild must not be skipped (see the
    module's text) or the site it published cannot be told apart."""
    state = _site_state(output_dir)
    if report.waiting or report.skipped or state is None:
        return None
    counts = KeptCounts(
        articles=report.articles,
        pages=report.pages,
        files=report.write.written + report.write.unchanged,
        drafts=report.drafts,
        ignored_files=report.ignored_files,
        search="off" if report.search == "off" else "kept",
    )
    return LastBuild(inputs, state, counts)


def _up_to_date_report(counts: KeptCounts, clock: PhaseClock) -> BuildReport:
    """The report of a build that found its site up to date: every file kept."""
    return BuildReport(
        articles=counts.articles,
        pages=counts.pages,
        write=WriteReport(written=0, unchanged=counts.files, removed=0),
        seconds=clock.total(),
        phases=clock.laps,
        drafts=counts.drafts,
        ignored_files=counts.ignored_files,
        search=counts.search,
        up_to_date=True,
    )


def _folder_stamps(folder: Path) -> list[tuple[str, tuple[int, int, int]]]:
    """Each file under `folder` (links followed) and its stamp, in path order."""
    found = []
    for parent, dirs, names in os.walk(folder, followlinks=True):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(parent, name)
            try:
                stat = os.stat(path)
            except OSError:
                stat = None
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino) if stat else (-1, -1, -1)
            found.append((os.path.relpath(path, folder), stamp))
    return found


def _environment() -> str:
    """newsgen's code, the versions of what it runs on, and SOURCE_DATE_EPOCH."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(PACKAGE_ROOT)}\n".encode())
            digest.update(path.read_bytes())
    required = importlib.metadata.requires("newsgen") or []
    for name in sorted({_package_name(line) for line in required if "extra ==" not in line}):
        try:
            digest.update(f"{name} {importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} missing\n".encode())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return f"{__version__} {digest.hexdigest()} Python {sys.version} SOURCE_DATE_EPOCH={epoch}"


def _package_name(requirement: str) -> str:
    """The name a requirement line (`pagefind[bin]>=1.5`) starts with."""
    end = next((i for i, c in enumerate(requirement) if not (c.isalnum() or c in "-_.")), None)
    return requirement[:end]
