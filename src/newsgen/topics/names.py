"""The keys names are compared by: one name written in several ways is one key."""

from __future__ import annotations

import functools
import re
import unicodedata

_SURNAME_ENDING = re.compile(r"(ов|ев|ин|ын|ск)(?:а|у|ым|ой|е|ого|ому|им)$")


@functools.lru_cache(maxsize=1 << 17)
def identity(name: str) -> str:
    """The identity of a name: case, ё/е, spacing and Unicode form (a macOS file's «й»
    as «и» and a breve) do not make a different one."""
    composed = unicodedata.normalize("NFC", name)
    return " ".join(composed.casefold().replace("ё", "е").split())


def surname_stem(word: str) -> str:
    """«Касымова», «Касымову», «Касымов» → «касымов»: a surname without its ending."""
    return _SURNAME_ENDING.sub(r"\1", identity(word))
