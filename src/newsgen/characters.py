"""Characters no feed or page may hold: finding, naming and replacing them.

Shared by the loader (source files) and the YAML readers (front matter, newsgen.yaml).
"""

from __future__ import annotations

import re

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


def find_control_character(text: str) -> str | None:
    """Give the first character of `text` that no feed or page may hold, if there is one."""
    found = first_forbidden(text)
    return found.group() if found else None


def first_forbidden(text: str) -> re.Match[str] | None:
    """Find the first character of `text` that no feed or page may hold."""
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
    return _CONTROL.sub("\ufffd", text) if first_forbidden(text) else text


def escape_forbidden(text: str) -> str:
    """Give `text` with each character no feed or page may hold written as its escape."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)
