"""The search index: Pagefind run over the written article pages, its files into the site.

Pagefind reads the staged article pages (only the part marked `data-pagefind-body`: the
headline and the text) and writes its bundle into a temporary folder; the bundle then goes
through the site's writer like any page, so it is swapped in with the pages it indexes.
All articles go into one index in the site's language (Pagefind would otherwise make one
index per language and search only the page's own), which stems Russian words.

The bundle's key digests the keys of the article pages, so a build where no article page
changed keeps the last bundle instead of running Pagefind again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pagefind.service import get_executable

from newsgen.errors import OutputError, UsageError
from newsgen.pagefind_bundle import ENTRY, reproducible_bundle
from newsgen.write import SiteWriter

SEARCH_FOLDER = "pagefind/"
ARTICLE_PAGES = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html"


def search_key(article_keys: Mapping[str, str], language: str) -> str:
    """Digest what the search bundle is made from: the article pages and Pagefind's version."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"pagefind {importlib.metadata.version('pagefind')} {language}\n".encode())
    for path in sorted(article_keys):
        digest.update(f"{path}\t{article_keys[path]}\n".encode())
    return digest.hexdigest()


def update_search(writer: SiteWriter, key: str, previous: Mapping[str, str], language: str) -> bool:
    """Stage the search bundle for `key`; give whether Pagefind had to run.

    `previous` maps the live site's files to their keys: its bundle is kept when made
    from the same key.
    """
    if keep_bundle(writer, previous, key):
        return False
    writer.remove_stale()  # pages of removed articles must not be indexed
    for path, data in index_pages(writer.staging, language).items():
        writer.write(SEARCH_FOLDER + path, data, key)
    return True


def keep_bundle(writer: SiteWriter, previous: Mapping[str, str], key: str | None) -> bool:
    """Stage the live site's bundle as it is, when it is whole and (given `key`) current."""
    bundle = {path: made_from for path, made_from in previous.items() if in_bundle(path)}
    whole = SEARCH_FOLDER + ENTRY in bundle and all(
        (writer.output / path).is_file() for path in bundle
    )
    if not whole or (key is not None and set(bundle.values()) != {key}):
        return False
    for path in sorted(bundle):
        writer.keep(path, bundle[path])
    return True


def in_bundle(path: str) -> bool:
    """Whether the site's file at `path` belongs to the search bundle."""
    return path.startswith(SEARCH_FOLDER)


def index_pages(site: Path, language: str) -> dict[str, bytes]:
    """Run Pagefind over the article pages under `site`; give its bundle's files by path."""
    executable = get_executable()
    if executable is None:
        raise UsageError(
            "cannot build the search index: Pagefind's program is missing "
            "(pip install 'pagefind[bin]'), or build with --no-search"
        )
    with tempfile.TemporaryDirectory(prefix="newsgen-pagefind-") as output:
        command = [str(executable), "--site", str(site), "--glob", ARTICLE_PAGES]
        command += ["--output-path", output, "--force-language", language, "--silent"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            raise UsageError(
                f"cannot run Pagefind ({executable}): {error.strerror}; "
                "reinstall it (pip install 'pagefind[bin]') or build with --no-search"
            ) from error
        if result.returncode != 0:
            raise OutputError(f"Pagefind failed to index the site:\n{result.stderr.strip()}")
        bundle = Path(output)
        files = {
            path.relative_to(bundle).as_posix(): path.read_bytes()
            for path in sorted(bundle.rglob("*"))
            if path.is_file()
        }
    return reproducible_bundle(files)
