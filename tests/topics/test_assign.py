"""Topics across the archive: spelling variants merged, every topic with its own slug."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from sitetools import make_article

from newsgen.records import Article, Topic
from newsgen.sources.article_record import topic_named
from newsgen.topics.aliases import alias_table
from newsgen.topics.assign import TopicSettings, assign_topics, topic_key
from newsgen.topics.entities import FoundEntity
from newsgen.topics.names import identity


def article(number: int, *topic_names: str) -> Article:
    topics = tuple(topic_named(name) for name in topic_names)
    return make_article(number, topics=topics, source_suffix=".md", body_html="<p>Текст.</p>")


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


def test_a_name_composed_or_decomposed_is_one_topic_shown_composed() -> None:
    # A macOS file may hold «É» as «E» and a combining acute: the same name to a reader.
    decomposed = "E\u0301lyse\u0301e"
    expected = [("Élysée", "elysee")]
    assert topics_of([article(1, decomposed), article(2, "Élysée")]) == [expected, expected]


def test_variants_in_one_article_are_listed_once() -> None:
    assert topics_of([article(1, "США", "сша", "Израиль")]) == [
        [("США", "ssha"), ("Израиль", "izrail")]
    ]


def test_tie_between_spellings_is_decided_the_same_way_every_time() -> None:
    forward = topics_of([article(1, "казахстан"), article(2, "Казахстан")])
    backward = topics_of([article(1, "Казахстан"), article(2, "казахстан")])
    assert forward == backward == [[("Казахстан", "kazakhstan")], [("Казахстан", "kazakhstan")]]


def test_different_names_with_one_slug_get_distinct_slugs() -> None:
    """The first in the order of precedence keeps its plain slug: a namesake does not move
    its URL. (A Latin namesake sounds alike and is the same topic: see below.)"""
    articles = [article(1, "Т-Банк"), article(2, "Т Банк"), article(3, "Т-Банк")]
    other = "t-bank-" + hashlib.sha1("т-банк".encode()).hexdigest()[:6]
    assert topics_of(articles) == [
        [("Т-Банк", other)],
        [("Т Банк", "t-bank")],  # first by its key
        [("Т-Банк", other)],
    ]
    assert topics_of([article(1, "Т-Банк")]) == [[("Т-Банк", "t-bank")]]


def test_a_latin_namesake_of_one_sound_is_the_same_topic() -> None:
    articles = [article(1, "Казахстан"), article(2, "Kazakhstan"), article(3, "Казахстан")]
    assert topics_of(articles) == [[("Казахстан", "kazakhstan")]] * 3


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


# Topics found in the text: entities per article (`find_entities`) made archive topics.

SITE = TopicSettings(aliases=alias_table({}))


def found(*entities: tuple[str, str, int, bool]) -> list[FoundEntity]:
    """Entities of one article: (kind, name, mentions, in the lede)."""
    return [
        FoundEntity(kind, name, mentions, in_lede) for kind, name, mentions, in_lede in entities
    ]


def found_topics(
    articles: list[Article],
    entities: list[list[FoundEntity]],
    settings: TopicSettings = SITE,
) -> list[list[tuple[str, str]]]:
    """Each article's topics as (kind, name)."""
    return [
        [(t.kind, t.name) for t in a.topics] for a in assign_topics(articles, entities, settings)
    ]


@pytest.mark.parametrize(
    ("mentions", "in_lede", "is_topic"),
    [(1, False, False), (2, False, True), (1, True, True), (5, True, True)],
    ids=["once-in-passing", "twice", "in-the-lede", "often-and-in-the-lede"],
)
def test_a_name_is_a_topic_when_named_twice_or_in_the_lede(
    mentions: int, in_lede: bool, is_topic: bool
) -> None:
    result = found_topics([article(1)], [found(("place", "Египет", mentions, in_lede))])
    assert result == [[("place", "Египет")] if is_topic else []]


def test_min_mentions_sets_how_often_a_passing_name_must_be_named() -> None:
    entities = [found(("place", "Египет", 2, False), ("place", "Судан", 3, False))]
    strict = TopicSettings(aliases=alias_table({}), min_mentions=3)
    assert found_topics([article(1)], entities, strict) == [[("place", "Судан")]]


def test_aliases_join_their_canonical_name_before_mentions_are_counted() -> None:
    """Once as «США» and once as «Соединённые Штаты» outside the lede is twice: a topic."""
    entities = [found(("place", "США", 1, False), ("place", "Соединённые Штаты", 1, False))]
    assert found_topics([article(1)], entities) == [[("place", "США")]]


def test_a_site_alias_is_added_to_the_defaults() -> None:
    settings = TopicSettings(aliases=alias_table({"Казахстан": ["РК", "Республика Казахстан"]}))
    entities = [
        found(("place", "Республика Казахстан", 1, True)),
        found(("place", "РК", 2, False)),
        found(("place", "Соединенные Штаты", 1, True)),
    ]
    assert found_topics([article(1), article(2), article(3)], entities, settings) == [
        [("place", "Казахстан")],
        [("place", "Казахстан")],
        [("place", "США")],
    ]


def test_ignored_names_are_not_topics_whatever_their_spelling() -> None:
    settings = TopicSettings(aliases=alias_table({}), ignore=frozenset({topic_key("Белый дом")}))
    entities = [found(("organisation", "Белый Дом", 3, True), ("place", "Израиль", 1, True))]
    assert found_topics([article(1)], entities, settings) == [[("place", "Израиль")]]


def test_an_ignored_persons_lone_surname_is_ignored_too() -> None:
    ignore = frozenset({topic_key("Эльвира Набиуллина")})
    settings = TopicSettings(aliases=alias_table({}), ignore=ignore)
    entities = [
        found(("person", "Эльвира Набиуллина", 2, True)),
        found(("person", "Набиуллина", 2, True)),
    ]
    assert found_topics([article(1), article(2)], entities, settings) == [[], []]


def test_a_country_named_in_english_is_the_sites_country() -> None:
    entities = [found(("place", "Kazakhstan", 2, True)), found(("place", "Казахстан", 2, True))]
    assert found_topics([article(1), article(2)], entities) == [[("place", "Казахстан")]] * 2


def test_a_lone_surname_joins_the_archives_only_full_name_with_it() -> None:
    articles = [article(1), article(2), article(3)]
    entities = [
        found(("person", "Дональд Трамп", 1, True)),
        found(("person", "Трамп", 2, False)),
        found(("person", "трамп", 1, True)),
    ]
    assert found_topics(articles, entities) == [[("person", "Дональд Трамп")]] * 3


def test_a_lone_surname_two_people_share_is_no_topic() -> None:
    """«Волков» may be «Андрей Волков» or «Ольга Волкова»: it joins neither."""
    articles = [article(1), article(2), article(3)]
    entities = [
        found(("person", "Андрей Волков", 1, True)),
        found(("person", "Ольга Волкова", 1, True)),
        found(("person", "Волков", 3, True), ("place", "Москва", 1, True)),
    ]
    assert found_topics(articles, entities) == [
        [("person", "Андрей Волков")],
        [("person", "Ольга Волкова")],
        [("place", "Москва")],
    ]


def test_a_lone_surname_with_no_full_name_anywhere_is_its_own_topic() -> None:
    entities = [found(("person", "Песков", 2, False))]
    assert found_topics([article(1)], entities) == [[("person", "Песков")]]


def test_mentions_joined_across_the_archive_add_up_before_salience() -> None:
    """«Токаев» once and «Касым-Жомарт Токаев» once, both in passing: twice, so a topic."""
    articles = [article(1), article(2)]
    entities = [
        found(("person", "Касым-Жомарт Токаев", 2, False)),
        found(("person", "Касым-Жомарт Токаев", 1, False), ("person", "Токаев", 1, False)),
    ]
    assert found_topics(articles, entities) == [[("person", "Касым-Жомарт Токаев")]] * 2


def test_yo_and_e_are_one_topic_across_articles() -> None:
    entities = [
        found(("person", "Артём Ёлкин", 1, True)),
        found(("person", "Артем Елкин", 2, False)),
    ]
    result = assign_topics([article(1), article(2)], entities, SITE)
    assert result[0].topics == result[1].topics
    assert len(result[0].topics) == 1


def test_front_matter_topics_come_first_and_merge_with_found_ones() -> None:
    """A given «казахстан» and a found «Казахстан» are one topic; found names give its kind."""
    articles = [article(1, "казахстан", "Экономика"), article(2)]
    entities = [
        found(("place", "Казахстан", 1, True), ("place", "Израиль", 2, False)),
        found(("place", "Казахстан", 1, True)),
    ]
    result = assign_topics(articles, entities, SITE)
    assert [[(t.kind, t.name, t.slug) for t in a.topics] for a in result] == [
        [
            ("place", "Казахстан", "kazakhstan"),
            ("other", "Экономика", "ekonomika"),
            ("place", "Израиль", "izrail"),
        ],
        [("place", "Казахстан", "kazakhstan")],
    ]


def test_front_matter_topics_are_kept_however_seldom_named() -> None:
    """A given topic needs no mentions, and an alias of it joins its canonical name."""
    result = found_topics([article(1, "Соединенные Штаты")], [[]])
    assert result == [[("other", "США")]]


@pytest.mark.parametrize("name", ["НАТО", "Кремль", "Белый дом"])
def test_unions_and_seats_of_government_are_organisations(name: str) -> None:
    """natasha's model tags them as places; news writes of them as organisations."""
    assert found_topics([article(1)], [found(("place", name, 1, True))]) == [
        [("organisation", name)]
    ]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("КНР", "Китай"),
        ("ФРГ", "Германия"),
        ("G-20", "Большая двадцатка"),
        ("G7", "Большая семерка"),
    ],
)
def test_names_news_writes_for_one_subject_are_one_topic(written: str, canonical: str) -> None:
    assert alias_table({})[identity(written)] == canonical


def test_a_name_left_in_another_case_is_the_organisation_the_archive_names() -> None:
    articles = [make_article(n) for n in range(3)]
    entities = [
        found(("organisation", "Казатомпром", 2, True)),
        found(("organisation", "Казатомпром", 1, True)),
        found(("person", "Казатомпрома", 2, True)),  # «Казатомпрома», taken for a person
    ]
    assert found_topics(articles, entities) == [[("organisation", "Казатомпром")]] * 3


def test_a_rarer_usual_form_does_not_rename_a_commoner_name() -> None:
    articles = [make_article(n) for n in range(3)]
    entities = [
        found(("person", "Иванова", 2, True)),
        found(("person", "Иванова", 2, True)),
        found(("place", "Иванов", 2, True)),
    ]
    assert found_topics(articles, entities) == [
        [("person", "Иванова")],
        [("person", "Иванова")],
        [("place", "Иванов")],
    ]


@pytest.mark.parametrize("sources", [True, False], ids=["kept", "left-out"])
def test_a_source_the_article_only_cites_is_a_topic_unless_left_out(sources: bool) -> None:
    articles = [make_article(1)]
    entities = [
        [
            FoundEntity("organisation", "Reuters", 2, True, only_cited=True),
            FoundEntity("organisation", "Газпром", 2, True),
        ]
    ]
    settings = dataclasses.replace(SITE, sources=sources)
    expected = [("organisation", "Reuters")] if sources else []
    assert found_topics(articles, entities, settings) == [[*expected, ("organisation", "Газпром")]]


def test_a_subject_in_latin_and_cyrillic_is_one_topic_in_the_site_s_script() -> None:
    articles = [make_article(n) for n in range(4)]
    entities = [
        found(("organisation", "Sberbank", 2, True), ("place", "Moscow", 2, True)),
        found(("organisation", "Сбербанк", 2, True), ("place", "Москва", 2, True)),
        found(("organisation", "Lukoil", 2, True)),
        found(("organisation", "Лукойл", 2, True)),
    ]
    assert found_topics(articles, entities) == [
        [("organisation", "Сбербанк"), ("place", "Moscow")],  # Moscow sounds otherwise
        [("organisation", "Сбербанк"), ("place", "Москва")],
        [("organisation", "Лукойл")],
        [("organisation", "Лукойл")],
    ]
    english = dataclasses.replace(SITE, language="en")
    assert found_topics(articles[2:], entities[2:], english) == [[("organisation", "Lukoil")]] * 2
