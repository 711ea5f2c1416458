"""The load stage: source files to `Article` records and the problems found in them."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import SourceError
from newsgen.parallel import chunks, flatten, ordered_map
from newsgen.records import Article, Topic
from newsgen.slugs import slugify
from newsgen.sources.discover import MARKDOWN_SUFFIXES, SourceFiles, find_sources
from newsgen.sources.front_matter import FrontMatter, parse_markdown_source
from newsgen.sources.headline import derive_title, summary_beside
from newsgen.sources.language import detect_language
from newsgen.sources.load_memo import DEFAULT_MAX_BYTES, LoadMemo, Outcome
from newsgen.sources.markdown_body import html_paragraphs, render_markdown
from newsgen.sources.markdown_bounds import MAX_BLOCK_CHARS, longest_block
from newsgen.sources.seed_format import SeedDocument, parse_seed
from newsgen.sources.text_file import decode_source
from newsgen.sources.url_clashes import url_clashes

_SEED_NAME = re.compile(r"\d+_([0-9a-f]{16})")
_WORD = re.compile(r"\w+")
WORDS_PER_MINUTE = 180
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
    jobs: int = 1,
    memo: LoadMemo | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    found: SourceFiles | None = None,
) -> LoadResult:
    """Read and check every source file under `source_dir` (or those `found` there), on
    `jobs` processes.

    A file larger than `max_bytes` is a problem, found before it is read.
    """
    sources = found or find_sources(source_dir)
    known, unread = memo.split(sources, max_bytes) if memo else ({}, list(sources.paths))
    tasks = [
        (source_dir, tuple(unread[part.start : part.stop]), max_bytes)
        for part in chunks(len(unread), _FILES_PER_TASK)
    ]
    known.update(zip(unread, flatten(ordered_map(_load_files, tasks, jobs)), strict=True))
    if memo:
        memo.remember(known)
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


def _load_files(task: tuple[Path, tuple[Path, ...], int]) -> list[Outcome]:
    source_dir, paths, max_bytes = task
    return [load_file(path, source_dir, max_bytes) for path in paths]


def load_file(
    path: Path, source_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | list[SourceError] | None:
    """Give the article in one file, the problems that stop it, or None for a draft."""
    shown = _shown_path(path, source_dir)
    problem = _path_problem(path, source_dir, shown)
    if problem:
        return [problem]
    try:
        data = _read_at_most(path, max_bytes)
    except OSError as exc:
        return [SourceError(shown, 1, f"cannot be read: {exc.strerror}")]
    if isinstance(data, int):
        return [_too_large(shown, data, max_bytes)]
    text = decode_source(data, shown)
    if isinstance(text, SourceError):
        return [text]
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return _markdown_article(text, path, shown)
    seed = parse_seed(text, shown)
    return [seed] if isinstance(seed, SourceError) else _article(_seed_parts(seed), path, shown)


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


def _markdown_article(text: str, path: Path, shown: str) -> Article | list[SourceError] | None:
    document = parse_markdown_source(text, shown)
    if isinstance(document, list):
        return document
    if document.meta.draft:
        return None
    too_long = _long_block_problem(text, document.body, shown)
    if too_long:
        return [too_long]
    try:
        body_html = render_markdown(document.body)
    except RecursionError:
        # Python-Markdown parses nested blocks by recursion: 5,000 `- ` on a line exhaust it.
        message = "Markdown nested too deeply to render (lists or quotes hundreds deep)"
        return [SourceError(shown, _body_line(text, document.body), message)]
    paragraphs = tuple(html_paragraphs(body_html))
    # The slug and lang were checked with the front matter, where their lines are known.
    if not paragraphs:
        return [SourceError(shown, 1, "the article body has no text")]
    return _article(_markdown_parts(document.meta, body_html, paragraphs), path, shown)


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


@dataclass(frozen=True)
class _ArticleParts:
    """What a source file gives of its article; `_article` derives the rest the same way
    for every format. None (or empty) is what the file leaves out."""

    date: dt.date
    published: dt.datetime | None
    paragraphs: tuple[str, ...]
    date_line: int
    slug_line: int
    body_html: str | None = None
    title: str | None = None
    slug: str | None = None
    lang: str | None = None
    summary: str | None = None
    topic_names: tuple[str, ...] = ()
    # Whether a slug made from the title ends in the identifier (seeds' slugs do).
    identifier_in_slug: bool = False


def _seed_parts(seed: SeedDocument) -> _ArticleParts:
    return _ArticleParts(
        date=seed.date,
        published=seed.published,
        paragraphs=seed.paragraphs,
        date_line=seed.date_line,
        slug_line=seed.date_line,
        identifier_in_slug=True,
    )


def _markdown_parts(
    meta: FrontMatter, body_html: str, paragraphs: tuple[str, ...]
) -> _ArticleParts:
    assert meta.date is not None  # parse_markdown_source reports a missing date
    return _ArticleParts(
        date=meta.date,
        published=meta.published,
        paragraphs=paragraphs,
        date_line=meta.date_line,
        slug_line=meta.slug_line,
        body_html=body_html,
        title=meta.title,
        slug=meta.slug,
        lang=meta.lang,
        summary=meta.summary,
        topic_names=meta.topics,
    )


def _article(parts: _ArticleParts, path: Path, shown: str) -> Article:
    """Give the article of `parts`, with what the file left out derived from its text."""
    identifier = _identifier(path, shown)
    title = parts.title or derive_title(parts.paragraphs[0])
    text = "\n".join(parts.paragraphs)
    return Article(
        identifier=identifier,
        source_path=shown,
        date=parts.date,
        published=parts.published,
        title=title,
        slug=_slug(parts, title, identifier),
        lang=parts.lang or detect_language(text),
        paragraphs=parts.paragraphs,
        body_html=parts.body_html,
        summary=parts.summary or summary_beside(title, parts.paragraphs),
        topics=tuple(topic_named(name) for name in parts.topic_names),
        **_length(text),
        date_line=parts.date_line,
        slug_line=parts.slug_line,
    )


def _slug(parts: _ArticleParts, title: str, identifier: str) -> str:
    if parts.slug:
        return parts.slug
    if parts.identifier_in_slug:
        # A seed names no slug: the identifier keeps URLs stable when same-day titles collide.
        return f"{slugify(title)}-{identifier[:8]}".lstrip("-")
    return slugify(title) or identifier[:8]


def topic_named(name: str) -> Topic:
    """Give the topic of a name written in front matter (its kind is not known: other)."""
    name = " ".join(name.split())
    slug = slugify(name, max_chars=80) or hashlib.sha1(name.encode()).hexdigest()[:12]
    return Topic("other", name, slug)


def _identifier(path: Path, shown: str) -> str:
    """The stable identifier: the hex part of `NNN_<16 hex>.txt`, else a hash of the path.

    The path is hashed from inside the source folder, so renaming the folder moves no URL.
    """
    match = _SEED_NAME.fullmatch(path.stem)
    if match:
        return match.group(1)
    within = Path(shown).relative_to(Path(shown).parts[0]).as_posix()
    return hashlib.sha1(within.encode()).hexdigest()[:16]


def _length(text: str) -> dict[str, int]:
    words = len(_WORD.findall(text))
    return {"word_count": words, "reading_minutes": max(1, math.ceil(words / WORDS_PER_MINUTE))}
