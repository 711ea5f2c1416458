"""The topics stage: one `Topic` per subject across the archive, with a unique slug.

Topics come from front matter for now; spelling variants that differ only in case or
ё/е are one topic, shown under the form written most often.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence

from newsgen.records import Article, Topic


def topic_key(name: str) -> str:
    """Give the identity of a topic name: case and ё/е do not make a different topic."""
    return " ".join(name.casefold().replace("ё", "е").split())


def assign_topics(articles: Sequence[Article]) -> list[Article]:
    """Give the articles with their topics merged across the archive and slugs unique."""
    canonical = _canonical_topics(articles)
    return [
        dataclasses.replace(article, topics=_article_topics(article, canonical))
        for article in articles
    ]


def _article_topics(article: Article, canonical: dict[str, Topic]) -> tuple[Topic, ...]:
    unique = {topic_key(t.name): canonical[topic_key(t.name)] for t in article.topics}
    return tuple(unique.values())


def _canonical_topics(articles: Sequence[Article]) -> dict[str, Topic]:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Topic] = {}
    for article in articles:
        for topic in article.topics:
            key = topic_key(topic.name)
            spellings[key][topic.name] += 1
            kinds.setdefault(key, topic)
    chosen = {
        key: dataclasses.replace(kinds[key], name=_most_written(counts))
        for key, counts in spellings.items()
    }
    return _unique_slugs(chosen)


def _most_written(counts: Counter[str]) -> str:
    return min(counts, key=lambda name: (-counts[name], name))


def _unique_slugs(topics: dict[str, Topic]) -> dict[str, Topic]:
    """Topics whose names differ but slugs match (Казахстан, Kazakhstan) get a name hash."""
    holders: dict[str, list[str]] = defaultdict(list)
    for key, topic in topics.items():
        holders[topic.slug].append(key)
    result = dict(topics)
    for keys in holders.values():
        if len(keys) > 1:
            for key in keys:
                suffix = hashlib.sha1(key.encode()).hexdigest()[:6]
                result[key] = dataclasses.replace(topics[key], slug=f"{topics[key].slug}-{suffix}")
    return result
