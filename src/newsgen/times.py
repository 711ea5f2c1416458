"""The times pages and feeds give: an article's own time, else its day in the site's zone.

A source may give a date alone, a time without a zone, or a time and zone. A date alone
is the start of that day where the site is (`time_zone`, Moscow for a Russian site), not
midnight in Greenwich, which would put a Moscow article on the evening before; a time
without a zone is the site's clock. A time with a zone is kept as written.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.records import Article, Teaser


@functools.cache
def zone_named(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


@dataclass(frozen=True)
class SiteTimes:
    """Turns an article's date and time into instants, in the site's time zone."""

    zone_name: str

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_named(self.zone_name)

    def instant(self, day: dt.date, moment: dt.datetime | None = None) -> dt.datetime:
        """When the article was published, as an aware time."""
        if moment is None:
            return dt.datetime.combine(day, dt.time(), self.zone)
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=self.zone)

    def rfc3339(self, day: dt.date, moment: dt.datetime | None = None) -> str:
        """The instant as RFC 3339 text (Atom, JSON-LD, `<time datetime>`), with its offset."""
        return _rfc3339(self.instant(day, moment))

    def newest(self, entries: Sequence[Article | Teaser]) -> str:
        """The RFC 3339 time of the latest of `entries` (published or updated), instants
        compared across zones."""
        return _rfc3339(self._latest(entries))

    def rfc822(self, day: dt.date, moment: dt.datetime | None = None) -> str:
        """The instant as RSS 2.0 gives it (RFC 822: `Fri, 07 Nov 2025 00:00:00 +0300`)."""
        return email.utils.format_datetime(self.instant(day, moment))

    def newest_rfc822(self, entries: Sequence[Article | Teaser]) -> str:
        return email.utils.format_datetime(self._latest(entries))

    def _latest(self, entries: Sequence[Article | Teaser]) -> dt.datetime:
        """The latest time any of `entries` was published or updated."""
        return max(self.instant(e.date, e.updated or e.published) for e in entries)

    def clock(self, moment: dt.datetime | None) -> str:
        """The time of day the source gave (`14:30`), with its offset when that is not the
        site's that day (`23:30 UTC−05:00`); nothing for a source that gave none."""
        if moment is None:
            return ""
        shown = f"{moment:%H:%M}"
        offset = moment.utcoffset()
        if offset is None or offset == self.instant(moment.date()).utcoffset():
            return shown
        return f"{shown} UTC{_offset_text(offset)}"


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
