"""The topics stage whole: entities found per article, then topics assigned across the archive,
each step skipped where the last build's answer holds (`remembered`).

The entities of a text the last build read are known by their digest alone; only new
texts are looked up in the cache or read by the models. When every article's entities
and front-matter topics are what the last assignment was made from, its topics are taken
as they are, and the cache's entities are never read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgen.by_record import ByRecord
from newsgen.parallel import Jobs
from newsgen.records import Article
from newsgen.topics.assign import TopicSettings, topics_of
from newsgen.topics.entities import FoundEntity
from newsgen.topics.find import find_entities, text_keys
from newsgen.topics.remembered import TopicsMade, entities_digest, inputs_digest, settings_digest


@dataclass(frozen=True)
class EntitySource:
    """Where entities come from: the topic cache, the models, what a process keeps."""

    cache: Path | None
    jobs: Jobs
    memo: dict[str, list[FoundEntity]] | None = None
    progress: Callable[[int, int], None] | None = None
    reads_text: bool = True  # False: no text is read, topics come from front matter only
    known_keys: ByRecord[Article, str] | None = None  # each record's text key, kept so


@dataclass(frozen=True)
class TopicsFound:
    """The stage's result: each article's topics, in order (in `made`), and how many
    articles the models read."""

    made: TopicsMade
    extracted: int


def find_topics(
    articles: Sequence[Article],
    settings: TopicSettings,
    source: EntitySource,
    last: TopicsMade | None,
) -> TopicsFound:
    """Give the topics of `articles`, reusing `last` where it holds (see the module)."""
    keys = text_keys(articles, source.known_keys)
    made_with = settings_digest(settings, source.reads_text)
    known = dict(last.entities) if last and last.settings == made_with else {}
    found: dict[int, list[FoundEntity]] = {}
    # With as many articles as last time, the texts new since may give the same entities
    # (a corrected sentence): the others' are read only if the assignment must be made.
    could_hold = last is not None and len(last.topics) == len(articles) and bool(known)
    first = [i for i, key in enumerate(keys) if key not in known or not could_hold]
    extracted = _find(articles, keys, first, source, found)
    for index, entities in found.items():
        known[keys[index]] = entities_digest(entities)
    inputs = inputs_digest([known[key] for key in keys], [a.topics for a in articles])
    held = (made_with, inputs, len(articles))
    if last and (last.settings, last.inputs, len(last.topics)) == held:
        topics = last.topics
    else:
        rest = [i for i in range(len(articles)) if i not in found]
        extracted += _find(articles, keys, rest, source, found)
        topics = tuple(topics_of(articles, [found[i] for i in range(len(articles))], settings))
    _forget_other_texts(source.memo, keys)
    digests = {key: known[key] for key in keys}
    return TopicsFound(TopicsMade(made_with, digests, inputs, topics), extracted)


def _find(
    articles: Sequence[Article],
    keys: list[str],
    indexes: list[int],
    source: EntitySource,
    found: dict[int, list[FoundEntity]],
) -> int:
    """Put the entities of the articles at `indexes` into `found`; give how many the models
    read. The cache keeps the entities of every text in `keys`."""
    if not source.reads_text:
        found.update((i, []) for i in indexes)
        return 0
    if not indexes:
        return 0
    chosen = [articles[i] for i in indexes]
    cache, jobs, memo, told = source.cache, source.jobs, source.memo, source.progress
    chosen_keys = [keys[i] for i in indexes]
    extraction = find_entities(chosen, cache, jobs, memo, told, keep=keys, keys=chosen_keys)
    found.update(zip(indexes, extraction.entities, strict=True))
    return extraction.extracted


def _forget_other_texts(memo: dict[str, list[FoundEntity]] | None, keys: list[str]) -> None:
    """Keep in a process's memory only the entities of the archive's texts."""
    if memo is not None:
        current = set(keys)
        for key in [key for key in memo if key not in current]:
            del memo[key]
