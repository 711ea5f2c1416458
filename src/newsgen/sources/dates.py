"""Parsing the dates written in sources: an ISO date, optionally with a time and a zone."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re

from dateutil import parser as dateutil_parser

from newsgen.sources.zone_words import (
    AMBIGUOUS_ZONES,
    CASELESS_ZONES,
    ZONE_LIKE_WORD,
    ZONES,
    database_zone,
    utc_with_offset,
)

_OFFSET = r"Z|[+-]\d{2}(?::?\d{2})?"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(rf"\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:[.,]\d+)?)?(?:{_OFFSET})?")
_ENDS_WITH_OFFSET = re.compile(rf"(?:{_OFFSET})$")
_OFFSET_WORD = re.compile(_OFFSET)
_DATE_TIME_SPLIT = re.compile(r"([^T ]*)[T ]?\s*(.*)")


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
    clock, *zone_words = time_text.split()
    if zone_words and _OFFSET_WORD.fullmatch(zone_words[0]):
        clock += zone_words.pop(0)
    try:
        moment = dateutil_parser.isoparse(f"{day.isoformat()}T{clock}")
    except ValueError as exc:
        raise DateProblem(f"time in {whole!r} is not a time ({exc})") from None
    if moment.date() != day:
        following = day + dt.timedelta(days=1)
        raise DateProblem(
            f"time in {whole!r} is 24:00, the start of {following.isoformat()}:"
            f" write {following.isoformat()}T00:00 (or 23:59 of the day)"
        )
    if not zone_words:
        return moment
    zone = _zone_named(zone_words, whole)
    if moment.tzinfo is not None:
        raise DateProblem(f"time in {whole!r} has two zones")
    offset = moment.replace(tzinfo=zone).utcoffset()
    assert offset is not None  # a zone of the database has an offset at every moment
    return moment.replace(tzinfo=dt.timezone(offset))


def _zone_named(words: list[str], whole: str) -> dt.tzinfo:
    """The zone of the word after a time (`PST`, `МСК`, `UTC+3`); any other word is a problem."""
    word = " ".join(words)
    key = word.upper() if word.upper() in CASELESS_ZONES else word
    zone = ZONES.get(key)
    if zone is not None:
        return zone
    try:
        with_offset = utc_with_offset(word)
    except ValueError:  # 24 hours or more from UTC
        raise DateProblem(f"time zone {word!r} in {whole!r} is not an offset") from None
    if with_offset is not None:
        return with_offset
    named = database_zone(word)
    if named is not None:
        return named
    if key in AMBIGUOUS_ZONES:
        raise DateProblem(
            f"time zone {word!r} in {whole!r} is ambiguous ({AMBIGUOUS_ZONES[key]}):"
            " write its offset after the time (14:30 +01:00)"
        )
    raise DateProblem(
        f"time zone {word!r} in {whole!r} is not known: write an offset (14:30 +03:00) or"
        " UTC, GMT, MSK, CET, EET, PST, EST… (a text after the time starts on the next line)"
    )


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

    The date token may be followed by a time token, a time without an offset by an offset
    token (`+03:00`), and a time by a word read as its zone (`UTC`, `MSK`, `PST`, or any
    word in Latin capitals, reported when unknown); anything after them is the first
    paragraph of the body. After a date alone, a word in capitals is text.
    """
    # Any run of white space (a tab, a no-break space) may stand between the tokens.
    tokens = [token.group() for token in itertools.islice(_TOKEN.finditer(line), 4)]
    if not tokens:
        return "", ""
    taken = 1
    _, _, clock = tokens[0].partition("T")
    if not clock and len(tokens) > taken and _TIME.fullmatch(tokens[taken]):
        clock = tokens[taken]
        taken += 1
    if _TIME.fullmatch(clock):
        offset_may_follow = not _ENDS_WITH_OFFSET.search(clock)
        if offset_may_follow and _token_matches(tokens, taken, _OFFSET_WORD):
            taken += 1
        if _token_matches(tokens, taken, ZONE_LIKE_WORD):
            taken += 1
    ends = [match.end() for match in itertools.islice(_TOKEN.finditer(line), taken)]
    return " ".join(tokens[:taken]), line[ends[-1] :].strip()


def _token_matches(tokens: list[str], index: int, pattern: re.Pattern[str]) -> bool:
    return index < len(tokens) and pattern.fullmatch(tokens[index]) is not None
