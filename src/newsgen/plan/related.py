"""Related articles: those sharing the most topics with an article, nearest in time first.

Nearest in time, not newest: the same story's articles before and after come first, and
an article added today enters the lists of the articles of the last days only, so a
daily rebuild leaves the pages of the rest of the archive as they are.

Comparing every pair of articles is quadratic, and a topic like «Россия» spans most of
an archive, so candidates come from the article's topics rarest first: every article of
a topic while they add up to `_WHOLE_TOPICS_BUDGET` (so the answer is exact for articles
whose topics are small), and of larger topics the articles nearest in time.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from newsgen.plan.related_kept import LastRelated, carried_over
from newsgen.plan.topic_index import TopicSummary
from newsgen.records import Teaser, Topic

RELATED_ARTICLES = 5
_WHOLE_TOPICS_BUDGET = 120  # candidates taken from whole topics, per article
_NEIGHBOURS = 8  # on each side, in time, within a topic too large to take whole


def related_articles(
    newest_first: Sequence[Teaser],
    summaries: Sequence[TopicSummary],
    last: LastRelated | None = None,
) -> list[list[Teaser]]:
    """Give, for each article in `newest_first`, up to five related articles; those the
    `last` plan's lists give as they are (`related_kept`) are taken from it."""
    count = len(newest_first)
    rank = {id(a): i for i, a in enumerate(newest_first)}
    members_of = {s.topic: [rank[id(a)] for a in s.articles] for s in summaries}
    kept = (
        carried_over(newest_first, members_of, last, _WHOLE_TOPICS_BUDGET, _NEIGHBOURS)
        if last
        else {}
    )
    places: dict[Topic, dict[int, int]] = {}  # made for the topics too large to take whole
    # Topics by number: sets of small ints intersect faster than sets of records.
    number = {s.topic: i for i, s in enumerate(summaries)}
    topic_sets = [frozenset(number[t] for t in a.topics) for a in newest_first]
    result = []
    for me, article in enumerate(newest_first):
        if me in kept:
            result.append([newest_first[other] for other in kept[me]])
            continue
        mine = topic_sets[me]
        # Most topics shared first, then nearest in time, then newer: one int per candidate.
        keys = [
            (abs(other - me) - len(mine & topic_sets[other]) * count) * count + other
            for other in _candidates(me, article, members_of, places)
        ]
        result.append(
            [newest_first[key % count] for key in heapq.nsmallest(RELATED_ARTICLES, keys)]
        )
    return result


def _candidates(
    me: int,
    article: Teaser,
    members_of: dict[Topic, list[int]],
    places: dict[Topic, dict[int, int]],
) -> list[int]:
    shared = [t for t in article.topics if len(members_of[t]) > 1]  # others have this topic
    budget = _WHOLE_TOPICS_BUDGET
    found: dict[int, None] = {}
    for topic in sorted(shared, key=lambda t: (len(members_of[t]), t.slug)):
        members = members_of[topic]
        if len(members) <= budget:
            budget -= len(members)
        else:
            place = places.get(topic)
            if place is None:
                place = places[topic] = {other: i for i, other in enumerate(members)}
            around = place[me]
            members = members[max(0, around - _NEIGHBOURS) : around + _NEIGHBOURS + 1]
        found.update(dict.fromkeys(members))
    found.pop(me, None)
    return list(found)
