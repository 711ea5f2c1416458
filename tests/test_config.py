"""Site settings: typed defaults, `newsgen.yaml` on top, `--base-url` on top of that."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgen.config import SiteConfig, load_config, normalise_base_url
from newsgen.errors import ConfigError, SourceError

KNOWN = (
    "(known: title, description, author, language, base_url, time_zone, per_page, feed_size, "
    "topic_feed_content, find_topics, topic_aliases, topic_ignore, topic_min_mentions, "
    "topic_sources, search, search_part_size, build_future, max_source_kb, max_image_kb, "
    "scheduler)"
)


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsgen.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path | None, overrides: dict[str, object] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, overrides)
    assert caught.value.exit_code == 2
    return [str(problem) for problem in caught.value.problems]


def test_defaults_without_a_file() -> None:
    assert load_config(None) == SiteConfig(
        title="Новостной архив",
        description="",
        language="ru",
        base_url="",
        per_page=20,
        feed_size=20,
        find_topics=True,
        topic_aliases={},
        topic_ignore=[],
        topic_min_mentions=2,
    )


@pytest.mark.parametrize(
    "text", ["", "# только комментарий\n", "\ufeff"], ids=["empty", "comment", "bom-only"]
)
def test_empty_file_gives_the_defaults(tmp_path: Path, text: str) -> None:
    assert load_config(write_config(tmp_path, text)) == SiteConfig()


def test_every_value_from_the_file(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "title: Мой архив\n"
        "description: Новости Казахстана\n"
        "language: en\n"
        "base_url: https://example.org/news\n"
        "per_page: 10\n"
        "feed_size: 5\n"
        "find_topics: false\n"
        "topic_aliases:\n"
        "  США: [Соединенные Штаты, Штаты]\n"
        "  Банк России: ЦБ\n"
        "topic_ignore: [Белый дом, Кремль]\n"
        "topic_min_mentions: 3\n"
        "topic_sources: false\n"
        "build_future: true\n",
    )
    assert load_config(path) == SiteConfig(
        title="Мой архив",
        description="Новости Казахстана",
        language="en",
        base_url="https://example.org/news/",
        per_page=10,
        feed_size=5,
        find_topics=False,
        topic_aliases={"США": ["Соединенные Штаты", "Штаты"], "Банк России": ["ЦБ"]},
        topic_ignore=["Белый дом", "Кремль"],
        topic_min_mentions=3,
        topic_sources=False,
        build_future=True,
    )


def test_values_not_in_the_file_keep_their_defaults(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, "per_page: 7\n"))
    assert config == SiteConfig(per_page=7)


@pytest.mark.parametrize(
    ("line", "config"),
    [
        ("title: yes", SiteConfig(title="yes")),
        ("title: 1984", SiteConfig(title="1984")),
        ("\ufefftitle: С BOM", SiteConfig(title="С BOM")),
    ],
    ids=["title-yes", "title-number", "bom"],
)
def test_values_are_read_as_written(tmp_path: Path, line: str, config: SiteConfig) -> None:
    assert load_config(write_config(tmp_path, f"{line}\n")) == config


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("https://example.org", "https://example.org/"),
        ("https://example.org/", "https://example.org/"),
        ("https://example.org/news/archive", "https://example.org/news/archive/"),
        ("https://example.org/news/archive/", "https://example.org/news/archive/"),
        ("https://example.org/news///", "https://example.org/news/"),
        ("http://localhost:8000", "http://localhost:8000/"),
        ("", ""),
    ],
    ids=["root", "root-slash", "sub-path", "sub-path-slash", "many-slashes", "port", "empty"],
)
def test_base_url_ends_in_one_slash(tmp_path: Path, url: str, normalised: str) -> None:
    assert normalise_base_url(url) == normalised
    config = load_config(write_config(tmp_path, f"base_url: '{url}'\n"))
    assert config.base_url == normalised


@pytest.mark.parametrize(
    "url",
    [
        "example.org",
        "ftp://example.org/",
        "https://",
        "https://example.org/news/?page=1",
        "https://example.org/#top",
        "https://exa mple.org/",
        "/news/",
    ],
    ids=["no-scheme", "ftp", "no-host", "query", "fragment", "space", "path-only"],
)
def test_bad_base_url(tmp_path: Path, url: str) -> None:
    path = write_config(tmp_path, f"title: Архив\nbase_url: '{url}'\n")
    assert problems_of(path) == [
        f"{path}:2: base_url: {url!r} is not an http(s) URL like https://example.org/archive/\n"
        f"    base_url: '{url}'"
    ]


@pytest.mark.parametrize(
    "zone", ["Moscow", "Europe", "../etc/passwd", "Europe/Moscow/", "UTC+3", "Москва"]
)
def test_a_time_zone_must_be_one_of_the_tz_database(tmp_path: Path, zone: str) -> None:
    path = write_config(tmp_path, f"time_zone: '{zone}'\n")
    assert problems_of(path) == [
        f"{path}:1: time_zone: {zone!r} is not a time zone of the tz database "
        f"(e.g. Europe/Moscow, Asia/Almaty)\n    time_zone: '{zone}'"
    ]


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("", "Europe/Moscow"),
        ("language: en\n", "UTC"),
        ("language: en\ntime_zone: America/New_York\n", "America/New_York"),
    ],
    ids=["russian-site", "english-site", "set"],
)
def test_a_site_is_in_its_language_s_usual_zone_unless_set(
    tmp_path: Path, text: str, zone: str
) -> None:
    assert load_config(write_config(tmp_path, text or "title: Архив\n")).zone == zone


def test_every_problem_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "title: Архив\n"
        "colour: red\n"
        "per_page: many\n"
        "feed_size: 0\n"
        "language: de\n"
        "description: [a, b]\n"
        "base_url: example.org\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        SourceError(str(path), 2, f"unknown setting 'colour' {KNOWN}", "colour: red"),
        SourceError(
            str(path),
            3,
            "per_page: expected a whole number of at least 1, found 'many'",
            "per_page: many",
        ),
        SourceError(
            str(path),
            4,
            "feed_size: expected a whole number of at least 1, found '0'",
            "feed_size: 0",
        ),
        SourceError(str(path), 5, "language: expected one of ru, en, found 'de'", "language: de"),
        SourceError(
            str(path),
            6,
            "description: expected text, found a list or mapping",
            "description: [a, b]",
        ),
        SourceError(
            str(path),
            7,
            "base_url: 'example.org' is not an http(s) URL like https://example.org/archive/",
            "base_url: example.org",
        ),
    ]
    assert str(caught.value).splitlines()[0] == f"{path}:2: unknown setting 'colour' {KNOWN}"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("per_page: true", "per_page: expected a whole number of at least 1, found 'true'"),
        ("per_page: 1.5", "per_page: expected a whole number of at least 1, found '1.5'"),
        ("per_page: '10'", "per_page: expected a whole number of at least 1, found '10'"),
        ("per_page: -3", "per_page: expected a whole number of at least 1, found '-3'"),
        ("feed_size: [1]", "feed_size: expected a whole number of at least 1, found a list"),
        ("language: {a: b}", "language: expected text, found a list or mapping"),
        ("language: RU", "language: expected one of ru, en, found 'RU'"),
        ("language:", "language: expected one of ru, en, found ''"),
        ("find_topics: 1", "find_topics: expected true or false, found '1'"),
        ("find_topics: 'no'", "find_topics: expected true or false, found 'no'"),
        (
            "topic_min_mentions: 0",
            "topic_min_mentions: expected a whole number of at least 1, found '0'",
        ),
        ("topic_ignore: {a: b}", "topic_ignore: expected a list of texts, found a mapping"),
        ("topic_aliases: [США]", "topic_aliases: expected `name: [variants]` lines, found a list"),
        ("topic_aliases: США", "topic_aliases: expected `name: [variants]` lines, found 'США'"),
        (
            "topic_aliases: {США: {a: b}}",
            "topic_aliases: expected a list of texts, found a mapping",
        ),
        ('description: "\\uD800"', "description: holds the lone surrogate U+D800"),
        ('topic_ignore: ["\\uDFFF"]', "topic_ignore: holds the lone surrogate U+DFFF"),
        ('topic_aliases: {"\\uD800": [a]}', "topic_aliases: holds the lone surrogate U+D800"),
    ],
    ids=[
        "bool-for-number",
        "fraction",
        "quoted-number",
        "negative",
        "list-for-number",
        "mapping-for-text",
        "upper-case-language",
        "empty-language",
        "number-for-bool",
        "quoted-bool",
        "zero-mentions",
        "mapping-for-ignore",
        "list-for-aliases",
        "text-for-aliases",
        "mapping-for-variants",
        "surrogate-in-description",
        "surrogate-in-ignore",
        "surrogate-in-alias-name",
    ],
)
def test_wrong_type(tmp_path: Path, line: str, message: str) -> None:
    path = write_config(tmp_path, f"title: Архив\n{line}\n")
    assert problems_of(path) == [f"{path}:2: {message}\n    {line}"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "title: [Архив\n",
            1,
            "invalid YAML: expected ',' or ']', but got '<stream end>'"
            " while parsing a flow sequence",
        ),
        (
            'title: "Архив\nper_page: 10\n',
            1,
            "invalid YAML: found unexpected end of stream while scanning a quoted scalar",
        ),
        ("title: Архив: новости\n", 1, "invalid YAML: mapping values are not allowed here"),
        ("- title\n- per_page\n", 1, "expected `key: value` lines"),
        ("title: А\nper_page: 5\ntitle: Б\n", 3, "'title' is set twice (first on line 1)"),
    ],
    ids=["unclosed-bracket", "unclosed-quote", "colon-in-value", "a-list", "key-twice"],
)
def test_unreadable_yaml(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write_config(tmp_path, text)
    assert problems_of(path) == [f"{path}:{line}: {message}"]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "newsgen.yaml"
    path.write_bytes("title: Архив\n".encode("cp1251"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:1: cannot be read: 'utf-8' codec can't decode byte 0xc0")


def test_missing_file(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "absent.yaml")
    assert problem.startswith(f"{tmp_path / 'absent.yaml'}:1: cannot be read: ")


@pytest.mark.parametrize(
    ("override", "base_url"),
    [
        ("https://mirror.example.net/archive", "https://mirror.example.net/archive/"),
        ("https://mirror.example.net/", "https://mirror.example.net/"),
        (None, "https://example.org/news/"),
    ],
    ids=["override-without-slash", "override-with-slash", "not-given"],
)
def test_base_url_flag_overrides_the_file(
    tmp_path: Path, override: str | None, base_url: str
) -> None:
    path = write_config(tmp_path, "title: Архив\nbase_url: https://example.org/news\n")
    config = load_config(path, {"base_url": override})
    assert config == SiteConfig(title="Архив", base_url=base_url)


def test_base_url_flag_without_a_file() -> None:
    assert load_config(None, {"base_url": "https://example.org"}).base_url == "https://example.org/"


def test_bad_base_url_flag(tmp_path: Path) -> None:
    assert problems_of(None, {"base_url": "example.org"}) == [
        "--base-url:1: 'example.org' is not an http(s) URL like https://example.org/archive/"
    ]


def test_bad_flag_and_bad_file_are_reported_together(tmp_path: Path) -> None:
    path = write_config(tmp_path, "colour: red\n")
    assert problems_of(path, {"base_url": "nope"}) == [
        f"{path}:1: unknown setting 'colour' {KNOWN}\n    colour: red",
        "--base-url:1: 'nope' is not an http(s) URL like https://example.org/archive/",
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: !!python/object/apply:os.system echo\n", 1),
        ("title: Архив\nper_page: !!int 10\n", 2),
        ("topic_aliases:\n  США: [!!binary 0KjRgtCw0YLRiw==]\n", 2),
        ("topic_ignore: !custom [Белый дом]\n", 1),
    ],
    ids=["python-object", "int", "binary-in-aliases", "local-tag"],
)
def test_tags_are_not_allowed(tmp_path: Path, text: str, line: int) -> None:
    path = write_config(tmp_path, text)
    shown = text.split("\n")[line - 1]
    assert problems_of(path) == [f"{path}:{line}: tags are not allowed\n    {shown}"]
