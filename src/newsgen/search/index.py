"""The search index: Pagefind run over the written article pages, its files into the site.

Pagefind reads the staged article pages (only the part marked `data-pagefind-body`: the
headline and the text), handed to it in the order of their URLs, and gives back its
bundle; the bundle then goes through the site's writer like any page, so it is swapped in
with the pages it indexes.
Articles are indexed in the site's language (Pagefind would otherwise make one index per
language and search only the page's own), which stems Russian words.

The index comes in parts of consecutive months (`search_parts`), one bundle each under
`pagefind/<first month>/`. A part's key digests the keys of its article pages, so a part
none of whose articles changed is kept instead of being indexed again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pagefind.service import get_executable

from newsgen.errors import UsageError
from newsgen.output.writer import SiteWriter
from newsgen.parallel import in_order
from newsgen.plan.search_parts import SearchPart
from newsgen.search.bundle import ENTRY, reproducible_bundle
from newsgen.search.pagefind_service import index_in_order
from newsgen.urls import ARTICLE_PAGES_OF_MONTH

SEARCH_FOLDER = "pagefind/"
# How pages are handed to Pagefind, in the keys: parts indexed when Pagefind walked the
# folder itself (in the file system's order) are indexed again.
PAGE_ORDER = "pages by URL"


def search_key(article_keys: Mapping[str, str], language: str) -> str:
    """Digest what a part of the index is made from: its articles' keys, Pagefind's version."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{indexer()} {language}\n".encode())
    for path in sorted(article_keys):
        digest.update(f"{path}\t{article_keys[path]}\n".encode())
    return digest.hexdigest()


def indexer() -> str:
    """What makes the index: Pagefind's package and program, and the order pages go in."""
    return f"{importlib.metadata.version('pagefind')} {program_version()} {PAGE_ORDER}"


def program_version() -> str:
    """The Pagefind program that would run, and what it says of its version.

    The program may come from elsewhere than the pinned package (PAGEFIND_BINARY_PATH), so
    it goes into the keys: another program makes every part again.
    """
    return _version_of(str(get_executable()))


@functools.cache
def _version_of(executable: str) -> str:
    try:
        answer = subprocess.run([executable, "--version"], capture_output=True, text=True)
    except OSError:  # no program: the build says so when it has to index
        return executable
    return f"{executable} {answer.stdout.strip()}"


def part_folder(part: SearchPart) -> str:
    """Where a part's bundle goes in the site (`pagefind/2025-11/`)."""
    return f"{SEARCH_FOLDER}{part.name}/"


def update_search(
    writer: SiteWriter,
    parts: Mapping[SearchPart, str],
    previous: Mapping[str, str],
    language: str,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> int:
    """Stage the bundle of each part (keyed); give how many parts Pagefind had to index.

    `previous` maps the live site's files to their keys: a part's bundle is kept when it
    was made from the same key. `progress(done, total)` is told of each part indexed.
    Up to `jobs` parts are indexed at once, each by its own Pagefind program (which uses
    one core, and holds its part in memory).
    """
    stale = [part for part, key in parts.items() if not keep_bundle(writer, previous, part, key)]
    if stale:
        writer.remove_stale()  # pages of removed articles must not be indexed
        if progress:
            progress(0, len(stale))
    bundles = _bundles(writer.staging, language, stale, jobs)
    for done, (part, bundle) in enumerate(zip(stale, bundles, strict=True), 1):
        for path, data in bundle.items():
            writer.write(part_folder(part) + path, data, parts[part])
        del bundle  # written: not held while the next part is awaited
        if progress:
            progress(done, len(stale))
    return len(stale)


def _bundles(
    site: Path, language: str, parts: Sequence[SearchPart], jobs: int
) -> Iterator[dict[str, bytes]]:
    """The bundle of each of `parts`, in order, up to `jobs` made at once."""
    if jobs <= 1 or len(parts) <= 1:
        yield from (index_pages(site, language, part) for part in parts)
        return
    # Submitted one ahead of those running, never all at once: a finished part's future
    # holds its bundle (tens of megabytes) for as long as the future is kept, so keeping
    # them all held every bundle of the archive by the last part. One that has not started
    # when the build stops (a failed part, an interruption) is cancelled.
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        index = functools.partial(index_pages, site, language)
        submit = functools.partial(pool.submit, index)
        yield from in_order(submit, parts, jobs + 1, Future.result, Future.cancel)


def is_current(previous: Mapping[str, str], part: SearchPart, key: str) -> bool:
    """Whether the live site's bundle of `part` was made from `key`."""
    return previous.get(part_folder(part) + ENTRY) == key


def keep_bundle(
    writer: SiteWriter, previous: Mapping[str, str], part: SearchPart, key: str | None
) -> bool:
    """Stage the live bundle of `part` as it is, when it is whole and (given `key`) current."""
    folder = part_folder(part)
    bundle = {path: made_from for path, made_from in previous.items() if path.startswith(folder)}
    live = os.fspath(writer.output)
    whole = folder + ENTRY in bundle and all(os.path.isfile(f"{live}/{path}") for path in bundle)
    if not whole or (key is not None and set(bundle.values()) != {key}):
        return False
    writer.keep_all(dict(sorted(bundle.items())))  # each file is there: checked above
    return True


def index_pages(site: Path, language: str, part: SearchPart) -> dict[str, bytes]:
    """Run Pagefind over the article pages of `part` under `site`; give its bundle's files."""
    executable = get_executable()
    if executable is None:
        raise UsageError(
            "cannot build the search index: Pagefind's program is missing "
            "(pip install 'pagefind[bin]'), or build with --no-search"
        )
    try:
        files = index_in_order(executable, part_pages(site, part), language)
    except OSError as error:  # the program could not be started
        raise UsageError(
            f"cannot run Pagefind ({executable}): {error.strerror}; "
            "reinstall it (pip install 'pagefind[bin]') or build with --no-search"
        ) from error
    return reproducible_bundle(files)


def part_pages(site: Path, part: SearchPart) -> list[tuple[str, Path]]:
    """The article pages of a part's months under `site`: (URL, file), sorted by URL.

    Sorted, never in the order the folders list them: Pagefind numbers the pages in the
    order it is given them, and the numbers are in its files (`pagefind_service`).
    """
    pages = (page for month in part.months for page in (site / month).glob(ARTICLE_PAGES_OF_MONTH))
    return sorted((f"/{page.parent.relative_to(site).as_posix()}/", page) for page in pages)
