"""Articles whose URLs would be one file: the same URL, or one differing only in case or form.

Linux keeps `2025/11/07/Foo/` and `2025/11/07/foo/` apart; macOS, Windows and many CI
caches do not, and there one article silently overwrites the other. A URL written with
«й» as one character (NFC) and as «и» with a combining breve (NFD) is one file on macOS
too. So every such pair is an error on every system, reported with both sources.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from newsgen.by_record import ByRecord, worked_out
from newsgen.errors import SourceError
from newsgen.records import Article


def folded_path(path: str) -> str:
    """`path` as a case-insensitive, normalisation-insensitive file system compares it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", path).casefold())


def url_clashes(
    articles: Sequence[Article], known: ByRecord[Article, str] | None = None
) -> list[SourceError]:
    """Give a problem for each article whose URL is, or folds to, another article's URL.
    `known`: each record's folded URL, kept by a process that loads again and again."""
    by_folded: dict[str, list[Article]] = defaultdict(list)
    for article, path in zip(articles, worked_out(articles, _folded_url, known), strict=True):
        by_folded[path].append(article)
    return [
        _clash(article, [other for other in group if other is not article])
        for group in by_folded.values()
        if len(group) > 1
        for article in group
    ]


def _folded_url(article: Article) -> str:
    return folded_path(article.url)


def _clash(article: Article, others: Sequence[Article]) -> SourceError:
    names = ", ".join(_where(other) for other in others)
    if all(other.url == article.url for other in others):
        message = f"the URL {article.url} is also that of {names}: give one of them another slug"
    else:
        urls = ", ".join(other.url for other in others)
        message = (
            f"the URL {article.url} and that of {names} ({urls}) differ only in case or "
            "Unicode form: they would be one file on macOS or Windows; give one another slug"
        )
    return SourceError(article.source_path, article.slug_line, message)


def _where(article: Article) -> str:
    return f"{article.source_path}:{article.slug_line}"
