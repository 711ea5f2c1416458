"""The load stage: source files to `Article` records and the problems found in them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.parallel import Jobs, chunks, flatten, ordered_map
from newsgen.records import Article
from newsgen.sources.article_images import markdown_images, seed_depends, seed_image
from newsgen.sources.article_record import (
    article_of,
    markdown_parts,
    seed_parts,
)
from newsgen.sources.discover import MARKDOWN_SUFFIXES, SourceFiles, find_sources
from newsgen.sources.front_matter import parse_markdown_source
from newsgen.sources.images import ImageProblem, is_image_name
from newsgen.sources.load_memo import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_IMAGE_BYTES,
    Limits,
    LoadMemo,
    Outcome,
)
from newsgen.sources.markdown_body import html_paragraphs, render_markdown
from newsgen.sources.markdown_bounds import MAX_BLOCK_CHARS, longest_block
from newsgen.sources.media import Depends, MediaFiles
from newsgen.sources.seed_format import SeedDocument, parse_seed
from newsgen.sources.text_file import decode_source
from newsgen.sources.url_clashes import url_clashes

_FILES_PER_TASK = 200


@dataclass(frozen=True)
class LoadResult:
    """Every article loaded (drafts left out), every problem found, and what was ignored."""

    articles: tuple[Article, ...]
    problems: tuple[SourceError, ...]
    ignored_files: int
    drafts: int
    files_read: int = 0  # source files read this time: the rest were known unchanged
    read: frozenset[str] = frozenset()  # the `source_path` of each article read this time


def load_sources(
    source_dir: Path,
    jobs: Jobs = 1,
    memo: LoadMemo | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    found: SourceFiles | None = None,
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES,
) -> LoadResult:
    """Read and check every source file under `source_dir` (or those `found` there), and
    the images they show, on `jobs` processes (or a cluster's workers, which must reach
    the source folder at the same absolute path: `newsgen.cluster`).

    A file larger than `max_bytes` (an image: `max_image_bytes`) is a problem, found
    before it is read.
    """
    sources = found or find_sources(source_dir)
    media = MediaFiles(sources.media)
    limits = Limits(max_bytes, max_image_bytes)
    known, unread = memo.split(sources, limits, media) if memo else ({}, list(sources.paths))
    results = _read_all(source_dir, unread, media, limits, jobs)
    depends = {}
    for path, (outcome, relied_on) in zip(unread, results, strict=True):
        known[path], depends[path] = outcome, relied_on
    if memo:
        memo.remember(known, depends)
    outcomes = [known[path] for path in sources.paths]
    loaded = [o for o in outcomes if isinstance(o, Article)]
    problems = [p for o in outcomes if isinstance(o, list) for p in o]
    # Articles on one URL are bad files too: reported with the rest, left out with them.
    clashes = url_clashes(loaded, memo.folded_urls if memo else None)
    clashing = {clash.path for clash in clashes}
    articles = tuple(a for a in loaded if a.source_path not in clashing)
    drafts = sum(1 for o in outcomes if o is None)
    fresh = [known[path] for path in unread]
    read = frozenset(o.source_path for o in fresh if isinstance(o, Article))
    return LoadResult(articles, (*problems, *clashes), sources.ignored, drafts, len(unread), read)


def _read_all(
    source_dir: Path, unread: list[Path], media: MediaFiles, limits: Limits, jobs: Jobs
) -> Iterator[tuple[Outcome, Depends]]:
    """The outcome of each of `unread`, in order, and the images it relied on."""
    remote = not isinstance(jobs, int)
    if remote and len(unread) <= _FILES_PER_TASK:  # a rebuild's few: quicker read here
        jobs, remote = 1, False
    # Workers elsewhere have another working folder: they are given absolute paths, and the
    # images they name are named back as here.
    folder = source_dir.absolute() if remote else source_dir
    tasks = [
        (folder, _with_images(unread[part.start : part.stop], media, remote), limits)
        for part in chunks(len(unread), _FILES_PER_TASK)
    ]
    results = flatten(ordered_map(_load_files, tasks, jobs))
    if not remote:
        return results
    there, here = os.path.join(folder, ""), os.path.join(source_dir, "")
    return (
        (outcome, tuple((here + key[len(there) :], stamp) for key, stamp in relied_on))
        for outcome, relied_on in results
    )


def _with_images(
    paths: list[Path], media: MediaFiles, absolute: bool = False
) -> tuple[tuple[Path, str | None], ...]:
    """Each path with the image of its name beside it, when it is a seed's (`absolute`:
    both as absolute paths)."""
    pairs = (
        (path, None if is_markdown(path) else media.image_named_as(os.fspath(path)))
        for path in paths
    )
    if not absolute:
        return tuple(pairs)
    return tuple((path.absolute(), image and os.path.abspath(image)) for path, image in pairs)


def _load_files(
    task: tuple[Path, tuple[tuple[Path, str | None], ...], Limits],
) -> list[tuple[Outcome, Depends]]:
    source_dir, paths, limits = task
    return [read_source(path, source_dir, limits, image) for path, image in paths]


def load_file(
    path: Path, source_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | list[SourceError] | None:
    """Give the article in one file, the problems that stop it, or None for a draft."""
    image = None if is_markdown(path) else image_beside(path)
    return read_source(path, source_dir, Limits(max_bytes), image)[0]


def read_source(
    path: Path, source_dir: Path, limits: Limits, image: str | None
) -> tuple[Outcome, Depends]:
    """The outcome of one file (a seed's `image` beside it), and the images it relied on."""
    shown = _shown_path(path, source_dir)
    problem = _path_problem(path, source_dir, shown)
    if problem:
        return [problem], ()
    try:
        data = _read_at_most(path, limits.source_bytes)
    except OSError as exc:
        return [SourceError(shown, 1, f"cannot be read: {exc.strerror}")], ()
    if isinstance(data, int):
        return [_too_large(shown, data, limits.source_bytes)], ()
    text = decode_source(data, shown)
    if isinstance(text, SourceError):
        return [text], ()
    if is_markdown(path):
        return _markdown_article(text, path, source_dir, shown, limits.image_bytes)
    seed = parse_seed(text, shown)
    if isinstance(seed, SourceError):
        return [seed], ()
    return _seed_article(seed, path, source_dir, shown, limits.image_bytes, image)


def _seed_article(
    seed: SeedDocument, path: Path, source_dir: Path, shown: str, max_bytes: int, image: str | None
) -> tuple[Outcome, Depends]:
    depends = seed_depends(path, image)
    try:
        images = seed_image(image, source_dir, max_bytes)
    except ImageProblem as problem:
        named = _shown_path(Path(image or ""), source_dir)
        return [SourceError(named, 1, f"the image of {path.name} {problem}")], depends
    return article_of(seed_parts(seed, images), path, shown), depends


def _read_at_most(path: Path, max_bytes: int) -> bytes | int:
    """Give the file's bytes, or its size when it is larger than `max_bytes`.

    The size is checked before reading, so a 50 MB dump costs a `stat`, not the build's
    memory; the read stops past the limit too, for a file that grew in between.
    """
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > max_bytes:
            return size
        # One byte past the size found: enough to tell a file that grew in between, and
        # never more than the file holds (a limit set huge is not allocated).
        data = file.read(size + 1)
    return data if len(data) <= max_bytes else len(data)


def _too_large(shown: str, size: int, max_bytes: int) -> SourceError:
    # Rounded up, so a file one byte over the limit does not read as the limit itself.
    size_kb, limit_kb = -(-size // 1024), max_bytes // 1024
    message = (
        f"too large to be an article: {size_kb:,} KB, over the limit of {limit_kb:,} KB "
        "(max_source_kb in newsgen.yaml)"
    )
    return SourceError(shown, 1, message)


def _shown_path(path: Path, source_dir: Path) -> str:
    """The path as the user knows it: the source folder's name and the file within it."""
    return str(Path(source_dir.name) / path.relative_to(source_dir))


def _path_problem(path: Path, source_dir: Path, shown: str) -> SourceError | None:
    """A file name that is not UTF-8, or a link that leads out of the source folder."""
    try:
        shown.encode()
    except UnicodeEncodeError:
        printable = os.fsencode(shown).decode(errors="backslashreplace")
        return SourceError(printable, 1, "the file name is not UTF-8: rename the file")
    if path.is_symlink() and not path.resolve().is_relative_to(source_dir.resolve()):
        return SourceError(shown, 1, "a symbolic link to a file outside the source folder")
    return None


def _markdown_article(
    text: str, path: Path, source_dir: Path, shown: str, max_image_bytes: int
) -> tuple[Outcome, Depends]:
    document = parse_markdown_source(text, shown)
    if isinstance(document, list):
        return document, ()
    if document.meta.draft:
        return None, ()
    too_long = _long_block_problem(text, document.body, shown)
    if too_long:
        return [too_long], ()
    try:
        body_html = render_markdown(document.body)
    except RecursionError:
        # Python-Markdown parses nested blocks by recursion: 5,000 `- ` on a line exhaust it.
        message = "Markdown nested too deeply to render (lists or quotes hundreds deep)"
        return [SourceError(shown, _body_line(text, document.body), message)], ()
    paragraphs = tuple(html_paragraphs(body_html))
    # The slug and lang were checked with the front matter, where their lines are known.
    if not paragraphs:
        return [SourceError(shown, 1, "the article body has no text")], ()
    meta = document.meta
    images = markdown_images(
        meta.image, meta.lines.get("image", 1), body_html, text, path, source_dir, max_image_bytes
    )
    if images.problems:
        return list(images.problems), images.depends
    return article_of(markdown_parts(meta, images, paragraphs), path, shown), images.depends


def _long_block_problem(text: str, body: str, shown: str) -> SourceError | None:
    line, length = longest_block(body)
    if length <= MAX_BLOCK_CHARS:
        return None
    message = (
        f"a paragraph of {length:,} characters: Markdown paragraphs are at most "
        f"{MAX_BLOCK_CHARS:,} (split it with blank lines)"
    )
    return SourceError(shown, _body_line(text, body) + line - 1, message)


def _body_line(text: str, body: str) -> int:
    """The line of `text` the Markdown body starts on (after the front matter)."""
    return text[: len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def image_beside(path: Path) -> str | None:
    """The image of a seed's name beside it, by the rule a walk applies (`MediaFiles`),
    looked for in its folder (a walk of the whole source folder knows it already)."""
    images = (entry for entry in os.scandir(path.parent) if is_image_name(entry.name))
    found = {
        os.fspath(path.with_name(entry.name)): (0, 0, 0) for entry in images if entry.is_file()
    }
    return MediaFiles(found).image_named_as(os.fspath(path))
