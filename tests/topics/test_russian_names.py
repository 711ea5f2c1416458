"""Dictionary forms of Russian names, with pymorphy3's real dictionary."""

from __future__ import annotations

import pymorphy3
import pytest

from newsgen.topics.names import identity
from newsgen.topics.russian_names import nominative_name
from newsgen.topics.russian_ner import natasha_data_folder


@pytest.fixture(scope="module")
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@pytest.fixture(scope="module")
def first_names() -> frozenset[str]:
    """natasha's list of given names, as `RussianNer` loads it."""
    text = (natasha_data_folder() / "dict" / "first.txt").read_text("utf-8")
    return frozenset(text.split())


@pytest.mark.parametrize(
    ("written", "kind", "nominative"),
    [
        ("Банка России", "organisation", "Банк России"),
        (
            "Шанхайской организации сотрудничества",
            "organisation",
            "Шанхайская организация сотрудничества",
        ),
        ("Международного валютного фонда", "organisation", "Международный валютный фонд"),
        ("Национального банка Казахстана", "organisation", "Национальный банк Казахстана"),
        ("Государственной думы", "organisation", "Государственная дума"),
        ("Белом доме", "organisation", "Белый дом"),
        ("МИД России", "organisation", "МИД России"),
        ("«Газпрома»", "organisation", "Газпром"),
        ("Ростове-на-Дону", "place", "Ростов-на-Дону"),
        ("Нью-Йорка", "place", "Нью-Йорк"),
        ("Северной Корее", "place", "Северная Корея"),
        ("Казахстаном", "place", "Казахстан"),
        ("Астане", "place", "Астана"),
        ("Алматы", "place", "Алматы"),
        ("США", "place", "США"),
        ("Касым-Жомартом Токаевым", "person", "Касым-Жомарт Токаев"),
        ("Дональда Трампа", "person", "Дональд Трамп"),
        ("Биньямином Нетаньяху", "person", "Биньямин Нетаньяху"),
        ("Айгерим Нурлановой", "person", "Айгерим Нурланова"),
        ("Марины Лебедевой", "person", "Марина Лебедева"),
        ("Андреем Волковым", "person", "Андрей Волков"),
        ("Олегу Соколову", "person", "Олег Соколов"),
        ("Анна Кузнецова", "person", "Анна Кузнецова"),
    ],
    ids=[
        "genitive-complement-kept",
        "adjective-agrees-with-head",
        "two-adjectives",
        "place-after-head-kept",
        "feminine-head",
        "prepositional",
        "abbreviation-does-not-decline",
        "quotes-dropped",
        "city-on-river",
        "hyphenated-city",
        "adjective-and-place",
        "instrumental-place",
        "prepositional-place",
        "indeclinable-place",
        "abbreviated-place",
        "hyphenated-first-name",
        "genitive-person",
        "indeclinable-surname",
        "surname-not-in-dictionary",
        "feminine-genitive",
        "instrumental-person",
        "dative-person",
        "already-nominative",
    ],
)
def test_nominative_name(
    analyzer: pymorphy3.MorphAnalyzer,
    first_names: frozenset[str],
    written: str,
    kind: str,
    nominative: str,
) -> None:
    assert nominative_name(written.split(), kind, analyzer, first_names) == nominative


def test_a_given_name_the_dictionary_does_not_know_needs_the_list_of_names(
    analyzer: pymorphy3.MorphAnalyzer, first_names: frozenset[str]
) -> None:
    """«Ерлана» is read as a man's name in the genitive only when the list says it is a name."""
    assert "ерлан" in first_names
    assert nominative_name(["Ерлана", "Касымова"], "person", analyzer, first_names) == (
        "Ерлан Касымов"
    )
    assert nominative_name(["Ерлана", "Касымова"], "person", analyzer) == "Ерлана Касымова"


def test_words_the_model_took_in_before_a_name_are_dropped(
    analyzer: pymorphy3.MorphAnalyzer, first_names: frozenset[str]
) -> None:
    words = ["Казахтелекома", "Айгерим", "Нурлановой"]
    assert nominative_name(words, "person", analyzer, first_names) == "Айгерим Нурланова"


def test_a_long_name_without_a_known_first_name_is_kept_whole(
    analyzer: pymorphy3.MorphAnalyzer, first_names: frozenset[str]
) -> None:
    words = ["Аун", "Сан", "Су", "Чжи"]
    assert nominative_name(words, "person", analyzer, first_names) == "Аун Сан Су Чжи"


def test_yo_that_the_dictionary_adds_is_the_same_name(analyzer: pymorphy3.MorphAnalyzer) -> None:
    """pymorphy writes «Соединённые» for «Соединенными»; names compare without ё."""
    name = nominative_name(["Соединенными", "Штатами"], "place", analyzer)
    assert identity(name) == identity("Соединенные Штаты")


def test_nothing_left_after_quotes_is_no_name(analyzer: pymorphy3.MorphAnalyzer) -> None:
    assert nominative_name(["«", "»"], "organisation", analyzer) == ""


@pytest.mark.parametrize(
    ("written", "kind", "nominative"),
    [
        ("МИДа", "organisation", "МИД"),  # an acronym does not decline
        ("МВФом", "organisation", "МВФ"),
        ("Формулы-1", "organisation", "Формула-1"),  # the number does not either
    ],
)
def test_what_does_not_decline_keeps_its_form(
    analyzer: pymorphy3.MorphAnalyzer, written: str, kind: str, nominative: str
) -> None:
    assert nominative_name(written.split(), kind, analyzer) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        ("Ньюпорте", "Ньюпорт"),
        ("Бенрата", "Бенрат"),
        ("Костанае", "Костанай"),
        ("Москве", "Москва"),
    ],
)
def test_a_place_after_a_preposition_is_read_in_its_case(
    analyzer: pymorphy3.MorphAnalyzer, written: str, nominative: str
) -> None:
    # «в Ньюпорте», «из Бенрата»: a place the dictionary does not know is most often a
    # consonant-stem noun, not the feminine the guesser reads.
    assert nominative_name([written], "place", analyzer, after_preposition=True) == nominative


@pytest.mark.parametrize(
    ("written", "nominative"),
    [("Тоттенхэм", "Тоттенхэм"), ("Ньюпортом", "Ньюпорт"), ("Штатов", "Штаты")],
)
def test_an_unknown_place_ending_in_a_consonant_is_already_nominative(
    analyzer: pymorphy3.MorphAnalyzer, written: str, nominative: str
) -> None:
    # «в лондонском районе Тоттенхэм»: the guesser read it as a plural's genitive.
    assert nominative_name([written], "place", analyzer) == nominative
