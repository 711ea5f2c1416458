"""Topics across the archive: spelling variants merged, every topic with its own slug."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from newsgen.load import topic_named
from newsgen.records import Article, Topic
from newsgen.topics import assign_topics, topic_key


def article(number: int, *topic_names: str) -> Article:
    return Article(
        identifier=f"{number:016x}",
        source_path=f"seeds/{number}.md",
        date=dt.date(2025, 11, 7),
        published=None,
        title=f"Статья {number}",
        slug=f"statya-{number}",
        lang="ru",
        paragraphs=("Текст.",),
        body_html="<p>Текст.</p>",
        summary="Текст.",
        topics=tuple(topic_named(name) for name in topic_names),
        word_count=1,
        reading_minutes=1,
    )


def topics_of(articles: list[Article]) -> list[list[tuple[str, str]]]:
    return [[(t.name, t.slug) for t in a.topics] for a in assign_topics(articles)]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Казахстан", "казахстан"),
        ("КАЗАХСТАН", "казахстан"),
        ("Ёлка", "елка"),
        ("ЁЛКА", "елка"),
        ("  Владимир   Путин ", "владимир путин"),
        ("Straße", "strasse"),
    ],
    ids=["capital", "upper-case", "yo", "upper-case-yo", "spaces", "casefold"],
)
def test_topic_key(name: str, key: str) -> None:
    assert topic_key(name) == key


def test_case_and_yo_variants_are_one_topic_under_the_most_written_form() -> None:
    articles = [
        article(1, "Казахстан", "Ёлка"),
        article(2, "казахстан", "Ёлка"),
        article(3, "Казахстан", "елка"),
        article(4, "КАЗАХСТАН"),
    ]
    assert topics_of(articles) == [
        [("Казахстан", "kazakhstan"), ("Ёлка", "elka")],
        [("Казахстан", "kazakhstan"), ("Ёлка", "elka")],
        [("Казахстан", "kazakhstan"), ("Ёлка", "elka")],
        [("Казахстан", "kazakhstan")],
    ]


def test_variants_in_one_article_are_listed_once() -> None:
    assert topics_of([article(1, "США", "сша", "Израиль")]) == [
        [("США", "ssha"), ("Израиль", "izrail")]
    ]


def test_tie_between_spellings_is_decided_the_same_way_every_time() -> None:
    forward = topics_of([article(1, "казахстан"), article(2, "Казахстан")])
    backward = topics_of([article(1, "Казахстан"), article(2, "казахстан")])
    assert forward == backward == [[("Казахстан", "kazakhstan")], [("Казахстан", "kazakhstan")]]


def test_different_names_with_one_slug_get_distinct_slugs() -> None:
    articles = [article(1, "Казахстан"), article(2, "Kazakhstan"), article(3, "Казахстан")]
    cyrillic = "kazakhstan-" + hashlib.sha1("казахстан".encode()).hexdigest()[:6]
    latin = "kazakhstan-" + hashlib.sha1(b"kazakhstan").hexdigest()[:6]
    assert cyrillic != latin
    assert topics_of(articles) == [
        [("Казахстан", cyrillic)],
        [("Kazakhstan", latin)],
        [("Казахстан", cyrillic)],
    ]


def test_colliding_slugs_do_not_depend_on_article_order() -> None:
    one = assign_topics([article(1, "Казахстан"), article(2, "Kazakhstan")])
    other = assign_topics([article(2, "Kazakhstan"), article(1, "Казахстан")])
    assert {t for a in one for t in a.topics} == {t for a in other for t in a.topics}


def test_every_topic_has_a_unique_slug() -> None:
    names = ["Путин", "Putin", "ПУТИН", "Путин!", "США", "SSHA", "Ёж", "Ezh", "Еж"]
    result = assign_topics([article(n, name) for n, name in enumerate(names)])
    topics = {topic_key(t.name): t for a in result for t in a.topics}
    slugs = [t.slug for t in topics.values()]
    assert len(slugs) == len(set(slugs)) == len(topics)


def test_articles_without_topics_are_unchanged() -> None:
    articles = [article(1), article(2, "США")]
    result = assign_topics(articles)
    assert result[0] == articles[0]
    assert result[1].topics == (Topic("other", "США", "ssha"),)
