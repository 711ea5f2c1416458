"""A source file's bytes to clean text, and the errors for files that are not UTF-8 text."""

from __future__ import annotations

import pytest

from newsgen.errors import SourceError
from newsgen.sources.text_file import decode_source, split_paragraphs

PATH = "seeds/001_ab.txt"
ICONV_HINT = "; it looks like cp1251: convert it with `iconv -f cp1251 -t utf-8`"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (" date 2025-11-07 Текст\n\nВторой".encode(), " date 2025-11-07 Текст\n\nВторой"),
        ("\ufeff date 2025-11-07 Текст".encode(), " date 2025-11-07 Текст"),
        (b"one\r\ntwo\r\n\r\nthree\r\n", "one\ntwo\n\nthree\n"),
        (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        ("one  \ntwo\t\nthree\u00a0\n \t \nfour   ".encode(), "one\ntwo\nthree\n\nfour"),
        ("\ufeffone \r\ntwo\t\r\n".encode(), "one\ntwo\n"),
        (b"", ""),
    ],
    ids=[
        "plain-utf8",
        "bom",
        "crlf",
        "lone-cr",
        "mixed-line-ends",
        "trailing-spaces-tabs-nbsp",
        "bom-crlf-trailing-spaces",
        "empty",
    ],
)
def test_text_is_cleaned(data: bytes, text: str) -> None:
    assert decode_source(data, PATH) == text


def test_leading_spaces_are_kept() -> None:
    # The seed format's date line starts with a space.
    assert decode_source(b"  indented\n", PATH) == "  indented\n"


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02", b"PK\x03\x04\x00\x00", " date 2025-11-07 Текст\x00".encode()],
    ids=["nul-first", "zip", "nul-after-text"],
)
def test_nul_bytes_mean_a_binary_file(data: bytes) -> None:
    assert decode_source(data, PATH) == SourceError(
        PATH, 1, "binary file, not text (it contains NUL bytes)"
    )


def test_binary_file_is_shown_with_its_path() -> None:
    problem = decode_source(b"\x89PNG\r\n\x1a\n\x00\x00", "seeds/photo.txt")
    assert str(problem) == "seeds/photo.txt:1: binary file, not text (it contains NUL bytes)"


@pytest.mark.parametrize(
    ("data", "line", "column", "byte", "shown"),
    [
        ("Привет мир".encode("cp1251"), 1, 1, 0xCF, "Привет мир"),
        (
            " date 2025-11-07\n\nКазахстан стал первой страной".encode("cp1251"),
            3,
            1,
            0xCA,
            "Казахстан стал первой страной",
        ),
        (
            " date 2025-11-07 Казахстан стал\n\nВторой абзац".encode("cp1251"),
            1,
            18,
            0xCA,
            " date 2025-11-07 Казахстан стал",
        ),
        (
            " date 2025-11-07\r\n\r\nНовость дня\r\n".encode("cp1251"),
            3,
            1,
            0xCD,
            "Новость дня",
        ),
        (b"\xef\xbb\xbf" + " date 2025-11-07 Новость".encode("cp1251"), 1, 18, 0xCD, None),
    ],
    ids=["first-line", "third-line", "after-the-date", "crlf", "after-a-bom"],
)
def test_cp1251_file_gets_the_iconv_hint(
    data: bytes, line: int, column: int, byte: int, shown: str | None
) -> None:
    problem = decode_source(data, PATH)
    assert isinstance(problem, SourceError)
    assert (problem.path, problem.line) == (PATH, line)
    assert problem.message == f"not UTF-8 text (byte 0x{byte:02x} at column {column}){ICONV_HINT}"
    if shown is not None:
        assert problem.text == shown


def test_cp1251_error_prints_like_a_source_error() -> None:
    data = " date 2025-11-07\n\nКазахстан".encode("cp1251")
    assert str(decode_source(data, PATH)) == (
        f"{PATH}:3: not UTF-8 text (byte 0xca at column 1){ICONV_HINT}\n    Казахстан"
    )


def test_terminal_escapes_in_a_reported_line_or_name_are_printed_escaped() -> None:
    # A raw ESC would recolour the terminal; a line break in a name would forge a line.
    problem = decode_source(b"Text \x1b[31mred \xff", "seeds/evil\x1b[31m\nfake.md")
    assert str(problem) == (
        "seeds/evil\\x1b[31m\\nfake.md:1: not UTF-8 text (byte 0xff at column 15)\n"
        "    Text \\x1b[31mred \ufffd"
    )


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"abc\xff", 1, 4, 0xFF),
        (b"\xef\xbb\xbfabc\xff", 1, 4, 0xFF),
        ("Привет ".encode() + b"\xff" + " мир".encode(), 1, 8, 0xFF),
        ("строка\nвторая ".encode() + b"\xfe", 2, 8, 0xFE),
    ],
    ids=["ascii", "after-a-bom", "after-cyrillic", "second-line"],
)
def test_stray_byte_in_utf8_file(data: bytes, line: int, column: int, byte: int) -> None:
    # The column counts characters, as an editor does; a UTF-8 file gets no cp1251 hint.
    problem = decode_source(data, PATH)
    assert isinstance(problem, SourceError)
    assert problem.line == line
    assert problem.message == f"not UTF-8 text (byte 0x{byte:02x} at column {column})"


def test_utf8_russian_file_with_one_bad_byte_gets_no_cp1251_hint() -> None:
    data = ("Казахстан стал первой страной. " * 5).encode() + b"\xc0."
    problem = decode_source(data, PATH)
    assert isinstance(problem, SourceError)
    assert "cp1251" not in problem.message
    assert problem.text.startswith("Казахстан стал первой страной.")


def test_shown_line_is_cut_to_200_characters() -> None:
    problem = decode_source(("Я" * 500).encode("cp1251"), PATH)
    assert isinstance(problem, SourceError)
    assert problem.text == "Я" * 200


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        (["One.", "", "Two."], ["One.", "Two."]),
        (["First line", "continued", "", "Second"], ["First line continued", "Second"]),
        (["", "", "  One  ", "   ", "", "Two", "", ""], ["One", "Two"]),
        (["  Отступ", "\tи табуляция"], ["Отступ и табуляция"]),
        ([], []),
        (["", "  ", ""], []),
    ],
    ids=[
        "blank-line-splits",
        "lines-joined-with-a-space",
        "many-blank-lines",
        "inner-lines-stripped",
        "nothing",
        "only-blank",
    ],
)
def test_split_paragraphs(lines: list[str], paragraphs: list[str]) -> None:
    assert split_paragraphs(lines) == paragraphs


def test_characters_beyond_the_basic_plane_are_text() -> None:
    assert decode_source("Смайлик 😀 и 𝔸, 𠀋.".encode(), PATH) == "Смайлик 😀 и 𝔸, 𠀋."


@pytest.mark.parametrize(
    ("text", "message", "shown"),
    [
        ("abc\x1bdef", "control character U+001B at column 4", "abc\\x1bdef"),
        ("ab\ufdd0", "noncharacter U+FDD0 at column 3", "ab\\ufdd0"),
        ("a\nb\ufffe", "noncharacter U+FFFE at column 2", "b\\ufffe"),
        ("\U0010ffff", "noncharacter U+10FFFF at column 1", "\\U0010ffff"),
        ("😀 \U0002fffe", "noncharacter U+2FFFE at column 3", "😀 \\U0002fffe"),
    ],
    ids=["control", "noncharacter", "fffe-on-line-2", "last-noncharacter", "after-an-emoji"],
)
def test_characters_no_page_may_hold_are_reported(text: str, message: str, shown: str) -> None:
    # An HTML parser reports noncharacters as errors; XML forbids U+FFFE and U+FFFF.
    problem = decode_source(text.encode(), PATH)
    assert isinstance(problem, SourceError)
    assert (problem.line, problem.message, problem.text) == (text.count("\n") + 1, message, shown)
