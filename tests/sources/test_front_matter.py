"""Markdown sources: YAML front matter between `---` lines, read as the text written."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgen.errors import SourceError
from newsgen.sources.front_matter import FrontMatter, MarkdownDocument, parse_markdown_source

PATH = "seeds/article.md"
MSK = dt.timezone(dt.timedelta(hours=3))
KNOWN = (
    "(known: author, date, draft, extra, image, lang, slug, summary, tags, title, topics, updated)"
)


def parse(text: str) -> MarkdownDocument:
    document = parse_markdown_source(text, PATH)
    assert isinstance(document, MarkdownDocument), document
    return document


def problems_of(text: str) -> list[str]:
    problems = parse_markdown_source(text, PATH)
    assert isinstance(problems, list), problems
    return [str(problem) for problem in problems]


def test_every_key() -> None:
    document = parse(
        "---\n"
        "title: Заголовок\n"
        "date: 2025-11-07 14:30 +03:00\n"
        "topics: [Казахстан, США]\n"
        "slug: my-article\n"
        "summary: Одна строка.\n"
        "lang: ru\n"
        "draft: true\n"
        "---\n"
        "Текст статьи в *Markdown*.\n"
    )
    assert document == MarkdownDocument(
        FrontMatter(
            date=dt.date(2025, 11, 7),
            published=dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
            title="Заголовок",
            slug="my-article",
            summary="Одна строка.",
            lang="ru",
            topics=("Казахстан", "США"),
            draft=True,
            date_line=3,
        ),
        "Текст статьи в *Markdown*.\n",
    )


@pytest.mark.parametrize(
    ("lines", "slug", "lang"),
    [
        ("slug: astana-summer\nlang: ru", "astana-summer", "ru"),
        ("slug: Лето-2024\nlang: en-GB", "Лето-2024", "en-GB"),
        ("slug: 2024\nlang: kaz", "2024", "kaz"),
        ("slug: Foo\nlang: en", "Foo", "en"),
        ('slug: "И\u0306емен"\nlang: ru', "Йемен", "ru"),
    ],
    ids=[
        "latin",
        "cyrillic-slug-and-region",
        "number-slug-three-letter-lang",
        "capital-kept-as-written",
        "decomposed-short-i-composed",
    ],
)
def test_slug_and_lang(lines: str, slug: str, lang: str) -> None:
    meta = parse(f"---\ndate: 2025-11-07\n{lines}\n---\nТекст.\n").meta
    assert (meta.slug, meta.lang) == (slug, lang)


def test_only_the_date() -> None:
    document = parse("---\ndate: 2025-11-07\n---\nТекст.\n")
    assert document.meta == FrontMatter(date=dt.date(2025, 11, 7), date_line=2)
    assert document.body == "Текст.\n"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("title: yes", "yes"),
        ("title: no", "no"),
        ("title: on", "on"),
        ("title: 1984", "1984"),
        ("title: 3.14", "3.14"),
        ("title: 0x1F", "0x1F"),
        ("title: null word", "null word"),
        ("title: 2025-11-07", "2025-11-07"),
        ("title: '  Пробелы  '", "Пробелы"),
        ('title: "Итоги: год спустя"', "Итоги: год спустя"),
    ],
    ids=[
        "yes",
        "no",
        "on",
        "year",
        "float",
        "hex",
        "null-then-word",
        "date",
        "quoted-spaces",
        "quoted-colon",
    ],
)
def test_title_is_the_text_written(line: str, title: str) -> None:
    assert parse(f"---\n{line}\ndate: 2025-11-07\n---\nТекст.\n").meta.title == title


@pytest.mark.parametrize(
    ("lines", "topics"),
    [
        ("topics: [Казахстан, США]", ("Казахстан", "США")),
        ("topics:\n  - Израиль\n  - США", ("Израиль", "США")),
        ("topics: Казахстан", ("Казахстан",)),
        ("topics: [1984, yes]", ("1984", "yes")),
        ("topics: []", ()),
        ("topics:", ()),
        ("topics: ['', США]", ("США",)),
    ],
    ids=["flow-list", "block-list", "one-text", "numbers-stay-text", "empty-list", "null", "empty"],
)
def test_topics(lines: str, topics: tuple[str, ...]) -> None:
    assert parse(f"---\ndate: 2025-11-07\n{lines}\n---\nТекст.\n").meta.topics == topics


@pytest.mark.parametrize(
    ("value", "draft"),
    [("true", True), ("false", False), ("True", True), ("yes", True), ("no", False)],
    ids=["true", "false", "capitalised", "yes", "no"],
)
def test_draft_is_a_yaml_bool(value: str, draft: bool) -> None:
    assert parse(f"---\ndate: 2025-11-07\ndraft: {value}\n---\nТекст.\n").meta.draft is draft


@pytest.mark.parametrize(
    ("date_line", "day", "published"),
    [
        ("date: 2025-11-07", dt.date(2025, 11, 7), None),
        ("date: '2025-11-07'", dt.date(2025, 11, 7), None),
        (
            "date: 2025-11-07T14:30:00+03:00",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
        ),
        (
            "date: 2025-11-06T23:30-05:00",
            dt.date(2025, 11, 6),
            dt.datetime(2025, 11, 6, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ),
        (
            "date: 2025-11-07 14:30 PST",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8))),
        ),
    ],
    ids=["yaml-date", "quoted", "yaml-timestamp", "west-of-utc-keeps-its-day", "zone-word"],
)
def test_date(date_line: str, day: dt.date, published: dt.datetime | None) -> None:
    meta = parse(f"---\n{date_line}\n---\nТекст.\n").meta
    assert (meta.date, meta.published) == (day, published)


def test_closing_dots_and_body_with_a_rule() -> None:
    document = parse("---\ndate: 2025-11-07\n...\nПервый.\n\n---\n\nВторой.\n")
    assert document.body == "Первый.\n\n---\n\nВторой.\n"


def test_empty_optional_values_are_left_out() -> None:
    document = parse("---\ndate: 2025-11-07\ntitle:\nslug: ~\nsummary: null\n---\nТекст.\n")
    assert (document.meta.title, document.meta.slug, document.meta.summary) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: Без рамки\n",
            ["seeds/article.md:1: missing front matter: the file must start with '---'"],
        ),
        (
            "---\ndate: 2025-11-07\nТекст.\n",
            ["seeds/article.md:1: front matter is not closed: add a '---' line after it"],
        ),
        (
            "---\ntitle: Без даты\n---\nТекст.\n",
            ["seeds/article.md:1: front matter has no `date:`"],
        ),
        ("---\n---\nТекст.\n", ["seeds/article.md:1: front matter has no `date:`"]),
        (
            "---\ntitle: Пустая дата\ndate:\n---\nТекст.\n",
            ["seeds/article.md:3: date: is empty\n    date:"],
        ),
        (
            "---\ndate: 2025-11-07\n---\n\n\n",
            ["seeds/article.md:3: no article text after the front matter"],
        ),
        (
            "---\ndate: 2025-11-07\ncategory: Политика\n---\nТекст.\n",
            [f"seeds/article.md:3: unknown key 'category' {KNOWN}\n    category: Политика"],
        ),
        (
            "---\ndate: 2025-11-07\ndraft: maybe\n---\nТекст.\n",
            ["seeds/article.md:3: draft: expected true or false, found 'maybe'\n    draft: maybe"],
        ),
        (
            "---\ndate: 2025-11-07\ndraft: 1\n---\nТекст.\n",
            ["seeds/article.md:3: draft: expected true or false, found '1'\n    draft: 1"],
        ),
        (
            "---\ndate: 2025-13-45\n---\nТекст.\n",
            [
                "seeds/article.md:2: date: date '2025-13-45' is not a date (month 13)\n"
                "    date: 2025-13-45"
            ],
        ),
        (
            "---\ndate: 20251107\n---\nТекст.\n",
            [
                "seeds/article.md:2: date: date '20251107' is not a date (expected YYYY-MM-DD)\n"
                "    date: 20251107"
            ],
        ),
        (
            "---\ndate: 2025-11-07\ntitle: ''\n---\nТекст.\n",
            ["seeds/article.md:3: title: is empty\n    title: ''"],
        ),
        (
            "---\ndate: 2025-11-07\ntitle: [a, b]\n---\nТекст.\n",
            [
                "seeds/article.md:3: title: expected text, found a list or mapping\n"
                "    title: [a, b]"
            ],
        ),
        (
            "---\ndate: 2025-11-07\ntopics: {a: b}\n---\nТекст.\n",
            [
                "seeds/article.md:3: topics: expected a list of texts, found a mapping\n"
                "    topics: {a: b}"
            ],
        ),
        (
            "---\ndate: 2025-11-07\nslug: my article\n---\nТекст.\n",
            [
                "seeds/article.md:3: slug: 'my article' "
                "has ' ' (SPACE): a slug is letters, digits, hyphens and underscores\n"
                "    slug: my article"
            ],
        ),
        (
            "---\ndate: 2025-11-07\nslug: x\u0301\n---\nТекст.\n",
            [
                "seeds/article.md:3: slug: 'x\u0301' has a combining mark '\u0301' "
                "(COMBINING ACUTE ACCENT) after 'x' that joins no letter: remove it\n"
                "    slug: x\u0301"
            ],
        ),
        (
            "---\ndate: 2025-11-07\nslug: -news\n---\nТекст.\n",
            [
                "seeds/article.md:3: slug: '-news' starts with a hyphen: "
                "a slug starts with a letter, digit or underscore\n"
                "    slug: -news"
            ],
        ),
        (
            "---\ndate: 2025-11-07\nslug: ../../index\n---\nТекст.\n",
            [
                "seeds/article.md:3: slug: '../../index' "
                "has '.' (FULL STOP): a slug is letters, digits, hyphens and underscores\n"
                "    slug: ../../index"
            ],
        ),
        (
            "---\ndate: 2025-11-07\ntitle: А\nlang: Russian\n---\nТекст.\n",
            ["seeds/article.md:4: lang: 'Russian' is not a language code\n    lang: Russian"],
        ),
        (
            "---\nпросто текст\n---\nТекст.\n",
            ["seeds/article.md:2: expected `key: value` lines"],
        ),
        (
            "---\ndate: 2025-11-07\ntitle: А\ndate: 2025-11-08\n---\nТекст.\n",
            ["seeds/article.md:4: 'date' is set twice (first on line 2)"],
        ),
    ],
    ids=[
        "no-front-matter",
        "not-closed",
        "no-date",
        "empty-front-matter",
        "empty-date",
        "no-body",
        "unknown-key",
        "draft-maybe",
        "draft-number",
        "bad-date",
        "date-as-number",
        "empty-title",
        "title-list",
        "topics-mapping",
        "slug-with-space",
        "slug-with-a-lone-combining-mark",
        "slug-starting-with-a-hyphen",
        "slug-leaving-its-folder",
        "lang-not-a-code",
        "not-a-mapping",
        "key-twice",
    ],
)
def test_problem(text: str, expected: list[str]) -> None:
    assert problems_of(text) == expected


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            'title: "Незакрытая кавычка\ndate: 2025-11-07\nlang: ru',
            "seeds/article.md:2: invalid YAML: found unexpected end of stream"
            " while scanning a quoted scalar",
        ),
        (
            "topics: [Казахстан, США\ndate: 2025-11-07\nlang: ru",
            "seeds/article.md:2: invalid YAML: expected ',' or ']', but got ':'"
            " while parsing a flow sequence",
        ),
        (
            "date: 2025-11-07\ntitle: [Казахстан",
            "seeds/article.md:3: invalid YAML: expected ',' or ']', but got '<stream end>'"
            " while parsing a flow sequence",
        ),
        (
            "date: 2025-11-07\ntitle: Итоги: год спустя\nlang: ru",
            "seeds/article.md:3: invalid YAML: mapping values are not allowed here",
        ),
        (
            "date: 2025-11-07\ntitle: А\n  lang: ru",
            "seeds/article.md:4: invalid YAML: mapping values are not allowed here",
        ),
        (
            "date: 2025-11-07\n\ttitle: А",
            "seeds/article.md:3: invalid YAML: found character '\\t' that cannot start any token",
        ),
        (
            "date: 2025-11-07\ntitle\nlang: ru",
            "seeds/article.md:3: invalid YAML: could not find expected ':'"
            " while scanning a simple key",
        ),
    ],
    ids=[
        "unclosed-quote",
        "unclosed-bracket",
        "unclosed-bracket-last",
        "colon-in-value",
        "bad-indent",
        "tab",
        "key-without-colon",
    ],
)
def test_yaml_syntax_error_points_at_its_file_line(front_matter: str, expected: str) -> None:
    assert problems_of(f"---\n{front_matter}\n---\nТекст.\n") == [expected]


def test_every_problem_in_one_file_is_reported() -> None:
    text = (
        "---\n"
        "title: Много ошибок\n"
        "category: Политика\n"
        "draft: maybe\n"
        "date: 2025-13-45\n"
        "slug: ''\n"
        "---\n"
        "\n"
    )
    assert problems_of(text) == [
        f"seeds/article.md:3: unknown key 'category' {KNOWN}\n    category: Политика",
        "seeds/article.md:4: draft: expected true or false, found 'maybe'\n    draft: maybe",
        "seeds/article.md:5: date: date '2025-13-45' is not a date (month 13)\n"
        "    date: 2025-13-45",
        "seeds/article.md:6: slug: is empty\n    slug: ''",
        "seeds/article.md:7: no article text after the front matter",
    ]


def test_missing_date_is_reported_with_other_problems() -> None:
    assert problems_of("---\ncolour: red\n---\nТекст.\n") == [
        f"seeds/article.md:2: unknown key 'colour' {KNOWN}\n    colour: red",
        "seeds/article.md:1: front matter has no `date:`",
    ]


def test_problems_are_source_errors_with_path_and_line() -> None:
    problems = parse_markdown_source("---\ndate: 2025-11-07\ndraft: maybe\n---\nТекст.\n", PATH)
    assert problems == [
        SourceError(PATH, 3, "draft: expected true or false, found 'maybe'", "draft: maybe")
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('title: "\\uD800"', "title: holds the lone surrogate U+D800"),
        ('summary: "a\\uDFFFb"', "summary: holds the lone surrogate U+DFFF"),
        ('topics: [США, "\\uDC00"]', "topics: holds the lone surrogate U+DC00"),
        ('title: "\\uFDD0"', "title: holds the noncharacter U+FDD0"),
        ('title: "\\U0001FFFE"', "title: holds the noncharacter U+1FFFE"),
    ],
    ids=["title", "summary", "topic", "noncharacter", "noncharacter-plane-1"],
)
def test_escapes_to_characters_no_page_may_hold(line: str, message: str) -> None:
    # A lone surrogate cannot be written out as UTF-8: it crashed the build with no file named.
    assert problems_of(f"---\ndate: 2025-11-07\n{line}\n---\nТекст.\n") == [
        f"{PATH}:3: {message}\n    {line}"
    ]


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        ('title: !!python/object/apply:os.system "echo взлом"', 3),
        ("title: !!str 1984", 3),
        ("date: !!timestamp 2025-11-07", 2),
        ("topics:\n  - США\n  - !foo Израиль", 5),
        ("summary: !!binary 0JrRgtC+", 3),
        ("topics: ! [США]", 3),
        ("title: \u2028\ntitle: !!str ", 4),  # YAML takes U+2028 for a line break too
        ('summary: "а\u2029б"\ntopics: !!set {}', 4),
    ],
    ids=[
        "python-object",
        "str",
        "timestamp",
        "local-tag-in-list",
        "binary",
        "bare-bang",
        "after-line-separator",
        "after-paragraph-separator",
    ],
)
def test_tags_are_not_allowed(lines: str, line: int) -> None:
    # A tag was silently dropped: the os.system call became the title and a topic page.
    date = "" if lines.startswith("date") else "date: 2025-11-07\n"
    text = f"---\n{date}{lines}\n---\nТекст.\n"
    shown = text.split("\n")[line - 1]
    assert problems_of(text) == [f"{PATH}:{line}: tags are not allowed\n    {shown}"]


@pytest.mark.parametrize(
    ("date_line", "message"),
    [
        (
            "date: 2025-11-07T24:00",
            "date: time in '2025-11-07T24:00' is 24:00, the start of 2025-11-08:"
            " write 2025-11-08T00:00 (or 23:59 of the day)",
        ),
        (
            "date: 2025-11-07 14:30 IST",
            "date: time zone 'IST' in '2025-11-07 14:30 IST' is ambiguous (India +05:30,"
            " Israel +02:00 or Ireland +01:00): write its offset after the time (14:30 +01:00)",
        ),
    ],
    ids=["end-of-day", "ambiguous-zone"],
)
def test_date_follows_the_seed_format_rules(date_line: str, message: str) -> None:
    assert problems_of(f"---\n{date_line}\n---\nТекст.\n") == [
        f"{PATH}:2: {message}\n    {date_line}"
    ]


def test_author_tags_updated_and_extra_as_hugo_users_write_them() -> None:
    meta = parse(
        "---\n"
        "date: 2025-11-06\n"
        "updated: 2025-11-07T10:15+03:00\n"
        "author: [Иван  Петров, Анна Смирнова]\n"
        "topics: [Астана]\n"
        "tags: [Экономика, Астана]\n"
        "extra:\n"
        "  source: https://example.com/original\n"
        "  rating: 5\n"
        "  photos: [a.jpg, b.jpg]\n"
        "  credit: ~\n"
        "---\n"
        "Текст.\n"
    ).meta
    assert meta.authors == ("Иван Петров", "Анна Смирнова")
    assert meta.topics == ("Астана", "Экономика")  # tags are topics, once each
    assert meta.updated == dt.datetime(
        2025, 11, 7, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=3))
    )
    assert meta.extra == {
        "source": "https://example.com/original",
        "rating": "5",  # as written, like every value
        "photos": ["a.jpg", "b.jpg"],
        "credit": None,
    }


def test_one_author_and_an_updated_day() -> None:
    meta = parse("---\ndate: 2025-11-06\nauthor: Иван Петров\nupdated: 2025-11-08\n---\nТ.\n").meta
    assert meta.authors == ("Иван Петров",)
    assert meta.updated == dt.datetime(2025, 11, 8)  # its midnight on the site's clock


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ("updated: 2025-11-05", "updated: 2025-11-05 is before the article's date 2025-11-06"),
        ("updated: вчера", "updated: date 'вчера' is not"),
        ("extra: текст", "extra: expected a mapping (`key: value` lines, indented under it)"),
        ("author: {имя: Иван}", "author: expected a list of texts, found a mapping"),
    ],
    ids=["updated-before-date", "updated-not-a-date", "extra-not-a-mapping", "author-mapping"],
)
def test_new_fields_are_checked_with_their_line(lines: str, problem: str) -> None:
    (said,) = problems_of(f"---\ndate: 2025-11-06\n{lines}\n---\nТекст.\n")
    assert said.startswith(f"seeds/article.md:3: {problem}"), said
