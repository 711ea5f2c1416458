"""The seed format: ` date 2025-11-07 First paragraph…`, then paragraphs split by blank lines."""

from __future__ import annotations

import datetime as dt

import pytest
from sitetools import REPO

from newsgen.errors import SourceError
from newsgen.sources.seed_format import SeedDocument, parse_seed
from newsgen.sources.text_file import decode_source

PATH = "seeds/001_ab.txt"
SAMPLE_SEED = REPO / "seeds" / "000_f2c8b14476094b1d.txt"
MSK = dt.timezone(dt.timedelta(hours=3))


def test_sample_seed_file() -> None:
    text = decode_source(SAMPLE_SEED.read_bytes(), "seeds/000_f2c8b14476094b1d.txt")
    assert isinstance(text, str)
    assert not text.endswith("\n")  # the real files have no final newline
    seed = parse_seed(text, "seeds/000_f2c8b14476094b1d.txt")
    assert isinstance(seed, SeedDocument)
    assert seed.date == dt.date(2025, 11, 7)
    assert seed.published is None
    assert seed.paragraphs[0].startswith("Казахстан стал первой страной, присоединившейся")
    assert seed.paragraphs[1].startswith("«Я только что провел важный телефонный разговор")
    assert len(seed.paragraphs) == text.count("\n\n") + 1
    assert all(p == p.strip() and "\n" not in p for p in seed.paragraphs)


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        (
            " date 2025-11-07 First paragraph.\n\nSecond.\n\nThird.",
            ("First paragraph.", "Second.", "Third."),
        ),
        (" date 2025-11-07 Only paragraph.", ("Only paragraph.",)),
        (" date 2025-11-07\nFirst.\n\nSecond.\n", ("First.", "Second.")),
        (" date 2025-11-07\n\n\nFirst.\n\n\n\nSecond.\n\n", ("First.", "Second.")),
        (
            " date 2025-11-07 First line\ncontinued here\n\nSecond",
            ("First line continued here", "Second"),
        ),
        ("date 2025-11-07 No leading space.", ("No leading space.",)),
        ("   date   2025-11-07 Many spaces.", ("Many spaces.",)),
        (" DATE 2025-11-07 Upper case.", ("Upper case.",)),
        ("\n\n date 2025-11-07 After blank lines.", ("After blank lines.",)),
    ],
    ids=[
        "real-format",
        "one-paragraph",
        "date-line-alone-then-body",
        "extra-blank-lines",
        "inner-line-breaks-joined",
        "no-leading-space",
        "many-spaces",
        "upper-case-keyword",
        "leading-blank-lines",
    ],
)
def test_paragraphs(text: str, paragraphs: tuple[str, ...]) -> None:
    assert parse_seed(text, PATH) == SeedDocument(dt.date(2025, 11, 7), None, paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        " date 2025-11-07T14:30+03:00 Текст.",
        " date 2025-11-07 14:30 +03:00 Текст.",
        " date 2025-11-07 14:30 +03:00\nТекст.",
        " date 2025-11-07 14:30 МСК Текст.",
    ],
    ids=["T-form", "space-form", "space-form-alone-on-its-line", "Moscow-time-word"],
)
def test_time_and_zone(text: str) -> None:
    assert parse_seed(text, PATH) == SeedDocument(
        dt.date(2025, 11, 7), dt.datetime(2025, 11, 7, 14, 30, tzinfo=MSK), ("Текст.",)
    )


def test_date_is_kept_as_written_whatever_the_zone() -> None:
    seed = parse_seed(" date 2025-11-07 23:30 -05:00 Поздняя новость.", PATH)
    assert isinstance(seed, SeedDocument)
    assert seed.date == dt.date(2025, 11, 7)


def test_number_after_the_date_is_part_of_the_text() -> None:
    seed = parse_seed(" date 2025-11-07 12 человек пострадали.", PATH)
    assert isinstance(seed, SeedDocument)
    assert seed.paragraphs == ("12 человек пострадали.",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", SourceError(PATH, 1, "empty file: expected ' date YYYY-MM-DD' and the article")),
        (
            "\n  \n\n",
            SourceError(PATH, 1, "empty file: expected ' date YYYY-MM-DD' and the article"),
        ),
        (
            "Казахстан стал первой страной.\n\nВторой.",
            SourceError(
                PATH,
                1,
                "missing date: a seed file starts with ' date YYYY-MM-DD'",
                "Казахстан стал первой страной.",
            ),
        ),
        (
            "\n\nТекст без даты.",
            SourceError(
                PATH,
                3,
                "missing date: a seed file starts with ' date YYYY-MM-DD'",
                "Текст без даты.",
            ),
        ),
        (
            " date",
            SourceError(
                PATH, 1, "missing date: a seed file starts with ' date YYYY-MM-DD'", " date"
            ),
        ),
        (
            " date: 2025-11-07 Текст.",
            SourceError(
                PATH,
                1,
                "missing date: a seed file starts with ' date YYYY-MM-DD'",
                " date: 2025-11-07 Текст.",
            ),
        ),
        (
            " date 2025-13-45 Текст.",
            SourceError(
                PATH,
                1,
                "date '2025-13-45' is not a date (month 13)",
                " date 2025-13-45 Текст.",
            ),
        ),
        (
            "\n\n date 2025-13-45 Текст.",
            SourceError(
                PATH,
                3,
                "date '2025-13-45' is not a date (month 13)",
                " date 2025-13-45 Текст.",
            ),
        ),
        (
            " date 2025-02-30 Текст.",
            SourceError(
                PATH,
                1,
                "date '2025-02-30' is not a date (day 30; the month has 28)",
                " date 2025-02-30 Текст.",
            ),
        ),
        (
            " date 07.11.2025 Текст.",
            SourceError(
                PATH,
                1,
                "date '07.11.2025' is not a date (expected YYYY-MM-DD)",
                " date 07.11.2025 Текст.",
            ),
        ),
        (
            " date 2025-11-07",
            SourceError(PATH, 1, "no article text after the date", " date 2025-11-07"),
        ),
        (
            "\n date 2025-11-07\n\n\n",
            SourceError(PATH, 2, "no article text after the date", " date 2025-11-07"),
        ),
    ],
    ids=[
        "empty",
        "only-blank-lines",
        "no-date-line",
        "no-date-line-after-blank-lines",
        "date-keyword-without-date",
        "date-with-colon",
        "month-13",
        "month-13-after-blank-lines",
        "feb-30",
        "russian-order",
        "no-text-after-date",
        "only-blank-lines-after-date",
    ],
)
def test_problem(text: str, expected: SourceError) -> None:
    assert parse_seed(text, PATH) == expected


def test_problem_prints_with_file_line_and_text() -> None:
    problem = parse_seed("\n date 2025-13-45 Текст.", "seeds/001_ab.txt")
    assert str(problem) == (
        "seeds/001_ab.txt:2: date '2025-13-45' is not a date (month 13)\n"
        "     date 2025-13-45 Текст."
    )


def test_long_bad_line_is_cut_in_the_message() -> None:
    problem = parse_seed("Без даты " + "слово " * 100, PATH)
    assert isinstance(problem, SourceError)
    assert len(problem.text) == 200


@pytest.mark.parametrize("gap", ["\t", "\u00a0", "  "], ids=["tab", "no-break-space", "two-spaces"])
def test_any_white_space_may_follow_the_date(gap: str) -> None:
    document = parse_seed(f" date{gap}2025-11-07{gap}Первый абзац.", "seeds/a.txt")
    assert not isinstance(document, SourceError)
    assert (document.date.isoformat(), document.paragraphs) == ("2025-11-07", ("Первый абзац.",))


def test_zone_word_after_the_time_is_the_zone_not_the_text() -> None:
    # `PST` was taken as the headline's first word and the time as UTC.
    seed = parse_seed(" date 2025-11-07 14:30 PST Землетрясение в Калифорнии.", PATH)
    pacific = dt.timezone(dt.timedelta(hours=-8))
    assert seed == SeedDocument(
        dt.date(2025, 11, 7),
        dt.datetime(2025, 11, 7, 14, 30, tzinfo=pacific),
        ("Землетрясение в Калифорнии.",),
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            " date 2025-11-07 14:30 XYZ Текст.",
            "time zone 'XYZ' in '2025-11-07 14:30 XYZ' is not known",
        ),
        (
            " date 2025-11-07 14:30 IST Текст.",
            "time zone 'IST' in '2025-11-07 14:30 IST' is ambiguous",
        ),
        (
            " date 2025-11-07T24:00 Текст.",
            "time in '2025-11-07T24:00' is 24:00, the start of 2025-11-08",
        ),
    ],
    ids=["unknown-zone", "ambiguous-zone", "end-of-day"],
)
def test_bad_zone_or_end_of_day_is_reported_on_the_date_line(line: str, message: str) -> None:
    problem = parse_seed(f"\n{line}\n\nВторой абзац.", PATH)
    assert isinstance(problem, SourceError)
    assert (problem.path, problem.line, problem.text) == (PATH, 2, line)
    assert problem.message.startswith(message)


def test_acronym_after_a_date_without_a_time_is_text() -> None:
    seed = parse_seed(" date 2025-11-07 NATO summit opened in Hague.", PATH)
    assert isinstance(seed, SeedDocument)
    assert seed.paragraphs == ("NATO summit opened in Hague.",)
