"""Dates as written in sources: the calendar day is never shifted to another zone."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgen.sources.dates import DateProblem, parse_written_date, split_date_prefix

MSK = dt.timezone(dt.timedelta(hours=3))
NEW_YORK_WINTER = dt.timezone(dt.timedelta(hours=-5))


def at(year: int, month: int, day: int, offset_hours: int) -> dt.datetime:
    """14:30 on the day, `offset_hours` from UTC."""
    zone = dt.timezone(dt.timedelta(hours=offset_hours))
    return dt.datetime(year, month, day, 14, 30, tzinfo=zone)


@pytest.mark.parametrize(
    ("text", "day", "published"),
    [
        ("2025-11-07", dt.date(2025, 11, 7), None),
        ("  2025-11-07  ", dt.date(2025, 11, 7), None),
        ("2025-1-7", dt.date(2025, 1, 7), None),
        ("2024-02-29", dt.date(2024, 2, 29), None),
        (
            "2025-11-07T14:30+03:00",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
        ),
        (
            "2025-11-07 14:30 +03:00",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
        ),
        (
            "2025-11-07 14:30 +0300",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
        ),
        (
            "2025-11-07T14:30:15+03:00",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, 15, tzinfo=MSK),
        ),
        (
            "2025-11-07T14:30Z",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=dt.UTC),
        ),
        (
            "2025-11-07 14:30 UTC",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=dt.UTC),
        ),
        (
            "2025-11-07 14:30 GMT",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=dt.UTC),
        ),
        (
            "2025-11-07 14:30 MSK",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
        ),
        (
            "2025-11-07T14:30 мск",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK),
        ),
        (
            "2012-07-01 09:00 МСК",
            dt.date(2012, 7, 1),
            dt.datetime(2012, 7, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=4))),
        ),
        ("2025-11-07 14:30", dt.date(2025, 11, 7), dt.datetime(2025, 11, 7, 14, 30)),
        ("2025-11-07 14:30 PST", dt.date(2025, 11, 7), at(2025, 11, 7, -8)),
        ("2025-07-07 14:30 PST", dt.date(2025, 7, 7), at(2025, 7, 7, -8)),
        ("2025-07-07 14:30 PDT", dt.date(2025, 7, 7), at(2025, 7, 7, -7)),
        ("2025-11-07T14:30 EST", dt.date(2025, 11, 7), at(2025, 11, 7, -5)),
        ("2025-07-07 14:30 CEST", dt.date(2025, 7, 7), at(2025, 7, 7, 2)),
        ("2025-11-07 14:30 EET", dt.date(2025, 11, 7), at(2025, 11, 7, 2)),
        ("2023-11-07 14:30 ALMT", dt.date(2023, 11, 7), at(2023, 11, 7, 6)),
        ("2025-11-07 14:30 ALMT", dt.date(2025, 11, 7), at(2025, 11, 7, 5)),
        ("2025-11-07 14:30 UTC+3", dt.date(2025, 11, 7), at(2025, 11, 7, 3)),
        ("2025-11-07 14:30 GMT-05:00", dt.date(2025, 11, 7), at(2025, 11, 7, -5)),
        (
            "2025-11-07T23:30-05:00",
            dt.date(2025, 11, 7),
            dt.datetime(2025, 11, 7, 23, 30, tzinfo=NEW_YORK_WINTER),
        ),
    ],
    ids=[
        "iso-date",
        "surrounding-spaces",
        "one-digit-month-and-day",
        "leap-day",
        "T-form-with-zone",
        "space-form-with-zone",
        "zone-without-colon",
        "seconds",
        "Z",
        "UTC-word",
        "GMT-word",
        "MSK-word",
        "lower-case-Cyrillic-word-after-T-form",
        "Moscow-kept-UTC+4-in-2012",
        "time-without-zone",
        "PST",
        "PST-in-summer-is-still-UTC-8",
        "PDT",
        "EST-after-T-form",
        "CEST",
        "EET",
        "Almaty-kept-UTC+6-until-2024",
        "Almaty-keeps-UTC+5-since-2024",
        "UTC-with-offset",
        "GMT-with-offset",
        "late-evening-west-of-utc",
    ],
)
def test_written_date_is_read(text: str, day: dt.date, published: dt.datetime | None) -> None:
    assert parse_written_date(text) == (day, published)


def test_time_keeps_its_zone_and_the_day_as_written() -> None:
    day, published = parse_written_date("2025-11-07T23:30-05:00")
    assert published is not None
    assert published.utcoffset() == dt.timedelta(hours=-5)
    # In UTC it is already 8 November; the article still belongs to 7 November.
    assert published.astimezone(dt.UTC).date() == dt.date(2025, 11, 8)
    assert day == dt.date(2025, 11, 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-13-45", "date '2025-13-45' is not a date (month 13)"),
        ("2025-00-10", "date '2025-00-10' is not a date (month 0)"),
        ("2025-02-30", "date '2025-02-30' is not a date (day 30; the month has 28)"),
        ("2025-02-29", "date '2025-02-29' is not a date (day 29; the month has 28)"),
        ("2025-04-31", "date '2025-04-31' is not a date (day 31; the month has 30)"),
        ("2025-11-00", "date '2025-11-00' is not a date (day 0; the month has 30)"),
        ("0999-01-01", "date '0999-01-01' is not a date (year 999)"),
        ("07.11.2025", "date '07.11.2025' is not a date (expected YYYY-MM-DD)"),
        ("2025/11/07", "date '2025/11/07' is not a date (expected YYYY-MM-DD)"),
        ("вчера", "date 'вчера' is not a date (expected YYYY-MM-DD)"),
        ("", "date '' is not a date (expected YYYY-MM-DD)"),
        (
            "2025-13-45T14:30+03:00",
            "date '2025-13-45T14:30+03:00' is not a date (month 13)",
        ),
    ],
    ids=[
        "month-13",
        "month-0",
        "feb-30",
        "feb-29-not-leap",
        "april-31",
        "day-0",
        "year-999",
        "dotted-russian-order",
        "slashes",
        "word",
        "empty",
        "bad-date-with-time",
    ],
)
def test_bad_date_is_reported_in_words(text: str, message: str) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_written_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2025-11-07T25:00",
            "time in '2025-11-07T25:00' is not a time (hour must be in 0..23)",
        ),
        (
            "2025-11-07 14:61 +03:00",
            "time in '2025-11-07 14:61 +03:00' is not a time (minute must be in 0..59)",
        ),
    ],
    ids=["hour-25", "minute-61"],
)
def test_bad_time_is_reported_in_words(text: str, message: str) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_written_date(text)
    assert str(caught.value) == message


def test_text_after_the_date_is_not_a_time() -> None:
    with pytest.raises(DateProblem, match=r"^time in '2025-11-07 вечером' is not a time \("):
        parse_written_date("2025-11-07 вечером")


@pytest.mark.parametrize(
    ("line", "date_text", "rest"),
    [
        ("2025-11-07 Казахстан стал", "2025-11-07", "Казахстан стал"),
        ("2025-11-07", "2025-11-07", ""),
        ("2025-11-07T14:30+03:00 Текст", "2025-11-07T14:30+03:00", "Текст"),
        ("2025-11-07 14:30 +03:00 Текст абзаца", "2025-11-07 14:30 +03:00", "Текст абзаца"),
        ("2025-11-07 14:30 UTC Текст", "2025-11-07 14:30 UTC", "Текст"),
        ("2025-11-07 14:30 Z Текст", "2025-11-07 14:30 Z", "Текст"),
        ("2025-11-07 14:30 МСК Текст", "2025-11-07 14:30 МСК", "Текст"),
        ("2025-11-07T14:30 MSK Текст", "2025-11-07T14:30 MSK", "Текст"),
        ("2025-11-07 14:30+03:00 MSK Текст", "2025-11-07 14:30+03:00 MSK", "Текст"),
        ("2025-11-07 14:30 +03:00 MSK Текст", "2025-11-07 14:30 +03:00 MSK", "Текст"),
        ("2025-11-07 14:30 PST Текст", "2025-11-07 14:30 PST", "Текст"),
        ("2025-11-07 14:30 UTC+3 Текст", "2025-11-07 14:30 UTC+3", "Текст"),
        ("2025-11-07 14:30 NATO summit", "2025-11-07 14:30 NATO", "summit"),
        ("2025-11-07 NATO summit", "2025-11-07", "NATO summit"),
        ("2025-11-07 14:30 США ввели", "2025-11-07 14:30", "США ввели"),
        ("2025-11-07 14:30 Paris", "2025-11-07 14:30", "Paris"),
        ("2025-11-07 МСК Текст", "2025-11-07", "МСК Текст"),
        ("2025-11-07 14:30 Текст", "2025-11-07 14:30", "Текст"),
        ("2025-11-07 12 лет спустя", "2025-11-07", "12 лет спустя"),
        ("2025-11-07 +03:00 Текст", "2025-11-07", "+03:00 Текст"),
        ("2025-11-07T14:30 15:00 Текст", "2025-11-07T14:30", "15:00 Текст"),
    ],
    ids=[
        "date-then-text",
        "date-alone",
        "T-form",
        "time-and-zone",
        "time-and-UTC",
        "time-and-Z",
        "time-and-MSK",
        "T-form-and-MSK",
        "zone-word-after-an-offset-is-taken-to-be-refused",
        "zone-word-after-an-offset-word",
        "time-and-PST",
        "time-and-UTC-with-offset",
        "capitals-after-a-time-are-a-zone",
        "capitals-after-a-date-alone-are-text",
        "cyrillic-capitals-after-a-time-are-text",
        "capitalised-word-after-a-time-is-text",
        "zone-word-without-time-is-text",
        "time-without-zone",
        "number-is-text",
        "zone-without-time-is-text",
        "no-second-time-after-T-form",
    ],
)
def test_split_date_prefix(line: str, date_text: str, rest: str) -> None:
    assert split_date_prefix(line) == (date_text, rest)


def test_a_time_with_an_offset_and_a_zone_word_is_refused() -> None:
    with pytest.raises(DateProblem, match=r"^time in '2025-11-07 14:30\+03:00 MSK' has two zones$"):
        parse_written_date("2025-11-07 14:30+03:00 MSK")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2025-11-07 14:30 IST",
            "time zone 'IST' in '2025-11-07 14:30 IST' is ambiguous (India +05:30, Israel"
            " +02:00 or Ireland +01:00): write its offset after the time (14:30 +01:00)",
        ),
        (
            "2025-11-07 14:30 CST",
            "time zone 'CST' in '2025-11-07 14:30 CST' is ambiguous (US Central -06:00,"
            " China +08:00 or Cuba -05:00): write its offset after the time (14:30 +01:00)",
        ),
        (
            "2025-11-07 14:30 NATO",
            "time zone 'NATO' in '2025-11-07 14:30 NATO' is not known: write an offset"
            " (14:30 +03:00) or UTC, GMT, MSK, CET, EET, PST, EST… (a text after the time"
            " starts on the next line)",
        ),
        (
            "2025-11-07 14:30 UTC+24",
            "time zone 'UTC+24' in '2025-11-07 14:30 UTC+24' is not an offset",
        ),
        ("2025-11-07 14:30 +03:00 MSK", "time in '2025-11-07 14:30 +03:00 MSK' has two zones"),
        (
            "2025-11-07T24:00",
            "time in '2025-11-07T24:00' is 24:00, the start of 2025-11-08:"
            " write 2025-11-08T00:00 (or 23:59 of the day)",
        ),
        (
            "2025-12-31 24:00 UTC",
            "time in '2025-12-31 24:00 UTC' is 24:00, the start of 2026-01-01:"
            " write 2026-01-01T00:00 (or 23:59 of the day)",
        ),
    ],
    ids=["IST", "CST", "unknown", "offset-past-a-day", "offset-and-word", "T24", "T24-new-year"],
)
def test_bad_zone_or_end_of_day_is_reported_in_words(text: str, message: str) -> None:
    # 24:00 was read as the next day's midnight: filed under the 7th, published on the 8th.
    with pytest.raises(DateProblem) as caught:
        parse_written_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("line", "moment"),
    [
        ("2025-11-07 14:30 Europe/Moscow Москва", "2025-11-07T14:30:00+03:00"),
        ("2025-07-01 09:00 America/New_York Нью-Йорк", "2025-07-01T09:00:00-04:00"),
        ("2025-11-07 14:30 EST5EDT Нью-Йорк", "2025-11-07T14:30:00-05:00"),
    ],
    ids=["europe-moscow", "america-new-york", "posix"],
)
def test_a_zone_of_the_database_after_a_time_is_its_zone(line: str, moment: str) -> None:
    date_text, rest = split_date_prefix(line)
    _, published = parse_written_date(date_text)
    assert published is not None and published.isoformat() == moment
    assert rest == line.rsplit(" ", 1)[1]


def test_an_offset_further_than_any_zone_is_reported() -> None:
    with pytest.raises(DateProblem, match="is not an offset"):
        parse_written_date("2025-11-07 14:30 UTC+15")
