"""The plain records that flow between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from newsgen.urls import article_url, topic_url

TopicKind = Literal["person", "place", "organisation", "other"]


@dataclass(frozen=True)
class Topic:
    """A person, place, organisation or other subject that articles are about."""

    kind: TopicKind
    name: str
    slug: str

    @property
    def url(self) -> str:
        return topic_url(self.slug)


@dataclass(frozen=True)
class Article:
    """One news article, made once by the loader with every field set.

    `url` is relative to the site root and ends in a slash (`2025/11/07/slug/`).
    `paragraphs` is the plain text; `body_html` is set only for Markdown sources,
    already sanitised. `published` carries the time and zone when the source gave them.
    """

    identifier: str
    source_path: str
    date: dt.date
    published: dt.datetime | None
    title: str
    slug: str
    lang: str
    paragraphs: tuple[str, ...]
    body_html: str | None
    summary: str
    topics: tuple[Topic, ...]
    word_count: int
    reading_minutes: int
    # The lines of the source that give the date and the slug (or the title it is made
    # from), for messages about the article's URL or date.
    date_line: int = 1
    slug_line: int = 1

    @property
    def url(self) -> str:
        return article_url(self.date, self.slug)

    @property
    def sort_key(self) -> tuple[dt.date, str, str]:
        """Chronological order; same-day articles by time (when given), then identifier."""
        time = self.published.isoformat() if self.published else ""
        return (self.date, time, self.identifier)


@dataclass(frozen=True)
class Teaser:
    """What lists, neighbours and topic feeds show of an article: everything but its body.

    Pages hold teasers rather than articles, so editing an article's body changes only
    the pages that show the body, and a rebuild renders only those.
    """

    identifier: str
    title: str
    url: str
    date: dt.date
    published: dt.datetime | None
    summary: str
    lang: str
    topics: tuple[Topic, ...]

    @classmethod
    def of(cls, article: Article) -> Teaser:
        return cls(
            article.identifier,
            article.title,
            article.url,
            article.date,
            article.published,
            article.summary,
            article.lang,
            article.topics,
        )
