"""Parsing the dates written in sources: an ISO date, optionally with a time and a zone."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
import zoneinfo

from dateutil import parser as dateutil_parser

# Zone words written after a time. Moscow time is looked up in the time-zone database, so
# a time of 2012 (when Moscow kept UTC+4) gets the offset it had then.
_NAMED_ZONES = {"UTC": "UTC", "GMT": "UTC", "MSK": "Europe/Moscow", "МСК": "Europe/Moscow"}
_OFFSET = r"Z|[+-]\d{2}(?::?\d{2})?"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(rf"\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:[.,]\d+)?)?(?:{_OFFSET})?")
_ENDS_WITH_OFFSET = re.compile(rf"(?:{_OFFSET})$")
_DATE_TIME_SPLIT = re.compile(r"([^T ]*)[T ]?\s*(.*)")
_ZONE = re.compile(rf"{_OFFSET}|(?i:{'|'.join(_NAMED_ZONES)})")


class DateProblem(ValueError):
    """The text is not a date; the message says why in a user's words."""


def parse_written_date(text: str) -> tuple[dt.date, dt.datetime | None]:
    """Give the calendar date as written and, when a time is given, the full datetime.

    The date is never shifted to another zone: an article written as
    `2025-11-07T23:30-05:00` is filed under 7 November wherever the build runs.
    """
    text = text.strip()
    split = _DATE_TIME_SPLIT.match(text)
    assert split is not None  # both groups may be empty: the pattern matches any text
    day_part, time_part = split.groups()
    day = _calendar_date(day_part, text)
    if not time_part:
        return day, None
    return day, _moment(day, time_part, text)


def _moment(day: dt.date, time_text: str, whole: str) -> dt.datetime:
    """The time of `day` written as `14:30`, `14:30+03:00`, `14:30 +03:00` or `14:30 MSK`."""
    clock, _, zone = time_text.partition(" ")
    zone = zone.strip()
    named = _NAMED_ZONES.get(zone.upper())
    try:
        moment = dateutil_parser.isoparse(f"{day.isoformat()}T{clock if named else clock + zone}")
    except ValueError as exc:
        raise DateProblem(f"time in {whole!r} is not a time ({exc})") from None
    if not named:
        return moment
    if moment.tzinfo is not None:
        raise DateProblem(f"time in {whole!r} has two zones")
    offset = moment.replace(tzinfo=zoneinfo.ZoneInfo(named)).utcoffset()
    assert offset is not None  # a zone of the database has an offset at every moment
    return moment.replace(tzinfo=dt.timezone(offset))


def _calendar_date(day_text: str, whole: str) -> dt.date:
    match = _DATE.fullmatch(day_text)
    if not match:
        raise DateProblem(f"date {whole!r} is not a date (expected YYYY-MM-DD)")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise DateProblem(f"date {whole!r} is not a date (month {month})")
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        raise DateProblem(f"date {whole!r} is not a date (day {day}; the month has {last_day})")
    if year < 1000:
        raise DateProblem(f"date {whole!r} is not a date (year {year})")
    return dt.date(year, month, day)


_TOKEN = re.compile(r"\S+")


def split_date_prefix(line: str) -> tuple[str, str]:
    """Split `2025-11-07 14:30 +03:00 Текст…` into the date text and the rest of the line.

    The date token may be followed by a time token, and a time without an offset by a zone
    token (`+03:00`, `UTC`, `MSK`); anything after them is the first paragraph of the body.
    """
    # Any run of white space (a tab, a no-break space) may stand between the tokens.
    tokens = list(itertools.islice(_TOKEN.finditer(line), 3))
    if not tokens:
        return "", ""
    taken = 1
    _, _, clock = tokens[0].group().partition("T")
    if not clock and len(tokens) > taken and _TIME.fullmatch(tokens[taken].group()):
        clock = tokens[taken].group()
        taken += 1
    zone_may_follow = _TIME.fullmatch(clock) and not _ENDS_WITH_OFFSET.search(clock)
    if zone_may_follow and len(tokens) > taken and _ZONE.fullmatch(tokens[taken].group()):
        taken += 1
    date_text = " ".join(token.group() for token in tokens[:taken])
    return date_text, line[tokens[taken - 1].end() :].strip()
