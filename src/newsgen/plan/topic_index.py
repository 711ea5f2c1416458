"""Topics across the archive: their articles, related topics, and the A–Я index."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.records import Teaser, Topic
from newsgen.slugs import slugify, transliterate
from newsgen.urls import letter_url

TOPIC_KINDS = ("person", "place", "organisation", "other")
RELATED_TOPICS = 10
# Letters whose transliteration would coincide with another letter's.
_LETTER_SLUGS = {"й": "j", "ы": "yy", "э": "eh", "ъ": "hard-sign", "ь": "soft-sign"}
_RUSSIAN = frozenset("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")  # Ё is filed with Е
# Scripts of thousands of signs, each a word or a syllable: filed under #.
_FILED_UNDER_OTHER = frozenset({"CJK", "HANGUL"})
# Ø, Ł, Đ: letters with a mark that Unicode does not decompose; filed under O, L, D.
_LATIN_WITH_MARK = re.compile(r"LATIN CAPITAL LETTER ([A-Z]) WITH .*")
# `CYRILLIC CAPITAL LETTER SCHWA` → `CYRILLIC SCHWA`; `LATIN SMALL LETTER` keeps SMALL.
_LETTER_WORD = re.compile(r" (?:CAPITAL )?LETTER ")


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

    def per_month(self) -> tuple[tuple[dt.date, int], ...]:
        """Its articles counted by month (each month's first day), oldest first."""
        months = Counter(teaser.date.replace(day=1) for teaser in self.articles)
        return tuple(sorted(months.items()))

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
        return letter_url(self.slug)

    @property
    def count(self) -> int:
        return sum(len(summaries) for summaries in self.by_kind.values())


def topic_summaries(newest_first: Sequence[Teaser]) -> list[TopicSummary]:
    """Give every topic with its articles, the most written-about first, then by name."""
    articles_of: dict[Topic, list[Teaser]] = defaultdict(list)
    pairs: Counter[tuple[Topic, Topic]] = Counter()  # (topic, another of the same article)
    for article in newest_first:
        for topic in article.topics:
            articles_of[topic].append(article)
        if len(article.topics) > 1:  # an article's topics are distinct
            pairs.update(itertools.permutations(article.topics, 2))
    together: dict[Topic, Counter[Topic]] = defaultdict(Counter)
    for (topic, other), count in pairs.items():
        together[topic][other] = count
    summaries = [
        TopicSummary(topic, found, _most_common(together[topic]))
        for topic, found in articles_of.items()
    ]
    return sorted(summaries, key=lambda s: (-len(s.articles), s.topic.name, s.topic.slug))


def _most_common(counts: Counter[Topic]) -> list[tuple[Topic, int]]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].name, item[0].slug))
    return ranked[:RELATED_TOPICS]


def letter_indexes(summaries: Sequence[TopicSummary]) -> list[LetterIndex]:
    """Give one index per initial letter (Cyrillic first, then Latin, then the rest).

    People are filed by surname, as a printed index files them (`Topic.filed_as`).
    """
    by_letter: dict[str, list[TopicSummary]] = defaultdict(list)
    for summary in summaries:
        by_letter[initial(summary.topic.filed_as)].append(summary)
    return [
        LetterIndex(letter, letter_slug(letter), _by_kind(sorted(found, key=_alphabetical)))
        for letter, found in sorted(by_letter.items(), key=lambda item: _letter_order(item[0]))
    ]


def initial(name: str) -> str:
    """The letter a name is filed under, as a dictionary files it; `#` when it has none.

    Quotes and signs before the first letter are skipped («"Газпром"» under Г). Latin and
    Greek letters lose their accents (É under E, Ø under O, Ά under Α); Cyrillic letters
    keep theirs (Й is a letter of its own, as are Ә and Ї) but Ё goes with Е. Digits and
    ideographs (a page per sign would make thousands of pages) go under #.
    """
    first = next((ch for ch in unicodedata.normalize("NFC", name) if ch.isalnum()), "#")
    if not first.isalpha() or _script(first) in _FILED_UNDER_OTHER:
        return "#"
    capital = _capital(first)
    if _script(capital) == "CYRILLIC":
        return "Е" if capital == "Ё" else capital
    base = _capital(unicodedata.normalize("NFKD", capital)[0])
    if not base.isalpha():
        return capital
    stroked = _LATIN_WITH_MARK.fullmatch(unicodedata.name(base, ""))
    return stroked.group(1) if stroked else base


def letter_slug(letter: str) -> str:
    """A URL segment per letter, unique among letters: Э → `eh`, A → `latin-a`.

    Russian letters are transliterated and A–Z are `latin-…`, as they always were; any
    other letter is named by its Unicode name, which no two letters share.
    """
    if letter == "#":
        return "other"
    if letter in _RUSSIAN:
        lower = letter.lower()
        return _LETTER_SLUGS.get(lower) or transliterate(lower)
    if "A" <= letter <= "Z":
        return f"latin-{letter.lower()}"
    name = _LETTER_WORD.sub(" ", unicodedata.name(letter, ""))
    return slugify(name, max_chars=200) or f"u{ord(letter):04x}"


def _capital(letter: str) -> str:
    """The capital of `letter`, when it has one of one character (ß has none: SS is two)."""
    upper = letter.upper()
    return upper if len(upper) == 1 else letter


def _script(letter: str) -> str:
    """The first word of the letter's Unicode name: LATIN, CYRILLIC, GREEK, CJK…"""
    return unicodedata.name(letter, "").partition(" ")[0]


def _by_kind(summaries: Sequence[TopicSummary]) -> dict[str, list[TopicFacts]]:
    return {kind: [s.facts() for s in summaries if s.topic.kind == kind] for kind in TOPIC_KINDS}


def _alphabetical(summary: TopicSummary) -> tuple[str, str]:
    return (summary.topic.filed_as.casefold().replace("ё", "е"), summary.topic.slug)


def _letter_order(letter: str) -> tuple[int, str]:
    """Russian letters, other Cyrillic ones, A–Z, other scripts, then #."""
    if letter == "#":
        return (4, letter)
    if letter in _RUSSIAN:
        return (0, letter)
    if _script(letter) == "CYRILLIC":
        return (1, letter)
    return (2 if "A" <= letter <= "Z" else 3, letter)


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
