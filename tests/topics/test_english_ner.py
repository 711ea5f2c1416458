"""Names in English text without a model: capitalised phrases sorted into kinds."""

from __future__ import annotations

from newsgen.topics.english_ner import english_mentions


def names(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.name) for m in english_mentions(text)]


def test_people_countries_and_organisations() -> None:
    text = "Talks between John Harris and the World Bank in Kazakhstan ended, said the UN."
    assert names(text) == [
        ("person", "John Harris"),
        ("organisation", "World Bank"),
        ("place", "Kazakhstan"),
        ("organisation", "UN"),
    ]


def test_a_surname_alone_is_a_person_when_a_full_name_ends_with_it() -> None:
    text = "He met John Harris on Monday. Later, officials said Harris left."
    assert names(text) == [("person", "John Harris"), ("person", "Harris")]


def test_a_word_that_only_starts_sentences_is_no_name() -> None:
    text = "Leaders met in Astana. Talks went on. Analysts expect more."
    assert names(text) == [("other", "Astana")]


def test_possessive_is_dropped_and_offsets_kept() -> None:
    text = "The plan is Kazakhstan's, said a minister."
    (mention,) = english_mentions(text)
    assert (mention.kind, mention.name) == ("place", "Kazakhstan")
    assert text[mention.start :].startswith("Kazakhstan's")


def test_titles_and_articles_are_not_part_of_names() -> None:
    text = "The US President Donald Trump met Prime Minister Keir Starmer in London on Monday."
    assert names(text) == [
        ("place", "US"),
        ("person", "Donald Trump"),
        ("person", "Keir Starmer"),
        ("place", "London"),
    ]


def test_unions_are_organisations_and_accented_names_are_whole() -> None:
    text = (
        "The European Union and the International Monetary Fund met in São Paulo. "
        "Officials of Nestlé attended."
    )
    assert names(text) == [
        ("organisation", "European Union"),
        ("organisation", "International Monetary Fund"),
        ("place", "São Paulo"),
        ("other", "Nestlé"),
    ]
