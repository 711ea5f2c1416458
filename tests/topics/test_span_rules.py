"""What is cut from the model's spans: brackets, legal forms and posts before a name."""

from __future__ import annotations

import pytest

from newsgen.topics.span_rules import Span, cleaned, names_one_subject


def named(text: str, *tagged: str) -> list[tuple[str, bool]]:
    """The names `cleaned` gives for spans over `tagged` in `text`, and if bracketed."""
    spans = []
    for words in tagged:
        start = text.index(words)
        spans.append(Span(start, start + len(words), "organisation"))
    return [(text[s.start : s.stop], s.bracketed) for s in cleaned(text, spans)]


def test_a_bracket_the_span_ran_into_is_cut() -> None:
    assert named("Делегация ПАСЕ (Парламентской ассамблеи)", "ПАСЕ (") == [("ПАСЕ", False)]


def test_a_name_in_brackets_within_the_span_stands_apart() -> None:
    text = "Организации ООН (ФАО), по её сведениям"
    assert named(text, "ООН (ФАО)") == [("ООН", False), ("ФАО", True)]


def test_a_list_the_model_ran_together_is_split_at_its_commas() -> None:
    text = "Шайбы забросили Овечкин, Фёдоров и Ковальчук"
    assert named(text, "Овечкин, Фёдоров") == [("Овечкин", False), ("Фёдоров", False)]


def test_a_span_that_starts_inside_brackets_is_bracketed() -> None:
    text = "Билайн (ВымпелКом) объявил"
    assert named(text, "ВымпелКом") == [("ВымпелКом", True)]


@pytest.mark.parametrize(
    ("text", "tagged", "name"),
    [
        ("Глава ОАО «Газпром» Алексей Миллер", "ОАО «Газпром»", "Газпром"),
        ("Концерн «Майкрософт» представил", "Концерн «Майкрософт»", "Майкрософт"),
        ("замглавы Федеральной миграционной службы", "замглавы Федеральной", "Федеральной"),
        ("Партия «Яблоко» провела съезд", "Партия «Яблоко»", "Яблоко"),
        ("на острове Уайт", "острове Уайт", "Уайт"),  # the case ending is the noun's
        ("группа, включающая ГУ МЧС России", "ГУ МЧС России", "МЧС России"),
        ("город Москва", "город Москва", "Москва"),
        ("компания по продаже оружия", "компания по", "компания по"),  # no name follows
        ("Движение в защиту леса", "Движение в защиту леса", "Движение в защиту леса"),
    ],
)
def test_legal_forms_and_posts_before_a_name_are_cut(text: str, tagged: str, name: str) -> None:
    assert named(text, tagged) == [(name, False)]


def test_a_post_tagged_alone_is_no_name() -> None:
    assert named("Замглавы Федеральной службы", "Замглавы") == []


@pytest.mark.parametrize("town", ["Озерск", "Городец"])
def test_a_town_named_like_a_description_is_kept(town: str) -> None:
    assert named(f"{town} Челябинской области", town) == [(town, False)]


@pytest.mark.parametrize(
    ("first", "bracketed", "same"),
    [
        ("Комитет защиты журналистов", "КЗЖ", True),
        ("ПАСЕ", "Парламентская ассамблея Совета Европы", True),
        ("Юрген Клинсман", "Jürgen Klinsmann", True),
        ("Цюрих", "Швейцария", False),  # a city and its country
        ("Билайн", "ВымпелКом", False),  # a brand and its company
        ("EURid", "The European Registry of Internet Domain Names", True),
        ("Всемирная организация здравоохранения", "ВОЗ", True),
        ("Московская сотовая связь", "Москва", False),
    ],
)
def test_a_bracketed_name_is_the_same_subject_when_an_acronym_or_original(
    first: str, bracketed: str, same: bool
) -> None:
    assert names_one_subject(first, bracketed) is same
