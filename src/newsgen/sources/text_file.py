"""Turning a source file's bytes into clean text: UTF-8, no BOM, LF line ends."""

from __future__ import annotations

import codecs
import re

from newsgen.errors import SourceError

_BINARY_SNIFF_BYTES = 8192
_TRAILING_CHARACTERS = " \t\u00a0"
_TRAILING_SPACE = re.compile(f"[{_TRAILING_CHARACTERS}]+$", re.MULTILINE)
# Characters XML 1.0 forbids or HTML calls parse errors: one would break every feed and
# page the article is on. Tab and line ends are fine; a stray CR was made a line end.
# Lone surrogates cannot be encoded at all; they come from escapes (YAML's "\uD800").
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
_CONTROL = re.compile(f"[{_CONTROLS}{_SURROGATES}{_NONCHARACTERS}]")
# The same, quick: a class of ranges is searched as fast as the controls alone (a class of
# the 32 noncharacters beyond U+FFFF made every file's check seven times slower), and a
# character beyond U+FFFF it finds (an emoji, mostly) is then looked at on its own.
_SUSPECT = re.compile(f"[{_CONTROLS}{_SURROGATES}\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")
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


def find_control_character(text: str) -> str | None:
    """Give the first character of `text` that no feed or page may hold, if there is one."""
    found = _first_forbidden(text)
    return found.group() if found else None


def _first_forbidden(text: str) -> re.Match[str] | None:
    found = _SUSPECT.search(text)
    while found and found.group() > "\uffff" and ord(found.group()) & 0xFFFE != 0xFFFE:
        found = _SUSPECT.search(text, found.end())  # beyond U+FFFF but not a noncharacter
    return found


def describe_character(character: str) -> str:
    """Name a character no feed or page may hold: `control character U+001B` and the like."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    elif code > 0x9F:
        kind = "noncharacter"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X}"


def replace_control_characters(text: str) -> str:
    """Give `text` with each character no feed or page may hold made U+FFFD, as HTML does."""
    return _CONTROL.sub("\ufffd", text) if _first_forbidden(text) else text


def _control_character_error(text: str, path: str) -> SourceError | None:
    found = _first_forbidden(text)
    if found is None:
        return None
    line_start = text.rfind("\n", 0, found.start()) + 1
    line_end = text.find("\n", found.start())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    column = found.start() - line_start + 1
    message = f"{describe_character(found.group())} at column {column}"
    shown = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), line)
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
