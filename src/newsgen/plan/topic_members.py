"""The archive's topics by number, as related articles are worked out from them.

A topic is a record whose hash is worked out from its fields at every lookup; working out
the related articles of 50,000 articles looks topics up millions of times. Numbered once,
they are small ints: sets of them intersect fast, lists of them are indexed directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.plan.topic_index import TopicSummary
from newsgen.records import Teaser


@dataclass(frozen=True)
class TopicMembers:
    """Each topic's members (places in the archive, newest first) and slug, by number; and
    each article's topics (numbers, in its order), by place."""

    members: list[list[int]]
    slugs: list[str]
    of_article: list[tuple[int, ...]]

    @classmethod
    def of(cls, newest_first: Sequence[Teaser], summaries: Sequence[TopicSummary]) -> TopicMembers:
        rank = {id(article): place for place, article in enumerate(newest_first)}
        number = {summary.topic: index for index, summary in enumerate(summaries)}
        return cls(
            [[rank[id(article)] for article in summary.articles] for summary in summaries],
            [summary.topic.slug for summary in summaries],
            [tuple(number[topic] for topic in article.topics) for article in newest_first],
        )
