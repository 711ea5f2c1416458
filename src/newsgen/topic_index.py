"""Topics across the archive: their articles, related topics, and the A–Я index."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.records import Teaser, Topic
from newsgen.slugs import transliterate

TOPIC_KINDS = ("person", "place", "organisation", "other")
RELATED_TOPICS = 10
# Letters whose transliteration would coincide with another letter's.
_LETTER_SLUGS = {"й": "j", "ы": "yy", "э": "eh", "ъ": "hard-sign", "ь": "soft-sign"}


@dataclass(frozen=True)
class TopicFacts:
    """What topic pages and the topic index show of a topic: not its articles themselves.

    Pages hold these rather than whole summaries, so a change to one article re-renders
    only the topic pages that list it.
    """

    topic: Topic
    count: int
    first_date: dt.date
    last_date: dt.date
    related: tuple[tuple[Topic, int], ...]


@dataclass(frozen=True)
class TopicSummary:
    """A topic with its articles (newest first) and the topics that appear with it most."""

    topic: Topic
    articles: Sequence[Teaser]
    related: Sequence[tuple[Topic, int]]

    @property
    def first_date(self) -> dt.date:
        return self.articles[-1].date

    @property
    def last_date(self) -> dt.date:
        return self.articles[0].date

    def facts(self) -> TopicFacts:
        """The summary without its list of articles."""
        count = len(self.articles)
        return TopicFacts(self.topic, count, self.first_date, self.last_date, tuple(self.related))


@dataclass(frozen=True)
class LetterIndex:
    """The topics whose names start with one letter, by kind, in alphabetical order."""

    letter: str
    slug: str
    by_kind: dict[str, list[TopicFacts]]

    @property
    def url(self) -> str:
        return f"topics/letter/{self.slug}/"

    @property
    def count(self) -> int:
        return sum(len(summaries) for summaries in self.by_kind.values())


def topic_summaries(newest_first: Sequence[Teaser]) -> list[TopicSummary]:
    """Give every topic with its articles, the most written-about first, then by name."""
    articles_of: dict[Topic, list[Teaser]] = defaultdict(list)
    together: dict[Topic, Counter[Topic]] = defaultdict(Counter)
    for article in newest_first:
        for topic in article.topics:
            articles_of[topic].append(article)
            together[topic].update(other for other in article.topics if other != topic)
    summaries = [
        TopicSummary(topic, found, _most_common(together[topic]))
        for topic, found in articles_of.items()
    ]
    return sorted(summaries, key=lambda s: (-len(s.articles), s.topic.name, s.topic.slug))


def _most_common(counts: Counter[Topic]) -> list[tuple[Topic, int]]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].name, item[0].slug))
    return ranked[:RELATED_TOPICS]


def letter_indexes(summaries: Sequence[TopicSummary]) -> list[LetterIndex]:
    """Give one index per initial letter (Cyrillic first, then Latin, then the rest)."""
    by_letter: dict[str, list[TopicSummary]] = defaultdict(list)
    for summary in summaries:
        by_letter[initial(summary.topic.name)].append(summary)
    return [
        LetterIndex(letter, letter_slug(letter), _by_kind(sorted(found, key=_alphabetical)))
        for letter, found in sorted(by_letter.items(), key=lambda item: _letter_order(item[0]))
    ]


def initial(name: str) -> str:
    """The letter a name is filed under: Ё with Е, digits and signs under #."""
    first = name[:1].upper().replace("Ё", "Е")
    return first if first.isalpha() else "#"


def letter_slug(letter: str) -> str:
    """A URL segment per letter, unique among letters: Э → `eh`, Й → `j`, A → `a`."""
    lower = letter.lower()
    if lower == "#":
        return "other"
    if "a" <= lower <= "z":
        return f"latin-{lower}"
    return _LETTER_SLUGS.get(lower) or transliterate(lower) or f"u{ord(lower):04x}"


def _by_kind(summaries: Sequence[TopicSummary]) -> dict[str, list[TopicFacts]]:
    return {kind: [s.facts() for s in summaries if s.topic.kind == kind] for kind in TOPIC_KINDS}


def _alphabetical(summary: TopicSummary) -> tuple[str, str]:
    return (summary.topic.name.casefold().replace("ё", "е"), summary.topic.slug)


def _letter_order(letter: str) -> tuple[int, str]:
    is_cyrillic = "А" <= letter <= "Я"
    return (0 if is_cyrillic else 1 if letter.isascii() and letter.isalpha() else 2, letter)


def active_topics(
    newest_first: Sequence[Teaser], days: int = 30, limit: int = 12
) -> list[tuple[Topic, int]]:
    """The topics most written about in the archive's last `days` days, with their counts.

    The days end at the newest article, not at today, so the answer depends only on the
    archive (a build is reproducible) and an archive of old news still has active topics.
    """
    if not newest_first:
        return []
    since = newest_first[0].date - dt.timedelta(days=days - 1)
    counts: Counter[Topic] = Counter()
    for article in newest_first:
        if article.date < since:
            break
        counts.update(article.topics)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].name, item[0].slug))
    return ranked[:limit]
