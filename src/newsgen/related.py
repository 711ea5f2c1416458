"""Related articles: those sharing the most topics with an article, newest first.

Comparing every pair of articles is quadratic, and a topic like «Россия» spans most of
an archive, so candidates come from the article's topics rarest first: every article of
a topic while they add up to `_WHOLE_TOPICS_BUDGET` (so the answer is exact for articles
whose topics are small), and of larger topics the articles nearest in time.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from newsgen.records import Teaser, Topic
from newsgen.topic_index import TopicSummary

RELATED_ARTICLES = 5
_WHOLE_TOPICS_BUDGET = 120  # candidates taken from whole topics, per article
_NEIGHBOURS = 8  # on each side, in time, within a topic too large to take whole


def related_articles(
    newest_first: Sequence[Teaser], summaries: Sequence[TopicSummary]
) -> list[list[Teaser]]:
    """Give, for each article in `newest_first`, up to five related articles."""
    articles_of = {s.topic: s.articles for s in summaries}
    places = {s.topic: {id(a): i for i, a in enumerate(s.articles)} for s in summaries}
    topic_sets = {id(a): frozenset(a.topics) for a in newest_first}
    rank = {id(a): i for i, a in enumerate(newest_first)}
    result = []
    for article in newest_first:
        candidates = _candidates(article, articles_of, places)
        shared = {id(c): len(topic_sets[id(article)] & topic_sets[id(c)]) for c in candidates}
        best = heapq.nsmallest(
            RELATED_ARTICLES, candidates, key=lambda c: (-shared[id(c)], rank[id(c)])
        )
        result.append(best)
    return result


def _candidates(
    article: Teaser,
    articles_of: dict[Topic, Sequence[Teaser]],
    places: dict[Topic, dict[int, int]],
) -> list[Teaser]:
    shared = [t for t in article.topics if len(articles_of[t]) > 1]  # others have this topic
    budget = _WHOLE_TOPICS_BUDGET
    found: dict[int, Teaser] = {}
    for topic in sorted(shared, key=lambda t: (len(articles_of[t]), t.slug)):
        members = articles_of[topic]
        if len(members) <= budget:
            budget -= len(members)
        else:
            around = places[topic][id(article)]
            members = members[max(0, around - _NEIGHBOURS) : around + _NEIGHBOURS + 1]
        found.update((id(other), other) for other in members if other is not article)
    return list(found.values())
