"""Related articles: those sharing the most topics with an article, nearest in time first."""

from __future__ import annotations

import datetime as dt

from sitetools import make_article

from newsgen.plan.related import RELATED_ARTICLES, related_articles
from newsgen.plan.topic_index import topic_summaries
from newsgen.records import Article, Topic


def topic(name: str) -> Topic:
    return Topic("place", name, name.lower())


def article(number: int, *topics: Topic) -> Article:
    return make_article(number, dt.date(2025, 1, 1) + dt.timedelta(days=number), topics)


def related_titles(newest_first: list[Article]) -> list[list[str]]:
    related = related_articles(newest_first, topic_summaries(newest_first))
    return [[a.title for a in found] for found in related]


def test_most_shared_topics_first_then_newest() -> None:
    kz, us, il = topic("Kz"), topic("Us"), topic("Il")
    newest_first = [article(4, kz, us), article(3, kz), article(2, kz, us, il), article(1, il)]
    assert related_titles(newest_first) == [
        ["Статья 2", "Статья 3"],
        ["Статья 4", "Статья 2"],
        ["Статья 4", "Статья 3", "Статья 1"],
        ["Статья 2"],
    ]


def test_topics_no_other_article_has_do_not_hide_the_shared_ones() -> None:
    """Three names only this article has are its rarest topics; Kz still relates it."""
    kz = topic("Kz")
    own = [topic(name) for name in ("Aa", "Bb", "Cc")]
    newest_first = [article(2, kz, *own), article(1, kz)]
    assert related_titles(newest_first) == [["Статья 1"], ["Статья 2"]]


def test_at_most_five_and_never_the_article_itself() -> None:
    kz = topic("Kz")
    newest_first = [article(number, kz) for number in range(9, 0, -1)]
    related = related_titles(newest_first)
    assert related[0] == [f"Статья {n}" for n in range(8, 8 - RELATED_ARTICLES, -1)]
    assert all(f"Статья {9 - i}" not in found for i, found in enumerate(related))


def test_equal_sharers_nearest_in_time_first_so_new_articles_leave_old_lists_alone() -> None:
    kz = topic("Kz")
    newest_first = [article(number, kz) for number in range(20, 0, -1)]
    before = related_titles(newest_first)
    assert before[10] == ["Статья 11", "Статья 9", "Статья 12", "Статья 8", "Статья 13"]
    added = [article(number, kz) for number in range(25, 20, -1)]
    after = related_titles(added + newest_first)
    assert after[len(added) + 10 :] == before[10:]  # the older half: as it was


def test_an_article_without_topics_has_none_related() -> None:
    newest_first = [article(2), article(1, topic("Kz"))]
    assert related_titles(newest_first) == [[], []]


def test_an_article_sharing_more_topics_is_found_however_far_in_time() -> None:
    """Rare topics shared once must not crowd out an old article sharing two larger ones."""
    big_a, big_b = topic("Aa"), topic("Bb")
    rare = [topic(name) for name in ("R1", "R2", "R3")]
    newest_first = [
        article(100, big_a, big_b, *rare),
        *(article(99 - n, rare[n]) for n in range(3)),
        *(article(90 - n, big_a if n % 2 else big_b) for n in range(40)),
        article(1, big_a, big_b),
    ]
    assert related_titles(newest_first)[0][0] == "Статья 1"
