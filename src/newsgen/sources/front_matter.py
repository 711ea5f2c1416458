"""Parsing Markdown sources: YAML front matter between `---` lines, then the body."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from newsgen.errors import SourceError
from newsgen.slugs import MAX_USER_SLUG_BYTES, is_valid_slug
from newsgen.sources.dates import DateProblem, parse_written_date
from newsgen.yaml_fields import (
    Field,
    FieldProblem,
    as_bool,
    as_plain,
    as_text,
    as_text_list,
    compose_mapping,
    is_null,
)

_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")


@dataclass(frozen=True)
class LeadImage:
    """`image:` as written: a path relative to the article's file, and words for it."""

    path: str
    alt: str = ""
    caption: str = ""


_IMAGE_KEYS = ("src", "alt", "caption")


@dataclass
class FrontMatter:
    """The metadata a Markdown article gives; what it leaves out is None or empty."""

    date: dt.date | None = None
    published: dt.datetime | None = None
    title: str | None = None
    slug: str | None = None
    summary: str | None = None
    lang: str | None = None
    topics: tuple[str, ...] = ()
    draft: bool = False
    authors: tuple[str, ...] = ()
    updated: dt.datetime | None = None  # a date alone is its midnight on the site's clock
    extra: dict[str, Any] = field(default_factory=dict)  # for themes: anything, under `extra:`
    image: LeadImage | None = None
    date_line: int = 1
    # Each key's line in the file: bookkeeping for messages, not part of the metadata.
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def slug_line(self) -> int:
        """The line the article's slug comes from: the slug's, the title's, else the date's."""
        return self.lines.get("slug") or self.lines.get("title") or self.date_line


@dataclass(frozen=True)
class MarkdownDocument:
    """A Markdown source split into its metadata and its body text."""

    meta: FrontMatter
    body: str


def parse_markdown_source(text: str, path: str) -> MarkdownDocument | list[SourceError]:
    """Give the front matter and body of a Markdown file, or every problem found in it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return [SourceError(path, 1, "missing front matter: the file must start with '---'")]
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    if not closing:
        return [SourceError(path, 1, "front matter is not closed: add a '---' line after it")]
    fields = compose_mapping("\n".join(lines[1:closing]), path, first_line=2)
    if isinstance(fields, SourceError):
        return [fields]
    meta, problems = _read_fields(fields, path, lines)
    if "date" not in {item.key for item in fields}:
        problems.append(SourceError(path, 1, "front matter has no `date:`"))
    problems.extend(_empty_date(fields, path, lines))
    problems.extend(_updated_before_date(meta, path, lines))
    body = "\n".join(lines[closing + 1 :])
    if not body.strip():
        problems.append(SourceError(path, closing + 1, "no article text after the front matter"))
    return problems if problems else MarkdownDocument(meta, body)


def _read_fields(
    fields: list[Field], path: str, lines: list[str]
) -> tuple[FrontMatter, list[SourceError]]:
    meta = FrontMatter()
    problems: list[SourceError] = []
    for item in fields:
        reader = _READERS.get(item.key)
        line_text = lines[item.line - 1] if item.line <= len(lines) else ""
        if reader is None:
            message = f"unknown key {item.key!r} (known: {', '.join(sorted(_READERS))})"
            problems.append(SourceError(path, item.line, message, line_text))
            continue
        meta.lines[item.key] = item.line
        try:
            if not is_null(item.node):
                reader(meta, item)
        except (FieldProblem, DateProblem) as problem:
            problems.append(SourceError(path, item.line, f"{item.key}: {problem}", line_text))
    return meta, problems


def _empty_date(fields: list[Field], path: str, lines: list[str]) -> list[SourceError]:
    """`date:` with no value is reported, not read as a missing optional field."""
    return [
        SourceError(path, item.line, "date: is empty", lines[item.line - 1])
        for item in fields
        if item.key == "date" and is_null(item.node)
    ]


def _updated_before_date(meta: FrontMatter, path: str, lines: list[str]) -> list[SourceError]:
    """An article cannot be updated before the day it is dated: say so, at `updated:`."""
    if meta.updated is None or meta.date is None or meta.updated.date() >= meta.date:
        return []
    line = meta.lines["updated"]
    message = f"updated: {meta.updated.date()} is before the article's date {meta.date}"
    return [SourceError(path, line, message, lines[line - 1])]


def _read_date(meta: FrontMatter, item: Field) -> None:
    meta.date, meta.published = parse_written_date(as_text(item.node))
    meta.date_line = item.line


def _nonempty_text(item: Field) -> str:
    value = as_text(item.node)
    if not value:
        raise FieldProblem("is empty")
    return value


def _setter(name: str) -> Callable[[FrontMatter, Field], None]:
    def read(meta: FrontMatter, item: Field) -> None:
        setattr(meta, name, _nonempty_text(item))

    return read


def _read_slug(meta: FrontMatter, item: Field) -> None:
    # Kept as written, Foo as Foo (lower-casing would move existing URLs); composed to NFC,
    # so «й» typed as «и» and a combining breve (as macOS file names are) is one «й».
    meta.slug = unicodedata.normalize("NFC", _nonempty_text(item))
    if not is_valid_slug(meta.slug):
        raise FieldProblem(f"{meta.slug!r} {_slug_fault(meta.slug)}")


def _slug_fault(slug: str) -> str:
    """What is wrong with a slug `is_valid_slug` refused, in a user's words."""
    if len(slug.encode()) > MAX_USER_SLUG_BYTES:
        return f"is {len(slug.encode())} bytes long: at most {MAX_USER_SLUG_BYTES} fit a file name"
    position, bad = next((i, ch) for i, ch in enumerate(slug) if not _is_slug_char(ch, i))
    what = f"{bad!r} ({unicodedata.name(bad, f'U+{ord(bad):04X}')})"
    if unicodedata.combining(bad):
        where = f"after {slug[position - 1]!r}" if position else "at the start"
        return f"has a combining mark {what} {where} that joins no letter: remove it"
    if position == 0 and bad == "-":
        return "starts with a hyphen: a slug starts with a letter, digit or underscore"
    return f"has {what}: a slug is letters, digits, hyphens and underscores"


def _is_slug_char(char: str, position: int) -> bool:
    return char.isalnum() or char == "_" or (char == "-" and position > 0)


def _read_lang(meta: FrontMatter, item: Field) -> None:
    meta.lang = _nonempty_text(item)
    if not _LANG_CODE.fullmatch(meta.lang):
        raise FieldProblem(f"{meta.lang!r} is not a language code")


def _read_draft(meta: FrontMatter, item: Field) -> None:
    meta.draft = as_bool(item.node)


def _read_tags(meta: FrontMatter, item: Field) -> None:
    """Tags, as Hugo and Zola write them: topics like `topics:`, after them."""
    tags = [t for t in as_text_list(item.node) if t and t not in meta.topics]
    meta.topics = (*meta.topics, *tags)


def _read_topics(meta: FrontMatter, item: Field) -> None:
    topics = tuple(t for t in as_text_list(item.node) if t)
    meta.topics = (*topics, *(t for t in meta.topics if t not in topics))


def _read_author(meta: FrontMatter, item: Field) -> None:
    meta.authors = tuple(" ".join(name.split()) for name in as_text_list(item.node) if name)


def _read_updated(meta: FrontMatter, item: Field) -> None:
    day, moment = parse_written_date(as_text(item.node))
    meta.updated = moment or dt.datetime.combine(day, dt.time())


def _read_extra(meta: FrontMatter, item: Field) -> None:
    if not isinstance(item.node, yaml.MappingNode):
        raise FieldProblem("expected a mapping (`key: value` lines, indented under it)")
    meta.extra = as_plain(item.node)


def _read_image(meta: FrontMatter, item: Field) -> None:
    """`image: photo.jpg`, or a mapping of `src`, `alt` and `caption`."""
    if not isinstance(item.node, yaml.MappingNode):
        meta.image = LeadImage(_nonempty_text(item))
        return
    written = as_plain(item.node)
    unknown = sorted(set(written) - set(_IMAGE_KEYS))
    if unknown:
        raise FieldProblem(f"unknown key {unknown[0]!r} (known: {', '.join(_IMAGE_KEYS)})")
    if not isinstance(written.get("src"), str) or not written["src"].strip():
        raise FieldProblem("`src:` names no file: give the image's path")
    words = {key: " ".join(str(written.get(key) or "").split()) for key in ("alt", "caption")}
    meta.image = LeadImage(written["src"].strip(), **words)


_READERS: dict[str, Callable[[FrontMatter, Field], Any]] = {
    "date": _read_date,
    "title": _setter("title"),
    "slug": _read_slug,
    "summary": _setter("summary"),
    "lang": _read_lang,
    "topics": _read_topics,
    "tags": _read_tags,
    "draft": _read_draft,
    "author": _read_author,
    "updated": _read_updated,
    "extra": _read_extra,
    "image": _read_image,
}
