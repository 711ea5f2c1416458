"""URL slugs: Cyrillic transliterated to Latin, lower case, words joined by hyphens."""

from __future__ import annotations

import re
import unicodedata

# A readable transliteration close to the one Russian passports and Yandex use.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe",
}  # fmt: skip
_TRANSLATION = str.maketrans(_CYRILLIC_TO_LATIN)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

MAX_SLUG_CHARS = 60


def transliterate(text: str) -> str:
    """Give `text` in lower-case Latin letters: Cyrillic transliterated, accents dropped."""
    latin = text.lower().translate(_TRANSLATION)
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """Give a URL slug of `text`, cut at a word boundary to at most `max_chars`."""
    words = [w for w in _NOT_SLUG.split(transliterate(text)) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_chars:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_chars]
    return slug


_USER_SLUG = re.compile(r"[\w][\w-]*")
# A file name may hold 255 bytes; a Cyrillic letter takes two of them in UTF-8.
MAX_USER_SLUG_BYTES = 200


def is_valid_slug(slug: str) -> bool:
    """Whether a hand-written slug is safe as one path segment: letters, digits, hyphens."""
    return bool(_USER_SLUG.fullmatch(slug)) and len(slug.encode()) <= MAX_USER_SLUG_BYTES
