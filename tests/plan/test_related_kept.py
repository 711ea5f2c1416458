"""Related articles carried over from the last plan are exactly those worked out afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from collections.abc import Callable

import pytest
from sitetools import make_article

from newsgen.plan.related import _NEIGHBOURS, _WHOLE_TOPICS_BUDGET, related_articles
from newsgen.plan.related_kept import LastRelated, carried_over
from newsgen.plan.site import newest_first_of
from newsgen.plan.topic_index import topic_summaries
from newsgen.plan.topic_members import TopicMembers
from newsgen.records import Article, Teaser, Topic
from newsgen.urls import file_of

# A few topics with hundreds of articles (never taken whole), many with a handful.
TOPICS = [Topic("place", f"Тема {n}", f"tema-{n}") for n in range(40)]
START = dt.date(2024, 1, 1)


def archive(rng: random.Random, count: int, first: int = 0) -> list[Article]:
    return [
        make_article(first + n, START + dt.timedelta(days=(first + n) // 3), pick(rng))
        for n in range(count)
    ]


def pick(rng: random.Random) -> tuple[Topic, ...]:
    chosen = {TOPICS[min(int(rng.paretovariate(0.8)) - 1, len(TOPICS) - 1)] for _ in range(3)}
    return tuple(sorted(chosen, key=lambda t: t.slug)[: rng.randint(0, 3)])


def related_paths(articles: list[Article], last: LastRelated | None = None) -> list[list[str]]:
    newest_first = newest_first_of(articles)
    related = related_articles(newest_first, topic_summaries(newest_first), last)
    return [[file_of(a.url) for a in found] for found in related]


def last_of(before: list[Article], after: list[Article]) -> LastRelated:
    """What the plan of `before` keeps, for a plan of `after`."""
    newest_first = newest_first_of(before)
    paths = [file_of(a.url) for a in newest_first]
    place = {path: index for index, path in enumerate(paths)}
    related = [tuple(place[p] for p in found) for found in related_paths(before)]
    sizes = Counter(t.slug for a in before for t in a.topics)
    teasers_now = {file_of(a.url): Teaser.of(a) for a in after}
    unchanged = frozenset(
        file_of(a.url) for a in before if teasers_now.get(file_of(a.url)) == Teaser.of(a)
    )
    return LastRelated(tuple(paths), related, dict(sizes), unchanged)


def appended(rng: random.Random, articles: list[Article]) -> list[Article]:
    return articles + archive(rng, rng.randint(1, 25), first=len(articles) + 1000)


def backdated(rng: random.Random, articles: list[Article]) -> list[Article]:
    extra = archive(rng, rng.randint(1, 5), first=len(articles) + 2000)
    return articles + [
        dataclasses.replace(a, date=START + dt.timedelta(rng.randint(0, 200))) for a in extra
    ]


def removed(rng: random.Random, articles: list[Article]) -> list[Article]:
    gone = set(rng.sample(range(len(articles)), rng.randint(1, 5)))
    return [a for i, a in enumerate(articles) if i not in gone]


def newest_removed(rng: random.Random, articles: list[Article]) -> list[Article]:
    gone = rng.sample(newest_first_of(articles)[:20], rng.randint(1, 3))
    return [a for a in articles if a not in gone]


def retopiced(rng: random.Random, articles: list[Article]) -> list[Article]:
    changed = set(rng.sample(range(len(articles)), rng.randint(1, 5)))
    return [
        dataclasses.replace(a, topics=pick(rng)) if i in changed else a
        for i, a in enumerate(articles)
    ]


def retitled(rng: random.Random, articles: list[Article]) -> list[Article]:
    changed = set(rng.sample(range(len(articles)), rng.randint(1, 5)))
    return [
        dataclasses.replace(a, title=a.title + "!") if i in changed else a
        for i, a in enumerate(articles)
    ]


def everything(rng: random.Random, articles: list[Article]) -> list[Article]:
    for change in (appended, backdated, removed, retopiced, retitled):
        articles = change(rng, articles)
    return articles


CHANGES: list[Callable[[random.Random, list[Article]], list[Article]]] = [
    appended,
    backdated,
    removed,
    newest_removed,
    retopiced,
    retitled,
    everything,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_carried_over_lists_are_those_worked_out_afresh(
    change: Callable[..., list[Article]],
) -> None:
    for seed in range(12):
        rng = random.Random(seed)
        before = archive(rng, 600)
        after = change(rng, before)
        assert related_paths(after, last_of(before, after)) == related_paths(after), seed


def test_after_new_articles_most_lists_carry_over() -> None:
    """What makes an append cheap: only lists near the new articles are worked out."""
    rng = random.Random(7)
    before = archive(rng, 600)
    after = before + archive(rng, 20, first=5000)
    newest_first = newest_first_of(after)
    topics = TopicMembers.of(newest_first, topic_summaries(newest_first))
    assert max(len(members) for members in topics.members) > _WHOLE_TOPICS_BUDGET
    last = last_of(before, after)
    kept = carried_over(newest_first, topics, last, _WHOLE_TOPICS_BUDGET, _NEIGHBOURS)
    assert len(kept) > 0.6 * len(before)


@pytest.mark.parametrize("end", ["newest", "oldest"])
def test_lists_near_an_end_of_a_large_topic_see_it_lose_an_article(end: str) -> None:
    """An article among the first of a topic too large to take whole had the removed one
    among its neighbours, however far in time the removal is from the rest of them."""
    large = TOPICS[0]
    before = [make_article(n, START + dt.timedelta(days=n), (large,)) for n in range(300)]
    gone = newest_first_of(before)[0 if end == "newest" else -1]
    after = [article for article in before if article is not gone]
    assert related_paths(after, last_of(before, after)) == related_paths(after)
