"""The plain records that flow between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from newsgen.urls import article_url, topic_url

TopicKind = Literal["person", "place", "organisation", "other"]
# A field no page shows (where the source lies, lines for messages): page keys leave it
# out, so sources read from another folder render nothing again.
NOT_SHOWN = {"shown": False}


@dataclass(frozen=True)
class Topic:
    """A person, place, organisation or other subject that articles are about."""

    kind: TopicKind
    name: str
    slug: str

    @property
    def url(self) -> str:
        return topic_url(self.slug)

    @property
    def filed_as(self) -> str:
        """The name as an index files it: a person by surname («Токаев, Касым-Жомарт»).

        Only names of two or three capitalised words, none of them a syllable of one or
        two letters: «Си Цзиньпин» and «Ким Чен Ын» already start with the surname, and
        «Усама бин Ладен» is not cut where a reader would not cut it.
        """
        words = self.name.split()
        if self.kind != "person" or not 2 <= len(words) <= 3:
            return self.name
        if any(len(word) <= 2 or not word[:1].isupper() for word in words):
            return self.name
        return f"{words[-1]}, {' '.join(words[:-1])}"


# The widths a lead image is published in besides its own: a phone's column, and twice
# the theme's widest column, so a 4,000-pixel photo is not what a reader downloads.
SHOWN_WIDTHS = (640, 1280)


@dataclass(frozen=True)
class ArticleImage:
    """An image an article shows, published in the article's folder under `name`.

    `width` and `height` are as a browser shows it (turned by its EXIF orientation);
    `digest` names its bytes, so a replaced image is published again.
    """

    name: str
    width: int
    height: int
    media_type: str
    size: int  # bytes, for feeds' enclosures
    digest: str
    alt: str = ""
    caption: str = ""
    source: str = field(default="", metadata=NOT_SHOWN)  # within the source folder

    @property
    def thumbnail(self) -> str:
        """The name of its thumbnail for lists, beside it: `photo.jpg` → `photo.thumb.webp`."""
        return f"{self.name.rsplit('.', 1)[0]}.thumb.webp"

    @property
    def widths(self) -> tuple[int, ...]:
        """The widths it is also published in for pages (narrower than it is)."""
        return tuple(width for width in SHOWN_WIDTHS if width < self.width)

    def sized(self, width: int) -> str:
        """The name of its copy `width` pixels wide: `photo.jpg` → `photo.640.webp`."""
        return f"{self.name.rsplit('.', 1)[0]}.{width}.webp"

    @property
    def choices(self) -> tuple[tuple[str, int], ...]:
        """The files a page offers a browser to choose from (name, width): its narrower
        copies, and itself unless it is wider than the widest of them."""
        copies = tuple((self.sized(width), width) for width in self.widths)
        itself = () if self.width > max(SHOWN_WIDTHS) else ((self.name, self.width),)
        return copies + itself


@dataclass(frozen=True)
class Body:
    """An article's text as its page shows it, held compressed until a page is rendered.

    A build holds every article from the load to the last page written, and a page needs
    one body at a time. As strings (two bytes a Cyrillic letter) the bodies were 60 % of
    the build's memory at 100,000 articles; compressed they are a third of their UTF-8
    size. `digest` names the text for page keys, whatever the compressor makes of it.
    """

    packed: bytes = field(metadata=NOT_SHOWN)
    digest: str

    @classmethod
    def of(cls, paragraphs: Sequence[str], html: str | None = None) -> Body:
        text = json.dumps([list(paragraphs), html], ensure_ascii=False).encode()
        digest = hashlib.blake2b(text, digest_size=16).hexdigest()
        # The fastest level: the best packs real news only 10 % smaller, at twice the time.
        return cls(zlib.compress(text, 1), digest)

    def unpacked(self) -> tuple[tuple[str, ...], str | None]:
        """The paragraphs (plain text) and, for Markdown sources, the HTML."""
        paragraphs, html = json.loads(zlib.decompress(self.packed))
        return tuple(paragraphs), html


@dataclass(frozen=True)
class Article:
    """One news article, made once by the loader with every field set.

    `url` is relative to the site root and ends in a slash (`2025/11/07/slug/`).
    `body` holds the plain text's paragraphs and, only for Markdown sources, the HTML,
    already sanitised. `published` carries the time and zone when the source gave them.
    """

    identifier: str
    source_path: str = field(metadata=NOT_SHOWN)
    date: dt.date
    published: dt.datetime | None
    title: str
    slug: str
    lang: str
    body: Body
    summary: str
    topics: tuple[Topic, ...]
    word_count: int
    reading_minutes: int
    # The lines of the source that give the date and the slug (or the title it is made
    # from), for messages about the article's URL or date.
    date_line: int = field(default=1, metadata=NOT_SHOWN)
    slug_line: int = field(default=1, metadata=NOT_SHOWN)
    authors: tuple[str, ...] = ()  # as the source names them; none: the site's `author`
    updated: dt.datetime | None = None  # when corrected (naive: the site's clock)
    extra: Mapping[str, Any] = field(default_factory=dict)  # front matter `extra:`, for themes
    image: ArticleImage | None = None  # the lead image: `image:`, or a seed's same-named file
    images: tuple[ArticleImage, ...] = ()  # every image published with it, the lead's first

    @property
    def url(self) -> str:
        return article_url(self.date, self.slug)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The plain text, paragraph by paragraph (unpacked at each use)."""
        return self.body.unpacked()[0]

    @property
    def body_html(self) -> str | None:
        """The sanitised HTML of a Markdown source's body; None for plain text."""
        return self.body.unpacked()[1]

    @property
    def sort_key(self) -> tuple[dt.date, str, str]:
        """Chronological order; same-day articles by the instant they were published (when
        given), then identifier. 10:00+03:00 is before 09:00+00:00: instants are compared
        in UTC (a time without a zone counts as UTC), not the clock times as written."""
        return (self.date, _instant_text(self.published), self.identifier)


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
    updated: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    image: ArticleImage | None = None

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
            article.updated,
            article.authors,
            article.image,
        )


def _instant_text(moment: dt.datetime | None) -> str:
    """`moment` in UTC as ISO 8601 text, which sorts as the instants do; "" for none."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC).isoformat()
    return moment.astimezone(dt.UTC).isoformat()
