"""The expensive half of the topics stage: entities per article, from the cache or a model.

Articles whose text is in the cache cost a lookup; the rest go to worker processes,
each loading the models once (`extract`), in batches.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgen.by_record import ByRecord, worked_out
from newsgen.code_digest import running_code_digest
from newsgen.parallel import Jobs, chunks, ordered_map
from newsgen.records import Article
from newsgen.topics.cache import SharedEntities, TopicCache, cache_key
from newsgen.topics.entities import FoundEntity
from newsgen.topics.extract import ArticleText, article_text, extract_batch, load_models

# Where extraction starts: the digest follows its imports (slugs, the word lists, …).
EXTRACTION_CODE = ("newsgen.topics.extract",)
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


@dataclass(frozen=True)
class Extraction:
    """Entities per article, in article order, and how many articles ran a model."""

    entities: list[list[FoundEntity]]
    extracted: int


def find_entities(
    articles: Sequence[Article],
    cache_path: Path | None,
    jobs: Jobs,
    memo: dict[str, list[FoundEntity]] | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: Sequence[str] | None = None,
    keys: Sequence[str] | None = None,
) -> Extraction:
    """Give the entities each article names, running extraction only for uncached texts.

    `memo` (kept by `newsgen serve` between rebuilds) answers before the SQLite cache does;
    `progress(done, total)` is told of each batch of uncached texts the models have read.
    The cache keeps the entities of the texts keyed `keep` (by default, of `articles`).
    `keys`: the articles' `text_keys`, when worked out already.
    """
    keys = text_keys(articles) if keys is None else keys
    known = {key: memo[key] for key in keys if memo and key in memo}
    cache = TopicCache(cache_path)
    shared = SharedEntities()
    try:
        known.update(cache.get_many((key for key in keys if key not in known), shared))
        missing = sorted({key: i for i, key in enumerate(keys) if key not in known}.values())
        fresh = _extract([articles[i] for i in missing], jobs, progress, shared)
        new_entries = {keys[i]: found for i, found in zip(missing, fresh, strict=True)}
        cache.put_many(new_entries)
        kept = keys if keep is None else keep
        if memo:  # it holds the last build's texts: forget those that are gone
            cache.forget(set(memo).difference(kept))
        else:
            cache.keep_only(kept)
    finally:
        cache.close()
    known.update(new_entries)
    if memo is not None:
        if keep is None:
            memo.clear()
        memo.update(known)
    return Extraction([known[key] for key in keys], extracted=len(missing))


def text_keys(
    articles: Sequence[Article], known: ByRecord[Article, str] | None = None
) -> list[str]:
    """The cache key of each article's text: equal keys, equal entities. `known`: each
    record's key, kept by a process that builds again and again."""
    return worked_out(articles, _text_key, known)


def _text_key(article: Article) -> str:
    # Where the lede ends decides which names count as in the lede: it is part of the key.
    # One article's text at a time: only the texts not in the cache are kept (below).
    return _key(article_text(article), extractor_version())


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


def _extract(
    articles: Sequence[Article],
    jobs: Jobs,
    progress: Callable[[int, int], None] | None,
    shared: SharedEntities,
) -> list[list[FoundEntity]]:
    if not articles:
        return []
    # The model pads each batch to its longest text: batches of like lengths waste less.
    lengths = [len(article_text(article).text) for article in articles]
    by_length = sorted(range(len(articles)), key=lengths.__getitem__)
    ordered = [articles[i] for i in by_length]
    tasks = [
        TextBatch(ordered[part.start : part.stop])
        for part in chunks(len(articles), _ARTICLES_PER_TASK)
    ]
    found: list[list[FoundEntity]] = []
    for batch in ordered_map(extract_articles, tasks, jobs, load_models):
        found.extend(map(shared, batch))
        if progress:
            progress(len(found), len(articles))
    result: list[list[FoundEntity]] = [[] for _ in articles]
    for position, index in enumerate(by_length):
        result[index] = found[position]
    return result


def extract_articles(batch: TextBatch) -> list[list[FoundEntity]]:
    """The entities of each article of `batch`, read by a worker."""
    return extract_batch(batch.texts())


class TextBatch:
    """Articles for a worker to read, made into texts only when the batch is sent.

    Made here for every article at once, the texts were a second copy of the archive. Nor
    do the article records themselves go: pickling a `str` keeps its UTF-8 form inside the
    object for as long as it lives, so sending the records kept a second copy of every body
    sent (330 MB at 100,000 articles). A batch goes as UTF-8 bytes made for the message.
    """

    def __init__(
        self,
        articles: Sequence[Article] = (),
        encoded: tuple[tuple[str, bytes, int], ...] = (),
    ) -> None:
        self._articles, self._encoded = articles, encoded

    def texts(self) -> list[ArticleText]:
        """What extraction reads of each article, in order."""
        if self._encoded:
            return [ArticleText(lang, text.decode(), end) for lang, text, end in self._encoded]
        return [article_text(article) for article in self._articles]

    def __reduce__(self) -> tuple[type[TextBatch], tuple[tuple[()], tuple[Any, ...]]]:
        sent = tuple((text.lang, text.text.encode(), text.lede_end) for text in self.texts())
        return (TextBatch, ((), sent))
