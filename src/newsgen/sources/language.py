"""Guessing an article's language from its letters and words, when the source does not say.

Cyrillic text is Russian unless it has letters only Ukrainian or Kazakh use. Latin text
is told apart by its most common short words («the», «der», «le» …): a German article
must not be taken for English, or its capitalised nouns would become English topics.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яёА-ЯЁіїєґәғқңөұүһІЇЄҐӘҒҚҢӨҰҮҺ]+")  # runs: summed by length
_LATIN = re.compile(r"[a-zA-Zà-ÿÀ-ßąćęłńśźżğışœ]")
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 600

# Letters of Ukrainian and Kazakh that Russian does not have («і» is in both: Kazakh by
# its own letters first).
_CYRILLIC_LANGUAGES = (
    ("kk", re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]")),
    ("uk", re.compile("[іїєґІЇЄҐ]")),
)

# The commonest words of each language, English first: it wins a tie.
_FUNCTION_WORDS = {
    "en": "the and of to in is that for on with was said by at from it as has have are were",
    "de": "der die und das ist nicht mit den von zu sich auf für ein eine dem des im auch wird",
    "fr": "le la les et des est une du dans que pour pas sur au qui avec ce il elle sont",
    "es": "el la los las y de que en del por con para una es se al su como más fue",
    "it": "il di che e la per un una del della con non sono si da nel gli le è anche",
    "pt": "o a os as de que e do da em um uma para com não no na dos se é",
    "nl": "de het een en van is dat op te zijn met voor niet aan er ook als bij door wordt",
    "pl": "i w z na się nie do to że jest o jak ale po za od przez dla są oraz",
    "tr": "ve bir bu da de için ile olarak daha çok gibi en olan ama ne var sonra kadar değil",
}
_WORD_SETS = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}


def detect_language(text: str) -> str:
    """Give the language code of `text`: `ru` (or `uk`, `kk`), else a Latin-script one."""
    sample = text[:_SAMPLE_CHARS]
    cyrillic = sum(map(len, _CYRILLIC.findall(sample)))
    if cyrillic and cyrillic >= len(_LATIN.findall(sample)):
        return _cyrillic_language(sample, cyrillic)
    return _latin_language(sample)


def _cyrillic_language(sample: str, cyrillic: int) -> str:
    # A Ukrainian or Kazakh name quoted in a Russian article does not make it Ukrainian.
    enough = max(3, cyrillic // 100)
    for code, own in _CYRILLIC_LANGUAGES:
        if len(own.findall(sample)) >= enough:
            return code
    return "ru"


def _latin_language(sample: str) -> str:
    words = [word.lower() for word in _WORD.findall(sample)]
    scores = {code: sum(w in common for w in words) for code, common in _WORD_SETS.items()}
    return max(scores, key=lambda code: scores[code])  # the first of a tie: English
