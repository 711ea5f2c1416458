"""Turning a source file's bytes into clean text: UTF-8, no BOM, LF line ends."""

from __future__ import annotations

import codecs
import re

from newsgen.errors import SourceError

_BINARY_SNIFF_BYTES = 8192
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def decode_source(data: bytes, path: str) -> str | SourceError:
    """Give the file's text with a BOM, CR line ends and trailing spaces removed."""
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        return SourceError(path, 1, "binary file, not text (it contains NUL bytes)")
    # Strip the BOM ourselves: with "utf-8-sig" an error's offset would not count it.
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_SPACE.sub("", text)


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
