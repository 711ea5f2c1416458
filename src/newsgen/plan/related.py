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
from newsgen.plan.topic_members import TopicMembers
from newsgen.records import Teaser

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
    topics = TopicMembers.of(newest_first, summaries)
    kept = (
        carried_over(newest_first, topics, last, _WHOLE_TOPICS_BUDGET, _NEIGHBOURS) if last else {}
    )
    places: dict[int, dict[int, int]] = {}  # made for the topics too large to take whole
    topic_sets = [frozenset(numbers) for numbers in topics.of_article]
    result = []
    for me in range(count):
        if me in kept:
            result.append([newest_first[other] for other in kept[me]])
            continue
        mine = topic_sets[me]
        # Most topics shared first, then nearest in time, then newer: one int per candidate.
        keys = [
            (abs(other - me) - len(mine & topic_sets[other]) * count) * count + other
            for other in _candidates(me, topics, places)
        ]
        result.append(
            [newest_first[key % count] for key in heapq.nsmallest(RELATED_ARTICLES, keys)]
        )
    return result


def _candidates(me: int, topics: TopicMembers, places: dict[int, dict[int, int]]) -> list[int]:
    members_of, slugs = topics.members, topics.slugs
    shared = [n for n in topics.of_article[me] if len(members_of[n]) > 1]  # others have it
    budget = _WHOLE_TOPICS_BUDGET
    found: dict[int, None] = {}
    for topic in sorted(shared, key=lambda n: (len(members_of[n]), slugs[n])):
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
