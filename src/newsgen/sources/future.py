"""Articles dated in the future wait: they are published when their date comes.

A date of 2099 is most often a typo for 2025; published, it would top the home page and
the feed for 74 years. So, as Hugo's `buildFuture`, such articles are left out and listed
until their time comes, unless `build_future: true` (or `--future`) says to publish them.

"Now" is SOURCE_DATE_EPOCH when set, so a reproducible build gives the same site on any
day; otherwise the machine's clock, and a build then depends on the day it runs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence

from newsgen.errors import SourceError, UsageError
from newsgen.records import Article

# Kiribati's Line Islands (UTC+14) are where each day begins first: a date-only article
# waits only while its day has not begun anywhere on Earth.
EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def build_now(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """The moment the build deems "now": SOURCE_DATE_EPOCH when set, else the clock."""
    return source_date_epoch(environ) or dt.datetime.now(dt.UTC)


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names (reproducible builds' "now"), None when unset."""
    written = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not written:
        return None
    if not written.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH={written!r} is not a number of seconds")
    try:
        return dt.datetime.fromtimestamp(int(written), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH={written!r} is past the year 9999") from None


def is_future(article: Article, now: dt.datetime) -> bool:
    """Whether `article` is dated after `now`: its instant, or its whole day when untimed.

    A time written without a zone is read in the earliest zone, so it too waits only
    while it is still to come everywhere.
    """
    published = article.published
    if published is None:
        return article.date > now.astimezone(EARLIEST_ZONE).date()
    if published.tzinfo is None:
        published = published.replace(tzinfo=EARLIEST_ZONE)
    return published > now


def hold_future(
    articles: Sequence[Article], now: dt.datetime | None
) -> tuple[list[Article], list[SourceError]]:
    """Give the articles to publish now, and a notice for each that waits (none when `now`
    is None: future articles are published)."""
    if now is None:
        return list(articles), []
    waiting = [article for article in articles if is_future(article, now)]
    if not waiting:
        return list(articles), []
    held = {id(article) for article in waiting}
    return [a for a in articles if id(a) not in held], [_notice(a) for a in waiting]


def _notice(article: Article) -> SourceError:
    written = article.published.isoformat() if article.published else article.date.isoformat()
    message = (
        f"dated {written}, in the future: not published yet "
        "(--future or build_future: true publishes it)"
    )
    return SourceError(article.source_path, article.date_line, message)
