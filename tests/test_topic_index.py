"""The A–Я index of topics: which letter a name is filed under, and each letter's URL."""

from __future__ import annotations

import pytest
from sitetools import make_article

from newsgen.records import Topic
from newsgen.topic_index import initial, letter_indexes, letter_slug, topic_summaries

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
    ],
    ids=["cyrillic", "lower-yo", "yo", "latin", "digit"],
)
def test_initial(name: str, letter: str) -> None:
    assert initial(name) == letter


def test_every_letter_has_its_own_url() -> None:
    slugs = [letter_slug(letter) for letter in CYRILLIC + LATIN + "#"]
    assert len(set(slugs)) == len(slugs)
    assert all(slug.replace("-", "").isalnum() and slug.isascii() for slug in slugs)
    assert letter_slug("Э") == "eh"
    assert letter_slug("A") == "latin-a"


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
