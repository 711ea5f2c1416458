"""The expensive half of the topics stage: entities per article, from the cache or a model.

Articles whose text is in the cache cost a lookup; the rest go to worker processes,
each loading the models once, in batches.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsgen.code_digest import running_code_digest
from newsgen.parallel import chunks, ordered_map
from newsgen.records import Article
from newsgen.topics.cache import TopicCache, cache_key
from newsgen.topics.english_ner import english_mentions
from newsgen.topics.entities import FoundEntity, Mention, count_entities
from newsgen.topics.text_slices import text_slices

if TYPE_CHECKING:
    from newsgen.topics.russian_ner import RussianNer

# Where extraction starts: the digest follows its imports (slugs, the word lists, …).
EXTRACTION_CODE = ("newsgen.topics.find",)
# tzdata: English names of cities come from its zone names. razdel and numpy: newsgen
# runs natasha's model itself (`ner_model`) with razdel's tokens and numpy's arithmetic.
_MODEL_PACKAGES = (
    "natasha",
    "slovnet",
    "navec",
    "razdel",
    "numpy",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "Babel",
    "tzdata",
)
_ARTICLES_PER_TASK = 64
# Extractors read a text in slices of at most this many characters, so their memory and
# time per slice are bounded whatever the article's length. Real news articles are shorter
# (the longest of 123 real ones: 8,870 characters) and are read whole, as one slice.
SLICE_CHARS = 20_000
# Characters the model reads in one batch, padding included: its memory at worst (a
# token a character or two) is about 8 KB a token. Which texts share a batch does not
# change what the model finds in each.
_BATCH_CHARS = 40_000


@dataclass(frozen=True)
class ArticleText:
    """What extraction reads of an article: its language, text, and where the lede ends."""

    lang: str
    text: str
    lede_end: int


@dataclass(frozen=True)
class Extraction:
    """Entities per article, in article order, and how many articles ran a model."""

    entities: list[list[FoundEntity]]
    extracted: int


def find_entities(
    articles: Sequence[Article],
    cache_path: Path | None,
    jobs: int,
    memo: dict[str, list[FoundEntity]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Give the entities each article names, running extraction only for uncached texts.

    `memo` (kept by `newsgen serve` between rebuilds) answers before the SQLite cache does;
    `progress(done, total)` is told of each batch of uncached texts the models have read.
    """
    version = extractor_version()
    # Where the lede ends decides which names count as in the lede: it is part of the key.
    # One article's text at a time: only the texts not in the cache are kept (below).
    keys = [_key(article_text(article), version) for article in articles]
    known = {key: memo[key] for key in keys if memo and key in memo}
    cache = TopicCache(cache_path)
    try:
        known.update(cache.get_many(key for key in keys if key not in known))
        missing = sorted({key: i for i, key in enumerate(keys) if key not in known}.values())
        fresh = _extract([article_text(articles[i]) for i in missing], jobs, progress)
        new_entries = {keys[i]: found for i, found in zip(missing, fresh, strict=True)}
        cache.put_many(new_entries)
        cache.keep_only(keys)
    finally:
        cache.close()
    known.update(new_entries)
    if memo is not None:
        memo.clear()
        memo.update(known)
    return Extraction([known[key] for key in keys], extracted=len(missing))


def _key(text: ArticleText, version: str) -> str:
    return cache_key(f"{text.lede_end}\n{text.text}", text.lang, version)


@functools.cache
def extractor_version() -> str:
    """A fingerprint of the extraction code and model packages: when it changes, so do keys."""
    digest = hashlib.sha256()
    digest.update(running_code_digest(EXTRACTION_CODE).encode())
    for package in _MODEL_PACKAGES:
        digest.update(f"{package}={_installed_version(package)}".encode())
    return digest.hexdigest()[:16]


def _installed_version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def article_text(article: Article) -> ArticleText:
    """The text extraction reads; a title written apart from the body counts as lede."""
    lede, *rest = article.paragraphs
    if article.title not in lede:
        lede = f"{article.title}\n\n{lede}"
    return ArticleText(article.lang, "\n\n".join([lede, *rest]), len(lede))


def _extract(
    texts: Sequence[ArticleText], jobs: int, progress: Callable[[int, int], None] | None
) -> list[list[FoundEntity]]:
    if not texts:
        return []
    # The model pads each batch to its longest text: batches of like lengths waste less.
    by_length = sorted(range(len(texts)), key=lambda i: len(texts[i].text))
    ordered = [texts[i] for i in by_length]
    tasks = [ordered[part.start : part.stop] for part in chunks(len(texts), _ARTICLES_PER_TASK)]
    found: list[list[FoundEntity]] = []
    for batch in ordered_map(_extract_batch, tasks, jobs, _load_models):
        found.extend(batch)
        if progress:
            progress(len(found), len(texts))
    result: list[list[FoundEntity]] = [[] for _ in texts]
    for position, index in enumerate(by_length):
        result[index] = found[position]
    return result


_russian: RussianNer | None = None  # loaded once per worker process


def _load_models() -> None:
    global _russian
    # One thread per worker process: the processes already use every core.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    if _russian is None:
        from newsgen.topics.russian_ner import RussianNer

        _russian = RussianNer()


def _extract_batch(texts: Sequence[ArticleText]) -> list[list[FoundEntity]]:
    russian = [t for t in texts if t.lang == "ru"]
    found = dict(zip(map(id, russian), _russian_mentions(russian), strict=True))
    return [count_entities(_mentions(t, found), t.lede_end) for t in texts]


def _russian_mentions(texts: Sequence[ArticleText]) -> list[list[Mention]]:
    """The Russian model's mentions in each text, the slices of all texts tagged in batches."""
    assert _russian is not None
    sliced = [text_slices(t.text, SLICE_CHARS) for t in texts]
    groups = _padded_groups([piece for pieces in sliced for _, piece in pieces])
    found = itertools.chain.from_iterable(_russian.mentions(group) for group in groups)
    return [
        [_shifted(mention, offset) for offset, _ in pieces for mention in next(found)]
        for pieces in sliced
    ]


def _padded_groups(pieces: list[str]) -> Iterator[list[str]]:
    """Give `pieces` in order, in groups the model reads in batches of bounded memory.

    The model pads a batch to its longest text and holds it whole: a group's count times
    its longest is kept within `_BATCH_CHARS`. (16 slices of initials «А. А. …» took 2 GB.)
    """
    group: list[str] = []
    longest = 0
    for piece in pieces:
        if group and (len(group) + 1) * max(longest, len(piece)) > _BATCH_CHARS:
            yield group
            group, longest = [], 0
        group.append(piece)
        longest = max(longest, len(piece))
    if group:
        yield group


def _mentions(text: ArticleText, russian: dict[int, list[Mention]]) -> list[Mention]:
    if text.lang == "ru":
        return russian[id(text)]
    if text.lang == "en":
        return [
            _shifted(mention, offset)
            for offset, piece in text_slices(text.text, SLICE_CHARS)
            for mention in english_mentions(piece)
        ]
    return []


def _shifted(mention: Mention, offset: int) -> Mention:
    """The mention as found in a slice, placed in the whole text (where the lede ends)."""
    return dataclasses.replace(mention, start=mention.start + offset) if offset else mention
