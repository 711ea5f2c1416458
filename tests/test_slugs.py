"""URL slugs: Cyrillic transliterated, lower case, words joined by hyphens, cut at a word."""

from __future__ import annotations

import pytest

from newsgen.slugs import MAX_SLUG_CHARS, is_valid_slug, slugify, transliterate


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("щука", "shchuka"),
        ("ёж", "ezh"),
        ("Ёлка", "elka"),
        ("подъезд", "podezd"),
        ("мальчик", "malchik"),
        ("Хабаровск", "khabarovsk"),
        ("Цзиньпин", "tszinpin"),
        ("Юрий Яковлев", "yuriy yakovlev"),
        ("Қазақстан", "kazakstan"),
        ("Україна", "ukrayina"),
        ("Café déjà vu", "cafe deja vu"),
        ("Trump, 2025!", "trump, 2025!"),
    ],
    ids=[
        "shch",
        "yo",
        "capital-yo",
        "hard-sign-dropped",
        "soft-sign-dropped",
        "kh",
        "ts",
        "yu-ya-y",
        "kazakh-letters",
        "ukrainian-letters",
        "accents-dropped",
        "latin-kept",
    ],
)
def test_transliterate(text: str, latin: str) -> None:
    assert transliterate(text) == latin


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Щука и ёж", "shchuka-i-ezh"),
        ("Объявление в подъезде", "obyavlenie-v-podezde"),
        ("Казахстан стал первой страной", "kazakhstan-stal-pervoy-stranoy"),
        ("Hello, World!", "hello-world"),
        ("  Путин — Трамп: «встреча»  ", "putin-tramp-vstrecha"),
        ("2025 год", "2025-god"),
        ("G-20 в Рио", "g-20-v-rio"),
        ("", ""),
        ("!!! — ...", ""),
        ("日本語", ""),
    ],
    ids=[
        "cyrillic",
        "signs-dropped",
        "sentence",
        "punctuation",
        "quotes-and-dashes",
        "digits",
        "hyphen-kept-as-separator",
        "empty",
        "only-punctuation",
        "no-latin-equivalent",
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slug_is_cut_at_a_word_boundary() -> None:
    title = (
        "Казахстан стал первой страной, присоединившейся к Авраамовым соглашениям в период "
        "второго президентского срока"
    )
    slug = slugify(title)
    assert slug == "kazakhstan-stal-pervoy-stranoy-prisoedinivsheysya-k"
    assert len(slug) <= MAX_SLUG_CHARS
    assert len(f"{slug}-avraamovym") > MAX_SLUG_CHARS  # the next word would not fit


@pytest.mark.parametrize(
    ("max_chars", "slug"),
    [
        (8, "aaaa"),
        (9, "aaaa-bbbb"),
        (13, "aaaa-bbbb"),
        (14, "aaaa-bbbb-cccc"),
        (100, "aaaa-bbbb-cccc"),
    ],
    ids=["before-second-word", "exactly-two-words", "one-short", "exactly-all", "roomy"],
)
def test_slug_max_chars(max_chars: int, slug: str) -> None:
    assert slugify("aaaa bbbb cccc", max_chars=max_chars) == slug


def test_one_long_word_is_cut_hard() -> None:
    assert slugify("а" * 100) == "a" * MAX_SLUG_CHARS


def test_slug_never_ends_with_a_hyphen() -> None:
    slug = slugify("слово " * 40)
    assert slug == "-".join(["slovo"] * 10)
    assert not slug.endswith("-")


@pytest.mark.parametrize(
    ("slug", "valid"),
    [
        ("my-article", True),
        ("astana-summer-2024", True),
        ("Ab-9", True),
        ("статья", True),
        ("a" * 200, True),
        ("a" * 201, False),
        ("", False),
        ("-leading-hyphen", False),
        ("a b", False),
        ("../escape", False),
        ("a/b", False),
        ("a.html", False),
        ("a?b", False),
        ("a#b", False),
        ("%2e%2e", False),
    ],
    ids=[
        "simple",
        "digits",
        "upper-case",
        "cyrillic-letters",
        "200-chars",
        "201-chars",
        "empty",
        "leading-hyphen",
        "space",
        "parent-folder",
        "slash",
        "dot",
        "query",
        "fragment",
        "percent",
    ],
)
def test_is_valid_slug(slug: str, valid: bool) -> None:
    assert is_valid_slug(slug) is valid


@pytest.mark.parametrize(
    "text",
    ["Щука и ёж", "Hello, World!", "Путин — Трамп", "слово " * 40, "G-20"],
    ids=["cyrillic", "latin", "dash", "long", "hyphen"],
)
def test_derived_slugs_are_valid(text: str) -> None:
    assert is_valid_slug(slugify(text))
