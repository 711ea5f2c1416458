"""Turning a source file's bytes into clean text: UTF-8, no BOM, LF line ends."""

from __future__ import annotations

import re

from newsgen.errors import SourceError

_BINARY_SNIFF_BYTES = 8192
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def decode_source(data: bytes, path: str) -> str | SourceError:
    """Give the file's text with a BOM, CR line ends and trailing spaces removed."""
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        return SourceError(path, 1, "binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_SPACE.sub("", text)


def _not_utf8(data: bytes, exc: UnicodeDecodeError, path: str) -> SourceError:
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data[: exc.start].count(b"\n") + 1
    column = exc.start - line_start + 1
    message = f"not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column})"
    if _looks_like_cp1251(data):
        message += "; it looks like cp1251: convert it with `iconv -f cp1251 -t utf-8`"
    line_end = data.find(b"\n", exc.start)
    shown = data[line_start : line_end if line_end >= 0 else len(data)]
    return SourceError(path, line, message, shown.decode("utf-8", "replace")[:200])


def _looks_like_cp1251(data: bytes) -> bool:
    text = data.decode("cp1251", errors="replace")
    letters = sum(ch.isalpha() for ch in text)
    cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)
    return letters > 0 and cyrillic / letters > 0.5


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
