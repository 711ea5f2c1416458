"""The A–Я index of topics: which letter a name is filed under, and each letter's URL."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitetools import make_article

from newsgen.plan.topic_index import initial, letter_indexes, letter_slug, topic_summaries
from newsgen.records import Topic, TopicKind

CYRILLIC = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Казахстан", "К"),
        ("ёлка", "Е"),
        ("Ёж", "Е"),
        ("Reuters", "R"),
        ("7 канал", "#"),
        ("Élysée Palace", "E"),
        ("Österreich", "O"),
        ("Ørsted", "O"),
        ("Łódź", "L"),
        ("«Газпром»", "Г"),
        ('"Apple"', "A"),
        ("Йемен", "Й"),
        ("И\u0306емен", "Й"),  # Й written as И and a combining breve (NFD)
        ("Өскемен", "Ө"),
        ("Їжак", "Ї"),
        ("Άθως", "Α"),
        ("Ωμέγα", "Ω"),
        ("عمان", "ع"),
        ("東京", "#"),
        ("…", "#"),
    ],
    ids=[
        "cyrillic", "lower-yo", "yo", "latin", "digit", "latin-acute", "latin-diaeresis",
        "latin-stroke-o", "latin-stroke-l", "guillemets", "quotes", "short-i", "short-i-nfd",
        "kazakh-barred-o", "ukrainian-yi", "greek-tonos", "greek", "arabic", "cjk", "signs-only",
    ],
)  # fmt: skip
def test_initial(name: str, letter: str) -> None:
    assert initial(name) == letter


def test_every_letter_has_its_own_url() -> None:
    slugs = [letter_slug(letter) for letter in CYRILLIC + LATIN + "ӘӨІЇЄҐΑΩ" + "#"]
    assert len(set(slugs)) == len(slugs)
    assert all(slug.replace("-", "").isalnum() and slug.isascii() for slug in slugs)
    assert letter_slug("Э") == "eh"
    assert letter_slug("A") == "latin-a"


@pytest.mark.parametrize(
    ("names", "slugs"),
    [
        (["Египет", "Élysée Palace"], ["e", "latin-e"]),
        (["Евросоюз", "Élysée"], ["e", "latin-e"]),
        (["Österreich", "Оман"], ["o", "latin-o"]),
        (["Алматы", "Әлем", "Ақтау"], ["a", "cyrillic-schwa"]),
        (["Иран", "Іран", "Йемен"], ["i", "j", "cyrillic-byelorussian-ukrainian-i"]),
        (["Αθήνα", "Ωμέγα", "Apple"], ["latin-a", "greek-alpha", "greek-omega"]),
    ],
    ids=["e-and-e-acute", "list", "o-and-o-umlaut", "kazakh", "ukrainian", "greek"],
)
def test_letters_of_different_scripts_get_their_own_pages(
    names: list[str], slugs: list[str]
) -> None:
    articles = [
        make_article(n, topics=(Topic("place", name, f"t{n}"),)) for n, name in enumerate(names)
    ]
    indexes = letter_indexes(topic_summaries(articles))
    assert [index.url for index in indexes] == [f"topics/letter/{slug}/" for slug in slugs]


@given(st.sets(st.text(min_size=1, max_size=3), max_size=40))
def test_letter_pages_never_share_a_path(names: set[str]) -> None:
    articles = [
        make_article(n, topics=(Topic("other", name, f"t{n}"),)) for n, name in enumerate(names)
    ]
    indexes = letter_indexes(topic_summaries(articles))
    urls = [index.url.casefold() for index in indexes]
    assert len(set(urls)) == len(urls)
    assert sum(index.count for index in indexes) == len(names)


def test_letters_cyrillic_first_then_latin_then_the_rest() -> None:
    names = ["Reuters", "Юг", "Астана", "7 канал", "Apple", "Ёлка"]
    articles = [
        make_article(n, topics=(Topic("other", name, f"t{n}"),)) for n, name in enumerate(names)
    ]
    indexes = letter_indexes(topic_summaries(articles))
    assert [index.letter for index in indexes] == ["А", "Е", "Ю", "A", "R", "#"]
    assert [index.url for index in indexes][:2] == ["topics/letter/a/", "topics/letter/e/"]
    assert [s.topic.name for s in indexes[1].by_kind["other"]] == ["Ёлка"]
    assert sum(index.count for index in indexes) == len(names)


@pytest.mark.parametrize(
    ("kind", "name", "filed_as"),
    [
        ("person", "Касым-Жомарт Токаев", "Токаев, Касым-Жомарт"),
        ("person", "Борис Николаевич Ельцин", "Ельцин, Борис Николаевич"),
        ("person", "Си Цзиньпин", "Си Цзиньпин"),  # the surname first already
        ("person", "Ким Чен Ын", "Ким Чен Ын"),
        ("person", "Усама бин Ладен", "Усама бин Ладен"),
        ("person", "Мадонна", "Мадонна"),
        ("place", "Нью-Йорк", "Нью-Йорк"),
        ("organisation", "Белый дом", "Белый дом"),
    ],
)
def test_people_are_filed_by_surname(kind: TopicKind, name: str, filed_as: str) -> None:
    assert Topic(kind, name, "slug").filed_as == filed_as


def test_the_index_lists_a_person_under_the_surname_s_letter() -> None:
    articles = [make_article(1, topics=(Topic("person", "Дональд Трамп", "donald-tramp"),))]
    (letter,) = letter_indexes(topic_summaries(articles))
    assert letter.letter == "Т"
