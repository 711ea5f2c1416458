"""Guessing an article's language from its letters, when the source does not say."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")
_SAMPLE_CHARS = 600


def detect_language(text: str) -> str:
    """Give `ru` when Cyrillic letters outnumber Latin ones in the text, else `en`."""
    sample = text[:_SAMPLE_CHARS]
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "ru" if cyrillic >= latin and cyrillic > 0 else "en"
