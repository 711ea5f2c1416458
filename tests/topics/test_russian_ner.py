"""Names natasha's model finds in Russian text, in dictionary form (the real model)."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_SEED
from sitetools import REPO

from newsgen.topics.entities import Mention, count_entities
from newsgen.topics.russian_ner import RussianNer

SEED_PEOPLE = ["Дональд Трамп", "Касым-Жомарт Токаев", "Биньямин Нетаньяху"]


@pytest.fixture(scope="module")
def ner() -> RussianNer:
    return RussianNer()


def mentions_of(ner: RussianNer, text: str) -> list[Mention]:
    (found,) = ner.mentions([text])
    return found


def seed_text() -> str:
    """The repository's seed article as extraction reads it: the text after the date."""
    text = (REPO / "seeds" / SAMPLE_SEED).read_text(encoding="utf-8")
    assert text.startswith(" date 2025-11-07 ")
    return text.removeprefix(" date 2025-11-07 ")


def test_names_are_found_in_dictionary_form_with_their_kind(ner: RussianNer) -> None:
    text = "Глава Банка России встретился в Ростове-на-Дону с Касым-Жомартом Токаевым."
    found = [(m.kind, m.name) for m in mentions_of(ner, text)]
    assert found == [
        ("organisation", "Банк России"),
        ("place", "Ростов-на-Дону"),
        ("person", "Касым-Жомарт Токаев"),
    ]


def test_offsets_point_at_the_mention_in_the_text(ner: RussianNer) -> None:
    text = "Вчера в Астане открылся мост."
    (mention,) = mentions_of(ner, text)
    assert (mention.kind, mention.name) == ("place", "Астана")
    assert text[mention.start :].startswith("Астане")


def test_signs_inside_a_name_are_kept(ner: RussianNer) -> None:
    text = "Компании AT&T и Procter & Gamble открыли офисы в Москве."
    names = [m.name for m in mentions_of(ner, text) if m.kind == "organisation"]
    assert names == ["AT&T", "Procter & Gamble"]


def test_a_sentence_that_starts_with_a_thing_is_not_a_person(ner: RussianNer) -> None:
    """The model tags «Новость» at the start of a sentence as a person; it is a common noun."""
    text = "Новость, отправленная поздно вечером по времени Нью-Йорка."
    assert [(m.kind, m.name) for m in mentions_of(ner, text)] == [("place", "Нью-Йорк")]


def test_a_lone_surname_is_still_a_person(ner: RussianNer) -> None:
    text = "Вчера Путин провел совещание. Трамп позвонил Нетаньяху."
    people = {m.name for m in mentions_of(ner, text) if m.kind == "person"}
    assert {"Путин", "Трамп", "Нетаньяху"} <= people


def test_the_seed_article_names_its_people_places_and_once_each(ner: RussianNer) -> None:
    text = seed_text()
    entities = count_entities(mentions_of(ner, text), lede_end=text.index("\n\n"))
    by_name = {e.name: e for e in entities}
    for name in ["Казахстан", "США", "Израиль"]:
        assert by_name[name].kind == "place"
        assert by_name[name].in_lede
    for name in SEED_PEOPLE:
        assert by_name[name].kind == "person"
        assert by_name[name].in_lede
    # «Трампа» in «Маршрута Трампа» joined «Дональд Трамп»: no surname stands alone.
    surnames = {name.split()[-1] for name in SEED_PEOPLE}
    assert surnames.isdisjoint(by_name)
    assert by_name["Дональд Трамп"].mentions >= 4
    assert by_name["Казахстан"].mentions > by_name["Израиль"].mentions > 1


def test_an_acronym_in_brackets_names_the_organisation_before_it(ner: RussianNer) -> None:
    text = "По данным Комитета защиты журналистов (КЗЖ), в тюрьмах 125 журналистов. КЗЖ сообщает."
    found = count_entities(mentions_of(ner, text), lede_end=len(text))
    assert [(e.name, e.mentions) for e in found if e.kind == "organisation"] == [("КЗЖ", 3)]


def test_a_company_is_named_without_its_legal_form(ner: RussianNer) -> None:
    text = "Накануне глава ОАО «Газпром» Алексей Миллер пообещал снизить цены."
    names = [m.name for m in mentions_of(ner, text)]
    assert names == ["Газпром", "Алексей Миллер"]


@pytest.mark.parametrize(
    "text",
    [
        # «лет», years, starting a sentence, and in lower case after it
        "Мост строили 10 лет. Лет через пять здесь построят второй.",
        "Почту закрыли. Почта работала до восьми вечера, а почта в Астане до девяти.",
        "Гастроли Большого прошли с успехом.",  # an adjective alone names nothing
    ],
)
def test_common_words_are_not_names(ner: RussianNer, text: str) -> None:
    names = [m.name for m in mentions_of(ner, text)]
    assert not {"Лет", "Почта", "Большой", "Большого"} & set(names), names


def test_a_name_the_dictionary_calls_a_common_word_is_kept_in_quotes(ner: RussianNer) -> None:
    text = "Партия «Яблоко» провела съезд в Москве. Кремль не ответил. Сбербанк тоже."
    names = [m.name for m in mentions_of(ner, text)]
    assert {"Яблоко", "Кремль", "Москва", "Сбербанк"} <= set(names), names


def test_the_original_spelling_in_brackets_is_the_same_subject(ner: RussianNer) -> None:
    text = (
        "Избиратели призваны проголосовать за новый парламент. Газета «Кориера делла Сера» "
        "(Corriere della Sera) обозначает, что последние недели кампании будут трудными."
    )
    found = count_entities(mentions_of(ner, text), lede_end=0)
    assert [(e.kind, e.mentions) for e in found] == [("organisation", 2)]


def test_a_surname_the_model_passed_over_is_the_person_named_in_full(ner: RussianNer) -> None:
    text = (
        "Бывший нападающий Виктор Понедельник дал интервью. "
        "В интервью Понедельник рассказал о тренере. Понедельник был трудным днём."
    )
    found = count_entities(mentions_of(ner, text), lede_end=0)
    people = [(e.name, e.mentions) for e in found if e.kind == "person"]
    # The second sentence names him; the third starts with the weekday, a common word.
    assert people == [("Виктор Понедельник", 2)]


def test_an_organisation_only_cited_as_a_source_is_told_apart(ner: RussianNer) -> None:
    text = (
        "Как сообщает агентство Reuters, «Газпром» снизил добычу. «Газпром» объяснил это "
        "тёплой зимой, передаёт Reuters."
    )
    found = {e.name: e.only_cited for e in count_entities(mentions_of(ner, text), 0)}
    assert found == {"Reuters": True, "Газпром": False}


def test_a_lone_surname_keeps_the_form_the_full_name_writes(ner: RussianNer) -> None:
    text = (
        "Министр Марко Росси прибыл в Бишкек. Росси отметил, что товарооборот вырос. "
        "По словам Росси, переговоры продолжатся."
    )
    found = count_entities(mentions_of(ner, text), lede_end=0)
    assert [(e.name, e.mentions) for e in found if e.kind == "person"] == [("Марко Росси", 3)]


def test_a_body_named_by_its_place_is_an_organisation(ner: RussianNer) -> None:
    text = "У здания мэрии Москвы прошёл митинг. Правительство США выразило протест."
    found = [(m.kind, m.name) for m in mentions_of(ner, text)]
    assert ("organisation", "Мэрия Москвы") in found
    assert ("organisation", "Правительство США") in found
    assert ("place", "Москва") in found and ("place", "США") in found
    found = [(m.kind, m.name) for m in mentions_of(ner, "Встреча с послом Италии в миде Грузии")]
    assert ("organisation", "МИД Грузии") in found


def test_a_name_with_a_digit_is_no_person(ner: RussianNer) -> None:
    text = "Фернандо Алонсо в первый раз в своей карьере выиграл Гран-при Монако Формулы-1."
    assert [m.name for m in mentions_of(ner, text) if m.kind == "person"] == ["Фернандо Алонсо"]


def test_a_place_the_model_passed_over_is_found_by_the_dictionary(ner: RussianNer) -> None:
    found = mentions_of(ner, "Новым чемпионом Европы стал гроссмейстер из Хорватии.")
    assert [(m.kind, m.name) for m in found] == [("place", "Хорватия"), ("place", "Европа")]


@pytest.mark.parametrize(
    "text",
    [
        "Об этом сообщила радиостанция «Эхо Москвы» в понедельник.",  # a title's place
        "Украинский посол выступил с речью.",  # an adjective
    ],
)
def test_no_place_is_taken_from_titles_or_adjectives(ner: RussianNer, text: str) -> None:
    assert [m for m in mentions_of(ner, text) if m.kind == "place"] == []


def test_a_place_inside_an_organisations_name_is_marked_inside(ner: RussianNer) -> None:
    found = mentions_of(ner, "Представитель Национального банка Казахстана сообщил.")
    assert [(m.kind, m.name, m.inside) for m in found] == [
        ("organisation", "Национальный банк Казахстана", False),
        ("place", "Казахстан", True),
    ]
