"""Related articles carried over from the last plan, where they provably come out the same.

`related.related_articles` picks an article's related articles from the members of its
topics, by topics shared, then distance in time (places in the archive, newest first).
After 20 new articles most of an archive's lists are what they were, and working them
all out again was the largest part of planning an append (3.6 s of 8.5 at 50,000
articles). An article's last list is taken as it is when what it was picked from is
the same:

- the article's teaser is as it was (so are its topics);
- every candidate it was picked from has the teaser it had (so the same topics), and its
  distance in time to the article is the same: the articles added or removed above each
  are as many (every place moved by the same `shift`);
- each of the article's topics either has the same members as before, or has too many to
  be taken whole (before and now), and the article's neighbours in it are the same ones,
  with nothing between them added, removed or changed.

Anything else is worked out again, so the answer is always what `related_articles` gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from newsgen.plan.topic_members import TopicMembers
from newsgen.records import Teaser
from newsgen.urls import file_of


@dataclass(frozen=True)
class LastRelated:
    """What the last plan picked: its article pages (paths, newest first), each one's
    related articles (places among them), how many articles each topic had (by slug), and
    the paths whose teaser is the same now."""

    articles: Sequence[str]
    related: Sequence[Sequence[int]]
    topic_sizes: Mapping[str, int]
    unchanged: frozenset[str]


@dataclass(frozen=True)
class _Moves:
    """Where each article went: `shift[rank]` is its place now less its place before (None
    for a new or changed one); the counts of new or changed articles above each place now,
    and of removed or changed ones above each place before."""

    shift: list[int | None]
    dirty_now: list[int]
    dirty_before: list[int]

    def clean(self, now: tuple[int, int], before: tuple[int, int]) -> bool:
        """Whether the places `now` (first, last) hold no new or changed article, and the
        places `before` held no article removed or changed since."""
        return (
            self.dirty_now[now[1] + 1] == self.dirty_now[now[0]]
            and self.dirty_before[before[1] + 1] == self.dirty_before[before[0]]
        )


@dataclass(frozen=True)
class _Topics:
    """The topics now (`TopicMembers`), with each member's place in each topic (made for
    the topics too large to take whole, as they are asked), and their sizes before by slug."""

    now: TopicMembers
    sizes_before: Mapping[str, int]
    places: dict[int, dict[int, int]]

    def place(self, topic: int, member: int) -> int:
        found = self.places.get(topic)
        if found is None:
            members = self.now.members[topic]
            found = self.places[topic] = {m: i for i, m in enumerate(members)}
        return found[member]

    def size_before(self, topic: int) -> int:
        return self.sizes_before.get(self.now.slugs[topic], 0)


def carried_over(
    newest_first: Sequence[Teaser],
    now: TopicMembers,
    last: LastRelated,
    whole_topics_budget: int,
    neighbours: int,
) -> dict[int, list[int]]:
    """The related articles (as places now) that carry over from `last`, by place now.

    `whole_topics_budget` and `neighbours` are `related_articles`' own: a topic with more
    members is never taken whole, and of such a topic the members up to `neighbours`
    places away from the article are its candidates.
    """
    paths = [file_of(teaser.url) for teaser in newest_first]
    moves = _moves(paths, last)
    topics = _Topics(now, last.topic_sizes, {})
    steady = _steady_topics(topics, moves.shift)
    place_now = {path: rank for rank, path in enumerate(paths)}
    kept = {}
    for me, numbers in enumerate(now.of_article):
        shift = moves.shift[me]
        if shift is not None and all(
            steady[topic] == shift
            or (
                min(len(now.members[topic]), topics.size_before(topic)) > whole_topics_budget
                and _same_neighbours(me, shift, topic, topics, moves, neighbours)
            )
            for topic in numbers
        ):
            kept[me] = [place_now[last.articles[other]] for other in last.related[me - shift]]
    return kept


def _moves(paths: Sequence[str], last: LastRelated) -> _Moves:
    place_before = {path: rank for rank, path in enumerate(last.articles)}
    shift = [
        rank - place_before[path] if path in last.unchanged and path in place_before else None
        for rank, path in enumerate(paths)
    ]
    gone_or_changed = (path not in last.unchanged for path in last.articles)
    return _Moves(
        shift,
        [0, *accumulate(moved is None for moved in shift)],
        [0, *accumulate(gone_or_changed)],
    )


def _steady_topics(topics: _Topics, shift: Sequence[int | None]) -> list[int | None]:
    """For each topic whose members are the ones it had, each moved by the same shift:
    that shift (None for the others)."""
    steady: list[int | None] = []
    for topic, members in enumerate(topics.now.members):
        moved = {shift[member] for member in members}
        same = len(moved) == 1 and topics.size_before(topic) == len(members)
        steady.append(next(iter(moved)) if same else None)
    return steady


def _same_neighbours(
    me: int, shift: int, topic: int, topics: _Topics, moves: _Moves, neighbours: int
) -> bool:
    """Whether `topic` gives the article at `me` the same neighbours as before: the same
    articles, moved by `shift`, with nothing added, removed or changed among them."""
    members = topics.now.members[topic]
    around = topics.place(topic, me)
    low, high = max(0, around - neighbours), min(len(members), around + neighbours + 1)
    window = members[low:high]
    # Nothing added, removed or changed from the window's first place to its last: every
    # member of it moved by the article's own shift. A window cut short at an end of the
    # topic reaches to that end of the archive: an article added or removed beyond it
    # would have been in it.
    first = (window[0], window[0] - shift) if low > 0 else (0, 0)
    end_now, end_before = len(moves.shift) - 1, len(moves.dirty_before) - 2
    last = (window[-1], window[-1] - shift) if high < len(members) else (end_now, end_before)
    return moves.clean((first[0], last[0]), (first[1], last[1]))
