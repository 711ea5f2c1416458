"""Counting the names an article mentions: grouped, surnames joined to full names."""

from __future__ import annotations

import itertools

import pytest

from newsgen.topics.entities import FoundEntity, Mention, count_entities
from newsgen.topics.names import surname_stem

LEDE_END = 100  # mentions before this offset stand in the lede


def mentions(*found: tuple[str, str, int]) -> list[Mention]:
    return [Mention(kind, name, start) for kind, name, start in found]


def test_mentions_of_one_name_are_counted_together() -> None:
    found = count_entities(
        mentions(("place", "Казахстан", 5), ("place", "Израиль", 150), ("place", "Казахстан", 300)),
        LEDE_END,
    )
    assert found == [
        FoundEntity("place", "Казахстан", 2, in_lede=True),
        FoundEntity("place", "Израиль", 1, in_lede=False),
    ]


def test_the_most_mentioned_come_first_then_by_name() -> None:
    found = count_entities(
        mentions(
            ("place", "Судан", 200),
            ("place", "Египет", 210),
            ("place", "США", 220),
            ("place", "США", 230),
        ),
        LEDE_END,
    )
    assert [(e.name, e.mentions) for e in found] == [("США", 2), ("Египет", 1), ("Судан", 1)]


def test_a_lone_surname_joins_the_one_full_name_that_ends_with_it() -> None:
    found = count_entities(
        mentions(
            ("person", "Дональд Трамп", 10),
            ("person", "Трамп", 200),
            ("person", "Трамп", 300),
            ("person", "Касым-Жомарт Токаев", 20),
            ("person", "Токаев", 400),
        ),
        LEDE_END,
    )
    assert found == [
        FoundEntity("person", "Дональд Трамп", 3, in_lede=True),
        FoundEntity("person", "Касым-Жомарт Токаев", 2, in_lede=True),
    ]


def test_a_surname_joins_a_full_name_whatever_its_ending() -> None:
    """«Касымова» (a woman, or a man in the genitive) is the surname of «Ерлан Касымов»."""
    assert surname_stem("Касымова") == surname_stem("Касымов") == "касымов"
    found = count_entities(
        mentions(("person", "Ерлан Касымов", 10), ("person", "Касымова", 200)), LEDE_END
    )
    assert found == [FoundEntity("person", "Ерлан Касымов", 2, in_lede=True)]


def test_a_surname_two_people_share_joins_the_one_spelt_alike() -> None:
    found = count_entities(
        mentions(
            ("person", "Андрей Волков", 10),
            ("person", "Ольга Волкова", 150),
            ("person", "Волков", 200),  # a man's form: not Ольга Волкова, named last
        ),
        LEDE_END,
    )
    assert sorted((e.name, e.mentions) for e in found) == [
        ("Андрей Волков", 2),
        ("Ольга Волкова", 1),
    ]


def test_a_surname_alone_stays_when_no_full_name_has_it() -> None:
    found = count_entities(mentions(("person", "Песков", 10), ("person", "Песков", 200)), LEDE_END)
    assert found == [FoundEntity("person", "Песков", 2, in_lede=True)]


def test_places_are_not_joined_to_people() -> None:
    found = count_entities(
        mentions(("person", "Андрей Волков", 10), ("place", "Волков", 200)), LEDE_END
    )
    assert sorted(e.name for e in found) == ["Андрей Волков", "Волков"]


@pytest.mark.parametrize(
    ("kind", "spellings", "shown"),
    [
        (
            "place",
            ["Соединённые Штаты", "Соединенные Штаты", "Соединенные Штаты"],
            "Соединенные Штаты",
        ),
        ("person", ["Артём Ёлкин", "Артем Елкин", "Артём Ёлкин"], "Артём Ёлкин"),
        ("place", ["КАЗАХСТАН", "Казахстан", "Казахстан"], "Казахстан"),
    ],
    ids=["yo-and-e", "yo-in-a-person", "case"],
)
def test_spellings_of_one_name_are_one_entity_shown_as_written_most(
    kind: str, spellings: list[str], shown: str
) -> None:
    found = count_entities(
        [Mention(kind, name, 200 + n) for n, name in enumerate(spellings)], LEDE_END
    )
    assert found == [FoundEntity(kind, shown, len(spellings), in_lede=False)]


def test_a_full_name_is_shown_rather_than_its_surname() -> None:
    """More mentions of «Трамп» than of «Дональд Трамп» still show the full name."""
    found = count_entities(
        mentions(
            ("person", "Трамп", 10),
            ("person", "Трамп", 200),
            ("person", "Трамп", 300),
            ("person", "Дональд Трамп", 400),
        ),
        LEDE_END,
    )
    assert found == [FoundEntity("person", "Дональд Трамп", 4, in_lede=True)]


def test_the_kind_written_most_wins() -> None:
    found = count_entities(
        mentions(
            ("place", "Газпром", 200),
            ("organisation", "Газпром", 300),
            ("organisation", "Газпром", 400),
        ),
        LEDE_END,
    )
    assert found == [FoundEntity("organisation", "Газпром", 3, in_lede=False)]


def test_empty_names_are_left_out() -> None:
    assert count_entities(mentions(("organisation", "", 10)), LEDE_END) == []


def test_many_people_named_in_full_and_by_surname_are_joined_in_linear_time() -> None:
    # 20,000 people, each in full and by surname alone: each surname was compared with
    # every full name (2,000 people took 15 s; 20,000 would take about 25 minutes).
    surnames = ["".join(letters).capitalize() for letters in itertools.product("бвгдж", repeat=7)]
    people = surnames[:20_000]
    mentions = [Mention("person", f"Иван {surname}", 0) for surname in people]
    mentions += [Mention("person", surname, 1) for surname in people]
    found = count_entities(mentions, lede_end=0)
    assert len(found) == 20_000
    assert {entity.mentions for entity in found} == {2}


def test_an_acronym_defined_in_brackets_is_one_subject_with_its_full_name() -> None:
    # «Комитет защиты журналистов (КЗЖ) … КЗЖ сообщает … КЗЖ считает»
    found = count_entities(
        [
            Mention("organisation", "Комитет защиты журналистов", 10),
            Mention("organisation", "КЗЖ", 40, same_as="Комитет защиты журналистов"),
            Mention("organisation", "КЗЖ", 200),
            Mention("organisation", "КЗЖ", 300),
        ],
        LEDE_END,
    )
    # One subject, named as the article names it most.
    assert found == [FoundEntity("organisation", "КЗЖ", 4, in_lede=True)]


def test_a_lone_surname_is_the_person_named_last_before_it() -> None:
    # «президент Барак Обама заявил … Обама выступал … первая леди Мишель Обама»
    found = count_entities(
        mentions(
            ("person", "Барак Обама", 150),
            ("person", "Обама", 250),
            ("person", "Мишель Обама", 350),
        ),
        LEDE_END,
    )
    assert [(e.name, e.mentions) for e in found] == [("Барак Обама", 2), ("Мишель Обама", 1)]


def test_a_lone_surname_before_any_full_name_of_several_stays_apart() -> None:
    found = count_entities(
        mentions(
            ("person", "Обама", 150),
            ("person", "Барак Обама", 250),
            ("person", "Мишель Обама", 350),
        ),
        LEDE_END,
    )
    assert sorted(e.name for e in found) == ["Барак Обама", "Мишель Обама", "Обама"]


def test_a_foreign_surname_in_another_case_joins_the_full_name() -> None:
    # «Джаред Лофнер … Лофнеру предъявлено … адвокат Лофнера»
    found = count_entities(
        mentions(
            ("person", "Джаред Лофнер", 150),
            ("person", "Лофнеру", 250),
            ("person", "Лофнера", 350),
        ),
        LEDE_END,
    )
    assert [(e.name, e.mentions) for e in found] == [("Джаред Лофнер", 3)]


def test_a_name_with_and_without_the_patronymic_is_one_person() -> None:
    # «Борис Николаевич Ельцин … Борис Ельцин … Борис Николаевич … Ельцин»
    found = count_entities(
        mentions(
            ("person", "Борис Николаевич Ельцин", 10),
            ("person", "Борис Ельцин", 150),
            ("person", "Борис Николаевич", 250),
            ("person", "Борис Николаевич", 300),  # the most written, but no surname
            ("person", "Ельцин", 350),
        ),
        LEDE_END,
    )
    assert found == [FoundEntity("person", "Борис Ельцин", 5, in_lede=True)]


@pytest.mark.parametrize(
    "alone", ["Виктор", "Виктор Степанович"], ids=["first-name", "first-name-and-patronymic"]
)
def test_a_first_name_alone_joins_the_one_person_of_that_name(alone: str) -> None:
    full = "Виктор Степанович Черномырдин"
    found = count_entities(mentions(("person", full, 150), ("person", alone, 250)), LEDE_END)
    assert [(e.name, e.mentions) for e in found] == [(full, 2)]


def test_a_first_name_and_a_surname_like_a_patronymic_is_a_full_name() -> None:
    # «Роман Абрамович» is not «Роман Аркадьевич Ротенберг» named by first name.
    found = count_entities(
        mentions(("person", "Роман Аркадьевич Ротенберг", 150), ("person", "Роман Абрамович", 250)),
        LEDE_END,
    )
    assert sorted(e.name for e in found) == ["Роман Абрамович", "Роман Аркадьевич Ротенберг"]


def test_a_first_name_two_people_share_joins_neither() -> None:
    found = count_entities(
        mentions(
            ("person", "Виктор Черномырдин", 150),
            ("person", "Виктор Янукович", 200),
            ("person", "Виктор", 250),
        ),
        LEDE_END,
    )
    assert sorted(e.name for e in found) == ["Виктор", "Виктор Черномырдин", "Виктор Янукович"]


def test_a_short_name_of_an_organisation_named_in_full_is_that_organisation() -> None:
    found = count_entities(
        mentions(
            ("organisation", "Законодательное собрание Приморского края", 150),
            ("organisation", "Законодательное собрание", 300),
            ("organisation", "МИД", 20),
            ("organisation", "МИД", 400),
            ("organisation", "МИД РФ", 500),
        ),
        LEDE_END,
    )
    assert [(e.name, e.mentions, e.in_lede) for e in found] == [
        ("МИД РФ", 3, True),
        ("Законодательное собрание Приморского края", 2, False),
    ]


@pytest.mark.parametrize(
    "names",
    [
        ("Газпром", "Газпром нефть"),  # the full name goes on with a common word: another one
        ("Конгресс", "Конгресс США", "Конгресс Колумбии"),  # which one is not clear
    ],
)
def test_a_short_name_stays_apart_when_the_full_one_is_not_certain(names: tuple[str, ...]) -> None:
    found = count_entities(
        [Mention("organisation", name, 200 + 10 * i) for i, name in enumerate(names)], LEDE_END
    )
    assert sorted(e.name for e in found) == sorted(names)


@pytest.mark.parametrize(
    ("names", "people"),
    [
        (("Алексей Кудрин", "А. Кудрин"), [("Алексей Кудрин", 2)]),
        (("Алексей Кудрин", "В. Кудрин"), [("Алексей Кудрин", 1), ("В. Кудрин", 1)]),
        (
            ("Алексей Кудрин", "Андрей Кудрин", "А. Кудрин"),  # which one is not clear
            [("А. Кудрин", 1), ("Алексей Кудрин", 1), ("Андрей Кудрин", 1)],
        ),
        (("Наина Иосифовна Ельцина", "Н. И. Ельцина"), [("Наина Иосифовна Ельцина", 2)]),
    ],
)
def test_initials_and_a_surname_are_the_person_named_in_full(
    names: tuple[str, ...], people: list[tuple[str, int]]
) -> None:
    found = count_entities(
        [Mention("person", name, 200 + 10 * i) for i, name in enumerate(names)], LEDE_END
    )
    assert sorted((e.name, e.mentions) for e in found) == people


def test_a_name_inside_another_only_tells_that_a_subject_named_alone_is_in_the_lede() -> None:
    found = count_entities(
        [
            Mention("organisation", "МИД России", 10),
            Mention("place", "Россия", 14, inside=True),
            Mention("place", "Россия", 300),
            Mention("organisation", "Банк Грузии", 20),
            Mention("place", "Грузия", 25, inside=True),  # never named alone
        ],
        LEDE_END,
    )
    assert sorted((e.name, e.mentions, e.in_lede) for e in found) == [
        ("Банк Грузии", 1, True),
        ("МИД России", 1, True),
        ("Россия", 1, True),
    ]
