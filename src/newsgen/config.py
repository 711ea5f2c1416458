"""Site settings: typed defaults, `newsgen.yaml` on top, command-line flags on top of that."""

from __future__ import annotations

import dataclasses
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgen.errors import ConfigError, SourceError
from newsgen.yaml_fields import (
    Field,
    FieldProblem,
    as_bool,
    as_int,
    as_text,
    as_text_list,
    as_text_mapping,
    compose_mapping,
)

LANGUAGES = ("ru", "en")
_URL = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?")


# The time zone of a site that sets none, by its language.
DEFAULT_ZONES = {"ru": "Europe/Moscow", "en": "UTC"}
# The name a site gets when `newsgen.yaml` gives none, in the site's language.
DEFAULT_TITLES = {"ru": "Новостной архив", "en": "News archive"}


@dataclass(frozen=True)
class SiteConfig:
    """What `newsgen.yaml` may set; each field's comment says what it is for."""

    title: str = "Новостной архив"  # the site's name, in the header and feeds
    description: str = ""  # one line under the name and in feeds
    author: list[str] = field(default_factory=list)  # who writes where an article names none
    language: str = "ru"  # `ru` or `en`: the words of the theme and the dates
    base_url: str = ""  # e.g. `https://example.org/archive/`: for canonical URLs and feeds
    # Where the site is: an article dated without a time starts its day here (a name of
    # the time zone database; empty: Europe/Moscow for `ru`, UTC for `en`).
    time_zone: str = ""
    per_page: int = 20  # articles per page on the home page and topic pages
    feed_size: int = 20  # entries in each Atom feed
    topic_feed_content: bool = False  # topic feeds carry whole articles, as the site's does
    find_topics: bool = True  # find people, places and organisations in article text
    topic_aliases: dict[str, list[str]] = field(default_factory=dict)  # name: [variants]
    topic_ignore: list[str] = field(default_factory=list)  # names never made topics
    topic_min_mentions: int = 2  # mentions that make a name a topic outside the lede
    topic_sources: bool = True  # false: an organisation only cited as a source is no topic
    search: bool = True  # a search page and box, with a Pagefind index of the articles
    search_part_size: int = 5000  # articles per part of the index: Pagefind's memory bound
    build_future: bool = False  # publish articles dated in the future (else they wait)
    max_source_kb: int = 2048  # a larger source file is an error (a dump, not an article)
    max_image_kb: int = 10240  # a larger image is an error (see sources/images.py)
    scheduler: str = ""  # a Dask scheduler's address: `newsgen build` works on its cluster

    @property
    def zone(self) -> str:
        """The site's time zone: `time_zone`, or the usual one of its language."""
        return self.time_zone or DEFAULT_ZONES.get(self.language, "UTC")


# What a build without `base_url` leaves out, said once by `newsgen build`.
WITHOUT_BASE_URL = (
    "note: no base_url is set, so this build leaves out what needs the site's address: "
    "the sitemaps (Google News's too) and robots.txt's Sitemap lines, the RSS feeds, "
    "canonical links, OpenGraph and JSON-LD, and absolute links in the Atom feeds; set "
    "base_url in newsgen.yaml (or --base-url) to the address the site is published at "
    "before publishing it"
)


def load_config(path: Path | None, overrides: dict[str, Any] | None = None) -> SiteConfig:
    """Give the settings from `path` (when given) with `overrides` on top; all problems at once."""
    values: dict[str, Any] = {}
    problems: list[SourceError] = []
    if path is not None:
        values, problems = _read_file(path)
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        try:
            values[key] = normalise_base_url(value) if key == "base_url" else value
        except FieldProblem as problem:
            problems.append(SourceError(f"--{key.replace('_', '-')}", 1, str(problem)))
    if problems:
        raise ConfigError(problems)
    if "title" not in values:
        values["title"] = DEFAULT_TITLES.get(values.get("language", "ru"), SiteConfig.title)
    return SiteConfig(**values)


def normalise_base_url(url: str) -> str:
    """Give `url` ending in one slash; an empty URL stays empty (relative links only)."""
    if not url:
        return ""
    if not _URL.fullmatch(url):
        raise FieldProblem(f"{url!r} is not an http(s) URL like https://example.org/archive/")
    return url.rstrip("/") + "/"


def _read_file(path: Path) -> tuple[dict[str, Any], list[SourceError]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [SourceError(str(path), 1, f"cannot be read: {exc}")]
    fields = compose_mapping(text, str(path), first_line=1)
    if isinstance(fields, SourceError):
        return {}, [fields]
    values: dict[str, Any] = {}
    problems = []
    lines = text.splitlines()
    for item in fields:
        line_text = lines[item.line - 1] if item.line <= len(lines) else ""
        try:
            values[item.key] = _read_field(item)
        except FieldProblem as problem:
            problems.append(SourceError(str(path), item.line, str(problem), line_text))
    return values, problems


def _read_field(item: Field) -> Any:
    reader = _READERS.get(item.key)
    if reader is None:
        known = ", ".join(f.name for f in dataclasses.fields(SiteConfig))
        raise FieldProblem(f"unknown setting {item.key!r} (known: {known})")
    try:
        return reader(item)
    except FieldProblem as problem:
        raise FieldProblem(f"{item.key}: {problem}") from None


def _language(item: Field) -> str:
    value = as_text(item.node)
    if value not in LANGUAGES:
        raise FieldProblem(f"expected one of {', '.join(LANGUAGES)}, found {value!r}")
    return value


def _time_zone(item: Field) -> str:
    value = as_text(item.node)
    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        raise FieldProblem(
            f"{value!r} is not a time zone of the tz database (e.g. Europe/Moscow, Asia/Almaty)"
        ) from None
    return value


_READERS: dict[str, Callable[[Field], Any]] = {
    "title": lambda item: as_text(item.node),
    "description": lambda item: as_text(item.node),
    "author": lambda item: as_text_list(item.node),
    "language": _language,
    "base_url": lambda item: normalise_base_url(as_text(item.node)),
    "time_zone": _time_zone,
    "per_page": lambda item: as_int(item.node),
    "feed_size": lambda item: as_int(item.node),
    "topic_feed_content": lambda item: as_bool(item.node),
    "find_topics": lambda item: as_bool(item.node),
    "topic_aliases": lambda item: as_text_mapping(item.node),
    "topic_ignore": lambda item: as_text_list(item.node),
    "topic_min_mentions": lambda item: as_int(item.node),
    "topic_sources": lambda item: as_bool(item.node),
    "search": lambda item: as_bool(item.node),
    "search_part_size": lambda item: as_int(item.node),
    "build_future": lambda item: as_bool(item.node),
    "max_source_kb": lambda item: as_int(item.node),
    "max_image_kb": lambda item: as_int(item.node),
    "scheduler": lambda item: as_text(item.node),
}
