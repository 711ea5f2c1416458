"""What a source file gives of its article, and the `Article` record made of it: the
fields every format derives the same way (headline, slug, summary, language, length)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgen.records import Article, ArticleImage, Body, Topic
from newsgen.slugs import slugify
from newsgen.sources.article_images import ArticleImages
from newsgen.sources.front_matter import FrontMatter
from newsgen.sources.headline import derive_title, summary_beside
from newsgen.sources.language import detect_language
from newsgen.sources.seed_format import SeedDocument

_SEED_NAME = re.compile(r"\d+_([0-9a-f]{16})")
_WORD = re.compile(r"\w+")
WORDS_PER_MINUTE = 180


@dataclass(frozen=True)
class ArticleParts:
    """What a source file gives of its article; `_article` derives the rest the same way
    for every format. None (or empty) is what the file leaves out."""

    date: dt.date
    published: dt.datetime | None
    paragraphs: tuple[str, ...]
    date_line: int
    slug_line: int
    body_html: str | None = None
    title: str | None = None
    slug: str | None = None
    lang: str | None = None
    summary: str | None = None
    topic_names: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    updated: dt.datetime | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    image: ArticleImage | None = None
    images: tuple[ArticleImage, ...] = ()
    # Whether a slug made from the title ends in the identifier (seeds' slugs do).
    identifier_in_slug: bool = False


def seed_parts(seed: SeedDocument, images: ArticleImages) -> ArticleParts:
    return ArticleParts(
        date=seed.date,
        published=seed.published,
        paragraphs=seed.paragraphs,
        date_line=seed.date_line,
        slug_line=seed.date_line,
        identifier_in_slug=True,
        image=images.lead,
        images=images.images,
    )


def markdown_parts(
    meta: FrontMatter, images: ArticleImages, paragraphs: tuple[str, ...]
) -> ArticleParts:
    assert meta.date is not None  # parse_markdown_source reports a missing date
    return ArticleParts(
        date=meta.date,
        published=meta.published,
        paragraphs=paragraphs,
        date_line=meta.date_line,
        slug_line=meta.slug_line,
        body_html=images.body_html,
        title=meta.title,
        slug=meta.slug,
        lang=meta.lang,
        summary=meta.summary,
        topic_names=meta.topics,
        authors=meta.authors,
        updated=meta.updated,
        extra=meta.extra,
        image=images.lead,
        images=images.images,
    )


def article_of(parts: ArticleParts, path: Path, shown: str) -> Article:
    """Give the article of `parts`, with what the file left out derived from its text."""
    identifier = _identifier(path, shown)
    title = parts.title or derive_title(parts.paragraphs[0])
    text = "\n".join(parts.paragraphs)
    words = len(_WORD.findall(text))
    return Article(
        identifier=identifier,
        source_path=shown,
        date=parts.date,
        published=parts.published,
        title=title,
        slug=_slug(parts, title, identifier),
        lang=parts.lang or detect_language(text),
        body=Body.of(parts.paragraphs, parts.body_html),
        summary=parts.summary or summary_beside(title, parts.paragraphs),
        topics=tuple(topic_named(name) for name in parts.topic_names),
        word_count=words,
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        date_line=parts.date_line,
        slug_line=parts.slug_line,
        authors=parts.authors,
        updated=parts.updated,
        extra=parts.extra,
        image=parts.image,
        images=parts.images,
    )


def _slug(parts: ArticleParts, title: str, identifier: str) -> str:
    if parts.slug:
        return parts.slug
    if parts.identifier_in_slug:
        # A seed names no slug: the identifier keeps URLs stable when same-day titles collide.
        return f"{slugify(title)}-{identifier[:8]}".lstrip("-")
    return slugify(title) or identifier[:8]


def topic_named(name: str) -> Topic:
    """Give the topic of a name written in front matter (its kind is not known: other)."""
    name = " ".join(name.split())
    slug = slugify(name, max_chars=80) or hashlib.sha1(name.encode()).hexdigest()[:12]
    return Topic("other", name, slug)


def _identifier(path: Path, shown: str) -> str:
    """The stable identifier: the hex part of `NNN_<16 hex>.txt`, else a hash of the path.

    The path is hashed from inside the source folder, so renaming the folder moves no URL.
    """
    match = _SEED_NAME.fullmatch(path.stem)
    if match:
        return match.group(1)
    within = Path(shown).relative_to(Path(shown).parts[0]).as_posix()
    return hashlib.sha1(within.encode()).hexdigest()[:16]
