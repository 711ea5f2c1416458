"""Turning a source file's bytes into clean text: UTF-8, no BOM, LF line ends."""

from __future__ import annotations

import codecs
import re

from newsgen.characters import describe_character, escape_forbidden, first_forbidden
from newsgen.errors import SourceError

_BINARY_SNIFF_BYTES = 8192
_TRAILING_CHARACTERS = " \t\u00a0"
_TRAILING_SPACE = re.compile(f"[{_TRAILING_CHARACTERS}]+$", re.MULTILINE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_source(data: bytes, path: str) -> str | SourceError:
    """Give the file's text with a BOM, CR line ends and trailing spaces removed."""
    if data.startswith(_UTF16_BOMS):
        message = "UTF-16 text, not UTF-8: convert it with `iconv -f utf-16 -t utf-8`"
        return SourceError(path, 1, message)
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        return SourceError(path, 1, "binary file, not text (it contains NUL bytes)")
    # Strip the BOM ourselves: with "utf-8-sig" an error's offset would not count it.
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_trailing_space(text):
        text = _TRAILING_SPACE.sub("", text)
    return _control_character_error(text, path) or text


def _has_trailing_space(text: str) -> bool:
    """Whether `_TRAILING_SPACE` would change `text` (plain searches, much faster)."""
    return text.endswith(tuple(_TRAILING_CHARACTERS)) or any(
        f"{character}\n" in text for character in _TRAILING_CHARACTERS
    )


def _control_character_error(text: str, path: str) -> SourceError | None:
    found = first_forbidden(text)
    if found is None:
        return None
    line_start = text.rfind("\n", 0, found.start()) + 1
    line_end = text.find("\n", found.start())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    column = found.start() - line_start + 1
    message = f"{describe_character(found.group())} at column {column}"
    shown = escape_forbidden(line)
    return SourceError(path, text.count("\n", 0, found.start()) + 1, message, shown[:200])


def _not_utf8(data: bytes, exc: UnicodeDecodeError, path: str) -> SourceError:
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data[: exc.start].count(b"\n") + 1
    # The column an editor shows counts characters; the bytes before the error are UTF-8.
    column = len(data[line_start : exc.start].decode("utf-8")) + 1
    message = f"not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column})"
    encoding = "utf-8"
    if _looks_like_cp1251(data):
        message += "; it looks like cp1251: convert it with `iconv -f cp1251 -t utf-8`"
        encoding = "cp1251"
    line_end = data.find(b"\n", exc.start)
    shown = data[line_start : line_end if line_end >= 0 else len(data)]
    return SourceError(path, line, message, shown.decode(encoding, "replace").rstrip("\r")[:200])


def _looks_like_cp1251(data: bytes) -> bool:
    # UTF-8 Russian text with one stray byte also reads as Cyrillic in cp1251: not that.
    as_utf8 = data.decode("utf-8", errors="replace")
    if _cyrillic_count(as_utf8) >= as_utf8.count("\ufffd"):
        return False
    text = data.decode("cp1251", errors="replace")
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and _cyrillic_count(text) / letters > 0.5


def _cyrillic_count(text: str) -> int:
    return sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)


def split_paragraphs(lines: list[str]) -> list[str]:
    """Give the paragraphs of `lines`: blocks split by blank lines, inner lines joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs
